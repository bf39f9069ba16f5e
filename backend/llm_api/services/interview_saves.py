"""Seed 001's `POST /api/interviews/save`: a finished interview, scored by the client, stored
with its conversation in one transaction (`public.save_interview`).

The owner is always the verified caller: a `user_id` in the body is checked against the token
(a different one is refused) and, without a token, not trusted at all: the save is anonymous.
The seed's scores are 1-10; storage and every other API answer use 0-100, so they are stored
times ten, marked as the client's (`scoring_engine`) on the seed's scale (`rubric_version`);
the seed's feedback object is kept as sent in `feedback`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError

SCORING_ENGINE = "client"
RUBRIC_VERSION = "seed-001-1to10"
MAX_MESSAGES = 200
MAX_MESSAGE_CHARS = 20_000
MAX_CONVERSATION_CHARS = 500_000  # the whole conversation; keeps bodies under Django's 2.5 MB
MAX_QUESTIONS = 50
# the seed's speaker names -> interview_messages.role
MESSAGE_ROLES = {"interviewer": "interviewer", "user": "candidate", "candidate": "candidate"}
SCORE_FIELDS = {"overallScore": "overall_score", "communicationScore": "communication_score",
                "technicalScore": "technical_score"}
ANONYMOUS_NOTICE = ("user_id was ignored: only a signed-in caller's token says who owns an interview, "
                    "so it was saved anonymously.")


class UserMismatch(AppError):
    status_code = 403
    default_code = "user_mismatch"
    default_detail = "user_id does not match the signed-in user."


@dataclass(frozen=True)
class SavedInterview:
    interview: dict[str, Any]
    notice: str | None  # set when the body's user_id was not trusted


def _stored_score(value: float) -> float:
    return round(float(value) * 10, 2)


def _seed_role(role: str) -> str:
    return "user" if role == "candidate" else role


def interview_save(
    *,
    caller_id: str | None,
    claimed_user_id: str | None,
    job_role: str,
    experience_level: str,
    interview_type: str,
    conversation: Sequence[Mapping[str, str]],
    feedback: Mapping[str, Any],
    question_count: int | None = None,
    title: str | None = None,
) -> SavedInterview:
    """Store the interview for `caller_id` (None: anonymous) with values already validated and
    normalised (experience_level/interview_type as stored, scores 1-10)."""
    if caller_id is not None and claimed_user_id is not None and claimed_user_id != caller_id:
        raise UserMismatch()
    notice = ANONYMOUS_NOTICE if caller_id is None and claimed_user_id is not None else None
    messages = [{"role": MESSAGE_ROLES[m["role"]], "content": m["content"]} for m in conversation]
    asked = sum(1 for m in messages if m["role"] == "interviewer")
    planned = question_count if question_count is not None else max(1, min(MAX_QUESTIONS, asked))
    interview: dict[str, Any] = {
        "job_role": job_role, "experience_level": experience_level, "interview_type": interview_type,
        "planned_questions": planned, "feedback": dict(feedback),
        "scoring_engine": SCORING_ENGINE, "rubric_version": RUBRIC_VERSION,
        **{column: _stored_score(feedback[key]) for key, column in SCORE_FIELDS.items()},
    }
    if title:
        interview["title"] = title
    row = supabase_client.interview_save(user_id=caller_id, interview=interview, conversation=messages)
    data = {
        "id": row["id"], "user_id": row.get("user_id"), "anonymous": row.get("user_id") is None,
        "title": row.get("title"), "job_role": row["job_role"], "experience_level": row["experience_level"],
        "interview_type": row["interview_type"], "status": row["status"],
        "question_count": row["planned_questions"], "planned_questions": row["planned_questions"],
        "answered_count": row["answered_count"], "message_count": len(messages),
        "conversation": [{"role": _seed_role(m["role"]), "content": m["content"]} for m in messages],
        "feedback": row.get("feedback") or {},
        "overall_score": row.get("overall_score"), "communication_score": row.get("communication_score"),
        "technical_score": row.get("technical_score"), "scoring_engine": row.get("scoring_engine"),
        "rubric_version": row.get("rubric_version"), "completed_at": row.get("completed_at"),
        "created_at": row["created_at"], "updated_at": row["updated_at"],
    }
    return SavedInterview(data, notice)
