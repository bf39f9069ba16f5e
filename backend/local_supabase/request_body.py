"""Reading request bodies with a byte cap, and parsing JSON with a nesting cap.

Shared by /rest/v1, /auth/v1 and the JSON endpoints of /storage/v1; each API turns
`BodyTooLarge` and `JsonTooDeep` into its own error shape. A body is refused by its
Content-Length before any byte is read, and a chunked one as soon as the bytes received
pass the cap (uvicorn then discards the rest of the body, so the client still reads the
answer). Object uploads stream to disk under their own limits and do not come here.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request

# Deeper JSON is refused before json.loads: Python's parser, json.dumps and the code that
# walks a value recurse once per level and would hit the interpreter's recursion limit
# (1000) at about this depth twice over. Go's encoding/json (GoTrue) stops at 10000.
MAX_JSON_DEPTH = 512

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_OPENERS = frozenset(b"[{")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class BodyTooLarge(Exception):
    """The body is longer than `limit` bytes (declared or received)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body larger than {limit} bytes")
        self.limit = limit


class JsonTooDeep(ValueError):
    """Arrays and objects nest deeper than `limit` levels."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"exceeded max depth ({limit} levels)")
        self.limit = limit


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or BodyTooLarge without reading past `limit` bytes."""
    declared = request.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def check_depth(raw: bytes | str, limit: int = MAX_JSON_DEPTH) -> None:
    """JsonTooDeep when brackets outside JSON strings nest deeper than `limit`.

    A body with no more openers than `limit` cannot be too deep, so most bodies cost two
    `count` calls; others have their strings and non-bracket bytes removed (in C) and only
    the brackets are walked.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if data.count(b"[") + data.count(b"{") <= limit:
        return
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b"", data))
    depth = 0
    for byte in brackets:
        if byte in _OPENERS:
            depth += 1
            if depth > limit:
                raise JsonTooDeep(limit)
        else:
            depth -= 1


def loads(raw: bytes | str, *, max_depth: int = MAX_JSON_DEPTH, replace_lone_surrogates: bool = True) -> Any:
    """json.loads with the nesting checked first; ValueError (or JsonTooDeep) when invalid.

    An unpaired `\\udXXX` escape becomes U+FFFD, as Go's encoding/json (GoTrue) decodes it
    and as Node writes such a string as UTF-8 (Storage); /rest/v1 keeps it and lets Postgres
    refuse it, as PostgREST passes the body through.
    """
    check_depth(raw, max_depth)
    try:
        value = json.loads(raw)
    except RecursionError:  # only if the interpreter's limit was lowered below max_depth
        raise JsonTooDeep(max_depth) from None
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if replace_lone_surrogates and _SURROGATE_ESCAPE.search(data):
        return _replace_lone_surrogates(value)
    return value


def _replace_lone_surrogates(value: Any) -> Any:
    """U+FFFD for every unpaired surrogate; left in place it cannot be encoded as UTF-8."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_replace_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_replace_lone_surrogates(k): _replace_lone_surrogates(v) for k, v in value.items()}
    return value
