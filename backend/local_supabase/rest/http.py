"""HTTP details of /rest/v1 shared by its handlers: content negotiation, ranges,
Content-Range, single-object bodies, CSV headers and PostgREST-shaped error responses."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from starlette.responses import Response

from .. import request_body
from .errors import RestError
from .query import QueryParams

JSON_TYPE = "application/json; charset=utf-8"
OBJECT_TYPE = "application/vnd.pgrst.object+json"
ARRAY_TYPE = "application/vnd.pgrst.array+json"
CSV_TYPE = "text/csv; charset=utf-8"
JSON_BODY_TYPES = ("application/json", "", OBJECT_TYPE)  # "" : no Content-Type, read as JSON


def media_type(content_type: str | None) -> str:
    """`application/json; charset=utf-8` -> `application/json`."""
    return (content_type or "").split(";")[0].strip().lower()


def parse_json(body: bytes) -> object:
    """A JSON request body; PGRST102 when it is not JSON."""
    try:
        return request_body.loads(body, replace_lone_surrogates=False)
    except ValueError as exc:  # JsonTooDeep too: aeson has no depth limit, Python does
        raise RestError(400, "PGRST102", "Empty or invalid json", details=str(exc)) from None


def json_error(error: RestError) -> Response:
    """PostgREST's `{"code","details","hint","message"}` body with the error's status."""
    return Response(json.dumps(error.body()), status_code=error.status,
                    headers={**error.headers, "content-type": JSON_TYPE})


def respond(status: int, body: str | None, headers: dict[str, str], content_type: str = JSON_TYPE) -> Response:
    """A response with a body, or none at all for 204/minimal answers."""
    if body is None or status == 204:
        return Response(status_code=status, headers=headers)
    headers = {**headers, "content-type": content_type}
    return Response(body, status_code=status, headers=headers)


def parse_range_header(value: str | None) -> tuple[int, int | None] | None:
    """`Range: 0-9` (Range-Unit items) as (lower, upper or None); malformed ones are ignored."""
    if not value:
        return None
    match = re.match(r"^\s*(?:items=)?(\d+)-(\d*)\s*$", value)
    if not match:
        return None
    lower = int(match.group(1))
    upper = int(match.group(2)) if match.group(2) else None
    if upper is not None and upper < lower:
        raise RestError(416, "PGRST103", "Requested range not satisfiable",
                        details="The lower boundary must be lower than or equal to the upper boundary")
    return lower, upper


def page_window(params: QueryParams, range_header: tuple[int, int | None] | None,
                max_rows: int | None = None) -> tuple[int, int | None]:
    """Intersect `offset`/`limit` with a `Range` header and the server's max-rows cap."""
    offset = params.offsets.get((), 0)
    limit = params.limits.get(())
    if range_header is not None:
        lower, upper = range_header
        end = None if limit is None else offset + limit - 1
        if upper is not None:
            end = upper if end is None else min(end, upper)
        offset = max(offset, lower)
        limit = None if end is None else max(0, end - offset + 1)
    if max_rows is not None:
        limit = max_rows if limit is None else min(limit, max_rows)
    return offset, limit


@dataclass(frozen=True)
class MediaChoice:
    """What the Accept header asked for: an array (default), one object, or CSV."""

    single: bool = False
    strip_nulls: bool = False
    csv: bool = False


def negotiate(headers: dict[str, str]) -> MediaChoice:
    """The first representation of the Accept header we can serve; 406 when none."""
    accept = headers.get("accept", "").strip()
    if not accept:
        return MediaChoice()
    for raw in accept.split(","):
        media, _, params = raw.strip().partition(";")
        media = media.strip().lower()
        strip = "nulls=stripped" in params.replace(" ", "")
        if media == OBJECT_TYPE:
            return MediaChoice(single=True, strip_nulls=strip)
        if media == "text/csv":
            return MediaChoice(csv=True)
        if media in ("application/json", "*/*", "application/*", ARRAY_TYPE):
            return MediaChoice(strip_nulls=strip and media == ARRAY_TYPE)
    raise RestError(406, "PGRST107", f"None of these media types are available: {accept}")


def single_body(body: str, count: int) -> str:
    """The one object of a one-row JSON array; PGRST116 when there is not exactly one row."""
    if count != 1:
        raise RestError(
            406, "PGRST116", "Cannot coerce the result to a single JSON object",
            details=f"The result contains {count} rows",
        )
    return body[1:-1].strip()


def csv_field(name: str) -> str:
    """A CSV header cell, quoted the way Postgres quotes record fields."""
    if name == "" or any(ch in name for ch in ',"\\() \t\n'):
        return '"' + name.replace('"', '""') + '"'
    return name


def content_range(offset: int, count: int, total: int | None) -> str:
    """`0-9/57`, `*/57` for an empty page, `0-9/*` when no count was asked."""
    shown = f"{offset}-{offset + count - 1}" if count else "*"
    return f"{shown}/{total if total is not None else '*'}"
