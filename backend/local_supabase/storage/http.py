"""Plumbing shared by the bucket and object endpoints of the local /storage/v1."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .. import request_body
from ..config import STORAGE_MAX_JSON_BODY_BYTES
from ..context import StackContext
from . import errors
from .auth import Caller, identify_caller
from .blobs import BlobStore

logger = logging.getLogger(__name__)

Handler = Callable[[Request], Awaitable[Response]]


class StorageService:
    """What every endpoint needs: the stack, the blob store, and the caller's transaction."""

    def __init__(self, ctx: StackContext) -> None:
        self.ctx = ctx
        self.store = BlobStore(ctx.storage_root)

    def caller(self, request: Request, *, allow_anonymous: bool = False) -> Caller:
        return identify_caller(request, self.ctx.keys, allow_anonymous=allow_anonymous)

    @contextmanager
    def transaction(self, request: Request, caller: Caller) -> Iterator[psycopg.Cursor]:
        """One transaction as the caller's role: RLS on storage.* decides."""
        with self.ctx.db.as_role(
            caller.claims,
            headers=dict(request.headers),
            method=request.method,
            path=request.url.path,
        ) as cur:
            yield cur


def endpoint(handler: Handler, *, streams_body: bool = False) -> Handler:
    """Turn storage, database and unexpected errors into Supabase-shaped responses.

    `streams_body`: the route reads an upload body as a stream, so an error may leave most
    of it unread; the error then says `Connection: close`, and the server closes the
    connection instead of reading (and discarding) the rest, as Supabase's uploader does.
    """

    def failed(exc: errors.StorageError, head: bool) -> Response:
        response = exc.response(head=head)
        if streams_body:
            response.headers["connection"] = "close"
        return response

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        head = request.method == "HEAD"
        try:
            return await handler(request)
        except errors.StorageError as exc:
            return failed(exc, head)
        except psycopg.Error as exc:  # includes the pool's timeout (an OperationalError)
            return failed(errors.from_database_error(exc), head)
        except Exception:
            logger.exception("storage: unexpected error on %s %s", request.method, request.url.path)
            return failed(errors.internal_error(), head)

    return wrapper


async def in_thread(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Blocking database and file work runs off the event loop."""
    return await run_in_threadpool(fn, *args, **kwargs)


async def json_body(request: Request, *, required: bool = True) -> dict[str, Any]:
    """The JSON object of a bucket/list/sign/copy/move request, read under Fastify's bodyLimit."""
    limit = getattr(request.app.state, "max_json_body_bytes", STORAGE_MAX_JSON_BODY_BYTES)
    try:
        raw = await request_body.read_body(request, limit)
    except request_body.BodyTooLarge:
        raise errors.body_too_large() from None
    if not raw.strip():
        if required:
            raise errors.invalid_request("body must be object")
        return {}
    try:
        body = request_body.loads(raw)
    except request_body.JsonTooDeep as exc:
        # Fastify's JSON.parse takes any depth; Python cannot, so this is ours, as a 400.
        raise errors.invalid_request(f"Body is not valid JSON: nested deeper than {exc.limit} levels") from None
    except ValueError as exc:
        raise errors.invalid_request("Body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise errors.invalid_request("body must be object")
    return body


def require_string(body: dict[str, Any], key: str, *, where: str = "body") -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise errors.invalid_request(f"{where} must have required property '{key}'")
    return value


def optional_int(body: dict[str, Any], key: str, *, minimum: int, where: str = "body") -> int | None:
    """An integer field; numeric strings are coerced, as Supabase's validator does."""
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise errors.invalid_request(f"{where}/{key} must be integer")
    if value < minimum:
        raise errors.invalid_request(f"{where}/{key} must be >= {minimum}")
    return value


def header_flag(request: Request, name: str) -> bool:
    return request.headers.get(name, "").strip().lower() == "true"
