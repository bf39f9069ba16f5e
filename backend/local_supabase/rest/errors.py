"""PostgREST's error shape (`{"code","details","hint","message"}`) and status mapping.

Errors PostgREST raises itself carry `PGRST...` codes; Postgres errors are forwarded with
their SQLSTATE and an HTTP status chosen the way PostgREST's Error.hs does.
"""

from __future__ import annotations

from typing import Any

import psycopg

SCHEMA_CACHE_HINT = (
    "If a new function was created in the database with this name and parameters,"
    " try reloading the schema cache."
)


class RestError(Exception):
    """An error answered to the client in PostgREST's JSON shape."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: str | list[dict[str, str]] | None = None,  # a list: PGRST201's relationships
        hint: str | None = None,
        headers: dict[str, str] | None = None,
        catalog_miss: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.hint = hint
        self.headers = headers or {}
        # True when a schema-cache reload might make the request valid (new table, column...)
        self.catalog_miss = catalog_miss

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "details": self.details, "hint": self.hint, "message": self.message}


def parse_error(message: str, details: str | None = None) -> RestError:
    """PGRST100: the query string does not follow PostgREST's grammar."""
    return RestError(400, "PGRST100", message, details=details)


def unknown_table(schema: str, name: str) -> RestError:
    return RestError(
        404,
        "PGRST205",
        f"Could not find the table '{schema}.{name}' in the schema cache",
        catalog_miss=True,
    )


def unknown_column(table: str, column: str) -> RestError:
    """A column named in the select list, a filter or an order that the table lacks.

    PostgREST lets Postgres report these (42703, 400); we answer the same before any SQL.
    """
    return RestError(400, "42703", f"column {table}.{column} does not exist", catalog_miss=True)


def unknown_payload_column(table: str, column: str) -> RestError:
    return RestError(
        400, "PGRST204", f"Could not find the '{column}' column of '{table}' in the schema cache",
        catalog_miss=True,
    )


def status_for_sqlstate(sqlstate: str, authenticated: bool) -> int:
    """HTTP status for a Postgres error, as PostgREST maps it."""
    exact = {
        "23503": 409,
        "23505": 409,
        "25006": 405,
        "53400": 500,
        "P0001": 400,
        "42883": 404,
        "42P01": 404,
        "42P17": 500,
    }
    if sqlstate in exact:
        return exact[sqlstate]
    if sqlstate == "42501":
        return 403 if authenticated else 401
    if sqlstate.startswith("PT") and sqlstate[2:].isdigit():
        return int(sqlstate[2:])
    by_class = {
        "08": 503, "09": 500, "0L": 403, "0P": 403, "25": 500, "28": 403, "2D": 500,
        "38": 500, "39": 500, "3B": 500, "40": 500, "53": 503, "54": 500, "55": 500,
        "57": 500, "58": 500, "F0": 500, "HV": 500, "P0": 500, "XX": 500,
    }
    return by_class.get(sqlstate[:2], 400)


def from_database(exc: psycopg.Error, *, authenticated: bool) -> RestError:
    """Forward a Postgres error with its SQLSTATE, message, detail and hint."""
    diag = exc.diag
    sqlstate = diag.sqlstate or "XX000"
    message = diag.message_primary or str(exc).strip()
    if isinstance(exc, psycopg.OperationalError) and not diag.sqlstate:
        return RestError(503, "PGRST000", "Database connection error", details=str(exc).strip())
    if isinstance(exc, psycopg.DataError) and not diag.sqlstate:
        # refused before reaching the server (e.g. a NUL byte); Postgres would say 22021
        return RestError(400, "22021", message)
    return RestError(
        status_for_sqlstate(sqlstate, authenticated),
        sqlstate,
        message,
        details=diag.message_detail,
        hint=diag.message_hint,
    )
