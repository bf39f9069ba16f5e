"""Seed 001's saved interviews: the row and its conversation through one Postgres function."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .connection import get_client
from .errors import SupabaseError, translate_errors


def interview_save(
    *, user_id: str | None, interview: Mapping[str, Any], conversation: Sequence[Mapping[str, str]]
) -> dict[str, Any]:
    """Store a finished interview and its conversation together (`public.save_interview`); the
    interview row. `user_id` is the verified caller, or None for an anonymous save."""
    with translate_errors():
        response = get_client().rpc("save_interview", {
            "p_user_id": user_id, "p_interview": dict(interview), "p_conversation": [dict(m) for m in conversation],
        }).execute()
    row = response.data[0] if isinstance(response.data, list) and response.data else response.data
    if not isinstance(row, dict) or not row.get("id"):
        raise SupabaseError(upstream_message="save_interview answered without the row")
    return row
