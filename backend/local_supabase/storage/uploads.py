"""Reading an upload request into a pending blob, as Supabase Storage reads it.

Two encodings reach `POST/PUT /object/...`: a multipart form (the file part, plus the
fields `cacheControl`, `contentType` and `metadata`) or a raw body (with `Content-Type`,
`Cache-Control` and a base64 JSON `x-metadata` header). Both are streamed to disk with
the bucket's size limit enforced as bytes arrive, and the MIME type is checked against
the bucket's allowed types (wildcards such as `image/*` included) before any byte is kept.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from . import errors
from .blobs import BlobStore, PendingBlob
from .paths import is_empty_folder_placeholder

MAX_USER_METADATA_SIZE = 1024 * 1024
MAX_FORM_FIELD_SIZE = MAX_USER_METADATA_SIZE + 1
MAX_FORM_FIELDS = 10


@dataclass
class IncomingFile:
    blob: PendingBlob
    mimetype: str
    cache_control: str
    user_metadata: Any
    declared_length: int | None

    def metadata(self, last_modified: str) -> dict[str, Any]:
        """The row's `metadata`, with the keys Supabase Storage stores."""
        return {
            "eTag": self.blob.etag,
            "size": self.blob.size,
            "mimetype": self.mimetype,
            "cacheControl": self.cache_control,
            "lastModified": last_modified,
            "contentLength": self.blob.size,
            "httpStatusCode": 200,
        }


def check_mime_type(mime_type: str, allowed: list[str] | None) -> None:
    """Supabase's rule: type and subtype must match an allowed entry, `type/*` matches any."""
    if not allowed:
        return
    parts = mime_type.split("/")
    if len(parts) < 2:
        raise errors.invalid_mime_type(mime_type)
    kind, subtype = parts[0], parts[1]
    for entry in allowed:
        allowed_parts = entry.split("/")
        if len(allowed_parts) >= 2 and allowed_parts[0] == kind and allowed_parts[1] in ("*", subtype):
            return
    raise errors.invalid_mime_type(mime_type)


def upload_limits(bucket: dict[str, Any], name: str, stack_limit: int) -> tuple[int, list[str] | None]:
    """(max bytes, allowed MIME types) for an object of this bucket."""
    if is_empty_folder_placeholder(name):
        return 0, None
    limit = stack_limit
    if bucket.get("file_size_limit") is not None:
        limit = min(limit, int(bucket["file_size_limit"]))
    return limit, bucket.get("allowed_mime_types") or None


def declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def decode_header_metadata(value: str | None) -> Any:
    """`x-metadata`: base64 JSON; unreadable values are ignored, as Supabase does."""
    if not value:
        return None
    try:
        return json.loads(base64.b64decode(value, validate=False).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def decode_field_metadata(value: str | None) -> Any:
    if value is None:
        return None
    if len(value.encode()) > MAX_USER_METADATA_SIZE:
        raise errors.entity_too_large("user_metadata")
    try:
        return json.loads(value)
    except ValueError:
        return None


async def receive_upload(
    request: Request, store: BlobStore, bucket: dict[str, Any], name: str, stack_limit: int
) -> IncomingFile:
    """Stream the request's file into a pending blob of the bucket (caller promotes it).

    `stack_limit` is the stack-wide cap; a bucket's own file_size_limit can only lower it.
    """
    max_size, allowed = upload_limits(bucket, name, stack_limit)
    content_type = request.headers.get("content-type", "")
    if content_type.lower().startswith("multipart/form-data"):
        return await _receive_multipart(request, store, bucket["id"], max_size, allowed)
    return await _receive_raw(request, store, bucket["id"], max_size, allowed)


async def _receive_raw(
    request: Request, store: BlobStore, bucket_id: str, max_size: int, allowed: list[str] | None
) -> IncomingFile:
    mimetype = request.headers.get("content-type") or "application/octet-stream"
    check_mime_type(mimetype, allowed)
    length = declared_length(request)
    if length is not None and length > max_size:
        raise errors.entity_too_large()
    blob = store.pending(bucket_id, max_size)
    try:
        async for chunk in request.stream():
            blob.write(chunk)
        blob.finish()
    except BaseException:
        blob.discard()
        raise
    return IncomingFile(
        blob=blob,
        mimetype=mimetype,
        cache_control=request.headers.get("cache-control") or "no-cache",
        user_metadata=decode_header_metadata(request.headers.get("x-metadata")),
        declared_length=length,
    )


class _FormReader:
    """Callbacks for python-multipart: small fields kept in memory, the file part streamed."""

    def __init__(
        self, store: BlobStore, bucket_id: str, max_size: int, allowed: list[str] | None
    ) -> None:
        self.store = store
        self.bucket_id = bucket_id
        self.max_size = max_size
        self.allowed = allowed
        self.fields: dict[str, str] = {}
        self.blob: PendingBlob | None = None
        self.mimetype = ""
        self._headers: dict[bytes, bytes] = {}
        self._header_name = b""
        self._header_value = b""
        self._field: str | None = None
        self._field_data = bytearray()
        self._in_file = False
        self._skip = False

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }

    def on_part_begin(self) -> None:
        self._headers = {}
        self._field = None
        self._field_data = bytearray()
        self._in_file = False
        self._skip = False

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_name.strip().lower()] = self._header_value.strip()
        self._header_name = b""
        self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        if b"filename" in options:
            if self.blob is not None:  # Supabase reads exactly one file per request
                self._skip = True
                return
            part_type = self._headers.get(b"content-type", b"").decode("latin-1")
            self.mimetype = self.fields.get("contentType") or part_type or "text/plain"
            check_mime_type(self.mimetype, self.allowed)
            self.blob = self.store.pending(self.bucket_id, self.max_size)
            self._in_file = True
            return
        if len(self.fields) >= MAX_FORM_FIELDS:
            raise errors.invalid_request("Too many form fields")
        self._field = options.get(b"name", b"").decode("utf-8", "replace")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._skip:
            return
        if self._in_file:
            assert self.blob is not None
            self.blob.write(data[start:end])
            return
        self._field_data += data[start:end]
        if len(self._field_data) > MAX_FORM_FIELD_SIZE:
            if self._field in ("metadata", "userMetadata"):
                raise errors.entity_too_large("user_metadata")
            raise errors.invalid_request(f"Form field {self._field} is too large")

    def on_part_end(self) -> None:
        if self._field is not None and not self._in_file and not self._skip:
            self.fields[self._field] = self._field_data.decode("utf-8", "replace")


async def _receive_multipart(
    request: Request, store: BlobStore, bucket_id: str, max_size: int, allowed: list[str] | None
) -> IncomingFile:
    _, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if not boundary:
        raise errors.invalid_request("No content provided")
    reader = _FormReader(store, bucket_id, max_size, allowed)
    try:
        parser = MultipartParser(boundary, reader.callbacks())
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
        if reader.blob is None:
            raise errors.invalid_request("No content provided")
        reader.blob.finish()
    except MultipartParseError as exc:
        if reader.blob is not None:
            reader.blob.discard()
        raise errors.invalid_request("No content provided") from exc
    except BaseException:
        if reader.blob is not None:
            reader.blob.discard()
        raise
    cache_time = reader.fields.get("cacheControl")
    return IncomingFile(
        blob=reader.blob,
        mimetype=reader.mimetype,
        cache_control=f"max-age={cache_time}" if cache_time else "no-cache",
        user_metadata=decode_field_metadata(
            reader.fields.get("metadata", reader.fields.get("userMetadata"))
        ),
        declared_length=declared_length(request),
    )
