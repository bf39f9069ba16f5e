"""What every /auth/v1 endpoint shares: the request as handlers see it and the service plumbing.

Routing with GoTrue's error mapping, the API gateway's key check, the caller's user and
session, and issuing sessions. The endpoint modules (app, admin, links) import this one.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import psycopg
from psycopg_pool import PoolTimeout
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import request_body
from ..context import StackContext
from ..keys import InvalidToken
from . import store
from .config import AuthConfig
from .errors import (
    DUPLICATE_EMAIL_MESSAGE,
    AuthError,
    OAuthError,
    bad_request,
    error_response,
    forbidden,
    unprocessable,
)
from .tokens import bearer_token, session_json, sign_access_token, verify_jwt
from .users import is_banned, user_json

logger = logging.getLogger(__name__)


@dataclass
class AuthCall:
    """One request as the sync handlers see it: parsed body, query, caller."""

    request: Request
    body: dict[str, Any]
    query: dict[str, str]
    claims: dict[str, Any] = field(default_factory=dict)

    @property
    def user_agent(self) -> str | None:
        return self.request.headers.get("user-agent")

    @property
    def ip(self) -> str | None:
        """The peer address when it is an IP (auth.sessions.ip is inet)."""
        host = self.request.client.host if self.request.client else None
        try:
            return str(ipaddress.ip_address(host)) if host else None
        except ValueError:
            return None


Handler = Callable[[AuthCall], Response]


class AuthService:
    """Plumbing every endpoint group builds on (the user endpoints subclass it; admin and links take it)."""

    def __init__(self, ctx: StackContext, config: AuthConfig) -> None:
        self.ctx = ctx
        self.config = config
        self.keys = ctx.keys

    # Plumbing ------------------------------------------------------------------------
    def route(self, path: str, handler: Handler, methods: list[str], *, gateway_open: bool = False) -> Route:
        async def endpoint(request: Request) -> Response:
            try:
                if self.config.require_apikey and not gateway_open:
                    gateway_error = self._gateway_check(request)
                    if gateway_error is not None:
                        return gateway_error
                body = await _read_body(request, self.ctx.config.auth_max_body_bytes)
                call = AuthCall(request, body, dict(request.query_params))
                return await run_in_threadpool(handler, call)
            except (AuthError, OAuthError) as error:
                return error_response(request, error)
            except psycopg.errors.UniqueViolation as exc:
                if not is_email_conflict(exc):
                    logger.exception("auth: database error")
                    return error_response(request, AuthError(500, "unexpected_failure", "Database error saving user"))
                # Lost a race with a concurrent request for the same e-mail address.
                return error_response(request, unprocessable("email_exists", DUPLICATE_EMAIL_MESSAGE))
            except psycopg.DataError as exc:
                # Input Postgres cannot store (a NUL byte, \u0000 in JSON: 22021, 22P05, ...):
                # the caller's fault, so 400 as /rest/v1 answers, not GoTrue's 500.
                return error_response(request, bad_request("validation_failed", _data_error_message(exc)))
            except (psycopg.OperationalError, PoolTimeout):
                logger.exception("auth: database unavailable")
                return error_response(request, AuthError(503, "unexpected_failure", "Database unavailable"))
            except psycopg.Error:
                logger.exception("auth: database error")
                return error_response(request, AuthError(500, "unexpected_failure", "Database error processing request"))

        return Route(path, endpoint, methods=methods)

    def _gateway_check(self, request: Request) -> Response | None:
        """What Supabase's API gateway does before a request reaches Auth: require a valid API key."""
        key = request.headers.get("apikey") or request.query_params.get("apikey")
        if not key:
            return JSONResponse(
                {"message": "No API key found in request",
                 "hint": "No `apikey` request header or url param was found."}, 401,
            )
        try:
            self.keys.decode(key)
        except InvalidToken:
            return JSONResponse(
                {"message": "Invalid API key",
                 "hint": "Double check your Supabase `anon` or `service_role` API key."}, 401,
            )
        return None

    def _authenticate_user(self, call: AuthCall, cur) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """GoTrue's requireAuthentication: a valid token whose user and session still exist."""
        claims = verify_jwt(self.keys, bearer_token(call.request.headers.get("authorization")))
        subject = claims.get("sub")
        if not subject:
            raise forbidden("bad_jwt", "invalid claim: missing sub claim")
        try:
            user_id = store.canonical_uuid(subject)
        except ValueError:
            raise bad_request("bad_jwt", "invalid claim: sub claim must be a UUID") from None
        user = store.find_user(cur, user_id)
        if user is None:
            raise forbidden("user_not_found", "User from sub claim in JWT does not exist")
        session = None
        if claims.get("session_id"):
            try:
                session_id = store.canonical_uuid(claims["session_id"])
            except (ValueError, TypeError):
                raise forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID") from None
            session = store.find_session(cur, session_id)
            if session is None or str(session["user_id"]) != str(user["id"]):
                raise forbidden("session_not_found", "Session from session_id claim in JWT does not exist")
        if is_banned(user):
            raise forbidden("user_banned", "User is banned")
        call.claims = claims
        return user, session

    def issue_session(self, cur, user: dict[str, Any], method: str, call: AuthCall) -> dict[str, Any]:
        user_id = str(user["id"])
        session = store.create_session(cur, user_id=user_id, method=method,
                                       user_agent=call.user_agent, ip=call.ip)
        refresh_token = store.issue_refresh_token(cur, user_id=user_id, session_id=str(session["id"]))
        user = store.update_user(cur, user_id, last_sign_in_at=store.now_utc())
        if method == "password":
            store.touch_identity_sign_in(cur, user_id, "email")
        return self._session_body(cur, user, str(session["id"]), refresh_token)

    def _session_body(self, cur, user: dict[str, Any], session_id: str, refresh_token: str) -> dict[str, Any]:
        access_token, expires_at = sign_access_token(
            self.keys, self.config, issuer=self.ctx.auth_issuer, user=user,
            session_id=session_id, amr=store.session_amr(cur, session_id),
        )
        return session_json(
            access_token=access_token, refresh_token=refresh_token, expires_at=expires_at,
            user=user_json(user, store.identities_of(cur, str(user["id"]))),
        )


def is_email_conflict(exc: psycopg.errors.UniqueViolation) -> bool:
    return exc.diag.constraint_name in ("users_email_partial_key", "identities_provider_id_provider_key")



async def _read_body(request: Request, limit: int) -> dict[str, Any]:
    """GoTrue reads JSON bodies (whatever the Content-Type); an empty body is an empty object.

    Its http.MaxBytesReader(1 MiB) answers 413 request_entity_too_large, and Go's
    encoding/json refuses deep nesting with "exceeded max depth" (at 10000 levels; ours is
    request_body.MAX_JSON_DEPTH).
    """
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return {}
    try:
        raw = await request_body.read_body(request, limit)
    except request_body.BodyTooLarge as exc:
        raise AuthError(413, "request_entity_too_large",
                        f"Request body too large (max {exc.limit} bytes)") from None
    if not raw.strip():
        return {}
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(raw.decode("latin-1"), keep_blank_values=True))
    try:
        parsed = request_body.loads(raw)
    except request_body.JsonTooDeep:
        raise bad_request("bad_json", "Could not parse request body as JSON: exceeded max depth") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise bad_request("bad_json", f"Could not parse request body as JSON: {exc}") from None
    if not isinstance(parsed, dict):
        raise bad_request("bad_json", "Could not parse request body as JSON: expected an object")
    return parsed


def _data_error_message(exc: psycopg.DataError) -> str:
    """Postgres's own words for the value it refused (psycopg's when it refused it first)."""
    message = (exc.diag.message_primary if exc.diag else None) or str(exc).strip()
    detail = exc.diag.message_detail if exc.diag else None
    return f"{message}: {detail}" if detail else message
