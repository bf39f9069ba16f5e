"""Resumes: parse an upload, store it (file in the `resumes` bucket, row in `resumes`), list,
read with a signed download link, correct, reparse and delete.

The parser's output (`parsed`) and the candidate's corrections (`corrections`) are stored
apart; what the API shows (`parsed_json`) is the parser's output overlaid by the corrections,
so a reparse replaces the first and never the second.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.services import throttles
from backend.llm_api.services.profiles import Upload
from backend.llm_api.services.resume_parsing import (
    Document,
    FileTooLarge,
    ModelConfig,
    parse_document,
    read_document,
)
from backend.llm_api.services.resume_parsing.schema import FIELDS, normalise

logger = logging.getLogger(__name__)

RESUME_BUCKET = "resumes"
CORRECTABLE_FIELDS = tuple(name for name in FIELDS if name != "claims")


class ResumeNotFound(supabase_client.NotFound):
    default_code = "resume_not_found"
    default_detail = "No such resume."


@dataclass(frozen=True)
class ParsedUpload:
    data: dict[str, Any]
    parser: str
    filename: str
    content_type: str
    size_bytes: int
    page_count: int | None
    resume: dict[str, Any] | None  # the stored resume, for an authenticated caller


def _model_config() -> ModelConfig | None:
    if not settings.OPENAI_API_KEY or not settings.RESUME_MODEL_PARSER:
        return None
    return ModelConfig(api_key=settings.OPENAI_API_KEY, base_url=settings.OPENAI_BASE_URL or None,
                       model=settings.OPENAI_MODEL, timeout=float(settings.RESUME_MODEL_TIMEOUT))


MULTIPART_OVERHEAD = 64 * 1024  # form boundaries and headers around the file


def resume_admit_upload(*, user_id: str | None, client_ip: str | None, content_length: str | int | None) -> None:
    """Before the body is read: the caller's upload throttle (429), then the request's size (413)."""
    throttles.throttle_resume_upload(user_id=user_id, client_ip=client_ip)
    resume_check_request_size(content_length=content_length)


def resume_check_request_size(*, content_length: str | int | None) -> None:
    """413 before the request body is even parsed when it cannot hold an acceptable file."""
    try:
        length = int(content_length or 0)
    except (TypeError, ValueError):
        return
    max_bytes = int(settings.RESUME_MAX_BYTES)
    if length > max_bytes + MULTIPART_OVERHEAD:
        raise FileTooLarge(f"The file is larger than {max_bytes / (1024 * 1024):g} MB.")


def _read_bounded(data: bytes) -> Document:
    """The document, within the page, text and time limits of the settings."""
    timeout = float(settings.RESUME_PARSE_TIMEOUT)
    return read_document(data=data, max_pages=int(settings.RESUME_MAX_PAGES),
                         max_text=int(settings.RESUME_MAX_TEXT_CHARS), timeout=timeout if timeout > 0 else None)


def _read(upload: Upload) -> tuple[bytes, Document]:
    max_bytes = int(settings.RESUME_MAX_BYTES)
    if upload.size > max_bytes:  # refused before reading it
        raise FileTooLarge(f"The file is larger than {max_bytes / (1024 * 1024):g} MB.")
    data = upload.read()
    if len(data) > max_bytes:
        raise FileTooLarge(f"The file is larger than {max_bytes / (1024 * 1024):g} MB.")
    return data, _read_bounded(data)


def safe_file_name(name: str | None, extension: str) -> str:
    """The client's file name without folders or control characters, at most 255 characters."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C").strip()
    base = re.sub(r"\s+", " ", base)
    if not base or base in (".", ".."):
        base = f"resume.{extension}"
    if len(base) > 255:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 254 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else base[:255]
    return base


def merged(row: Mapping[str, Any]) -> dict[str, Any]:
    """The parser's output overlaid by the candidate's corrections."""
    return {**normalise(row.get("parsed") or {}), **(row.get("corrections") or {})}


def _resume_view(row: Mapping[str, Any], url: str | None) -> dict[str, Any]:
    return {
        "id": row["id"], "user_id": row["user_id"], "file_name": row["file_name"],
        "content_type": row.get("content_type"), "file_size_bytes": row.get("size_bytes"),
        "page_count": row.get("page_count"), "parser": row.get("parser"),
        "parsed_json": merged(row), "parser_output": normalise(row.get("parsed") or {}),
        "corrections": row.get("corrections") or {},
        "file_url": url, "file_url_expires_in": int(settings.RESUME_SIGNED_URL_SECONDS) if url else None,
        "parsed_at": row.get("parsed_at"), "created_at": row["created_at"], "updated_at": row["updated_at"],
    }


def _signed(user_id: str, rows: list[Mapping[str, Any]]) -> dict[str, str]:
    paths = [row["storage_path"] for row in rows if row.get("storage_path")]
    return supabase_client.storage_signed_urls(user_id=user_id, bucket=RESUME_BUCKET, paths=paths,
                                               expires_in=int(settings.RESUME_SIGNED_URL_SECONDS))


def resume_parse_upload(*, upload: Upload, file_name: str | None, user_id: str | None) -> ParsedUpload:
    """Parse the upload; for a signed-in caller also store file and row (never one without the other)."""
    data, document = _read(upload)
    result = parse_document(document=document, model=_model_config())
    name = safe_file_name(file_name, document.extension)
    resume = None
    if user_id:
        path = f"{user_id}/{secrets.token_hex(16)}.{document.extension}"
        supabase_client.storage_upload(user_id=user_id, bucket=RESUME_BUCKET, path=path, data=data,
                                       content_type=document.content_type)
        try:
            row = supabase_client.resume_insert(user_id=user_id, row={
                "file_name": name, "storage_path": path, "content_type": document.content_type,
                "size_bytes": len(data), "page_count": document.page_count,
                "extracted_text": document.text, "parsed": result.data, "parser": result.parser,
                "parsed_at": datetime.now(UTC).isoformat(),
            })
        except supabase_client.SupabaseError:
            supabase_client.storage_remove(user_id=user_id, bucket=RESUME_BUCKET, paths=[path])  # no orphan
            raise
        resume = _resume_view(row, None)
    return ParsedUpload(result.data, result.parser, name, document.content_type, len(data), document.page_count,
                        resume)


def resume_list(*, user_id: str, page: int, page_size: int) -> tuple[list[dict[str, Any]], int]:
    rows, count = supabase_client.resume_list(user_id=user_id, offset=(page - 1) * page_size, limit=page_size)
    urls = _signed(user_id, rows) if rows else {}
    return [_resume_view(row, urls.get(row.get("storage_path") or "")) for row in rows], count


def resume_get(*, user_id: str, resume_id: str) -> dict[str, Any]:
    row = supabase_client.resume_get(user_id=user_id, resume_id=resume_id)
    if row is None:
        raise ResumeNotFound()
    return _resume_view(row, _signed(user_id, [row]).get(row.get("storage_path") or ""))


def resume_correct(*, user_id: str, resume_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Record corrections (validated fields of the parsed shape); a null value drops that correction."""
    row = supabase_client.resume_get(user_id=user_id, resume_id=resume_id)
    if row is None:
        raise ResumeNotFound()
    corrections = dict(row.get("corrections") or {})
    shaped = normalise({key: value for key, value in changes.items() if value is not None})
    for key, value in changes.items():
        if key not in CORRECTABLE_FIELDS:
            continue
        if value is None:
            corrections.pop(key, None)
        else:
            corrections[key] = shaped[key]
    if supabase_client.resume_update(user_id=user_id, resume_id=resume_id,
                                     changes={"corrections": corrections}) is None:
        raise ResumeNotFound()
    return resume_get(user_id=user_id, resume_id=resume_id)


def resume_reparse(*, user_id: str, resume_id: str) -> dict[str, Any]:
    """Parse the stored file again (e.g. after a model was configured); corrections stay."""
    row = supabase_client.resume_get(user_id=user_id, resume_id=resume_id)
    if row is None or not row.get("storage_path"):
        raise ResumeNotFound()
    data = supabase_client.storage_download(user_id=user_id, bucket=RESUME_BUCKET, path=row["storage_path"])
    document = _read_bounded(data)
    result = parse_document(document=document, model=_model_config())
    updated = supabase_client.resume_update(user_id=user_id, resume_id=resume_id, changes={
        "parsed": result.data, "parser": result.parser, "extracted_text": document.text,
        "page_count": document.page_count, "parsed_at": datetime.now(UTC).isoformat(),
    })
    if updated is None:
        raise ResumeNotFound()
    return resume_get(user_id=user_id, resume_id=resume_id)


def resume_delete(*, user_id: str, resume_id: str) -> None:
    """Remove the file, then the row (interviews keep theirs with the link cleared).

    In this order a failure leaves at worst a row whose file is gone, and deleting again finishes
    the job; the other order could leave a file no row points at.
    """
    row = supabase_client.resume_get(user_id=user_id, resume_id=resume_id)
    if row is None:
        raise ResumeNotFound()
    if row.get("storage_path"):
        supabase_client.storage_remove(user_id=user_id, bucket=RESUME_BUCKET, paths=[row["storage_path"]])
    if not supabase_client.resume_delete(user_id=user_id, resume_id=resume_id):
        raise ResumeNotFound()
