"""Recordings (audio, video, screen) of an interview in the private `interview-recordings`
bucket at `{user_id}/{interview_id}/<generated name>`, checked by their bytes, streamed to
storage from Django's temporary upload file (never read whole), listed with signed playback
URLs, deleted row and object together, and purged when they expire; transcriptions; and the
spoken answer turn (audio in, transcript as the candidate's message, delivery metrics)."""

from __future__ import annotations

import io
import logging
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import IO, Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError
from backend.llm_api.services import delivery, transcription
from backend.llm_api.services.media import SNIFF_BYTES, MediaTooLarge, duration_from_file, media_for_kind

logger = logging.getLogger(__name__)

BUCKET = "interview-recordings"
MULTIPART_OVERHEAD = 64 * 1024


class RecordingNotFound(supabase_client.NotFound):
    default_code = "recording_not_found"
    default_detail = "No such recording."


class InvalidRecording(AppError):
    status_code = 422
    default_code = "validation_error"


def _interview_not_found() -> AppError:
    from backend.llm_api.services.interviews import InterviewNotFound

    return InterviewNotFound()


def limit_for(kind: str) -> int:
    return int(settings.RECORDINGS_MAX_AUDIO_BYTES if kind == "audio" else settings.RECORDINGS_MAX_VIDEO_BYTES)


def largest_recording_bytes() -> int:
    return max(limit_for("audio"), limit_for("video"))


def check_request_size(*, content_length: str | int | None, max_bytes: int) -> None:
    """413 before the body is parsed when it cannot hold an acceptable file."""
    try:
        length = int(content_length or 0)
    except (TypeError, ValueError):
        return
    if length > max_bytes + MULTIPART_OVERHEAD:
        raise MediaTooLarge(f"The file is larger than {max_bytes / (1024 * 1024):g} MB.",
                            details={"max_bytes": max_bytes})


@contextmanager
def _opened(upload: Any) -> Iterator[IO[bytes]]:
    """The upload as a readable binary file: Django's temporary file reopened (streamed from disk),
    or an in-memory one (a caller's own; the views send every file to disk)."""
    path = getattr(upload, "temporary_file_path", None)
    if path is not None:
        with open(path(), "rb") as handle:
            yield handle
        return
    upload.seek(0)
    yield upload.file if hasattr(upload, "file") else upload


def _head(file: IO[bytes]) -> bytes:
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return head


def _expires_at() -> str | None:
    days = int(settings.RECORDINGS_RETENTION_DAYS)
    return (datetime.now(UTC) + timedelta(days=days)).isoformat() if days > 0 else None


def _view(row: Mapping[str, Any], url: str | None) -> dict[str, Any]:
    duration = row.get("duration_seconds")
    return {"id": row["id"], "interview_id": row["interview_id"], "answer_id": row.get("answer_id"),
            "answer_position": row.get("answer_position"), "kind": row["kind"], "content_type": row["content_type"],
            "size_bytes": int(row["size_bytes"]), "duration_seconds": float(duration) if duration is not None else None,
            "duration_source": row.get("duration_source"), "transcript": row.get("transcript"),
            "delivery_metrics": row.get("delivery_metrics"), "url": url,
            "url_expires_in": int(settings.RECORDINGS_SIGNED_URL_SECONDS) if url else None,
            "expires_at": row.get("expires_at"), "created_at": row["created_at"]}


def _signed(user_id: str, rows: list[Mapping[str, Any]]) -> dict[str, str]:
    return supabase_client.storage_signed_urls(user_id=user_id, bucket=BUCKET,
                                               paths=[row["storage_path"] for row in rows],
                                               expires_in=int(settings.RECORDINGS_SIGNED_URL_SECONDS))


def _store(*, user_id: str, interview_id: str, file: IO[bytes], size: int, kind: str, extra: Mapping[str, Any],
           duration_seconds: float | None) -> dict[str, Any]:
    """Check, stream to storage and record one recording; the stored row."""
    limit = limit_for(kind)
    if size > limit:
        raise MediaTooLarge(f"{'An' if kind == 'audio' else 'A'} {kind} recording may be at most {limit / (1024 * 1024):g} MB.",
                            details={"max_bytes": limit, "kind": kind})
    media = media_for_kind(head=_head(file), kind=kind)
    from_file = duration_from_file(source=file, container=media.container)
    if from_file is None and duration_seconds is not None:
        bound = int(settings.RECORDINGS_MAX_DURATION_SECONDS)
        if duration_seconds > bound:
            raise InvalidRecording(f"duration_seconds may be at most {bound}.",
                                   details={"duration_seconds": [f"Ensure this value is at most {bound}."]})
    duration = from_file if from_file is not None else duration_seconds
    path = f"{user_id}/{interview_id}/{secrets.token_hex(16)}.{media.extension}"
    file.seek(0)
    supabase_client.storage_upload_file(user_id=user_id, bucket=BUCKET, path=path, file=file,
                                        content_type=media.content_type)
    row = {"interview_id": interview_id, "kind": kind, "storage_path": path, "content_type": media.content_type,
           "size_bytes": size, "duration_seconds": duration,
           "duration_source": None if duration is None else ("file" if from_file is not None else "request"),
           "expires_at": _expires_at(), **extra}
    try:
        return supabase_client.recording_insert(user_id=user_id, row=row)
    except Exception:
        supabase_client.storage_remove(user_id=user_id, bucket=BUCKET, paths=[path])  # no orphan object
        raise


def recording_create(*, user_id: str, interview_id: str, upload: Any, kind: str, duration_seconds: float | None = None,
                     answer_position: int | None = None) -> dict[str, Any]:
    interview = supabase_client.interview_get(user_id=user_id, interview_id=interview_id,
                                              with_answers=answer_position is not None)
    if interview is None:
        raise _interview_not_found()
    extra: dict[str, Any] = {}
    if answer_position is not None:
        answer = next((a for a in interview.get("interview_answers") or [] if a["position"] == answer_position), None)
        if answer is None:
            raise InvalidRecording("The interview has no question at that position.",
                                   details={"answer_position": ["No question at this position."]})
        extra["answer_id"] = answer["id"]
    with _opened(upload) as file:
        row = _store(user_id=user_id, interview_id=interview_id, file=file, size=int(upload.size), kind=kind,
                     extra=extra, duration_seconds=duration_seconds)
    return _view(row, _signed(user_id, [row]).get(row["storage_path"]))


def recordings_for_interview(*, user_id: str, interview_id: str) -> list[dict[str, Any]]:
    """The interview's recordings, oldest first, each with a signed playback URL (404 for another user's)."""
    if supabase_client.interview_get(user_id=user_id, interview_id=interview_id) is None:
        raise _interview_not_found()
    rows = supabase_client.recording_list(user_id=user_id, interview_id=interview_id)
    urls = _signed(user_id, rows)
    return [_view(row, urls.get(row["storage_path"])) for row in rows]


def spoken_answer_audio_urls(*, user_id: str, interview_id: str) -> dict[str, str]:
    """Signed playback URLs of the interview's spoken answers, by the client message id each was sent with."""
    rows = [row for row in supabase_client.recording_list(user_id=user_id, interview_id=interview_id)
            if row.get("client_message_id")]
    urls = _signed(user_id, rows) if rows else {}
    return {row["client_message_id"]: urls[row["storage_path"]] for row in rows if row["storage_path"] in urls}


def _remove(user_id: str, row: Mapping[str, Any]) -> None:
    supabase_client.storage_remove(user_id=user_id, bucket=BUCKET, paths=[row["storage_path"]])


def recording_delete(*, user_id: str, recording_id: str) -> None:
    """Row and object; the object first, so a failure leaves the row to retry with, never an orphan."""
    row = supabase_client.recording_get(user_id=user_id, recording_id=recording_id)
    if row is None:
        raise RecordingNotFound()
    _remove(user_id, row)
    supabase_client.recording_delete(user_id=user_id, recording_id=recording_id)


def recordings_purge_expired(*, now: datetime | None = None, batch: int = 500) -> dict[str, Any]:
    """Delete every recording past `expires_at` (object, then row); safe to run again at any time."""
    before = (now or datetime.now(UTC)).isoformat()
    removed: list[dict[str, Any]] = []
    failed = 0
    while True:
        expired = supabase_client.recordings_expired(before=before, limit=batch)
        expired = [row for row in expired if row["id"] not in {r["id"] for r in removed}]
        if not expired:
            break
        progressed = False
        for row in expired:
            try:
                _remove(row["user_id"], row)
                supabase_client.recording_delete(user_id=row["user_id"], recording_id=row["id"])
            except supabase_client.SupabaseError:
                logger.warning("could not purge recording %s", row["id"], exc_info=True)
                failed += 1
                continue
            removed.append(row)
            progressed = True
        if not progressed:
            break
    return {"removed": len(removed), "failed": failed,
            "recordings": [{"id": r["id"], "storage_path": r["storage_path"], "expires_at": r["expires_at"]}
                           for r in removed]}


# Transcription -------------------------------------------------------------------------------


def transcription_create(*, user_id: str, upload: Any) -> dict[str, Any]:
    """The transcript of an uploaded audio file (nothing is stored)."""
    with _opened(upload) as file:
        content_type = transcription.check_audio(file=file, size=int(upload.size))
        result = transcription.transcribe(file=file, file_name=upload.name or "audio", content_type=content_type)
    return result.as_json()


# Spoken answers ------------------------------------------------------------------------------


def keeps_recordings(*, user_id: str) -> bool:
    profile = supabase_client.get_profile(user_id=user_id) or {}
    return profile.get("keep_recordings") is not False


def spoken_answer_transcribe(*, user_id: str, interview_id: str, upload: Any | None,
                             client_message_id: str | None) -> tuple[dict[str, Any], transcription.Transcript | None]:
    """Keep the audio (a retry with the same client message id finds it again), then transcribe it.

    Returns the recording row and the transcript; a transcription failure leaves the audio stored
    and is raised, so the request can be retried with the same `client_message_id`.
    """
    if not transcription.transcription_configured():
        raise transcription.TranscriptionNotConfigured()
    kept = (supabase_client.recording_for_message(user_id=user_id, interview_id=interview_id,
                                                  client_message_id=client_message_id)
            if client_message_id else None)
    if kept is not None and kept.get("transcript") is not None and kept.get("delivery_metrics") is not None:
        words = (kept.get("delivery_metrics") or {}).get("words") or []
        return kept, transcription.Transcript(text=kept["transcript"], language=None,
                                              duration_seconds=kept.get("duration_seconds"), words=words,
                                              model=str(settings.TRANSCRIPTION_MODEL))
    if kept is None:
        if upload is None:
            raise InvalidRecording("Send the answer's audio.", details={"audio": ["No file was submitted."]})
        with _opened(upload) as file:
            transcription.check_audio(file=file, size=int(upload.size))
            kept = _store(user_id=user_id, interview_id=interview_id, file=file, size=int(upload.size), kind="audio",
                          extra={"client_message_id": client_message_id} if client_message_id else {},
                          duration_seconds=None)
            result = transcription.transcribe(file=file, file_name=f"answer.{kept['storage_path'].rsplit('.', 1)[1]}",
                                              content_type=kept["content_type"])
        return kept, result
    data = supabase_client.storage_download(user_id=user_id, bucket=BUCKET, path=kept["storage_path"])
    result = transcription.transcribe(file=io.BytesIO(data), file_name=kept["storage_path"].rsplit("/", 1)[1],
                                      content_type=kept["content_type"])
    return kept, result


def spoken_answer_record(*, user_id: str, interview_id: str, recording: Mapping[str, Any],
                         transcript: transcription.Transcript, answer: Mapping[str, Any] | None,
                         part_id: str) -> dict[str, Any]:
    """After the transcript became the candidate's message: link the audio to the answer (or, transcript
    only, discard it), and update the answer's and the interview's delivery metrics."""
    metrics = delivery.answer_metrics(transcript.words)
    answer_id = (answer or {}).get("id")
    updated = supabase_client.recording_update(
        user_id=user_id, recording_id=recording["id"],
        changes={"answer_id": answer_id, "transcript": transcript.text,
                 "delivery_metrics": {**metrics, "words": transcript.words}})
    kept = keeps_recordings(user_id=user_id)
    if not kept:
        _remove(user_id, recording)
        supabase_client.recording_delete(user_id=user_id, recording_id=recording["id"])
    if answer_id:
        interview_delivery_add(user_id=user_id, interview_id=interview_id, answer_id=str(answer_id),
                               position=int((answer or {})["position"]), part_id=part_id,
                               metrics=metrics)
    return {"recording": _view(updated, None) if kept and updated else None, "transcript": transcript.as_json(),
            "delivery_metrics": metrics, "recording_kept": kept}


def interview_delivery_add(*, user_id: str, interview_id: str, answer_id: str, position: int, part_id: str,
                           metrics: Mapping[str, Any]) -> dict[str, Any]:
    """Add one spoken part to the answer's and the interview's delivery metrics (idempotent by part)."""
    previous = supabase_client.interview_delivery_metrics(user_id=user_id, interview_id=interview_id)
    parts = {key: dict(value) for key, value in (previous.get("parts") or {}).items()}
    parts.setdefault(str(position), {})[part_id] = dict(metrics)
    answers = {key: delivery.combined_metrics(value.values()) for key, value in sorted(parts.items(),
                                                                                       key=lambda kv: int(kv[0]))}
    supabase_client.answer_delivery_metrics_set(user_id=user_id, interview_id=interview_id, answer_id=answer_id,
                                                metrics=answers[str(position)])
    combined = {**delivery.combined_metrics(answers.values()), "answers": answers, "parts": parts,
                "thresholds": delivery.THRESHOLDS}
    supabase_client.interview_delivery_metrics_set(user_id=user_id, interview_id=interview_id, metrics=combined)
    return combined
