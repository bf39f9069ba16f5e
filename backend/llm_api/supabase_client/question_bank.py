"""The curated question bank's rows (owner null, public, `bank_key` set)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from postgrest.types import ReturnMethod

from .connection import get_client
from .errors import translate_errors


def question_bank_keys() -> set[str]:
    with translate_errors():
        data = get_client().table("questions").select("bank_key").not_.is_("bank_key", "null").execute().data
    return {row["bank_key"] for row in data}


def question_bank_upsert(*, rows: list[Mapping[str, Any]]) -> int:
    """Insert or update curated questions by `bank_key` (one statement); how many were written."""
    if not rows:
        return 0
    with translate_errors():
        get_client().table("questions").upsert([dict(row) for row in rows], on_conflict="bank_key",
                                               returning=ReturnMethod.minimal).execute()
    return len(rows)


def question_bank_remove(*, keys: list[str]) -> None:
    """Drop curated questions no longer in the bank (answers that used them keep their text)."""
    if not keys:
        return
    with translate_errors():
        get_client().table("questions").delete().in_("bank_key", keys).execute()
