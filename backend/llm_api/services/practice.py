"""Practice one question: instant feedback on a single answer, without an interview.

The same scorer and the same output as an interview's "why this score", so a practised
answer scores exactly what it would in an interview. A bank question (or one's own) brings
its rubric; a free-text question is scored on its type's dimensions without rubric points.
Throttled per user (PRACTICE_THROTTLE_*), counted in Postgres like the other throttles.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import TooManyRequests
from backend.llm_api.services.interview_engine import PlannedQuestion
from backend.llm_api.services.interview_scores import explanation
from backend.llm_api.services.scoring import score_answer, scorer_from_settings


class QuestionNotFound(supabase_client.NotFound):
    default_code = "question_not_found"
    default_detail = "No such question."


def _throttle(user_id: str) -> None:
    wait = supabase_client.rate_limit_hit(bucket=f"practice:user:{user_id}",
                                          limit=int(settings.PRACTICE_THROTTLE_PER_USER),
                                          window_seconds=int(settings.PRACTICE_THROTTLE_WINDOW_SECONDS))
    if wait:
        raise TooManyRequests(wait, f"Too many practice answers; try again in {wait} seconds.")


def practice_score(*, user_id: str, answer: str, question_id: str | None = None, question_text: str | None = None,
                   interview_type: str | None = None) -> dict[str, Any]:
    _throttle(user_id)
    if question_id:
        row = supabase_client.question_get(user_id=user_id, question_id=question_id)
        if row is None:
            raise QuestionNotFound()
        question = PlannedQuestion(
            position=1, text=row["question_text"], interview_type=row["interview_type"],
            category=row.get("category") or "", difficulty=row.get("difficulty") or "medium", question_id=row["id"],
            bank_key=None, skills=tuple(row.get("skills") or ()), rubric=row.get("rubric") or {},
            follow_ups=tuple(row.get("follow_ups") or ()))
    else:
        question = PlannedQuestion(position=1, text=str(question_text), interview_type=str(interview_type),
                                   category="", difficulty="medium", question_id=None, bank_key=None, skills=(),
                                   rubric={}, follow_ups=())
    scored = score_answer(question=question, answer=answer, scorer=scorer_from_settings())
    return {**explanation(scored, question), "question_id": question.question_id, "evidence": scored.evidence}
