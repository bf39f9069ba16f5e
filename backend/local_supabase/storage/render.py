"""HTTP responses that serve an object: bytes (with Range), HEAD metadata and info JSON.

Headers follow Supabase Storage's renderer (src/storage/renderer/renderer.ts):
Content-Type (text/html served as text/plain, its normalizeContentType, so an uploaded
page never runs on the API's origin), Content-Length, ETag, Last-Modified, Cache-Control
(or Expires for signed URLs), Accept-Ranges, `X-Robots-Tag: none`, Content-Disposition
when `download` is asked, 206/Content-Range for a satisfiable Range, 416 for an
unsatisfiable one, 304 for matching validators.

Beyond Supabase's renderer, which has no rule for other active types: every object
response says `X-Content-Type-Options: nosniff` (no browser guesses a script or page out
of stored bytes), and types a browser would run as a document (XHTML, SVG, any XML,
XSLT, or a type that names HTML anywhere) get `Content-Security-Policy: default-src
'none'; sandbox`: opened directly they render in an opaque origin with no script, so
they cannot act on the stack's origin, while `<img src>` of an SVG still shows it. They
are not forced to download (no Content-Disposition), so a PDF or image viewer keeps
working; ordinary types get no CSP, as on Supabase.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, BinaryIO
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from . import errors
from .catalog import js_timestamp

READ_CHUNK = 256 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int]:
    """(first, last) byte of a single `bytes=` range, by Supabase's rules; else 416."""
    match = _RANGE.match(header.strip())
    if not match or size <= 0:
        raise errors.invalid_range()
    start_text, end_text = match.groups()
    if not start_text and not end_text:
        raise errors.invalid_range()
    if not start_text:
        suffix = int(end_text)
        if suffix <= 0:
            raise errors.invalid_range()
        return max(size - suffix, 0), size - 1
    start = int(start_text)
    end = int(end_text) if end_text else size - 1
    if start > end or start >= size:
        raise errors.invalid_range()
    return start, min(end, size - 1)


def _metadata(row: dict[str, Any]) -> dict[str, Any]:
    value = row.get("metadata")
    return value if isinstance(value, dict) else {}


def _last_modified(row: dict[str, Any]) -> datetime | None:
    raw = _metadata(row).get("lastModified")
    if isinstance(raw, str):
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            pass
    return row.get("updated_at")


def http_date(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC), usegmt=True)


def content_disposition(download: str) -> str:
    if download == "":
        return "attachment;"
    encoded = quote(download, safe="-_.!~*'()")
    return f"attachment; filename={encoded}; filename*=UTF-8''{encoded}"


NOSNIFF = {"x-content-type-options": "nosniff"}
INERT_DOCUMENT_CSP = "default-src 'none'; sandbox"


def _content_type(mimetype: Any) -> str:
    value = mimetype if isinstance(mimetype, str) and mimetype else "application/octet-stream"
    return "text/plain" if "text/html" in value.lower() else value


def is_active_type(content_type: str) -> bool:
    """Would a browser run this type as a document? Case-insensitive, and a value listing
    several types ("text/plain, image/svg+xml": browsers may take the last) counts too."""
    lowered = content_type.lower()
    essence = lowered.split(";", 1)[0].strip()
    return (
        "html" in lowered or "svg" in lowered or "xsl" in essence or "," in essence
        or essence.endswith(("/xml", "+xml"))
    )


def _base_headers(
    row: dict[str, Any], *, download: str | None, expires: str | None
) -> dict[str, str]:
    metadata = _metadata(row)
    stored_type = metadata.get("mimetype")
    headers = {
        "accept-ranges": "bytes",
        "content-type": _content_type(stored_type),
        "x-robots-tag": "none",
        **NOSNIFF,
    }
    if isinstance(stored_type, str) and is_active_type(stored_type):  # HTML too: served as text
        headers["content-security-policy"] = INERT_DOCUMENT_CSP
    if isinstance(metadata.get("eTag"), str):
        headers["etag"] = metadata["eTag"]
    last_modified = _last_modified(row)
    if last_modified is not None:
        headers["last-modified"] = http_date(last_modified)
    if expires is not None:
        headers["expires"] = expires
    elif isinstance(metadata.get("cacheControl"), str) and metadata["cacheControl"]:
        headers["cache-control"] = metadata["cacheControl"]
    if download is not None:
        headers["content-disposition"] = content_disposition(download)
    return headers


def _not_modified(request: Request, row: dict[str, Any], headers: dict[str, str]) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match:
        return if_none_match == headers.get("etag")
    if_modified_since = request.headers.get("if-modified-since")
    last_modified = _last_modified(row)
    if if_modified_since and last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return last_modified.replace(microsecond=0) <= since
    return False


def _stream(handle: BinaryIO, start: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(READ_CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def object_response(
    request: Request, row: dict[str, Any], handle: BinaryIO, *,
    download: str | None = None, expires: str | None = None,
) -> Response:
    """Serve the object's bytes from an open handle (closed when the response is done)."""
    size = os.fstat(handle.fileno()).st_size
    headers = _base_headers(row, download=download, expires=expires)
    if _not_modified(request, row, headers):
        handle.close()
        return Response(status_code=304, headers=headers)
    start, end, status = 0, size - 1, 200
    range_header = request.headers.get("range")
    if range_header:
        try:
            start, end = parse_range(range_header, size)
        except errors.StorageError as exc:
            handle.close()
            response = exc.response()
            response.headers["content-range"] = f"bytes */{size}"
            response.headers.update(NOSNIFF)
            return response
        status = 206
        headers["content-range"] = f"bytes {start}-{end}/{size}"
    length = max(end - start + 1, 0)
    headers["content-length"] = str(length)
    return StreamingResponse(_stream(handle, start, length), status_code=status, headers=headers)


def head_response(row: dict[str, Any]) -> Response:
    """HEAD: the object's headers, from its row, without a body."""
    headers = _base_headers(row, download=None, expires=None)
    length = _metadata(row).get("contentLength")
    headers["content-length"] = str(length if isinstance(length, int) else 0)
    return Response(status_code=200, headers=headers)


def info_response(row: dict[str, Any]) -> Response:
    """`GET /object/info/...`: the object's metadata as JSON."""
    metadata = _metadata(row)
    body = {
        "id": str(row["id"]),
        "name": row["name"],
        "version": row.get("version"),
        "bucket_id": row["bucket_id"],
        "size": metadata.get("size"),
        "content_type": metadata.get("mimetype"),
        "cache_control": metadata.get("cacheControl"),
        "etag": metadata.get("eTag"),
        "metadata": row.get("user_metadata"),
        "last_modified": js_timestamp(row.get("updated_at")),
        "created_at": js_timestamp(row.get("created_at")),
    }
    headers = dict(NOSNIFF)
    if isinstance(metadata.get("eTag"), str):
        headers["etag"] = metadata["eTag"]
    last_modified = _last_modified(row)
    if last_modified is not None:
        headers["last-modified"] = http_date(last_modified)
    if isinstance(metadata.get("cacheControl"), str) and metadata["cacheControl"]:
        headers["cache-control"] = metadata["cacheControl"]
    return JSONResponse(body, headers=headers)
