"""`resumes` rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .connection import get_client
from .errors import SupabaseError, translate_errors
from .paging import counted_page

RESUME_COLUMNS = (
    "id,user_id,file_name,storage_path,content_type,size_bytes,page_count,parsed,corrections,parser,"
    "parsed_at,created_at,updated_at"
)


def resume_insert(*, user_id: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """Insert one of the user's resumes (`row` without `user_id`); the stored row."""
    with translate_errors():
        response = get_client().table("resumes").insert({**dict(row), "user_id": user_id}).execute()
    if not response.data:
        raise SupabaseError(upstream_message="insert answered without the row")
    return {key: response.data[0].get(key) for key in RESUME_COLUMNS.split(",")}


def resume_get(*, user_id: str, resume_id: str, with_text: bool = False) -> dict[str, Any] | None:
    """The user's resume, or None (also when it belongs to someone else)."""
    columns = RESUME_COLUMNS + (",extracted_text" if with_text else "")
    with translate_errors():
        response = (
            get_client().table("resumes").select(columns).eq("id", resume_id).eq("user_id", user_id)
            .limit(1).execute()
        )
    return response.data[0] if response.data else None


def resume_list(*, user_id: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """A page of the user's resumes, newest first, and how many they have (a page past the end is empty)."""

    def page(start: int, size: int):
        return (
            get_client().table("resumes").select(RESUME_COLUMNS, count="exact").eq("user_id", user_id)
            .order("created_at", desc=True).order("id", desc=True).range(start, start + size - 1).execute()
        )

    return counted_page(page, offset=offset, limit=limit)


def resume_update(*, user_id: str, resume_id: str, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    """Write `changes` to the user's resume; the row, or None when there is no such resume."""
    with translate_errors():
        response = (
            get_client().table("resumes").update(dict(changes)).eq("id", resume_id).eq("user_id", user_id)
            .execute()
        )
    if not response.data:
        return None
    return {key: response.data[0].get(key) for key in RESUME_COLUMNS.split(",")}


def resume_delete(*, user_id: str, resume_id: str) -> bool:
    """Delete the user's resume row (interviews keep theirs, with `resume_id` cleared); False if none."""
    with translate_errors():
        response = get_client().table("resumes").delete().eq("id", resume_id).eq("user_id", user_id).execute()
    return bool(response.data)
