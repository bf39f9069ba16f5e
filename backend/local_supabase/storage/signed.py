"""Signed URLs of the local /storage/v1: create and serve download and upload URLs.

Creating a URL is an ordinary request checked by RLS as the caller (the object must be
visible to them; for uploads, a test write must pass). Serving one needs no JWT: the
token itself, bound to one object and one action, is the authorisation.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import psycopg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import catalog as catalog
from . import errors
from .auth import (
    SCOPE_DOWNLOAD,
    SCOPE_UPLOAD,
    SIGNED_UPLOAD_URL_LIFETIME,
    Caller,
    parse_expires_in,
    sign_object_token,
    verify_object_token,
)
from .http import StorageService, endpoint, header_flag, in_thread, json_body
from .objects import ObjectWriter, object_params
from .paths import validate_bucket_id
from .render import http_date, object_response
from .uploads import declared_length, decode_header_metadata, receive_upload

NOT_ACCESSIBLE = "Either the object does not exist or you do not have access to it"
SERVICE = Caller({"role": "service_role"}, authenticated=True)


class SignedUrlEndpoints:
    def __init__(self, service: StorageService, writer: ObjectWriter) -> None:
        self.service = service
        self.writer = writer

    def routes(self) -> list[Route]:
        return [
            Route("/object/sign/{bucket_id}/{name:path}", endpoint(self.sign), methods=["POST"]),
            Route("/object/sign/{bucket_id}", endpoint(self.sign_many), methods=["POST"]),
            Route("/object/sign/{bucket_id}/{name:path}", endpoint(self.serve_signed),
                  methods=["GET"]),
            Route("/object/upload/sign/{bucket_id}/{name:path}", endpoint(self.sign_upload),
                  methods=["POST"]),
            Route("/object/upload/sign/{bucket_id}/{name:path}",
                  endpoint(self.upload_signed, streams_body=True), methods=["PUT"]),
        ]

    # download URLs -----------------------------------------------------------------------
    async def sign(self, request: Request) -> Response:
        caller = self.service.caller(request)
        bucket_id, name = object_params(request)
        expires_in = parse_expires_in((await json_body(request)).get("expiresIn"))

        def visible() -> bool:
            with self.service.transaction(request, caller) as cur:
                return catalog.find_object(cur, bucket_id, name) is not None

        if not await in_thread(visible):
            raise errors.object_not_found()
        url = f"{bucket_id}/{name}"
        token = sign_object_token(self.service.ctx.keys, url, SCOPE_DOWNLOAD, expires_in)
        return JSONResponse({"signedURL": f"/object/sign/{url}?token={token}"})

    async def sign_many(self, request: Request) -> Response:
        caller = self.service.caller(request)
        bucket_id = validate_bucket_id(request.path_params["bucket_id"])
        body = await json_body(request)
        expires_in = parse_expires_in(body.get("expiresIn"))
        paths = body.get("paths")
        if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
            raise errors.invalid_request("body/paths must be a non-empty array of strings")

        def visible() -> set[str]:
            with self.service.transaction(request, caller) as cur:
                return catalog.find_object_names(cur, bucket_id, paths)

        names = await in_thread(visible)
        results: list[dict[str, Any]] = []
        for path in paths:
            if path in names:
                url = f"{bucket_id}/{path}"
                token = sign_object_token(self.service.ctx.keys, url, SCOPE_DOWNLOAD, expires_in)
                results.append({"error": None, "path": path,
                                "signedURL": f"/object/sign/{url}?token={token}"})
            else:
                results.append({"error": NOT_ACCESSIBLE, "path": path, "signedURL": None})
        return JSONResponse(results)

    async def serve_signed(self, request: Request) -> Response:
        bucket_id, name = object_params(request)
        claims = verify_object_token(
            self.service.ctx.keys, request.query_params.get("token"), f"{bucket_id}/{name}",
            SCOPE_DOWNLOAD,
        )

        def open_object() -> tuple[dict, Any]:
            with self.service.ctx.db.as_admin() as cur:
                row = catalog.find_object(cur, bucket_id, name)
            if row is None:
                raise errors.object_not_found()
            return row, self.service.store.open(bucket_id, row.get("version"))

        row, handle = await in_thread(open_object)
        expires = http_date(datetime.fromtimestamp(int(claims["exp"]), UTC))
        return object_response(
            request, row, handle, download=request.query_params.get("download"), expires=expires
        )

    # upload URLs ---------------------------------------------------------------------------
    async def sign_upload(self, request: Request) -> Response:
        """A URL anyone holding it may PUT one file to, if the caller may write it now."""
        caller = self.service.caller(request)
        bucket_id, name = object_params(request)
        upsert = header_flag(request, "x-upsert")
        obj = catalog.NewObject(
            bucket_id=bucket_id, name=name, version="1", owner=caller.owner,
            metadata={
                "mimetype": request.headers.get("content-type"),
                "contentLength": declared_length(request),
            },
            user_metadata=decode_header_metadata(request.headers.get("x-metadata")),
        )
        await in_thread(self._check_can_upload, request, caller, obj, upsert)
        url = f"{bucket_id}/{name}"
        token = sign_object_token(
            self.service.ctx.keys, url, SCOPE_UPLOAD, SIGNED_UPLOAD_URL_LIFETIME,
            owner=caller.owner, upsert=upsert,
        )
        return JSONResponse({"url": f"/object/upload/sign/{url}?token={token}", "token": token})

    def _check_can_upload(
        self, request: Request, caller: Caller, obj: catalog.NewObject, upsert: bool
    ) -> None:
        """Supabase's canUpload: the write is tried as the caller, then rolled back."""
        with self.service.transaction(request, caller) as cur:
            with catalog.elevated(cur, caller.role):
                if catalog.find_bucket(cur, obj.bucket_id) is None:
                    raise errors.bucket_not_found()
            try:
                with cur.connection.transaction():
                    if upsert:
                        catalog.upsert_object(cur, obj)
                    else:
                        catalog.insert_object(cur, obj)
                    raise psycopg.Rollback()
            except psycopg.errors.UniqueViolation as exc:
                raise errors.object_already_exists() from exc

    async def upload_signed(self, request: Request) -> Response:
        bucket_id, name = object_params(request)
        claims = verify_object_token(
            self.service.ctx.keys, request.query_params.get("token"), f"{bucket_id}/{name}",
            SCOPE_UPLOAD,
        )
        owner = claims.get("owner") if isinstance(claims.get("owner"), str) else None
        bucket = await in_thread(self.writer.upload_bucket, bucket_id)
        incoming = await receive_upload(
            request, self.service.store, bucket, name, self.service.ctx.config.storage_file_size_limit
        )
        await in_thread(
            self.writer.commit, request, SERVICE, bucket_id, name, incoming,
            upsert=bool(claims.get("upsert")), owner=owner,
        )
        return JSONResponse({"Key": f"{bucket_id}/{name}"})
