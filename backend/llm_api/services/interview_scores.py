"""Scoring an interview's answers: as each question closes (in the background), what is still
missing at `end` (in parallel, bounded), "why this score", and retries of a question.

Scores are stored with the interview's own rows: on `interview_answers` while the interview
is active (`interview_answer_score`, only for the exact text scored), by `finish_interview`
at the end, and retries in `answer_attempts`. A process that dies before scoring an answer
loses nothing: `end` scores every answer that has no score of the current rubric version.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError
from backend.llm_api.services.interview_engine import EngineState, PlannedQuestion
from backend.llm_api.services.scoring import AnswerScore, Scorer, score_answer, scorer_from_settings
from backend.llm_api.services.scoring.rubric import DIMENSIONS, RUBRIC_VERSION, dimensions_for

logger = logging.getLogger(__name__)

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=max(1, int(settings.SCORING_WORKERS)),
                                       thread_name_prefix="answer-scoring")
        return _pool


def scoring_drain() -> None:
    """Wait for the answers being scored in the background, then let the pool go (a later job starts a new one)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)


def _payload(scored: AnswerScore) -> dict[str, Any]:
    return {"score": scored.score, "feedback": scored.feedback(), "evidence": scored.evidence,
            "scoring_engine": scored.engine, "rubric_version": scored.rubric_version}


def score_closed_answer(*, user_id: str, interview_id: str, question: PlannedQuestion, answer_text: str,
                        scorer: Scorer | None = None) -> AnswerScore:
    """Score an answer whose question just closed and store it with the answer."""
    scored = score_answer(question=question, answer=answer_text, scorer=scorer or scorer_from_settings())
    supabase_client.interview_answer_score(user_id=user_id, interview_id=interview_id, position=question.position,
                                           answer_text=answer_text, score=_payload(scored))
    return scored


def schedule_closed_answer(*, user_id: str, interview_id: str, question: PlannedQuestion, answer_text: str) -> None:
    """Score it off the reply's critical path; failures only mean `end` scores it instead."""
    if not answer_text.strip():
        return

    def job() -> None:
        try:
            score_closed_answer(user_id=user_id, interview_id=interview_id, question=question, answer_text=answer_text)
        except Exception:  # noqa: BLE001 - a background job must not die silently, nor kill the pool
            logger.exception("scoring answer %s of interview %s failed; `end` will score it", question.position,
                             interview_id)

    _executor().submit(contextvars.copy_context().run, job)  # keeps the request id on its log lines


def scores_for_end(*, plan: list[PlannedQuestion], answers: dict[int, dict[str, Any]]) -> dict[int, AnswerScore]:
    """Every answered question's score: the stored one when current, else scored now (in parallel)."""
    by_position = {question.position: question for question in plan}
    scores: dict[int, AnswerScore] = {}
    missing = []
    for position, row in answers.items():
        text = str(row.get("answer_text") or "")
        if row.get("skipped") or not text.strip() or position not in by_position:
            continue
        stored = AnswerScore.from_stored(position=position, row=row)
        if stored is not None:
            scores[position] = stored
        else:
            missing.append((by_position[position], text))
    if missing:
        scorer = scorer_from_settings()
        jobs = [_executor().submit(contextvars.copy_context().run, score_answer,
                                   question=question, answer=text, scorer=scorer)
                for question, text in missing]
        for (question, _), job in zip(missing, jobs, strict=True):
            scores[question.position] = job.result()
    return scores


# Why this score, and retries ---------------------------------------------------------------


class AnswerNotFound(supabase_client.NotFound):
    default_code = "answer_not_found"
    default_detail = "The interview has no answer at that position."


class NotScoredYet(AppError):
    status_code = 409
    default_code = "not_scored"
    default_detail = "That answer has not been scored yet: it is scored when its question closes."


def _answer_context(*, user_id: str, interview_id: str, position: int) -> tuple[dict, dict, PlannedQuestion]:
    from backend.llm_api.services.interviews import InterviewNotFound

    row = supabase_client.interview_get(user_id=user_id, interview_id=interview_id, with_answers=True)
    if row is None:
        raise InterviewNotFound()
    answer = next((a for a in row.get("interview_answers") or [] if a["position"] == position), None)
    plan = {q.position: q for q in EngineState.from_state(row["engine_state"]).plan} if row.get("engine_state") \
        and row["engine_state"].get("plan") else {}
    if answer is None or position not in plan:
        raise AnswerNotFound()
    return row, answer, plan[position]


def explanation(scored: AnswerScore, question: PlannedQuestion) -> dict[str, Any]:
    dimensions = []
    order = list(dimensions_for(question.interview_type))
    for dimension in sorted(scored.dimensions, key=lambda d: order.index(d.name) if d.name in order else len(order)):
        next_level = min(5, dimension.level + 1)
        dimensions.append({
            "name": dimension.name, "label": DIMENSIONS[dimension.name].label, "level": dimension.level,
            "score": dimension.score, "anchor": dimension.anchor, "quotes": list(dimension.quotes),
            "capped": dimension.capped,
            "to_raise_it": None if dimension.level == 5 else {
                "next_anchor": DIMENSIONS[dimension.name].anchors.get(next_level)
                or DIMENSIONS[dimension.name].anchors[next_level + 1],
                "advice": DIMENSIONS[dimension.name].advice,
                "rubric_points": list(scored.missed)},
        })
    return {"position": scored.position, "question": question.text, "interview_type": question.interview_type,
            "score": scored.score, "guard": scored.guard, "scoring_engine": scored.engine,
            "rubric_version": scored.rubric_version, "rubric_points_covered": list(scored.covered),
            "rubric_points_missed": list(scored.missed), "dimensions": dimensions, "fallback": scored.fallback}


def answer_explain(*, user_id: str, interview_id: str, position: int) -> dict[str, Any]:
    """Per dimension: the anchor reached, the quotes behind it, and what would have raised it."""
    _, answer, question = _answer_context(user_id=user_id, interview_id=interview_id, position=position)
    scored = AnswerScore.from_stored(position=position, row=answer)
    if scored is None:
        if answer.get("skipped") or not str(answer.get("answer_text") or "").strip():
            raise NotScoredYet("That question was not answered.", code="not_answered")
        raise NotScoredYet()
    attempts = supabase_client.answer_attempts(user_id=user_id, interview_id=interview_id, position=position)
    return {**explanation(scored, question), "answer_text": answer.get("answer_text"),
            "attempts": [_attempt_view(attempt, scored) for attempt in attempts]}


def _attempt_view(attempt: dict[str, Any], original: AnswerScore) -> dict[str, Any]:
    levels = (attempt.get("feedback") or {}).get("dimensions") or {}
    change = {name: {"before": d.level, "after": levels[name]["level"], "change": levels[name]["level"] - d.level}
              for d in original.dimensions for name in [d.name] if name in levels}
    return {"attempt": attempt["attempt"], "content": attempt["content"], "score": float(attempt["score"]),
            "score_change": round(float(attempt["score"]) - original.score, 1), "dimensions": change,
            "evidence": attempt.get("evidence") or [], "scoring_engine": attempt["scoring_engine"],
            "rubric_version": attempt["rubric_version"], "created_at": attempt["created_at"]}


def answer_retry(*, user_id: str, interview_id: str, position: int, content: str) -> dict[str, Any]:
    """A new attempt at the question, scored with the same rubric version, kept beside the others."""
    _, answer, question = _answer_context(user_id=user_id, interview_id=interview_id, position=position)
    original = AnswerScore.from_stored(position=position, row=answer)
    if original is None:
        text = str(answer.get("answer_text") or "")
        if answer.get("skipped") or not text.strip():
            raise NotScoredYet("That question was not answered: there is nothing to retry.", code="not_answered")
        original = score_answer(question=question, answer=text, scorer=scorer_from_settings())
    scored = score_answer(question=question, answer=content, scorer=scorer_from_settings())
    added = supabase_client.answer_attempt_add(
        user_id=user_id, interview_id=interview_id, position=position,
        attempt={"content": content, **_payload(scored), "rubric_version": RUBRIC_VERSION})
    if added["outcome"] != "added":
        raise AnswerNotFound()
    return {**_attempt_view(added["attempt"], original), "original_score": original.score,
            "explanation": explanation(scored, question)}
