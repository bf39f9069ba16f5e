"""SQL on storage.buckets and storage.objects for the local /storage/v1.

Every function takes a cursor of a transaction opened by `Database.as_role(claims)`, so
row-level security decides what the caller may read and write, exactly as when Supabase
Storage runs its queries as the request's role. `elevated()` switches the same
transaction to service_role for the bookkeeping Supabase Storage also does as superuser
(bucket limits, locking and reading the row an upload replaces) and switches back.
Values are always bound parameters; the only identifiers composed are fixed column names.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import sql

OBJECT_COLUMNS = (
    "name", "bucket_id", "owner", "owner_id", "version", "id", "updated_at", "created_at",
    "last_accessed_at", "metadata", "user_metadata",
)
BUCKET_COLUMNS = (
    "id", "name", "owner", "public", "created_at", "updated_at", "file_size_limit",
    "allowed_mime_types",
)
LIST_SORT_COLUMNS = ("name", "updated_at", "created_at", "last_accessed_at")
BUCKET_SORT_COLUMNS = ("id", "name", "created_at", "updated_at")
MAX_LIST_LIMIT = 1500


@contextmanager
def elevated(cur: psycopg.Cursor, role: str) -> Iterator[psycopg.Cursor]:
    """Run part of the caller's transaction as service_role, then return to the caller's role."""
    cur.execute("set local role service_role")
    try:
        yield cur
    finally:
        # After a database error the transaction is aborted and rolls back as a whole.
        if cur.connection.info.transaction_status != psycopg.pq.TransactionStatus.INERROR:
            cur.execute(sql.SQL("set local role {}").format(sql.Identifier(role)))


def owner_columns(owner: str | None) -> tuple[str | None, str | None]:
    """(owner uuid, owner_id text) as Supabase stores them: the uuid only when sub is one."""
    if owner is None:
        return None, None
    try:
        return str(uuid.UUID(owner)), owner
    except ValueError:
        return None, owner


# Buckets ---------------------------------------------------------------------------------


def find_bucket(cur: psycopg.Cursor, bucket_id: str, *, for_update: bool = False) -> dict | None:
    query = "select * from storage.buckets where id = %s" + (" for update" if for_update else "")
    cur.execute(query, (bucket_id,))
    return cur.fetchone()


def list_buckets(
    cur: psycopg.Cursor, *, limit: int | None, offset: int | None, sort_column: str | None,
    sort_order: str, search: str | None,
) -> list[dict]:
    clauses = [sql.SQL("select * from storage.buckets")]
    params: list[Any] = []
    if search:
        clauses.append(sql.SQL("where name ilike %s"))
        params.append("%" + escape_like(search) + "%")
    column = sort_column if sort_column in BUCKET_SORT_COLUMNS else "name"
    direction = sql.SQL("desc" if sort_order == "desc" else "asc")
    clauses.append(sql.SQL("order by {} {}").format(sql.Identifier(column), direction))
    if limit is not None:
        clauses.append(sql.SQL("limit %s"))
        params.append(limit)
    if offset is not None:
        clauses.append(sql.SQL("offset %s"))
        params.append(offset)
    cur.execute(sql.SQL(" ").join(clauses), params)
    return cur.fetchall()


def insert_bucket(cur: psycopg.Cursor, bucket: dict[str, Any]) -> None:
    """No RETURNING: creating a bucket needs only an INSERT policy, as on Supabase."""
    cur.execute(
        "insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit,"
        " allowed_mime_types, type) values (%(id)s, %(name)s, %(owner)s, %(owner_id)s,"
        " %(public)s, %(file_size_limit)s, %(allowed_mime_types)s, 'STANDARD')",
        bucket,
    )


def update_bucket(cur: psycopg.Cursor, bucket_id: str, changes: dict[str, Any]) -> int:
    assignments = [
        sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column))
        for column in changes
    ]
    assignments.append(sql.SQL("updated_at = now()"))
    cur.execute(
        sql.SQL("update storage.buckets set {} where id = {}").format(
            sql.SQL(", ").join(assignments), sql.Placeholder("bucket_id")
        ),
        {**changes, "bucket_id": bucket_id},
    )
    return cur.rowcount


def delete_bucket(cur: psycopg.Cursor, bucket_id: str) -> int:
    cur.execute("delete from storage.buckets where id = %s", (bucket_id,))
    return cur.rowcount


def bucket_has_objects(cur: psycopg.Cursor, bucket_id: str) -> bool:
    cur.execute("select 1 from storage.objects where bucket_id = %s limit 1", (bucket_id,))
    return cur.fetchone() is not None


# Objects ---------------------------------------------------------------------------------


@dataclass
class NewObject:
    bucket_id: str
    name: str
    version: str
    owner: str | None
    metadata: dict[str, Any]
    user_metadata: Any = None

    def params(self, object_id: str) -> dict[str, Any]:
        owner, owner_id = owner_columns(self.owner)
        return {
            "id": object_id, "bucket_id": self.bucket_id, "name": self.name,
            "owner": owner, "owner_id": owner_id, "version": self.version,
            "metadata": json.dumps(self.metadata),
            "user_metadata": None if self.user_metadata is None else json.dumps(self.user_metadata),
        }


def lock_object_name(cur: psycopg.Cursor, bucket_id: str, name: str) -> None:
    """Serialise writers of one (bucket, name) until the transaction ends."""
    cur.execute(
        "select pg_advisory_xact_lock(hashtextextended(%s, 7310214551))", (f"{bucket_id}/{name}",)
    )


def find_object(
    cur: psycopg.Cursor, bucket_id: str, name: str, *, for_update: bool = False
) -> dict | None:
    query = "select * from storage.objects where bucket_id = %s and name = %s"
    cur.execute(query + (" for update" if for_update else ""), (bucket_id, name))
    return cur.fetchone()


def find_object_names(cur: psycopg.Cursor, bucket_id: str, names: list[str]) -> set[str]:
    cur.execute(
        "select name from storage.objects where bucket_id = %s and name = any(%s)",
        (bucket_id, names),
    )
    return {row["name"] for row in cur.fetchall()}


def insert_object(cur: psycopg.Cursor, obj: NewObject) -> str:
    """Create the row; needs only an INSERT policy (no RETURNING), as on Supabase."""
    object_id = str(uuid.uuid4())
    cur.execute(
        "insert into storage.objects (id, bucket_id, name, owner, owner_id, version, metadata,"
        " user_metadata) values (%(id)s, %(bucket_id)s, %(name)s, %(owner)s, %(owner_id)s,"
        " %(version)s, %(metadata)s, %(user_metadata)s)",
        obj.params(object_id),
    )
    return object_id


def upsert_object(cur: psycopg.Cursor, obj: NewObject) -> str:
    """Create or replace the row; RLS applies the INSERT, UPDATE and SELECT policies."""
    cur.execute(
        "insert into storage.objects (id, bucket_id, name, owner, owner_id, version, metadata,"
        " user_metadata) values (%(id)s, %(bucket_id)s, %(name)s, %(owner)s, %(owner_id)s,"
        " %(version)s, %(metadata)s, %(user_metadata)s)"
        " on conflict (bucket_id, name) do update set owner = excluded.owner,"
        " owner_id = excluded.owner_id, version = excluded.version,"
        " metadata = excluded.metadata, user_metadata = excluded.user_metadata,"
        " updated_at = now(), last_accessed_at = now()"
        " returning id",
        obj.params(str(uuid.uuid4())),
    )
    return str(cur.fetchone()["id"])


def rename_object(
    cur: psycopg.Cursor, bucket_id: str, name: str, *, dest_bucket_id: str, dest_name: str,
    owner: str | None, version: str,
) -> dict | None:
    """Move the row (RLS: the UPDATE policy must allow both the old and the new row)."""
    owner_uuid, owner_id = owner_columns(owner)
    cur.execute(
        "update storage.objects set bucket_id = %s, name = %s, owner = %s, owner_id = %s,"
        " version = %s, updated_at = now() where bucket_id = %s and name = %s returning id",
        (dest_bucket_id, dest_name, owner_uuid, owner_id, version, bucket_id, name),
    )
    return cur.fetchone()


def delete_objects(cur: psycopg.Cursor, bucket_id: str, names: list[str]) -> list[dict]:
    """Delete what the caller may see and delete; returns the deleted rows."""
    cur.execute(
        "delete from storage.objects where bucket_id = %s and name = any(%s) returning *",
        (bucket_id, names),
    )
    return cur.fetchall()


def delete_all_objects(cur: psycopg.Cursor, bucket_id: str) -> list[dict]:
    cur.execute(
        "delete from storage.objects where bucket_id = %s returning bucket_id, version",
        (bucket_id,),
    )
    return cur.fetchall()


def search_objects(
    cur: psycopg.Cursor, bucket_id: str, *, prefix: str, search: str, limit: int, offset: int,
    sort_column: str, sort_order: str,
) -> list[dict]:
    """One level of a "folder", as Supabase's storage.search() returns it.

    Names are relative to `prefix`; deeper objects collapse into folder entries (id and
    timestamps null). Matching is case-insensitive on prefix + search. Sorted by name,
    folders and files interleave; sorted by a timestamp, folders come first.
    """
    direction = sql.SQL("desc" if sort_order == "desc" else "asc")
    if sort_column == "name":
        order = sql.SQL('sort_key collate "C" {}').format(direction)
    else:
        order = sql.SQL('kind, case when kind = 0 then sort_key end {d},'
                        ' {col} {d}, sort_key collate "C" {d}').format(
            d=direction, col=sql.Identifier(sort_column))
    query = sql.SQL(
        """
        with matched as (
          select o.name, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata,
                 substr(o.name, %(prefix_len)s + 1) as rel
          from storage.objects o
          where o.bucket_id = %(bucket_id)s and starts_with(lower(o.name), lower(%(combined)s))
        ), classified as (
          select *, strpos(substr(rel, %(search_len)s + 1), '/') as slash from matched
        ), entries as (
          select distinct on (lower(folder)) folder as name, null::uuid as id,
                 null::timestamptz as updated_at, null::timestamptz as created_at,
                 null::timestamptz as last_accessed_at, null::jsonb as metadata,
                 lower(folder) || '/' as sort_key, 0 as kind
          from (select left(rel, %(search_len)s + slash - 1) as folder
                from classified where slash > 0) folders
          union all
          select rel, id, updated_at, created_at, last_accessed_at, metadata, lower(rel), 1
          from classified where slash = 0
        )
        select name, id, updated_at, created_at, last_accessed_at, metadata from entries
        order by {order} limit %(limit)s offset %(offset)s
        """
    ).format(order=order)
    cur.execute(
        query,
        {
            "bucket_id": bucket_id, "prefix_len": len(prefix), "search_len": len(search),
            "combined": prefix + search, "limit": min(limit, MAX_LIST_LIMIT), "offset": offset,
        },
    )
    return cur.fetchall()


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# JSON as Supabase Storage serialises its rows ------------------------------------------


def js_timestamp(value: datetime | None) -> str | None:
    """JavaScript's Date.toJSON(): UTC, milliseconds, trailing Z."""
    if value is None:
        return None
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return js_timestamp(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


# Fields Supabase's response schemas declare as plain strings: its serializer writes null
# as "" there (storage-py relies on it: a bucket's `owner` must be a string).
_OBJECT_STRING_FIELDS = frozenset({"name", "bucket_id", "owner", "owner_id", "version"})
_BUCKET_STRING_FIELDS = frozenset({"id", "name", "owner", "owner_id", "created_at", "updated_at"})


def _row_json(row: dict[str, Any], columns: tuple[str, ...], strings: frozenset) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in columns:
        if column not in row:
            continue
        value = _json_value(row[column])
        out[column] = "" if value is None and column in strings else value
    return out


def object_json(row: dict[str, Any], columns: tuple[str, ...] = OBJECT_COLUMNS) -> dict[str, Any]:
    return _row_json(row, columns, _OBJECT_STRING_FIELDS)


def bucket_json(row: dict[str, Any], columns: tuple[str, ...] = BUCKET_COLUMNS) -> dict[str, Any]:
    return _row_json(row, columns, _BUCKET_STRING_FIELDS)
