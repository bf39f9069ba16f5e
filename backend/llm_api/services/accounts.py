"""Accounts: sign-up, sign-in, sessions, export and deletion, all through Supabase Auth.

Supabase Auth owns credentials and sessions, so tokens from these endpoints and from a
front end's own supabase-js sign-in are the same tokens. The profile row is written by the
database's sign-up trigger from the metadata sent here.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError, FieldConflict
from backend.llm_api.services.throttles import throttle_account_attempt

logger = logging.getLogger(__name__)

EMAIL_TAKEN = "Email already registered"
USERNAME_TAKEN = "Username already taken"


@dataclass(frozen=True)
class Account:
    """Seed 004's user shape."""

    id: str
    email: str | None
    username: str | None
    full_name: str | None
    is_active: bool
    created_at: str


@dataclass(frozen=True)
class SignedIn:
    access_token: str
    refresh_token: str
    token_type: str
    expires_in: int
    expires_at: int | None
    user: Account


class CleanupIncomplete(AppError):
    status_code = 503
    default_code = "account_cleanup_incomplete"
    default_detail = "Some stored files could not be removed yet; nothing was deleted. Try again shortly."


def _account(user: supabase_client.AuthUser, profile: dict[str, Any] | None) -> Account:
    return Account(
        id=user.id, email=user.email, username=(profile or {}).get("username"),
        full_name=(profile or {}).get("full_name"), is_active=user.is_active, created_at=user.created_at,
    )


def _signed_in(session: supabase_client.AuthSession) -> SignedIn:
    profile = supabase_client.get_profile(user_id=session.user.id)
    return SignedIn(
        access_token=session.access_token, refresh_token=session.refresh_token, token_type="bearer",
        expires_in=session.expires_in, expires_at=session.expires_at, user=_account(session.user, profile),
    )


def account_register(*, email: str, username: str, password: str, full_name: str, client_ip: str | None) -> Account:
    """A new account, or the same one again when a registration is retried with its password."""
    throttle_account_attempt(action="register", client_ip=client_ip, email=email)
    owner = supabase_client.username_owner(username=username)
    signup = None
    if owner is None:
        signup = supabase_client.auth_sign_up(
            email=email, password=password, metadata={"username": username, "full_name": full_name}
        )
    if signup is None or signup.already_registered:
        return _retried_registration(email=email, username=username, password=password, owner=owner)
    profile = supabase_client.get_profile(user_id=signup.user.id)
    if profile is None or profile["username"].lower() != username.lower():
        # No profile (the sign-up trigger failed), or another sign-up took the name between our
        # check and the trigger: undo this one, so a retry starts clean.
        supabase_client.auth_delete_user(user_id=signup.user.id)
        if profile is None:
            raise supabase_client.Unavailable(
                "The account's profile could not be written; nothing was kept. Try again.", code="profile_not_written"
            )
        raise FieldConflict("username", USERNAME_TAKEN)
    return _account(signup.user, profile)


def _retried_registration(*, email: str, username: str, password: str, owner: str | None) -> Account:
    """Taken e-mail or username; unless it is this very registration again (a retry after a lost answer)."""
    try:
        session = supabase_client.auth_sign_in(email=email, password=password)
    except (supabase_client.Unauthorized, supabase_client.PermissionDenied, supabase_client.Invalid):
        session = None
    if session is not None:
        profile = supabase_client.get_profile(user_id=session.user.id)
        supabase_client.auth_sign_out(access_token=session.access_token, scope="local")
        if profile is not None and profile["username"].lower() == username.lower():
            return _account(session.user, profile)
    if owner is not None:
        raise FieldConflict("username", USERNAME_TAKEN)
    raise FieldConflict("email", EMAIL_TAKEN)


def account_login(*, email: str, password: str, client_ip: str | None) -> SignedIn:
    throttle_account_attempt(action="login", client_ip=client_ip, email=email)
    try:
        session = supabase_client.auth_sign_in(email=email, password=password)
    except (supabase_client.Invalid, supabase_client.Unauthorized) as exc:
        # Every refused credential looks the same, whichever part was wrong.
        raise supabase_client.Unauthorized("Incorrect email or password.", code="invalid_credentials") from exc
    except supabase_client.PermissionDenied as exc:
        raise supabase_client.PermissionDenied("Account is inactive.", code="account_inactive") from exc
    return _signed_in(session)


def session_refresh(*, refresh_token: str) -> SignedIn:
    try:
        session = supabase_client.auth_refresh(refresh_token=refresh_token)
    except (supabase_client.Invalid, supabase_client.NotFound, supabase_client.Unauthorized) as exc:
        raise supabase_client.Unauthorized("The refresh token is not valid.", code="invalid_refresh_token") from exc
    return _signed_in(session)


def session_logout(*, access_token: str, scope: str) -> None:
    supabase_client.auth_sign_out(access_token=access_token, scope=scope)


def account_current(*, user_id: str, role: str) -> dict[str, Any]:
    """Seed 004's flat user fields, the rest of the profile, and the token's role."""
    user = supabase_client.auth_get_user(user_id=user_id)
    if not user.is_active:
        raise supabase_client.PermissionDenied("Account is inactive.", code="account_inactive")
    profile = supabase_client.get_profile(user_id=user_id)
    empty = dict.fromkeys(supabase_client.PROFILE_COLUMNS.split(","))
    return {**empty, **(profile or {}), **asdict(_account(user, profile)), "role": role}


def account_export(*, user_id: str) -> dict[str, Any]:
    """Everything stored about the user, with short-lived links to their files."""
    data = supabase_client.export_user_rows(user_id=user_id)
    user = supabase_client.auth_get_user(user_id=user_id)
    data["account"] = {"id": user.id, "email": user.email, "created_at": user.created_at, "is_active": user.is_active}
    seconds = int(settings.EXPORT_SIGNED_URL_SECONDS)
    recordings = [rec for interview in data["interviews"] + data["scheduled_interviews"]
                  for rec in interview.get("recordings", [])]
    for bucket, rows in (("resumes", data["resumes"]), ("interview-recordings", recordings),
                         ("reports", data["reports"])):
        paths = [row["storage_path"] for row in rows if row.get("storage_path")]
        urls = supabase_client.storage_signed_urls(user_id=user_id, bucket=bucket, paths=paths, expires_in=seconds)
        for row in rows:
            row["download_url"] = urls.get(row.get("storage_path") or "")
    profile = data.get("profile") or {}
    if profile.get("avatar_path"):
        profile["avatar_url"] = supabase_client.storage_public_url(bucket="avatars", path=profile["avatar_path"])
    data["signed_urls_expire_in"] = seconds
    return data


def _remove_stored_objects(*, user_id: str) -> int:
    """Remove every object in the user's folder of every bucket; how many remain afterwards."""
    remaining = 0
    for bucket in supabase_client.storage_bucket_ids():
        paths = supabase_client.storage_list_user_objects(user_id=user_id, bucket=bucket)
        for start in range(0, len(paths), 100):
            supabase_client.storage_remove(user_id=user_id, bucket=bucket, paths=paths[start:start + 100])
        remaining += len(supabase_client.storage_list_user_objects(user_id=user_id, bucket=bucket))
    return remaining


def account_delete(*, user_id: str, email: str | None, password: str, client_ip: str | None) -> None:
    """Delete the account after re-checking the password: files first, then the user (rows cascade).

    Files go first so that a failure leaves a working account to retry with, never rows gone
    and files left behind; a second sweep after the user is deleted catches late uploads.
    """
    throttle_account_attempt(action="delete", client_ip=client_ip, email=email or user_id)
    if not email:
        raise supabase_client.PermissionDenied("This account has no password to confirm with.", code="no_password")
    try:
        session = supabase_client.auth_sign_in(email=email, password=password)
    except (supabase_client.Unauthorized, supabase_client.Invalid) as exc:
        raise supabase_client.PermissionDenied("The password is not correct.", code="invalid_password") from exc
    if session.user.id != user_id:
        raise supabase_client.PermissionDenied("The password is not correct.", code="invalid_password")
    if _remove_stored_objects(user_id=user_id):
        raise CleanupIncomplete()
    supabase_client.auth_delete_user(user_id=user_id)
    for _attempt in range(3):
        try:
            if not _remove_stored_objects(user_id=user_id):
                return
        except supabase_client.SupabaseError:
            logger.warning("account %s: storage sweep after deletion failed; retrying", user_id)
    logger.error("account %s deleted but stored objects remain after 3 sweeps", user_id)
    raise CleanupIncomplete(
        "The account was deleted, but some stored files could not be removed yet; this has been logged.",
        code="account_files_remain",
    )
