"""`reports` rows: one generated PDF per interview, always the user's own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .connection import get_client
from .errors import SupabaseError, translate_errors
from .paging import counted_page

REPORT_COLUMNS = "id,user_id,interview_id,storage_path,size_bytes,page_count,interview_version,generated_at,created_at"


def report_get(*, user_id: str, report_id: str) -> dict[str, Any] | None:
    with translate_errors():
        response = (get_client().table("reports").select(REPORT_COLUMNS).eq("id", report_id).eq("user_id", user_id)
                    .limit(1).execute())
    return response.data[0] if response.data else None


def report_for_interview(*, user_id: str, interview_id: str) -> dict[str, Any] | None:
    with translate_errors():
        response = (get_client().table("reports").select(REPORT_COLUMNS).eq("interview_id", interview_id)
                    .eq("user_id", user_id).limit(1).execute())
    return response.data[0] if response.data else None


def report_list(*, user_id: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """A page of the user's reports, newest first, and how many they have (a page past the end is empty)."""
    return counted_page(
        lambda start, size: (get_client().table("reports").select(REPORT_COLUMNS, count="exact")
                             .eq("user_id", user_id).order("generated_at", desc=True).order("id", desc=True)
                             .range(start, start + size - 1).execute()),
        offset=offset, limit=limit)


def report_save(*, user_id: str, interview_id: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """Insert the interview's report, or replace the one it has (one per interview)."""
    values = {**dict(row), "user_id": user_id, "interview_id": interview_id}
    with translate_errors():
        response = (get_client().table("reports").upsert(values, on_conflict="interview_id").execute())
    if not response.data or response.data[0].get("user_id") != user_id:
        raise SupabaseError(upstream_message="upsert answered without the row")
    return {key: response.data[0].get(key) for key in REPORT_COLUMNS.split(",")}
