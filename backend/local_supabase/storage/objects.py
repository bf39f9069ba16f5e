"""`/storage/v1/object` endpoints: upload, download, info, list, remove, move, copy.

Rows in storage.objects are read and written inside the caller's role transaction, so the
project's storage policies decide; the bytes follow the protocol of blobs.py (temp
file -> row -> rename before commit; old bytes removed after commit). Signed URLs live in
signed.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, BinaryIO

import psycopg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import catalog as catalog
from . import errors
from .auth import Caller
from .blobs import PendingBlob
from .http import (
    StorageService,
    endpoint,
    header_flag,
    in_thread,
    json_body,
    optional_int,
    require_string,
)
from .paths import validate_bucket_id, validate_object_name
from .render import head_response, info_response, object_response
from .uploads import IncomingFile, check_object_limits, decode_header_metadata, receive_upload

LIST_RESULT_COLUMNS = ("name", "id", "updated_at", "created_at", "last_accessed_at", "metadata")
CALLER = "caller"  # RLS decides, anonymous callers only reach public buckets
PUBLIC = "public"  # public buckets only, no JWT involved


def now_js() -> str:
    return catalog.js_timestamp(datetime.now(UTC))


def object_params(request: Request) -> tuple[str, str]:
    bucket_id = validate_bucket_id(request.path_params["bucket_id"])
    return bucket_id, validate_object_name(request.path_params["name"])


class ObjectWriter:
    """Writes object rows and bytes for uploads, signed uploads and copies."""

    def __init__(self, service: StorageService) -> None:
        self.service = service

    def upload_bucket(self, bucket_id: str) -> dict[str, Any]:
        """The bucket's limits, read with Supabase Storage's superuser rights."""
        with self.service.ctx.db.as_admin() as cur:
            bucket = catalog.find_bucket(cur, bucket_id)
        if bucket is None:
            raise errors.bucket_not_found()
        return bucket

    def commit(
        self, request: Request, caller: Caller, bucket_id: str, name: str,
        incoming: IncomingFile, *, upsert: bool, owner: str | None,
    ) -> str:
        """Write the row as the caller (RLS), promote the bytes, commit; returns the id.

        An upload without metadata stores `{}`, as Supabase Storage does (info shows it)."""
        user_metadata = {} if incoming.user_metadata is None else incoming.user_metadata
        obj = catalog.NewObject(
            bucket_id=bucket_id, name=name, version=incoming.blob.version, owner=owner,
            metadata=incoming.metadata(now_js()), user_metadata=user_metadata,
        )
        return self.write(request, caller, obj, incoming.blob, upsert=upsert)

    def write(
        self, request: Request, caller: Caller, obj: catalog.NewObject, blob: PendingBlob,
        *, upsert: bool,
    ) -> str:
        replaced: dict | None = None
        try:
            with self.service.transaction(request, caller) as cur:
                catalog.lock_object_name(cur, obj.bucket_id, obj.name)
                with catalog.elevated(cur, caller.role):
                    existing = catalog.find_object(cur, obj.bucket_id, obj.name, for_update=True)
                try:
                    if upsert:
                        object_id = catalog.upsert_object(cur, obj)
                    else:
                        object_id = catalog.insert_object(cur, obj)
                except psycopg.errors.UniqueViolation as exc:
                    raise errors.object_already_exists() from exc
                blob.promote()
                replaced = existing
        except BaseException:
            blob.discard()
            raise
        if replaced is not None:
            self.service.store.remove(replaced["bucket_id"], replaced["version"])
        return object_id


class ObjectEndpoints:
    def __init__(self, service: StorageService) -> None:
        self.service = service
        self.writer = ObjectWriter(service)

    def routes(self) -> list[Route]:
        return [
            Route("/object/list/{bucket_id}", endpoint(self.list_objects), methods=["POST"]),
            Route("/object/move", endpoint(self.move_object), methods=["POST"]),
            Route("/object/copy", endpoint(self.copy_object), methods=["POST"]),
            Route("/object/public/{bucket_id}/{name:path}", endpoint(self.serve_public),
                  methods=["GET", "HEAD"]),
            Route("/object/info/public/{bucket_id}/{name:path}", endpoint(self.info_public),
                  methods=["GET"]),
            Route("/object/info/authenticated/{bucket_id}/{name:path}",
                  endpoint(self.info_authenticated), methods=["GET"]),
            Route("/object/info/{bucket_id}/{name:path}", endpoint(self.info),
                  methods=["GET"]),
            Route("/object/authenticated/{bucket_id}/{name:path}",
                  endpoint(self.serve_authenticated), methods=["GET", "HEAD"]),
            Route("/object/{bucket_id}/{name:path}", endpoint(self.serve), methods=["GET", "HEAD"]),
            Route("/object/{bucket_id}/{name:path}", endpoint(self.upload, streams_body=True),
                  methods=["POST", "PUT"]),
            Route("/object/{bucket_id}/{name:path}", endpoint(self.delete_object),
                  methods=["DELETE"]),
            Route("/object/{bucket_id}", endpoint(self.delete_objects), methods=["DELETE"]),
        ]

    # upload --------------------------------------------------------------------------------
    async def upload(self, request: Request) -> Response:
        """POST creates (409 if it exists unless `x-upsert: true`), PUT replaces."""
        caller = self.service.caller(request)
        bucket_id, name = object_params(request)
        upsert = request.method == "PUT" or header_flag(request, "x-upsert")
        bucket = await in_thread(self.writer.upload_bucket, bucket_id)
        incoming = await receive_upload(
            request, self.service.store, bucket, name, self.service.ctx.config.storage_file_size_limit
        )
        object_id = await in_thread(
            self.writer.commit, request, caller, bucket_id, name, incoming,
            upsert=upsert, owner=caller.owner,
        )
        return JSONResponse({"Id": object_id, "Key": f"{bucket_id}/{name}"})

    # read ------------------------------------------------------------------------------------
    def readable_object(
        self, request: Request, caller: Caller, bucket_id: str, name: str, mode: str
    ) -> dict[str, Any]:
        """The object's row if this caller may read it (Supabase's download rules)."""
        with self.service.transaction(request, caller) as cur:
            with catalog.elevated(cur, caller.role):
                bucket = catalog.find_bucket(cur, bucket_id)
            public = bool(bucket and bucket["public"])
            if bucket is None or (not public and (mode == PUBLIC or not caller.authenticated)):
                raise errors.bucket_not_found()
            if public:
                with catalog.elevated(cur, caller.role):
                    row = catalog.find_object(cur, bucket_id, name)
            else:
                row = catalog.find_object(cur, bucket_id, name)
        if row is None:
            raise errors.object_not_found()
        return row

    def open_readable(
        self, request: Request, caller: Caller, bucket_id: str, name: str, mode: str
    ) -> tuple[dict[str, Any], BinaryIO]:
        """Row and open bytes; read again once if a concurrent replace removed the old bytes."""
        row = self.readable_object(request, caller, bucket_id, name, mode)
        try:
            return row, self.service.store.open(bucket_id, row.get("version"))
        except errors.StorageError:
            row = self.readable_object(request, caller, bucket_id, name, mode)
            return row, self.service.store.open(bucket_id, row.get("version"))

    async def _serve(self, request: Request, *, allow_anonymous: bool, mode: str) -> Response:
        caller = self.service.caller(request, allow_anonymous=allow_anonymous)
        bucket_id, name = object_params(request)
        if request.method == "HEAD":
            row = await in_thread(self.readable_object, request, caller, bucket_id, name, mode)
            return head_response(row)
        row, handle = await in_thread(self.open_readable, request, caller, bucket_id, name, mode)
        return object_response(request, row, handle, download=request.query_params.get("download"))

    async def serve(self, request: Request) -> Response:
        return await self._serve(request, allow_anonymous=True, mode=CALLER)

    async def serve_authenticated(self, request: Request) -> Response:
        return await self._serve(request, allow_anonymous=False, mode=CALLER)

    async def serve_public(self, request: Request) -> Response:
        return await self._serve(request, allow_anonymous=True, mode=PUBLIC)

    async def _info(self, request: Request, *, allow_anonymous: bool, mode: str) -> Response:
        caller = self.service.caller(request, allow_anonymous=allow_anonymous)
        bucket_id, name = object_params(request)
        row = await in_thread(self.readable_object, request, caller, bucket_id, name, mode)
        return info_response(row)

    async def info(self, request: Request) -> Response:
        return await self._info(request, allow_anonymous=True, mode=CALLER)

    async def info_authenticated(self, request: Request) -> Response:
        return await self._info(request, allow_anonymous=False, mode=CALLER)

    async def info_public(self, request: Request) -> Response:
        return await self._info(request, allow_anonymous=True, mode=PUBLIC)

    # list ------------------------------------------------------------------------------------
    async def list_objects(self, request: Request) -> Response:
        caller = self.service.caller(request)
        bucket_id = validate_bucket_id(request.path_params["bucket_id"])
        body = await json_body(request)
        prefix = require_string(body, "prefix")
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        search = body.get("search") or ""
        if not isinstance(search, str):
            raise errors.invalid_request("body/search must be string")
        limit = optional_int(body, "limit", minimum=1) or 100
        offset = optional_int(body, "offset", minimum=0) or 0
        sort_column, sort_order = _sort_by(body.get("sortBy"))

        def run() -> list[dict]:
            with self.service.transaction(request, caller) as cur:
                return catalog.search_objects(
                    cur, bucket_id, prefix=prefix, search=search, limit=limit, offset=offset,
                    sort_column=sort_column, sort_order=sort_order,
                )

        rows = await in_thread(run)
        return JSONResponse([catalog.object_json(row, LIST_RESULT_COLUMNS) for row in rows])

    # delete ----------------------------------------------------------------------------------
    async def delete_objects(self, request: Request) -> Response:
        """Remove the named objects the caller may delete; returns the removed rows."""
        caller = self.service.caller(request)
        bucket_id = validate_bucket_id(request.path_params["bucket_id"])
        body = await json_body(request)
        prefixes = body.get("prefixes")
        if (
            not isinstance(prefixes, list) or not prefixes
            or not all(isinstance(item, str) for item in prefixes)
        ):
            raise errors.invalid_request("body/prefixes must be a non-empty array of strings")
        if len(prefixes) > 1000:
            raise errors.invalid_request("Bulk object requests are limited to 1000 objects per request.")

        def run() -> list[dict]:
            with self.service.transaction(request, caller) as cur:
                deleted = catalog.delete_objects(cur, bucket_id, prefixes)
            for row in deleted:
                self.service.store.remove(row["bucket_id"], row["version"])
            return deleted

        rows = await in_thread(run)
        return JSONResponse([catalog.object_json(row) for row in rows])

    async def delete_object(self, request: Request) -> Response:
        caller = self.service.caller(request)
        bucket_id, name = object_params(request)

        def run() -> None:
            with self.service.transaction(request, caller) as cur:
                with catalog.elevated(cur, caller.role):
                    if catalog.find_object(cur, bucket_id, name) is None:
                        raise errors.object_not_found()
                deleted = catalog.delete_objects(cur, bucket_id, [name])
                if not deleted:
                    raise errors.access_denied("Access denied")
            self.service.store.remove(bucket_id, deleted[0]["version"])

        await in_thread(run)
        return JSONResponse({"message": "Successfully deleted"})

    # move / copy -----------------------------------------------------------------------------
    async def move_object(self, request: Request) -> Response:
        caller = self.service.caller(request)
        source_bucket, source, dest_bucket, dest = _transfer_params(await json_body(request))
        object_id = await in_thread(
            self._move, request, caller, source_bucket, source, dest_bucket, dest
        )
        return JSONResponse({"message": "Successfully moved", "Id": object_id, "Key": dest})

    def _move(
        self, request: Request, caller: Caller, bucket_id: str, name: str,
        dest_bucket: str, dest_name: str,
    ) -> str:
        """Rename the row as the caller; bytes move only when the bucket changes."""
        blob: PendingBlob | None = None
        try:
            with self.service.transaction(request, caller) as cur:
                source = catalog.find_object(cur, bucket_id, name)
                if source is None:
                    raise errors.object_not_found()
                catalog.lock_object_name(cur, dest_bucket, dest_name)
                version = source["version"]
                self._check_destination(
                    cur, caller, dest_bucket, dest_name,
                    mimetype=_mimetype(source.get("metadata")),
                    size=self.service.store.size(bucket_id, version),
                )
                if dest_bucket != bucket_id:
                    blob = self.service.store.copy_to_pending(bucket_id, version, dest_bucket)
                    version = blob.version
                try:
                    moved = catalog.rename_object(
                        cur, bucket_id, name, dest_bucket_id=dest_bucket, dest_name=dest_name,
                        owner=caller.owner, version=version,
                    )
                except psycopg.errors.UniqueViolation as exc:
                    raise errors.resource_already_exists() from exc
                if moved is None:
                    raise errors.object_not_found()
                if blob is not None:
                    blob.promote()
        except BaseException:
            if blob is not None:
                blob.discard()
            raise
        if blob is not None:
            self.service.store.remove(bucket_id, source["version"])
        return str(moved["id"])

    def _check_destination(
        self, cur: psycopg.Cursor, caller: Caller, bucket_id: str, name: str, *,
        mimetype: str, size: int,
    ) -> None:
        """The destination bucket exists and would accept this object as an upload.

        Deviation: Supabase Storage's copyObject and moveObject (src/storage/object.ts)
        check only RLS, not the destination's `allowed_mime_types` or `file_size_limit`,
        so a copy or move can bring in what an upload would refuse. Here both apply,
        with upload's errors (415 InvalidMimeType, 413 EntityTooLarge).
        """
        with catalog.elevated(cur, caller.role):
            bucket = catalog.find_bucket(cur, bucket_id)
        if bucket is None:
            raise errors.bucket_not_found()
        check_object_limits(
            bucket, name, mimetype, size, self.service.ctx.config.storage_file_size_limit
        )

    async def copy_object(self, request: Request) -> Response:
        caller = self.service.caller(request)
        body = await json_body(request)
        source_bucket, source, dest_bucket, dest = _transfer_params(body)
        copy_metadata = body.get("copyMetadata", True) is not False
        file_metadata = _file_metadata(body.get("metadata"))
        user_metadata = decode_header_metadata(request.headers.get("x-metadata"))
        upsert = header_flag(request, "x-upsert")
        row = await in_thread(
            self._copy, request, caller, source_bucket, source, dest_bucket, dest,
            upsert=upsert, copy_metadata=copy_metadata, file_metadata=file_metadata,
            user_metadata=user_metadata,
        )
        return JSONResponse(
            {"Id": str(row["id"]), "Key": f"{dest_bucket}/{dest}", **catalog.object_json(row)}
        )

    def _copy(
        self, request: Request, caller: Caller, bucket_id: str, name: str,
        dest_bucket: str, dest_name: str, *, upsert: bool, copy_metadata: bool,
        file_metadata: dict[str, Any], user_metadata: Any,
    ) -> dict[str, Any]:
        with self.service.transaction(request, caller) as cur:  # read the source under RLS
            source = catalog.find_object(cur, bucket_id, name)
            if source is None:
                raise errors.object_not_found()
            metadata = dict(source.get("metadata") or {})
            if not copy_metadata:
                metadata.update(file_metadata)
            # the type the copy will be served with, from the source or the body, must be
            # one the destination accepts, and so must its size
            self._check_destination(
                cur, caller, dest_bucket, dest_name, mimetype=_mimetype(metadata),
                size=self.service.store.size(bucket_id, source["version"]),
            )
        blob = self.service.store.copy_to_pending(bucket_id, source["version"], dest_bucket)
        metadata.update(eTag=blob.etag, lastModified=now_js(), size=blob.size,
                        contentLength=blob.size)
        obj = catalog.NewObject(
            bucket_id=dest_bucket, name=dest_name, version=blob.version, owner=caller.owner,
            metadata=metadata,
            user_metadata=source.get("user_metadata") if copy_metadata else user_metadata,
        )
        self.writer.write(request, caller, obj, blob, upsert=upsert)
        with self.service.ctx.db.as_admin() as cur:
            row = catalog.find_object(cur, dest_bucket, dest_name)
        if row is None:  # removed concurrently right after the copy committed
            raise errors.object_not_found()
        return row


def _mimetype(metadata: Any) -> str:
    """An object's stored type; one without a type is served as octet-stream."""
    value = metadata.get("mimetype") if isinstance(metadata, dict) else None
    return value if isinstance(value, str) and value else "application/octet-stream"


def _file_metadata(value: Any) -> dict[str, str]:
    """Copy's `metadata`: `cacheControl` and `mimetype`, strings (Supabase's body schema)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise errors.invalid_request("body/metadata must be object")
    metadata: dict[str, str] = {}
    for key in ("cacheControl", "mimetype"):
        if key in value:
            if not isinstance(value[key], str):
                raise errors.invalid_request(f"body/metadata/{key} must be string")
            metadata[key] = value[key]
    return metadata


def _sort_by(value: Any) -> tuple[str, str]:
    if value is None:
        return "name", "asc"
    if not isinstance(value, dict):
        raise errors.invalid_request("body/sortBy must be object")
    column = value.get("column", "name")
    order = value.get("order") or "asc"
    if column not in catalog.LIST_SORT_COLUMNS:
        raise errors.invalid_request("body/sortBy/column must be equal to one of the allowed values")
    if order not in ("asc", "desc"):
        raise errors.invalid_request("body/sortBy/order must be equal to one of the allowed values")
    return column, order


def _transfer_params(body: dict[str, Any]) -> tuple[str, str, str, str]:
    """(bucket, sourceKey, destination bucket, destinationKey) of a move or copy."""
    bucket_id = validate_bucket_id(require_string(body, "bucketId"))
    source = require_string(body, "sourceKey")
    dest = validate_object_name(require_string(body, "destinationKey"))
    dest_bucket = body.get("destinationBucket") or bucket_id
    if not isinstance(dest_bucket, str):
        raise errors.invalid_request("body/destinationBucket must be string")
    return bucket_id, source, validate_bucket_id(dest_bucket), dest
