"""Supabase Auth: sign-up, sessions, and the admin calls on users."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from supabase_auth import SyncGoTrueClient
from supabase_auth.types import Session, User

from .connection import _get_connection, get_client
from .errors import Conflict, NotConfigured, SupabaseError, Unauthorized, translate_errors


@dataclass(frozen=True)
class AuthUser:
    id: str
    email: str | None
    created_at: str
    is_active: bool
    email_confirmed: bool = False


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
    return AuthUser(id=str(user.id), email=user.email, created_at=_iso(user.created_at), is_active=active,
                    email_confirmed=user.email_confirmed_at is not None)


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


def auth_invite(*, email: str, redirect_to: str, data: Mapping[str, Any]) -> bool:
    """Mail Supabase Auth's invitation (it creates the user, unconfirmed) with `redirect_to` as its
    link; False when the address already has an account (Auth sends nothing then)."""
    try:
        with translate_errors():
            get_client().auth.admin.invite_user_by_email(email, {"redirect_to": redirect_to, "data": dict(data)})
    except Conflict:
        return False
    return True


def auth_delete_user(*, user_id: str) -> None:
    """Delete the auth user; every row of theirs goes by cascade."""
    with translate_errors():
        get_client().auth.admin.delete_user(user_id)
