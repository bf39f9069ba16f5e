"""History, interview detail, statistics, dashboard and deletion: each read is one round trip.

The list, statistics, dashboard and progress reads are Postgres functions
(supabase_migrations/20261201170000_history.sql) that build their answer in SQL; the detail is
one PostgREST select embedding everything the interview holds. Deleting is `interview_delete`
(rows, and the interview's objects queued in `storage_deletions`, in one transaction), then
Storage, then `storage_deletions_done`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .connection import get_client
from .errors import SupabaseError, translate_errors
from .interviews import ANSWER_COLUMNS, INTERVIEW_COLUMNS, MESSAGE_COLUMNS, owned_filter
from .rpc import outcome_rpc
from .skill_gaps import COVERAGE_COLUMNS, GAP_COLUMNS

RECORDING_COLUMNS = "id,answer_id,kind,storage_path,content_type,size_bytes,duration_seconds,expires_at,created_at"
RESUME_REFERENCE_COLUMNS = "id,file_name,content_type,created_at"


def _call(name: str, params: Mapping[str, Any]) -> Any:
    with translate_errors():
        return get_client().rpc(name, dict(params)).execute().data


def interview_history(*, user_id: str, filters: Mapping[str, Any], ordering: str, limit: int,
                      offset: int) -> dict[str, Any]:
    """`{count, results}`: one page of the user's interview summaries and how many match."""
    data = _call("interview_history", {"p_user_id": user_id, "p_filters": dict(filters), "p_ordering": ordering,
                                       "p_limit": limit, "p_offset": offset})
    if not isinstance(data, dict) or "count" not in data:
        raise SupabaseError(upstream_message="interview_history answered without a count")
    return data


def interview_full(*, user_id: str, interview_id: str) -> dict[str, Any] | None:
    """The user's interview with its answers (by position), messages (by seq), skill gaps, coverage,
    recordings and resume reference, in one request; None when it is not the user's."""
    columns = (
        f"{INTERVIEW_COLUMNS},delivery_metrics,interview_answers({ANSWER_COLUMNS}),"
        f"interview_messages({MESSAGE_COLUMNS}),"
        f"skill_gaps({GAP_COLUMNS},answer_id,interview_answers(position)),"
        f"interview_coverage({COVERAGE_COLUMNS},interview_answers(position,question_text)),"
        f"recordings({RECORDING_COLUMNS}),resumes({RESUME_REFERENCE_COLUMNS})"
    )
    with translate_errors():
        data = (
            get_client().table("interviews").select(columns).eq("id", interview_id).or_(owned_filter(user_id))
            .order("position", foreign_table="interview_answers").order("seq", foreign_table="interview_messages")
            .order("created_at", foreign_table="recordings").limit(1).execute().data
        )
    return data[0] if data else None


def history_statistics(*, user_id: str) -> dict[str, Any]:
    data = _call("history_statistics", {"p_user_id": user_id})
    if not isinstance(data, dict):
        raise SupabaseError(upstream_message="history_statistics answered without statistics")
    return data


def history_dashboard(*, user_id: str, recent: int, gaps: int) -> dict[str, Any]:
    data = _call("history_dashboard", {"p_user_id": user_id, "p_recent": recent, "p_gaps": gaps})
    if not isinstance(data, dict) or "statistics" not in data:
        raise SupabaseError(upstream_message="history_dashboard answered without statistics")
    return data


def history_progress(*, user_id: str, limit: int) -> list[dict[str, Any]]:
    data = _call("history_progress", {"p_user_id": user_id, "p_limit": limit})
    if not isinstance(data, list):
        raise SupabaseError(upstream_message="history_progress answered without a list")
    return data


def interview_delete(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """Delete the user's interview; `{outcome: deleted|pending|not_found, objects: [{id, bucket, path}]}`:
    the objects still to remove from Storage (queued in the same transaction)."""
    return outcome_rpc("interview_delete", {"p_user_id": user_id, "p_interview_id": interview_id})


def storage_deletions_done(*, user_id: str, done: list[str], failed: list[str], error: str | None) -> dict[str, Any]:
    return _call("storage_deletions_done", {"p_user_id": user_id, "p_done": done, "p_failed": failed,
                                            "p_error": error})
