"""The local stack's Supabase-Storage-compatible API, mounted at /storage/v1.

Buckets and objects are rows in storage.buckets / storage.objects, read and written as
the caller's JWT role so the project's storage RLS policies decide, exactly as on
Supabase; object bytes live under the stack's storage root. What storage-py and
storage-js send is served: buckets, uploads (multipart or raw, upsert), downloads (with
Range), info, list, remove, move, copy, signed download and upload URLs, public URLs.
Not served: list-v2, image transformations, resumable (TUS) and S3 protocol uploads.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..context import StackContext
from . import errors
from .buckets import BucketEndpoints
from .http import StorageService
from .objects import ObjectEndpoints
from .signed import SignedUrlEndpoints

# What a browser's storage-js may read from a download (the gateway in front of Supabase
# answers CORS for every origin; applied once, in server.py).
EXPOSED_HEADERS = [
    "Accept-Ranges", "Cache-Control", "Content-Disposition", "Content-Length", "Content-Range",
    "Content-Type", "ETag", "Expires", "Last-Modified", "X-Robots-Tag",
]


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unknown routes and wrong methods, in Supabase Storage's error shape."""
    assert isinstance(exc, HTTPException)
    if exc.status_code in (404, 405):
        return errors.route_not_found(request.method, request.url.path).response(
            head=request.method == "HEAD"
        )
    return errors.StorageError(
        exc.status_code, "InvalidRequest", str(exc.detail), http_status=exc.status_code
    ).response(head=request.method == "HEAD")


def build_app(ctx: StackContext) -> Starlette:
    service = StorageService(ctx)
    ctx.storage_root.mkdir(parents=True, exist_ok=True)
    objects = ObjectEndpoints(service)
    signed = SignedUrlEndpoints(service, objects.writer)
    routes = [*BucketEndpoints(service).routes(), *signed.routes(), *objects.routes()]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    app.state.max_json_body_bytes = ctx.config.storage_max_json_body_bytes  # read by http.json_body
    return app
