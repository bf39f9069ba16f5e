"""Coding problems (server-only rows) and code submissions (written as turns by `interview_accept`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from postgrest.types import ReturnMethod

from .connection import get_client
from .errors import translate_errors

SUBMISSION_COLUMNS = ("id,position,seq,language,source,results,passed_visible,total_visible,passed_hidden,"
                      "total_hidden,solved,status,runner,created_at")


def coding_problems_upsert(*, rows: list[Mapping[str, Any]]) -> int:
    if not rows:
        return 0
    with translate_errors():
        get_client().table("coding_problems").upsert([dict(row) for row in rows], on_conflict="bank_key",
                                                     returning=ReturnMethod.minimal).execute()
    return len(rows)


def coding_problem_keys() -> set[str]:
    """The bank keys of the questions that have a runnable problem."""
    with translate_errors():
        data = get_client().table("coding_problems").select("bank_key").execute().data
    return {row["bank_key"] for row in data}


def coding_problem_get(*, bank_key: str) -> dict[str, Any] | None:
    """A problem with its hidden tests (the service decides what a client sees)."""
    with translate_errors():
        data = (get_client().table("coding_problems").select("bank_key,problem,hidden_tests,version")
                .eq("bank_key", bank_key).limit(1).execute().data)
    return data[0] if data else None


def code_submissions(*, user_id: str, interview_id: str, position: int | None = None) -> list[dict[str, Any]]:
    """The user's submissions of one interview (of one question), in order."""
    with translate_errors():
        query = (get_client().table("code_submissions").select(SUBMISSION_COLUMNS)
                 .eq("user_id", user_id).eq("interview_id", interview_id))
        if position is not None:
            query = query.eq("position", position)
        data = query.order("position").order("seq").execute().data
    return list(data)
