"""Database access for the local stack.

Two pools: `api` connects as `authenticator` (no privileges of its own) and switches to
the JWT's role inside each transaction, exactly as PostgREST does, so RLS and grants are
enforced by Postgres; `admin` connects as the superuser for what Supabase's own services
do with elevated rights (Auth's tables, storage bookkeeping, migrations).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from .keys import ALLOWED_ROLES


def _with_user(dsn: str, user: str) -> str:
    params = psycopg.conninfo.conninfo_to_dict(dsn)
    params["user"] = user
    return psycopg.conninfo.make_conninfo(**params)


class Database:
    def __init__(self, dsn: str, *, max_size: int = 20) -> None:
        self.dsn = dsn
        self.api = ConnectionPool(
            _with_user(dsn, "authenticator"), min_size=1, max_size=max_size,
            kwargs={"autocommit": False}, open=False, name="api",
        )
        self.admin = ConnectionPool(
            dsn, min_size=1, max_size=max(4, max_size // 2),
            kwargs={"autocommit": False}, open=False, name="admin",
        )

    def open(self) -> None:
        self.api.open(wait=True, timeout=30)
        self.admin.open(wait=True, timeout=30)

    def close(self) -> None:
        self.api.close()
        self.admin.close()

    @contextmanager
    def as_role(
        self,
        claims: Mapping[str, Any],
        *,
        headers: Mapping[str, str] | None = None,
        method: str = "GET",
        path: str = "/",
    ) -> Iterator[psycopg.Cursor]:
        """One transaction as the claims' role, with `request.jwt.claims` set.

        Commits when the block ends normally, rolls back on any exception.
        """
        role = claims.get("role") or "anon"
        if role not in ALLOWED_ROLES:
            raise ValueError(f"role {role!r} not allowed")
        with self.api.connection() as conn:
            with conn.transaction():
                with conn.cursor(row_factory=dict_row) as cur:
                    # One round trip; set_config('role', ..., true) is SET LOCAL ROLE.
                    cur.execute(
                        "select set_config('request.jwt.claims', %s, true),"
                        " set_config('request.headers', %s, true),"
                        " set_config('request.method', %s, true),"
                        " set_config('request.path', %s, true),"
                        " set_config('role', %s, true)",
                        (
                            json.dumps(dict(claims)),
                            json.dumps({k.lower(): v for k, v in (headers or {}).items()}),
                            method,
                            path,
                            role,
                        ),
                    )
                    yield cur

    @contextmanager
    def as_admin(self) -> Iterator[psycopg.Cursor]:
        """One transaction as the superuser (Supabase's own services' rights)."""
        with self.admin.connection() as conn:
            with conn.transaction():
                with conn.cursor(row_factory=dict_row) as cur:
                    yield cur
