"""Reading an upload request into a pending blob, as Supabase Storage reads it.

Two encodings reach `POST/PUT /object/...`: a multipart form (the file part, plus the
fields `cacheControl`, `contentType` and `metadata`) or a raw body (with `Content-Type`,
`Cache-Control` and a base64 JSON `x-metadata` header). Both are streamed to a temporary
file, never held in memory: a declared Content-Length over the limit (the bucket's
`file_size_limit` under the stack's cap) is refused with 413 before a byte is read, and
bytes are counted as they arrive, so a chunked body stops at the limit too. The MIME type
is checked against the bucket's allowed types (wildcards such as `image/*` included)
before any byte is kept. The endpoints close the connection after refusing an upload,
so the rest of an unread body is never read (Supabase's uploader does the same).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from .. import request_body
from . import errors
from .blobs import BlobStore, PendingBlob
from .paths import is_empty_folder_placeholder

MAX_USER_METADATA_SIZE = 1024 * 1024
MAX_FORM_FIELD_SIZE = MAX_USER_METADATA_SIZE + 1
MAX_FORM_FIELDS = 10
MAX_PART_HEADER_SIZE = 16 * 1024
# What a multipart body may carry besides the file: its fields, part headers, boundaries.
# The whole body is capped at the file's limit plus this, so neither a declared
# Content-Length nor the bytes actually sent can make the stack read on without end.
MULTIPART_OVERHEAD = MAX_FORM_FIELDS * (MAX_FORM_FIELD_SIZE + MAX_PART_HEADER_SIZE) + 64 * 1024


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


# `type/subtype`, optionally followed by `;parameters`: one slash in the essence, token
# characters only (RFC 9110), so `image/png/x` or `image/png x` are not `image/png`.
_MIME_TYPE = re.compile(r"(?P<type>[A-Za-z0-9!#$%&'*+.^_`|~-]+)/(?P<rest>[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:;.*)?)",
                        re.DOTALL)


def check_mime_type(mime_type: str, allowed: list[str] | None) -> None:
    """Supabase's rule (uploader.ts validateMimeType): type and subtype must equal an allowed
    entry's, and `type/*` matches any subtype of that type.

    Deviation: Supabase compares only the first two `/`-separated pieces, so `image/png/x`
    passes as `image/png`; here the type must be well formed first (one `/`, token
    characters), so only exactly what the bucket allows gets in.
    """
    if not allowed:
        return
    match = _MIME_TYPE.fullmatch(mime_type)
    if match is None:
        raise errors.invalid_mime_type(mime_type)
    kind, subtype = match["type"], match["rest"]
    for entry in allowed:
        allowed_kind, _, allowed_subtype = entry.partition("/")
        if allowed_kind == kind and allowed_subtype in ("*", subtype):
            return
    raise errors.invalid_mime_type(mime_type)


def check_object_limits(
    bucket: dict[str, Any], name: str, mimetype: str, size: int, stack_limit: int
) -> None:
    """A whole object (a copy or move) against the bucket's limits, as upload checks it:
    the MIME type first (415), then the size (413)."""
    max_size, allowed = upload_limits(bucket, name, stack_limit)
    check_mime_type(mimetype, allowed)
    if size > max_size:
        raise errors.entity_too_large()


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
        return request_body.loads(base64.b64decode(value, validate=False).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def decode_field_metadata(value: str | None) -> Any:
    if value is None:
        return None
    if len(value.encode()) > MAX_USER_METADATA_SIZE:
        raise errors.entity_too_large("user_metadata")
    try:
        return request_body.loads(value)
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
        self._check_header_size()

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]
        self._check_header_size()

    def _check_header_size(self) -> None:
        if len(self._header_name) + len(self._header_value) > MAX_PART_HEADER_SIZE:
            raise errors.invalid_request("Multipart part header is too large")

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
    body_limit = max_size + MULTIPART_OVERHEAD
    length = declared_length(request)
    if length is not None and length > body_limit:  # refused before a byte is read
        raise errors.entity_too_large()
    reader = _FormReader(store, bucket_id, max_size, allowed)
    try:
        parser = MultipartParser(boundary, reader.callbacks())
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > body_limit:
                raise errors.entity_too_large()
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
        declared_length=length,
    )
