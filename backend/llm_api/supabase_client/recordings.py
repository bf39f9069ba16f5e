"""`recordings` rows (scoped through their interview's owner), the delivery metrics spoken
answers leave on `interview_answers` and `interviews`, and streamed uploads."""

from __future__ import annotations

from collections.abc import Mapping
from io import BufferedReader
from typing import IO, Any

from .connection import get_client
from .errors import SupabaseError, translate_errors
from .interviews import owned_filter
from .storage import _own_path

RECORDING_COLUMNS = (
    "id,interview_id,answer_id,kind,storage_path,content_type,size_bytes,duration_seconds,duration_source,"
    "transcript,delivery_metrics,client_message_id,expires_at,created_at,updated_at"
)
_OWNED = RECORDING_COLUMNS + ",interviews!inner(user_id,scheduled_by),interview_answers(position)"


def _plain(row: Mapping[str, Any]) -> dict[str, Any]:
    answer = row.get("interview_answers") or {}
    return {**{key: row.get(key) for key in RECORDING_COLUMNS.split(",")},
            "answer_position": answer.get("position") if isinstance(answer, dict) else None}


def storage_upload_file(*, user_id: str, bucket: str, path: str, file: IO[bytes], content_type: str) -> str:
    """Store an open binary file at `path` (inside the user's folder), streamed 64 KiB at a time.

    storage3 streams a BufferedReader (httpx reads it in chunks) but sends anything else as one
    bytes object, which the file would first be read into, and which httpcore then copies (the
    unsent rest) after every partial socket send; so an in-memory file is wrapped, not read.
    """
    streamed = file if isinstance(file, BufferedReader) else BufferedReader(file)
    try:
        with translate_errors():
            get_client().storage.from_(bucket).upload(
                _own_path(user_id, path), streamed, {"content-type": content_type, "upsert": "false"})
    finally:
        if streamed is not file:
            streamed.detach()  # the caller's file stays open
    return path


def recording_insert(*, user_id: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """Insert a recording of one of the user's interviews (the caller checked the interview is theirs)."""
    _own_path(user_id, str(row["storage_path"]))
    with translate_errors():
        response = get_client().table("recordings").insert(dict(row)).execute()
    if not response.data:
        raise SupabaseError(upstream_message="insert answered without the row")
    found = recording_get(user_id=user_id, recording_id=response.data[0]["id"])
    assert found is not None
    return found


def _select():
    return get_client().table("recordings").select(_OWNED)


def recording_get(*, user_id: str, recording_id: str) -> dict[str, Any] | None:
    with translate_errors():
        response = _select().eq("id", recording_id).or_(owned_filter(user_id), reference_table="interviews").limit(1).execute()
    return _plain(response.data[0]) if response.data else None


def recording_for_message(*, user_id: str, interview_id: str, client_message_id: str) -> dict[str, Any] | None:
    """The audio a spoken answer with this client message id left, if any."""
    with translate_errors():
        response = (_select().eq("interview_id", interview_id).eq("client_message_id", client_message_id)
                    .or_(owned_filter(user_id), reference_table="interviews").limit(1).execute())
    return _plain(response.data[0]) if response.data else None


def recording_list(*, user_id: str, interview_id: str) -> list[dict[str, Any]]:
    """The interview's recordings, oldest first (none when the interview is someone else's)."""
    with translate_errors():
        response = (_select().eq("interview_id", interview_id).or_(owned_filter(user_id), reference_table="interviews")
                    .order("created_at").order("id").execute())
    return [_plain(row) for row in response.data]


def recording_update(*, user_id: str, recording_id: str, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    if recording_get(user_id=user_id, recording_id=recording_id) is None:
        return None
    with translate_errors():
        get_client().table("recordings").update(dict(changes)).eq("id", recording_id).execute()
    return recording_get(user_id=user_id, recording_id=recording_id)


def recording_delete(*, user_id: str, recording_id: str) -> dict[str, Any] | None:
    """Delete the user's recording row; the deleted row, or None when there is none."""
    found = recording_get(user_id=user_id, recording_id=recording_id)
    if found is None:
        return None
    with translate_errors():
        get_client().table("recordings").delete().eq("id", recording_id).eq(
            "interview_id", found["interview_id"]).execute()
    return found


def recordings_expired(*, before: str, limit: int) -> list[dict[str, Any]]:
    """Recordings of every user past their expiry, each with its owner's `user_id` (the purge's
    worklist, the one cross-user read: deletions then go through the per-user functions)."""
    with translate_errors():
        response = (get_client().table("recordings").select("id,storage_path,expires_at,interviews!inner(user_id,scheduled_by)")
                    .lt("expires_at", before).order("expires_at").order("id").limit(limit).execute())
    return [{"id": row["id"], "storage_path": row["storage_path"], "expires_at": row["expires_at"],
             "user_id": row["interviews"]["user_id"] or row["interviews"]["scheduled_by"]} for row in response.data]


def answer_delivery_metrics_set(*, user_id: str, interview_id: str, answer_id: str,
                                metrics: Mapping[str, Any]) -> None:
    with translate_errors():
        owned = (get_client().table("interviews").select("id").eq("id", interview_id).or_(owned_filter(user_id))
                 .limit(1).execute())
        if not owned.data:
            return
        get_client().table("interview_answers").update({"delivery_metrics": dict(metrics)}).eq(
            "id", answer_id).eq("interview_id", interview_id).execute()


def interview_delivery_metrics_set(*, user_id: str, interview_id: str, metrics: Mapping[str, Any]) -> None:
    with translate_errors():
        get_client().table("interviews").update({"delivery_metrics": dict(metrics)}).eq(
            "id", interview_id).or_(owned_filter(user_id)).execute()


def interview_delivery_metrics(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """The interview's stored delivery metrics ({} when none, or not the user's)."""
    with translate_errors():
        response = (get_client().table("interviews").select("delivery_metrics").eq("id", interview_id)
                    .or_(owned_filter(user_id)).limit(1).execute())
    return dict(response.data[0].get("delivery_metrics") or {}) if response.data else {}
