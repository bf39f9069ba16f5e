"""`skill_gaps` and `interview_coverage` rows (written by `finish_interview`), read for coaching.

Every read is scoped by `user_id`: the gaps by their own `user_id` column (copied from the
interview's owner by trigger), an interview's gaps and coverage through the interview row,
which must be the user's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .connection import get_client
from .errors import translate_errors
from .interviews import owned_filter

CHUNK = 1000  # rows per request when reading everything (Supabase caps a response at its max-rows)

GAP_COLUMNS = "id,interview_id,skill,skill_key,severity,evidence,recommendation,resources,created_at"
COVERAGE_COLUMNS = "id,source,item,item_key,status,evidence"


def _all_rows(query: Callable[[], Any]) -> list[dict[str, Any]]:
    """Every row of `query()` (a fresh, ordered builder per call), read CHUNK rows at a time."""
    rows: list[dict[str, Any]] = []
    while True:
        with translate_errors():
            data = query().range(len(rows), len(rows) + CHUNK - 1).execute().data
        rows.extend(data)
        if len(data) < CHUNK:
            return rows


def skill_gap_rows(*, user_id: str) -> list[dict[str, Any]]:
    """Every skill gap recorded for the user, oldest first, each with `interviews: {status, completed_at}`."""
    return _all_rows(lambda: (
        get_client().table("skill_gaps").select(f"{GAP_COLUMNS},interviews!inner(status,completed_at)")
        .eq("user_id", user_id).order("created_at").order("id")
    ))


def answered_questions_since(*, user_id: str, completed_after: str) -> list[dict[str, Any]]:
    """The questions the user answered (not skipped) in their completed interviews finished after
    `completed_after` (ISO 8601): `category`, `questions: {skills} | null` (the question asked, when it
    still exists) and `interviews: {id, completed_at}`."""
    return _all_rows(lambda: (
        get_client().table("interview_answers")
        .select("id,category,answer_text,questions(skills),interviews!inner(id,user_id,status,completed_at)")
        .eq("interviews.user_id", user_id).eq("interviews.status", "completed")
        .gt("interviews.completed_at", completed_after)
        .eq("skipped", False).not_.is_("answer_text", "null")
        .order("id")
    ))


def interview_skill_gaps(*, user_id: str, interview_id: str) -> list[dict[str, Any]] | None:
    """The user's interview's skill gaps, each with `interview_answers: {position} | null`; None when the
    interview is not the user's (or does not exist)."""
    with translate_errors():
        data = (
            get_client().table("interviews")
            .select(f"id,skill_gaps({GAP_COLUMNS},interview_answers(position))")
            .eq("id", interview_id).or_(owned_filter(user_id)).limit(1).execute().data
        )
    return list(data[0].get("skill_gaps") or []) if data else None


def interview_coverage(*, user_id: str, interview_id: str) -> list[dict[str, Any]] | None:
    """The user's interview's coverage map, each item with `interview_answers: {position, question_text} | null`
    (the question that probed it); None when the interview is not the user's (or does not exist)."""
    with translate_errors():
        data = (
            get_client().table("interviews")
            .select(f"id,interview_coverage({COVERAGE_COLUMNS},interview_answers(position,question_text))")
            .eq("id", interview_id).or_(owned_filter(user_id)).limit(1).execute().data
        )
    return list(data[0].get("interview_coverage") or []) if data else None
