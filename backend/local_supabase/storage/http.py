"""Plumbing shared by the bucket and object endpoints of the local /storage/v1."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..context import StackContext
from . import errors
from .auth import Caller, identify_caller
from .blobs import BlobStore

logger = logging.getLogger(__name__)
MAX_JSON_BODY = 1024 * 1024

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


def endpoint(handler: Handler) -> Handler:
    """Turn storage, database and unexpected errors into Supabase-shaped responses."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        head = request.method == "HEAD"
        try:
            return await handler(request)
        except errors.StorageError as exc:
            return exc.response(head=head)
        except psycopg.Error as exc:  # includes the pool's timeout (an OperationalError)
            return errors.from_database_error(exc).response(head=head)
        except Exception:
            logger.exception("storage: unexpected error on %s %s", request.method, request.url.path)
            return errors.internal_error().response(head=head)

    return wrapper


async def in_thread(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Blocking database and file work runs off the event loop."""
    return await run_in_threadpool(fn, *args, **kwargs)


async def json_body(request: Request, *, required: bool = True) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_JSON_BODY:
        raise errors.entity_too_large("request body")
    if not raw.strip():
        if required:
            raise errors.invalid_request("body must be object")
        return {}
    try:
        body = json.loads(raw)
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
