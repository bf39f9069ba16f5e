"""Account rules shared by sign-up, admin and user endpoints: passwords, e-mail, users.

Passwords are stored as bcrypt hashes in auth.users.encrypted_password, as Supabase does.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Any

import bcrypt
from psycopg import Cursor

from . import store
from .config import AuthConfig
from .errors import AuthError, not_found, validation_failed, weak_password
from .users import user_json

BCRYPT_ROUNDS = 10  # GoTrue uses bcrypt.DefaultCost
MAX_PASSWORD_BYTES = 72  # bcrypt's limit, also GoTrue's maximum
# Parts of an address: no whitespace, control characters (NUL included) or specials, as
# GoTrue's checkmail format check refuses them ("Unable to validate email address: invalid format").
_EMAIL_PART = r'[^\s\x00-\x1f\x7f@<>()\[\],;:"]+'
_EMAIL_RE = re.compile(rf"^{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}$")
# A hash compared against when no user matches, so unknown e-mails take as long as wrong passwords.
_DUMMY_HASH = bcrypt.hashpw(b"local-supabase-dummy-password", bcrypt.gensalt(BCRYPT_ROUNDS))


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(BCRYPT_ROUNDS)).decode()


def password_matches(password: str, encrypted: str | None) -> bool:
    """Exactly one bcrypt comparison for every input, so the answer's timing tells nothing.

    Against the stored hash, or the dummy one (same cost) when there is none or it is not
    bcrypt. As in GoTrue (Go's bcrypt.CompareHashAndPassword), only a password's first 72
    bytes count: a longer one is compared by its prefix, never refused before hashing.
    """
    key = password.encode()[:MAX_PASSWORD_BYTES]
    stored = encrypted.encode() if encrypted and encrypted.startswith("$2") else None
    if stored is not None:
        try:
            return bcrypt.checkpw(key, stored)
        except ValueError:  # a malformed stored hash: bcrypt refused it before any work
            pass
    bcrypt.checkpw(key, _DUMMY_HASH)
    return False


def check_password_strength(config: AuthConfig, password: str) -> None:
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise validation_failed(f"Password cannot be longer than {MAX_PASSWORD_BYTES} characters")
    if len(password) < config.password_min_length:
        raise weak_password(
            f"Password should be at least {config.password_min_length} characters.", ["length"]
        )


def validate_email(email: Any) -> str:
    """GoTrue's checks and messages; the address is stored lower-cased."""
    if not isinstance(email, str) or email == "":
        raise validation_failed("An email address is required")
    if len(email) > 255:
        raise validation_failed("An email address is too long")
    if not _EMAIL_RE.match(email):
        raise validation_failed("Unable to validate email address: invalid format")
    return email.lower()


_E164_RE = re.compile(r"^[1-9][0-9]{1,14}$")


def is_e164(phone: str) -> bool:
    """GoTrue's phone check, after stripping a leading '+' and spaces."""
    return bool(_E164_RE.match(phone.replace(" ", "").removeprefix("+")))


def parse_uuid(value: str, message: str = "user_id must be an UUID") -> str:
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise not_found("validation_failed", message) from None


_GO_DURATION_RE = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_GO_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}


def parse_ban_duration(value: Any) -> timedelta | None:
    """A Go duration string as GoTrue's `ban_duration` takes it ("24h", "1h30m", "none")."""
    if value in (None, ""):
        return None
    if value == "none":
        return timedelta(0)
    text = str(value)
    if not text or _GO_DURATION_RE.sub("", text) != "":
        raise validation_failed(f"invalid format for ban duration: time: invalid duration {text!r}")
    seconds = sum(float(n) * _GO_UNITS[unit] for n, unit in _GO_DURATION_RE.findall(text))
    return timedelta(seconds=seconds)


def banned_until_for(duration: timedelta) -> datetime | None:
    return None if duration.total_seconds() <= 0 else store.now_utc() + duration


def email_identity_data(user_id: str, email: str, *, verified: bool) -> dict[str, Any]:
    return {"sub": user_id, "email": email, "email_verified": verified, "phone_verified": False}


def create_email_user(
    cur: Cursor,
    config: AuthConfig,
    *,
    email: str,
    password: str | None,
    user_metadata: dict[str, Any] | None,
    app_metadata: dict[str, Any] | None = None,
    confirm: bool,
    invited: bool = False,
    role: str | None = None,
    banned_until: datetime | None = None,
    user_id: str | None = None,
) -> dict[str, Any]:
    """Insert a user with an e-mail identity (the row a trigger on auth.users will see)."""
    metadata = dict(user_metadata or {})
    if confirm:
        metadata["email_verified"] = True  # what GoTrue's User.Confirm records
    app = {"provider": "email", "providers": ["email"]}
    app = store.merge_metadata(app, app_metadata or {})
    row = store.insert_user(
        cur,
        email=email,
        encrypted_password=hash_password(password) if password else None,
        user_metadata=metadata,
        app_metadata=app,
        aud=config.audience,
        role=role or "authenticated",
        confirmed=confirm,
        invited=invited,
        confirmation_sent=not confirm,
        banned_until=banned_until,
        user_id=user_id,
    )
    identity = email_identity_data(str(row["id"]), email, verified=confirm)
    for key, value in (user_metadata or {}).items():
        identity.setdefault(key, value)
    store.insert_identity(
        cur, user_id=str(row["id"]), provider="email", provider_id=str(row["id"]),
        identity_data=identity,
    )
    return row


def confirm_email(cur: Cursor, user: dict[str, Any]) -> dict[str, Any]:
    metadata = store.merge_metadata(user["raw_user_meta_data"], {"email_verified": True})
    store.update_identity_data(cur, str(user["id"]), "email", {"email_verified": True})
    return store.update_user(
        cur, str(user["id"]), email_confirmed_at=store.now_utc(), confirmation_token="",
        raw_user_meta_data=metadata,
    )


def change_email(cur: Cursor, user: dict[str, Any], email: str, *, confirmed: bool) -> dict[str, Any]:
    """Set the user's e-mail now and keep the e-mail identity in step (creating it if missing)."""
    user_id = str(user["id"])
    if not store.update_identity_data(
        cur, user_id, "email", {"email": email, "email_verified": confirmed}
    ):
        store.insert_identity(
            cur, user_id=user_id, provider="email", provider_id=user_id,
            identity_data=email_identity_data(user_id, email, verified=confirmed),
        )
        app = user["raw_app_meta_data"] or {}
        providers = list(app.get("providers") or [])
        if "email" not in providers:
            providers.append("email")
        store.update_user(
            cur, user_id,
            raw_app_meta_data={**app, "provider": app.get("provider") or "email", "providers": providers},
        )
    fields: dict[str, Any] = {"email": email, "email_change": "", "email_change_token_new": "",
                              "email_change_token_current": "", "email_change_sent_at": None}
    if confirmed:
        fields["email_confirmed_at"] = user["email_confirmed_at"] or store.now_utc()
    return store.update_user(cur, user_id, **fields)


def load_user_json(cur: Cursor, user_id: str) -> dict[str, Any]:
    row = store.find_user(cur, user_id)
    if row is None:
        raise AuthError(404, "user_not_found", "User not found")
    return user_json(row, store.identities_of(cur, user_id))
