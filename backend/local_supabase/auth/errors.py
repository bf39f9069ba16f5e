"""Errors of the local /auth/v1, rendered in Supabase Auth's wire shapes.

Supabase Auth answers in one of two shapes, chosen by the request's
`X-Supabase-Api-Version` header (both official clients send `2024-01-01`):

- 2024-01-01 and later: `{"code": "<error code>", "message": "..."}`, header echoed;
- otherwise (the initial version): `{"code": <http status>, "error_code": "...", "msg": "..."}`.

Both carry an `x-sb-error-code` header. OAuth-style errors (a few token-endpoint failures)
use `{"error", "error_description"}` in every version.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

API_VERSION_HEADER = "X-Supabase-Api-Version"
API_VERSION_2024_01_01 = date(2024, 1, 1)
_API_VERSION_RE = re.compile(r"^2[0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")

INVALID_LOGIN_MESSAGE = "Invalid login credentials"
DUPLICATE_EMAIL_MESSAGE = "A user with this email address has already been registered"


class AuthError(Exception):
    """An API error with an HTTP status, Supabase's string error code and a message."""

    def __init__(
        self, status: int, code: str, message: str, *, extra: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra or {}


class OAuthError(Exception):
    """An RFC 6749-style error (`error`, `error_description`), always HTTP 400."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


def bad_request(code: str, message: str) -> AuthError:
    return AuthError(400, code, message)


def validation_failed(message: str) -> AuthError:
    return AuthError(400, "validation_failed", message)


def unprocessable(code: str, message: str) -> AuthError:
    return AuthError(422, code, message)


def forbidden(code: str, message: str) -> AuthError:
    return AuthError(403, code, message)


def not_found(code: str, message: str) -> AuthError:
    return AuthError(404, code, message)


def weak_password(message: str, reasons: list[str]) -> AuthError:
    return AuthError(422, "weak_password", message, extra={"weak_password": {"reasons": reasons}})


def requested_api_version(request: Request) -> date | None:
    """The API version the client asked for, or None for the initial version."""
    raw = request.headers.get(API_VERSION_HEADER, "")
    if not _API_VERSION_RE.match(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def error_response(request: Request, error: AuthError | OAuthError) -> JSONResponse:
    if isinstance(error, OAuthError):
        return JSONResponse({"error": error.error, "error_description": error.description}, 400)
    headers = {"x-sb-error-code": error.code}
    version = requested_api_version(request)
    if version is not None and version >= API_VERSION_2024_01_01:
        headers[API_VERSION_HEADER] = "2024-01-01"
        body: dict[str, Any] = {"code": error.code, "message": error.message}
    else:
        body = {"code": error.status, "error_code": error.code, "msg": error.message}
    body.update(error.extra)
    return JSONResponse(body, error.status, headers=headers)
