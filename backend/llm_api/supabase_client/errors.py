"""Every Supabase failure as a `SupabaseError` carrying the HTTP status the API answers with."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import httpx
import pydantic
from django.conf import settings
from postgrest.exceptions import APIError
from storage3.exceptions import StorageApiError
from supabase_auth.errors import AuthError, AuthRetryableError

from backend.llm_api.errors import AppError


class SupabaseError(AppError):
    """Supabase answered in a way the API cannot use (a bad gateway, from our caller's view)."""

    status_code = 502
    default_code = "upstream_error"
    default_detail = "Supabase returned an unexpected response."

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        upstream_code: str | None = None,
        upstream_message: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        extra = {"upstream_code": upstream_code} if upstream_code else {}
        super().__init__(detail, code=code, details={**extra, **(details or {})})
        self.upstream_code = upstream_code
        self.upstream_message = upstream_message


class Invalid(SupabaseError):
    status_code = 400
    default_code = "invalid_request"
    default_detail = "Supabase rejected the request as invalid."


class Unauthorized(SupabaseError):
    status_code = 401
    default_code = "unauthorized"
    default_detail = "Supabase did not accept the credentials."


class PermissionDenied(SupabaseError):
    status_code = 403
    default_code = "permission_denied"
    default_detail = "You do not have permission to do this."


class NotFound(SupabaseError):
    status_code = 404
    default_code = "not_found"
    default_detail = "The requested resource was not found."


class Conflict(SupabaseError):
    status_code = 409
    default_code = "conflict"
    default_detail = "The request conflicts with existing data."


class RateLimited(SupabaseError):
    status_code = 429
    default_code = "rate_limited"
    default_detail = "Too many requests to Supabase; try again later."


class Unavailable(SupabaseError):
    status_code = 503
    default_code = "supabase_unavailable"
    default_detail = "Supabase is unreachable right now; try again shortly."


class NotConfigured(Unavailable):
    default_code = "supabase_not_configured"
    default_detail = "Supabase is not configured: set SUPABASE_URL and SUPABASE_SERVICE_KEY."


_BY_STATUS: dict[int, type[SupabaseError]] = {
    400: Invalid, 401: Unauthorized, 403: PermissionDenied, 404: NotFound, 406: Invalid,
    409: Conflict, 413: Invalid, 415: Invalid, 416: Invalid, 422: Invalid, 429: RateLimited,
    502: Unavailable, 503: Unavailable, 504: Unavailable, 520: Unavailable,
}


def error_class_for_status(status: int) -> type[SupabaseError]:
    """Other 4xx are our request's fault (invalid); other 5xx a bad gateway."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return Invalid if 400 <= status < 500 else SupabaseError


# SQLSTATEs and PostgREST codes, as PostgREST itself maps them to HTTP statuses.
_BY_POSTGREST_CODE: dict[str, type[SupabaseError]] = {
    "23505": Conflict,  # unique_violation
    "23503": Conflict,  # foreign_key_violation
    "23P01": Conflict,  # exclusion_violation
    "42501": PermissionDenied,  # insufficient_privilege (incl. RLS on write)
    "P0001": Invalid,  # raise exception in a function
    "57014": Unavailable,  # statement timeout
    "PGRST000": Unavailable, "PGRST001": Unavailable, "PGRST002": Unavailable, "PGRST003": Unavailable,
    "PGRST301": Unauthorized, "PGRST302": Unauthorized, "PGRST303": Unauthorized,
}


def error_from_postgrest(exc: APIError) -> SupabaseError:
    """Map a PostgREST error (SQLSTATE, PGRST code, or a bare HTTP status) to our class."""
    code = str(exc.code or "")
    if code == "PGRST116":  # .single() found 0 rows (or several)
        cls = NotFound if "0 rows" in str(exc.details or "") else SupabaseError
    elif code in _BY_POSTGREST_CODE:
        cls = _BY_POSTGREST_CODE[code]
    elif code.startswith("PGRST1") or code[:2] in {"22", "23"}:
        cls = Invalid  # bad query grammar, bad value, constraint violated
    elif code[:2] in {"08", "53", "57"}:
        cls = Unavailable  # connection exception, insufficient resources, operator intervention (a restart)
    elif re.fullmatch(r"\d{3}", code):
        cls = error_class_for_status(int(code))  # non-JSON error body
    else:
        cls = SupabaseError  # schema cache (PGRST2xx), undefined objects: our bug, not the caller's
    return cls(upstream_code=code or None, upstream_message=exc.message)


def error_from_storage(exc: StorageApiError) -> SupabaseError:
    """Storage puts the meaningful status in the body's statusCode; its messages are user-safe."""
    try:
        cls = error_class_for_status(int(exc.status))
    except (TypeError, ValueError):
        cls = SupabaseError
    detail = exc.message if cls is not SupabaseError else None
    return cls(detail, upstream_code=str(exc.status), upstream_message=exc.message)


_BY_AUTH_CODE: dict[str, type[SupabaseError]] = {
    "invalid_credentials": Unauthorized,
    "bad_jwt": Unauthorized,
    "no_authorization": Unauthorized,
    "session_not_found": Unauthorized,
    "session_expired": Unauthorized,
    "refresh_token_not_found": Unauthorized,
    "refresh_token_already_used": Unauthorized,
    "user_already_exists": Conflict,
    "email_exists": Conflict,
    "phone_exists": Conflict,
    "weak_password": Invalid,
    "validation_failed": Invalid,
    "email_address_invalid": Invalid,
    "user_not_found": NotFound,
    "not_admin": PermissionDenied,
    "email_not_confirmed": PermissionDenied,
    "user_banned": PermissionDenied,
    "over_request_rate_limit": RateLimited,
    "over_email_send_rate_limit": RateLimited,
}


def error_from_auth(exc: AuthError) -> SupabaseError:
    """Supabase Auth's messages ("Invalid login credentials", ...) are meant for users."""
    code = str(exc.code) if getattr(exc, "code", None) else None
    status = getattr(exc, "status", None)
    if isinstance(exc, AuthRetryableError):
        return Unavailable(upstream_code=code or str(status), upstream_message=exc.message)
    if code in _BY_AUTH_CODE:
        cls = _BY_AUTH_CODE[code]
    elif isinstance(status, int) and status:
        cls = error_class_for_status(status)
    else:
        cls = SupabaseError
    detail = exc.message if cls not in (SupabaseError, Unavailable) else None
    return cls(detail, upstream_code=code or (str(status) if status else None), upstream_message=exc.message)


@contextmanager
def translate_errors() -> Iterator[None]:
    """Run Supabase calls inside this: their failures leave as `SupabaseError`s."""
    try:
        yield
    except SupabaseError:
        raise
    except APIError as exc:
        raise error_from_postgrest(exc) from exc
    except StorageApiError as exc:
        raise error_from_storage(exc) from exc
    except AuthError as exc:
        raise error_from_auth(exc) from exc
    except httpx.TimeoutException as exc:
        raise Unavailable(
            f"Supabase did not answer within {settings.SUPABASE_TIMEOUT:g} seconds.",
            code="supabase_timeout",
        ) from exc
    except httpx.TransportError as exc:
        raise Unavailable(upstream_message=str(exc)) from exc
    except pydantic.ValidationError as exc:
        raise SupabaseError(upstream_message=str(exc)) from exc
