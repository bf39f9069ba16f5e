"""The only module that talks to Supabase.

One `supabase` client per process, built lazily with the service key on first use (never
at import time) from `django.conf.settings`, and shared by every request: its one httpx
connection pool has bounded timeouts (`SUPABASE_TIMEOUT`). Call `reset_client()` after
changing the SUPABASE_* settings; changes made through Django's `override_settings` (and
pytest-django's `settings` fixture) do that by themselves.

Every failure leaves this module as a `SupabaseError` subclass carrying the HTTP status
the API should answer with, so views and services never see postgrest, storage3,
supabase_auth or httpx exceptions. Every function that touches a user's data takes
`user_id` as a required keyword and scopes by it: the service key bypasses RLS, so a
missing filter must be impossible to write by accident.

The shared client holds the service key: never sign a user in on it (that would swap its
Authorization header for the user's token); use `auth.admin` or a separate client.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pydantic
from django.conf import settings
from django.dispatch import receiver
from django.test.signals import setting_changed
from postgrest.exceptions import APIError
from storage3.exceptions import StorageApiError
from supabase import Client, SupabaseException, create_client
from supabase.lib.client_options import SyncClientOptions
from supabase_auth import SyncGoTrueClient
from supabase_auth.errors import AuthError, AuthRetryableError
from supabase_auth.types import Session, User

from .errors import AppError

logger = logging.getLogger(__name__)

SETTINGS_USED = frozenset({"SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_KEY", "SUPABASE_TIMEOUT"})


# Errors ----------------------------------------------------------------------------------


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
    elif code[:2] in {"08", "53"}:
        cls = Unavailable  # connection exception, insufficient resources
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


# The shared client -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Connection:
    client: Client
    http: httpx.Client
    url: str
    service_key: str
    anon_key: str


_lock = threading.Lock()
_connection: _Connection | None = None


def _connect() -> _Connection:
    url = (settings.SUPABASE_URL or "").rstrip("/")
    service_key = settings.SUPABASE_SERVICE_KEY or ""
    if not url or not service_key:
        raise NotConfigured()
    timeout = float(settings.SUPABASE_TIMEOUT)
    http = httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        follow_redirects=True,
    )
    options = SyncClientOptions(
        auto_refresh_token=False,
        persist_session=False,
        httpx_client=http,
        # The clients' own retries sleep 1+2+4 s; an API request should fail fast instead.
        postgrest_client_retry=False,
    )
    try:
        client = create_client(url, service_key, options=options)
    except SupabaseException as exc:
        http.close()
        raise NotConfigured(f"Supabase settings are invalid: {exc}.") from exc
    return _Connection(
        client=client, http=http, url=url, service_key=service_key,
        anon_key=settings.SUPABASE_ANON_KEY or "",
    )


def _get_connection() -> _Connection:
    global _connection
    connection = _connection
    if connection is None:
        with _lock:
            if _connection is None:
                _connection = _connect()
            connection = _connection
    return connection


def get_client() -> Client:
    """The process's shared service-key client (created on first use)."""
    return _get_connection().client


def reset_client() -> None:
    """Forget the shared client (closing its connections); the next use reads settings anew."""
    global _connection
    with _lock:
        connection, _connection = _connection, None
    if connection is not None:
        connection.http.close()


@receiver(setting_changed)
def _reset_on_setting_change(*, setting: str, **kwargs: Any) -> None:
    if setting in SETTINGS_USED:
        reset_client()


# Operations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HealthCheck:
    url: str
    latency_ms: float


def check_health() -> HealthCheck:
    """One cheap real round trip: HEAD on PostgREST's root, which needs the database.

    Raises `Unavailable` (or another `SupabaseError`) when Supabase cannot serve requests.
    """
    connection = _get_connection()
    started = time.perf_counter()
    with translate_errors():
        response = connection.http.head(
            f"{connection.url}/rest/v1/",
            headers={"apikey": connection.service_key, "Authorization": f"Bearer {connection.service_key}"},
        )
    if response.status_code >= 400:
        raise Unavailable(
            f"Supabase answered the health check with HTTP {response.status_code}.",
            upstream_code=str(response.status_code),
        )
    return HealthCheck(url=connection.url, latency_ms=round((time.perf_counter() - started) * 1000, 1))


PROFILE_COLUMNS = (
    "id,username,full_name,bio,location,github_url,linkedin_url,website_url,"
    "preferred_language,avatar_path,created_at,updated_at"
)


def get_profile(*, user_id: str) -> dict[str, Any] | None:
    """The user's row of `profiles`, or None if the user has none."""
    with translate_errors():
        response = (
            get_client().table("profiles").select(PROFILE_COLUMNS).eq("id", user_id).limit(1).execute()
        )
    return response.data[0] if response.data else None


def update_profile(*, user_id: str, changes: Mapping[str, Any]) -> None:
    """Write `changes` to the user's profile; a taken username leaves as `Conflict`."""
    with translate_errors():
        response = (
            get_client().table("profiles").update(dict(changes)).eq("id", user_id).execute()
        )
    if not response.data:
        raise NotFound("The profile does not exist.", code="profile_not_found")


def username_owner(*, username: str) -> str | None:
    """The id of the user holding `username` (compared case-insensitively), if any."""
    pattern = username.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with translate_errors():
        response = (
            get_client().table("profiles").select("id,username").ilike("username", pattern).limit(2).execute()
        )
    for row in response.data:
        if row["username"].lower() == username.lower():
            return str(row["id"])
    return None


# Auth ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuthUser:
    id: str
    email: str | None
    created_at: str
    is_active: bool


@dataclass(frozen=True)
class AuthSession:
    access_token: str
    refresh_token: str
    token_type: str
    expires_in: int
    expires_at: int | None
    user: AuthUser


def _auth_user(user: User) -> AuthUser:
    banned_until = user.banned_until
    if isinstance(banned_until, str):
        banned_until = _parse_time(banned_until)
    active = banned_until is None or banned_until <= datetime.now(UTC)
    return AuthUser(id=str(user.id), email=user.email, created_at=_iso(user.created_at), is_active=active)


def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _auth_session(session: Session) -> AuthSession:
    return AuthSession(
        access_token=session.access_token, refresh_token=session.refresh_token,
        token_type=session.token_type or "bearer", expires_in=int(session.expires_in),
        expires_at=session.expires_at, user=_auth_user(session.user),
    )


def _user_auth_client() -> SyncGoTrueClient:
    """A throwaway Auth client speaking with the anon key, as a front end would.

    Signing in on the shared service-key client would replace its credentials, so user-facing
    calls go through this one; it shares the process's connection pool and keeps no session.
    """
    connection = _get_connection()
    if not connection.anon_key:
        raise NotConfigured("Supabase Auth needs SUPABASE_ANON_KEY (the project's anon key).")
    return SyncGoTrueClient(
        url=f"{connection.url}/auth/v1",
        headers={"apikey": connection.anon_key, "Authorization": f"Bearer {connection.anon_key}"},
        http_client=connection.http, auto_refresh_token=False, persist_session=False,
    )


@dataclass(frozen=True)
class SignUp:
    user: AuthUser
    session: AuthSession | None
    already_registered: bool


def auth_sign_up(*, email: str, password: str, metadata: Mapping[str, Any]) -> SignUp:
    """Supabase Auth's sign-up; `already_registered` when the address is taken.

    With e-mail confirmation on, Auth hides taken addresses behind a user without identities
    instead of an error; both cases come back as `already_registered`.
    """
    client = _user_auth_client()
    try:
        with translate_errors():
            response = client.sign_up({"email": email, "password": password, "options": {"data": dict(metadata)}})
    except Conflict:
        return SignUp(user=AuthUser(id="", email=email, created_at="", is_active=True), session=None,
                      already_registered=True)
    user = response.user
    if user is None:
        raise SupabaseError(upstream_message="sign-up answered without a user")
    hidden_duplicate = response.session is None and user.identities is not None and not user.identities
    return SignUp(
        user=_auth_user(user),
        session=_auth_session(response.session) if response.session else None,
        already_registered=hidden_duplicate,
    )


def auth_sign_in(*, email: str, password: str) -> AuthSession:
    with translate_errors():
        response = _user_auth_client().sign_in_with_password({"email": email, "password": password})
    if response.session is None:
        raise SupabaseError(upstream_message="sign-in answered without a session")
    return _auth_session(response.session)


def auth_refresh(*, refresh_token: str) -> AuthSession:
    with translate_errors():
        response = _user_auth_client().refresh_session(refresh_token)
    if response.session is None:
        raise Unauthorized("The refresh token is not valid.", code="invalid_refresh_token")
    return _auth_session(response.session)


def auth_sign_out(*, access_token: str, scope: str) -> None:
    """End the token's session (`local`), or every session of its user (`global`)."""
    with translate_errors():
        get_client().auth.admin.sign_out(access_token, scope)  # type: ignore[arg-type]


def auth_get_user(*, user_id: str) -> AuthUser:
    with translate_errors():
        response = get_client().auth.admin.get_user_by_id(user_id)
    return _auth_user(response.user)


def auth_delete_user(*, user_id: str) -> None:
    """Delete the auth user; every row of theirs goes by cascade."""
    with translate_errors():
        get_client().auth.admin.delete_user(user_id)


# Statistics ------------------------------------------------------------------------------


def get_interview_statistics(*, user_id: str) -> dict[str, Any] | None:
    """The user's row of the `interview_statistics` view."""
    with translate_errors():
        response = get_client().table("interview_statistics").select("*").eq("user_id", user_id).limit(1).execute()
    return response.data[0] if response.data else None


# Storage ---------------------------------------------------------------------------------


def _own_path(user_id: str, path: str) -> str:
    if not path.startswith(f"{user_id}/") or ".." in path.split("/"):
        raise PermissionDenied("That object is not in the user's folder.", code="foreign_object")
    return path


def storage_upload(*, user_id: str, bucket: str, path: str, data: bytes, content_type: str) -> str:
    """Store `data` at `path` (inside the user's folder); returns the path."""
    with translate_errors():
        get_client().storage.from_(bucket).upload(
            _own_path(user_id, path), data, {"content-type": content_type, "upsert": "false"}
        )
    return path


def storage_remove(*, user_id: str, bucket: str, paths: list[str]) -> None:
    if not paths:
        return
    with translate_errors():
        get_client().storage.from_(bucket).remove([_own_path(user_id, path) for path in paths])


def storage_public_url(*, bucket: str, path: str) -> str:
    return get_client().storage.from_(bucket).get_public_url(path)


def storage_signed_urls(*, user_id: str, bucket: str, paths: list[str], expires_in: int) -> dict[str, str]:
    """Short-lived download URLs for the user's objects, by path (missing objects left out)."""
    if not paths:
        return {}
    with translate_errors():
        signed = get_client().storage.from_(bucket).create_signed_urls(
            [_own_path(user_id, path) for path in paths], expires_in
        )
    return {item["path"]: item["signedURL"] for item in signed if item.get("signedURL") and not item.get("error")}


def storage_download(*, user_id: str, bucket: str, path: str) -> bytes:
    with translate_errors():
        return get_client().storage.from_(bucket).download(_own_path(user_id, path))


def storage_bucket_ids() -> list[str]:
    with translate_errors():
        return [bucket.id for bucket in get_client().storage.list_buckets()]


def storage_list_user_objects(*, user_id: str, bucket: str) -> list[str]:
    """Every object under the user's folder of `bucket`, at any depth."""
    found: list[str] = []
    folders = [user_id]
    page = 1000
    with translate_errors():
        api = get_client().storage.from_(bucket)
        while folders:
            folder = folders.pop()
            offset = 0
            while True:
                entries = api.list(folder, {"limit": page, "offset": offset})
                for entry in entries:
                    name = f"{folder}/{entry['name']}"
                    (found if entry.get("id") else folders).append(name)
                if len(entries) < page:
                    break
                offset += page
    return found


# Resumes ---------------------------------------------------------------------------------

RESUME_COLUMNS = (
    "id,user_id,file_name,storage_path,content_type,size_bytes,page_count,parsed,corrections,parser,"
    "parsed_at,created_at,updated_at"
)


def resume_insert(*, user_id: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """Insert one of the user's resumes (`row` without `user_id`); the stored row."""
    with translate_errors():
        response = get_client().table("resumes").insert({**dict(row), "user_id": user_id}).execute()
    if not response.data:
        raise SupabaseError(upstream_message="insert answered without the row")
    return {key: response.data[0].get(key) for key in RESUME_COLUMNS.split(",")}


def resume_get(*, user_id: str, resume_id: str, with_text: bool = False) -> dict[str, Any] | None:
    """The user's resume, or None (also when it belongs to someone else)."""
    columns = RESUME_COLUMNS + (",extracted_text" if with_text else "")
    with translate_errors():
        response = (
            get_client().table("resumes").select(columns).eq("id", resume_id).eq("user_id", user_id)
            .limit(1).execute()
        )
    return response.data[0] if response.data else None


def resume_list(*, user_id: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """A page of the user's resumes, newest first, and how many they have (a page past the end is empty)."""

    def page(start: int, size: int):
        return (
            get_client().table("resumes").select(RESUME_COLUMNS, count="exact").eq("user_id", user_id)
            .order("created_at", desc=True).order("id", desc=True).range(start, start + size - 1).execute()
        )

    try:
        with translate_errors():
            response = page(offset, limit)
    except Invalid as exc:
        if exc.upstream_code != "PGRST103":  # PostgREST: the range starts past the last row
            raise
        with translate_errors():
            return [], int(page(0, 1).count or 0)
    return list(response.data), int(response.count or 0)


def resume_update(*, user_id: str, resume_id: str, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    """Write `changes` to the user's resume; the row, or None when there is no such resume."""
    with translate_errors():
        response = (
            get_client().table("resumes").update(dict(changes)).eq("id", resume_id).eq("user_id", user_id)
            .execute()
        )
    if not response.data:
        return None
    return {key: response.data[0].get(key) for key in RESUME_COLUMNS.split(",")}


def resume_delete(*, user_id: str, resume_id: str) -> bool:
    """Delete the user's resume row (interviews keep theirs, with `resume_id` cleared); False if none."""
    with translate_errors():
        response = get_client().table("resumes").delete().eq("id", resume_id).eq("user_id", user_id).execute()
    return bool(response.data)


# Request counters ------------------------------------------------------------------------


def rate_limit_hit(*, bucket: str, limit: int, window_seconds: int) -> int:
    """Count one request against `bucket`; the seconds to wait, 0 when within the limit."""
    with translate_errors():
        response = get_client().rpc(
            "api_rate_limit_hit", {"p_bucket": bucket, "p_limit": limit, "p_window_seconds": window_seconds}
        ).execute()
    return int(response.data or 0)


# Export ----------------------------------------------------------------------------------


def export_user_rows(*, user_id: str) -> dict[str, Any]:
    """Every row the user owns, interviews with what they produced, as plain JSON."""
    client = get_client()
    with translate_errors():
        profile = client.table("profiles").select("*").eq("id", user_id).execute().data
        resumes = client.table("resumes").select("*").eq("user_id", user_id).order("created_at").execute().data
        questions = client.table("questions").select("*").eq("owner_id", user_id).order("created_at").execute().data
        interviews = (
            client.table("interviews")
            .select(
                "*,interview_messages(*),interview_answers(*),skill_gaps(*),interview_coverage(*),recordings(*)"
            )
            .eq("user_id", user_id)
            .order("created_at")
            .execute()
            .data
        )
    return {"profile": profile[0] if profile else None, "resumes": resumes, "questions": questions,
            "interviews": interviews}
