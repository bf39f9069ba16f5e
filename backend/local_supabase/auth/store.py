"""Reads and writes of the auth schema (users, identities, sessions, refresh tokens).

Every function takes a dict-row cursor inside a transaction opened by the caller with
`ctx.db.as_admin()` (Supabase Auth itself runs as a privileged role). Inserts into
auth.users are plain INSERTs so triggers a project puts on that table (e.g. creating a
profile row) fire exactly as on Supabase.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from psycopg import Cursor, sql
from psycopg.types.json import Jsonb

NIL_UUID = "00000000-0000-0000-0000-000000000000"

# Columns of auth.users the API may change; values are always bound as parameters.
UPDATABLE_USER_COLUMNS = frozenset({
    "email", "encrypted_password", "email_confirmed_at", "invited_at", "confirmation_token",
    "confirmation_sent_at", "recovery_token", "recovery_sent_at", "email_change",
    "email_change_token_new", "email_change_token_current", "email_change_sent_at",
    "last_sign_in_at", "raw_app_meta_data", "raw_user_meta_data", "role", "banned_until",
    "reauthentication_token", "reauthentication_sent_at", "deleted_at", "is_anonymous",
    "phone",
})


def now_utc() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


def canonical_uuid(value: str) -> str:
    """The canonical text of a UUID; ValueError when it is not one."""
    return str(uuid.UUID(str(value)))


def new_token_hash() -> str:
    """An unguessable value for the one-time-token columns (never sent anywhere locally)."""
    return secrets.token_hex(28)


def _jsonb(value: Any) -> Any:
    return Jsonb(value) if isinstance(value, (dict, list)) else value


# Users -------------------------------------------------------------------------------
def find_user(cur: Cursor, user_id: str, *, lock: bool = False) -> dict[str, Any] | None:
    query = "select * from auth.users where id = %s" + (" for update" if lock else "")
    cur.execute(query, (user_id,))
    return cur.fetchone()


def find_user_by_email(cur: Cursor, email: str, aud: str) -> dict[str, Any] | None:
    cur.execute(
        "select * from auth.users where lower(email) = lower(%s) and is_sso_user = false"
        " and coalesce(aud, %s) = %s",
        (email, aud, aud),
    )
    return cur.fetchone()


def email_taken(cur: Cursor, email: str, *, except_user: str | None = None) -> bool:
    cur.execute(
        "select 1 from auth.users where lower(email) = lower(%s) and is_sso_user = false"
        " and id is distinct from %s",
        (email, except_user),
    )
    return cur.fetchone() is not None


def insert_user(
    cur: Cursor,
    *,
    email: str | None,
    encrypted_password: str | None,
    user_metadata: dict[str, Any],
    app_metadata: dict[str, Any],
    aud: str,
    role: str,
    confirmed: bool,
    is_anonymous: bool = False,
    invited: bool = False,
    confirmation_sent: bool = False,
    banned_until: datetime | None = None,
    user_id: str | None = None,
) -> dict[str, Any]:
    now = now_utc()
    cur.execute(
        "insert into auth.users (instance_id, id, aud, role, email, encrypted_password,"
        " email_confirmed_at, invited_at, confirmation_token, confirmation_sent_at,"
        " raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at,"
        " banned_until, is_anonymous, recovery_token, email_change_token_new, email_change)"
        " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, false, %s, %s, %s, %s,"
        " '', '', '') returning *",
        (
            NIL_UUID, user_id or str(uuid.uuid4()), aud, role, email, encrypted_password,
            now if confirmed else None, now if invited else None,
            "" if confirmed or not email else secrets.token_hex(28),
            now if confirmation_sent or invited else None,
            Jsonb(app_metadata), Jsonb(user_metadata), now, now, banned_until, is_anonymous,
        ),
    )
    return cur.fetchone()


def update_user(cur: Cursor, user_id: str, **fields: Any) -> dict[str, Any]:
    """Set the given auth.users columns (and updated_at); return the new row."""
    unknown = set(fields) - UPDATABLE_USER_COLUMNS
    if unknown:
        raise ValueError(f"not updatable: {sorted(unknown)}")
    fields["updated_at"] = now_utc()
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = %s").format(sql.Identifier(column)) for column in fields
    )
    cur.execute(
        sql.SQL("update auth.users set {} where id = %s returning *").format(assignments),
        [_jsonb(value) for value in fields.values()] + [user_id],
    )
    return cur.fetchone()


def merge_metadata(current: dict[str, Any] | None, updates: dict[str, Any]) -> dict[str, Any]:
    """GoTrue's metadata update: keys are merged, a null value removes the key."""
    merged = dict(current or {})
    for key, value in updates.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def list_users(
    cur: Cursor, aud: str, *, page: int, per_page: int, filter_text: str = ""
) -> tuple[list[dict[str, Any]], int]:
    where = sql.SQL("coalesce(aud, %s) = %s")
    params: list[Any] = [aud, aud]
    if filter_text:
        where = sql.SQL("{} and (email ilike %s or raw_user_meta_data ->> 'full_name' ilike %s)").format(where)
        pattern = "%" + filter_text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [pattern, pattern]
    cur.execute(sql.SQL("select count(*) as n from auth.users where {}").format(where), params)
    total = cur.fetchone()["n"]
    cur.execute(
        sql.SQL("select * from auth.users where {} order by created_at desc, id limit %s offset %s")
        .format(where),
        params + [per_page, (page - 1) * per_page],
    )
    return cur.fetchall(), total


def delete_user(cur: Cursor, user_id: str) -> None:
    cur.execute("delete from auth.users where id = %s", (user_id,))


def soft_delete_user(cur: Cursor, user_id: str) -> None:
    """Like GoTrue: keep the row, obfuscate its identifiers, end its sessions."""
    now = now_utc()
    cur.execute(
        "update auth.users set deleted_at = %s, updated_at = %s, encrypted_password = '',"
        " email = case when email is null or email = '' then email"
        "   else 'deleted-' || id::text || '@deleted.invalid' end,"
        " phone = null, raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb)"
        " where id = %s",
        (now, now, user_id),
    )
    cur.execute(
        "update auth.identities set provider_id = 'deleted-' || id::text,"
        " identity_data = '{}'::jsonb, updated_at = %s where user_id = %s",
        (now, user_id),
    )
    cur.execute("delete from auth.sessions where user_id = %s", (user_id,))


# Identities ------------------------------------------------------------------------------
def insert_identity(
    cur: Cursor, *, user_id: str, provider: str, provider_id: str, identity_data: dict[str, Any]
) -> None:
    now = now_utc()
    cur.execute(
        "insert into auth.identities (provider_id, user_id, identity_data, provider,"
        " last_sign_in_at, created_at, updated_at) values (%s, %s, %s, %s, %s, %s, %s)",
        (provider_id, user_id, Jsonb(identity_data), provider, now, now, now),
    )


def identities_of(cur: Cursor, user_id: str) -> list[dict[str, Any]]:
    cur.execute(
        "select * from auth.identities where user_id = %s order by created_at, id", (user_id,)
    )
    return cur.fetchall()


def update_identity_data(cur: Cursor, user_id: str, provider: str, updates: dict[str, Any]) -> bool:
    cur.execute(
        "update auth.identities set identity_data = identity_data || %s, updated_at = %s"
        " where user_id = %s and provider = %s",
        (Jsonb(updates), now_utc(), user_id, provider),
    )
    return cur.rowcount > 0


def touch_identity_sign_in(cur: Cursor, user_id: str, provider: str) -> None:
    cur.execute(
        "update auth.identities set last_sign_in_at = %s where user_id = %s and provider = %s",
        (now_utc(), user_id, provider),
    )


# Sessions and refresh tokens ---------------------------------------------------------------
def create_session(
    cur: Cursor, *, user_id: str, method: str, user_agent: str | None, ip: str | None
) -> dict[str, Any]:
    now = now_utc()
    session_id = str(uuid.uuid4())
    cur.execute(
        "insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)"
        " values (%s, %s, %s, %s, 'aal1', %s, %s) returning *",
        (session_id, user_id, now, now, user_agent, ip),
    )
    session = cur.fetchone()
    cur.execute(
        "insert into auth.mfa_amr_claims (session_id, created_at, updated_at,"
        " authentication_method, id) values (%s, %s, %s, %s, %s)",
        (session_id, now, now, method, str(uuid.uuid4())),
    )
    return session


def find_session(cur: Cursor, session_id: str, *, lock: bool = False) -> dict[str, Any] | None:
    query = "select * from auth.sessions where id = %s" + (" for update" if lock else "")
    cur.execute(query, (session_id,))
    return cur.fetchone()


def session_amr(cur: Cursor, session_id: str) -> list[dict[str, Any]]:
    cur.execute(
        "select authentication_method, created_at from auth.mfa_amr_claims"
        " where session_id = %s order by created_at",
        (session_id,),
    )
    return [
        {"method": row["authentication_method"], "timestamp": int(row["created_at"].timestamp())}
        for row in cur.fetchall()
    ]


def issue_refresh_token(
    cur: Cursor, *, user_id: str, session_id: str, parent: str | None = None
) -> str:
    """A new opaque refresh token for the session (GoTrue's are short random strings)."""
    token = secrets.token_urlsafe(24)
    now = now_utc()
    cur.execute(
        "insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at,"
        " updated_at, parent, session_id) values (%s, %s, %s, false, %s, %s, %s, %s)",
        (NIL_UUID, token, user_id, now, now, parent, session_id),
    )
    return token


def find_refresh_token(cur: Cursor, token: str) -> dict[str, Any] | None:
    """The token row, locked so that two concurrent refreshes cannot both rotate it."""
    cur.execute("select * from auth.refresh_tokens where token = %s for update", (token,))
    return cur.fetchone()


def revoke_refresh_token(cur: Cursor, token_id: int) -> None:
    cur.execute(
        "update auth.refresh_tokens set revoked = true, updated_at = %s where id = %s",
        (now_utc(), token_id),
    )


def mark_session_refreshed(cur: Cursor, session_id: str) -> None:
    now = now_utc()
    cur.execute(
        "update auth.sessions set refreshed_at = %s, updated_at = %s where id = %s",
        (now.replace(tzinfo=None), now, session_id),
    )


def delete_sessions(
    cur: Cursor, *, user_id: str, only: str | None = None, keep: str | None = None
) -> None:
    """Delete a user's sessions (their refresh tokens cascade): one, all, or all but one."""
    if only is not None:
        cur.execute("delete from auth.sessions where id = %s and user_id = %s", (only, user_id))
    elif keep is not None:
        cur.execute("delete from auth.sessions where user_id = %s and id <> %s", (user_id, keep))
    else:
        cur.execute("delete from auth.sessions where user_id = %s", (user_id,))
