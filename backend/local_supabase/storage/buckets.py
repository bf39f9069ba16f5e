"""`/storage/v1/bucket` endpoints: create, get, list, update, empty, delete.

Each runs as the caller's role, so storage.buckets' RLS policies decide (service_role
bypasses them), and answers with Supabase Storage's bodies and errors.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import catalog as catalog
from . import errors
from .auth import Caller
from .http import StorageService, endpoint, in_thread, json_body, optional_int
from .paths import validate_bucket_id

_SIZE_WITH_UNIT = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$", re.IGNORECASE)
_UNIT_BYTES = {"gb": 10**9, "mb": 10**6, "kb": 1000, "b": 1}
_MIME_TYPE = re.compile(
    r"^([a-zA-Z0-9\-+.]+)/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9\-]+)?$|\*$"
)
LIST_COLUMNS = (*catalog.BUCKET_COLUMNS, "type")


def parse_file_size_limit(value: Any, stack_limit: int) -> int | None:
    """`file_size_limit`: bytes, or a string such as "20MB"; never above the stack's cap."""
    if value is None:
        return None
    if isinstance(value, str):
        match = _SIZE_WITH_UNIT.match(value.strip())
        if not match:
            raise errors.invalid_request("Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B")
        number = float(f"{float(match.group(1)):.3g}")
        value = int(number * _UNIT_BYTES[match.group(2).lower()])
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise errors.invalid_request("body/file_size_limit must be integer >= 0 or a size string")
    if value > stack_limit:
        raise errors.entity_too_large()
    return value


def parse_allowed_mime_types(value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise errors.invalid_request("body/allowed_mime_types must be array of strings")
    types = [item for item in value if item]
    for mime_type in types:
        if len(mime_type) > 1000 or not _MIME_TYPE.search(mime_type):
            raise errors.invalid_mime_type(mime_type)
    return types


def _bool_field(body: dict[str, Any], key: str) -> bool | None:
    value = body.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise errors.invalid_request(f"body/{key} must be boolean")


class BucketEndpoints:
    def __init__(self, service: StorageService) -> None:
        self.service = service

    def routes(self) -> list[Route]:
        return [
            Route("/bucket", endpoint(self.list_buckets), methods=["GET"]),
            Route("/bucket/", endpoint(self.list_buckets), methods=["GET"]),
            Route("/bucket", endpoint(self.create_bucket), methods=["POST"]),
            Route("/bucket/", endpoint(self.create_bucket), methods=["POST"]),
            Route("/bucket/{bucket_id}/empty", endpoint(self.empty_bucket), methods=["POST"]),
            Route("/bucket/{bucket_id}", endpoint(self.get_bucket), methods=["GET"]),
            Route("/bucket/{bucket_id}", endpoint(self.update_bucket), methods=["PUT"]),
            Route("/bucket/{bucket_id}", endpoint(self.delete_bucket), methods=["DELETE"]),
        ]

    # create ------------------------------------------------------------------------------
    async def create_bucket(self, request: Request) -> Response:
        caller = self.service.caller(request)
        body = await json_body(request)
        name = body.get("name")
        if not isinstance(name, str):
            raise errors.invalid_request("body must have required property 'name'")
        if name.strip() != name:
            raise errors.invalid_bucket_name(name)
        bucket_id = body.get("id") or name
        if not isinstance(bucket_id, str):
            raise errors.invalid_request("body/id must be string")
        validate_bucket_id(name)
        validate_bucket_id(bucket_id)
        if body.get("type") not in (None, "STANDARD"):
            if body.get("type") == "ANALYTICS":
                raise errors.feature_not_enabled("iceberg_catalog")
            raise errors.invalid_request("body/type must be equal to one of the allowed values")
        owner, owner_id = catalog.owner_columns(caller.owner)
        bucket = {
            "id": bucket_id,
            "name": name,
            "owner": owner,
            "owner_id": owner_id,
            "public": bool(_bool_field(body, "public")),
            "file_size_limit": parse_file_size_limit(
                body.get("file_size_limit"), self.service.ctx.config.storage_file_size_limit
            ),
            "allowed_mime_types": parse_allowed_mime_types(body.get("allowed_mime_types")),
        }
        await in_thread(self._insert_bucket, request, caller, bucket)
        return JSONResponse({"name": name})

    def _insert_bucket(self, request: Request, caller: Caller, bucket: dict[str, Any]) -> None:
        try:
            with self.service.transaction(request, caller) as cur:
                catalog.insert_bucket(cur, bucket)
        except psycopg.errors.UniqueViolation as exc:
            raise errors.bucket_already_exists() from exc

    # read ----------------------------------------------------------------------------------
    async def get_bucket(self, request: Request) -> Response:
        caller = self.service.caller(request)
        bucket_id = validate_bucket_id(request.path_params["bucket_id"])
        row = await in_thread(self._find_bucket, request, caller, bucket_id)
        return JSONResponse(catalog.bucket_json(row))

    def _find_bucket(self, request: Request, caller: Caller, bucket_id: str) -> dict:
        with self.service.transaction(request, caller) as cur:
            row = catalog.find_bucket(cur, bucket_id)
        if row is None:
            raise errors.bucket_not_found()
        return row

    async def list_buckets(self, request: Request) -> Response:
        caller = self.service.caller(request)
        query = dict(request.query_params)
        limit = optional_int(query, "limit", minimum=1, where="querystring")
        offset = optional_int(query, "offset", minimum=0, where="querystring")
        sort_column = query.get("sortColumn")
        if sort_column is not None and sort_column not in catalog.BUCKET_SORT_COLUMNS:
            raise errors.invalid_request("querystring/sortColumn must be equal to one of the allowed values")
        sort_order = query.get("sortOrder", "asc")
        if sort_order not in ("asc", "desc"):
            raise errors.invalid_request("querystring/sortOrder must be equal to one of the allowed values")

        def run() -> list[dict]:
            with self.service.transaction(request, caller) as cur:
                return catalog.list_buckets(
                    cur, limit=limit, offset=offset, sort_column=sort_column,
                    sort_order=sort_order, search=query.get("search"),
                )

        rows = await in_thread(run)
        return JSONResponse([catalog.bucket_json(row, LIST_COLUMNS) for row in rows])

    # update --------------------------------------------------------------------------------
    async def update_bucket(self, request: Request) -> Response:
        caller = self.service.caller(request)
        bucket_id = validate_bucket_id(request.path_params["bucket_id"])
        body = await json_body(request)
        changes: dict[str, Any] = {}
        if "public" in body and body["public"] is not None:
            changes["public"] = _bool_field(body, "public")
        if "file_size_limit" in body:
            changes["file_size_limit"] = parse_file_size_limit(
                body["file_size_limit"], self.service.ctx.config.storage_file_size_limit
            )
        if "allowed_mime_types" in body:
            changes["allowed_mime_types"] = parse_allowed_mime_types(body["allowed_mime_types"])
        if not changes:
            raise errors.invalid_request("No content provided")

        def run() -> int:
            with self.service.transaction(request, caller) as cur:
                return catalog.update_bucket(cur, bucket_id, changes)

        if await in_thread(run) == 0:
            raise errors.bucket_not_found()
        return JSONResponse({"message": "Successfully updated"})

    # empty / delete ----------------------------------------------------------------------
    async def empty_bucket(self, request: Request) -> Response:
        caller = self.service.caller(request)
        if caller.role != "service_role":  # Supabase Storage: service role only
            raise errors.access_denied("Access denied: Invalid role", http_status=403)
        bucket_id = validate_bucket_id(request.path_params["bucket_id"])
        await in_thread(self._empty_bucket, request, caller, bucket_id)
        return JSONResponse({"message": "Successfully emptied"})

    def _empty_bucket(self, request: Request, caller: Caller, bucket_id: str) -> None:
        with self.service.transaction(request, caller) as cur:
            if catalog.find_bucket(cur, bucket_id) is None:
                raise errors.bucket_not_found()
            deleted = catalog.delete_all_objects(cur, bucket_id)
        for row in deleted:  # bytes go only once the rows are gone for good
            self.service.store.remove(row["bucket_id"], row["version"])

    async def delete_bucket(self, request: Request) -> Response:
        caller = self.service.caller(request)
        bucket_id = validate_bucket_id(request.path_params["bucket_id"])
        await in_thread(self._delete_bucket, request, caller, bucket_id)
        return JSONResponse({"message": "Successfully deleted"})

    def _delete_bucket(self, request: Request, caller: Caller, bucket_id: str) -> None:
        with self.service.transaction(request, caller) as cur:
            with catalog.elevated(cur, caller.role):
                if catalog.find_bucket(cur, bucket_id, for_update=True) is None:
                    raise errors.bucket_not_found()
                if catalog.bucket_has_objects(cur, bucket_id):
                    raise errors.bucket_not_empty()
            if catalog.delete_bucket(cur, bucket_id) == 0:
                raise errors.bucket_not_found()
        self.service.store.remove_bucket(bucket_id)
