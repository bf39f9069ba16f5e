"""Supabase Auth's JSON for users and identities, built from auth schema rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def iso(value: datetime | None) -> str | None:
    """RFC 3339 in UTC with a `Z`, as GoTrue writes timestamps."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def identity_json(row: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {
        # GoTrue swaps the names for backwards compatibility with its clients.
        "identity_id": str(row["id"]),
        "id": row["provider_id"],
        "user_id": str(row["user_id"]),
        "identity_data": row["identity_data"] or {},
        "provider": row["provider"],
        "last_sign_in_at": iso(row["last_sign_in_at"]),
        "created_at": iso(row["created_at"]),
        "updated_at": iso(row["updated_at"]),
    }
    if row.get("email"):
        body["email"] = row["email"]
    return body


# Optional fields GoTrue omits when empty (`omitempty`).
_OPTIONAL_TIMESTAMPS = (
    "email_confirmed_at", "phone_confirmed_at", "confirmation_sent_at", "confirmed_at",
    "recovery_sent_at", "email_change_sent_at", "invited_at", "last_sign_in_at",
    "banned_until", "deleted_at", "reauthentication_sent_at",
)


def user_json(row: dict[str, Any], identities: list[dict[str, Any]]) -> dict[str, Any]:
    """A user as /user, /admin/users and session responses return it.

    `email` and `phone` are always strings (auth-js expects `phone: ""` on e-mail users).
    """
    body: dict[str, Any] = {
        "id": str(row["id"]),
        "aud": row["aud"] or "",
        "role": row["role"] or "",
        "email": row["email"] or "",
        "phone": row["phone"] or "",
    }
    for column in _OPTIONAL_TIMESTAMPS:
        if row.get(column) is not None:
            body[column] = iso(row[column])
    if row.get("email_change"):
        body["new_email"] = row["email_change"]
    if row.get("phone_change"):
        body["new_phone"] = row["phone_change"]
    body.update({
        "app_metadata": row["raw_app_meta_data"] or {},
        "user_metadata": row["raw_user_meta_data"] or {},
        "identities": [identity_json(identity) for identity in identities],
        "created_at": iso(row["created_at"]),
        "updated_at": iso(row["updated_at"]),
        "is_anonymous": bool(row["is_anonymous"]),
    })
    return body


def is_banned(row: dict[str, Any]) -> bool:
    banned_until = row.get("banned_until")
    return banned_until is not None and banned_until > datetime.now(UTC)
