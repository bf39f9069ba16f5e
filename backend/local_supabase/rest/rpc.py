"""How `/rpc/{name}` reads its arguments and picks the function overload, as PostgREST's
`findProc` does.

A POST body is JSON (named arguments), a form (named arguments as text), or raw
text/XML/binary for a function with one unnamed parameter. The overloads whose parameters
the named arguments fit are preferred; failing those, a function with one unnamed
parameter of the body's kind (json/jsonb for JSON, text, xml, bytea) is the fallback.
Such a function is always called with the whole body as its positional argument.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from .errors import RestError
from .http import JSON_BODY_TYPES, media_type, parse_json
from .schema import Function

RAW_MEDIA = {"text/plain": "text", "text/xml": "xml", "application/octet-stream": "bytea"}
FORM_MEDIA = "application/x-www-form-urlencoded"
# the parameter type a function with one unnamed parameter needs for each body kind
UNNAMED_PARAMETER_TYPES = {"json": ("json", "jsonb"), "text": ("text",), "xml": ("xml",), "bytea": ("bytea",)}


@dataclass
class RpcArguments:
    """The arguments of one call: named ones, and the value one unnamed parameter gets."""

    kind: str  # "json", "form", "text", "xml", "bytea", or "query" for GET
    named: dict[str, Any] | None  # None: a JSON body that is not an object
    positional: str | bytes

    @property
    def names(self) -> set[str]:
        return set(self.named or {})


def query_arguments(named: dict[str, str]) -> RpcArguments:
    """GET/HEAD: the query parameters that name function parameters."""
    return RpcArguments("query", named, json.dumps(named))


def body_arguments(content_type: str | None, body: bytes) -> RpcArguments:
    """A POST body as arguments; 415 for a media type PostgREST does not read, 400 for bad JSON."""
    media = media_type(content_type)
    if media in RAW_MEDIA:
        kind = RAW_MEDIA[media]
        return RpcArguments(kind, {}, body if kind == "bytea" else _utf8(body))
    if media == FORM_MEDIA:
        named = dict(parse_qsl(_utf8(body), keep_blank_values=True))
        return RpcArguments("form", named, json.dumps(named))
    if media not in JSON_BODY_TYPES:
        raise RestError(415, "PGRST107", f"Content-Type not acceptable: {media}")
    if not body.strip():
        return RpcArguments("json", {}, "{}")
    value = parse_json(body)
    return RpcArguments("json", value if isinstance(value, dict) else None, body.decode())


def _utf8(body: bytes) -> str:
    """A text body; Postgres' own error for bytes that are not UTF-8."""
    try:
        return body.decode()
    except UnicodeDecodeError:
        raise RestError(400, "22021", 'invalid byte sequence for encoding "UTF8"') from None


def has_one_unnamed_parameter(function: Function) -> bool:
    return len(function.args) == 1 and not function.args[0].name


def fits_named_arguments(function: Function, arguments: RpcArguments) -> bool:
    """The arguments name every required parameter and otherwise only optional ones."""
    if arguments.named is None:
        return False
    if not function.args:  # a raw body is an argument too
        return not arguments.named and arguments.kind not in RAW_MEDIA.values()
    optional = {a.name for a in function.args if a.has_default}
    required = {a.name for a in function.args if not a.has_default}
    return arguments.names - optional == required


def takes_the_body(function: Function, arguments: RpcArguments) -> bool:
    """The fallback: one unnamed parameter of the type this kind of POST body fills."""
    return has_one_unnamed_parameter(function) and \
        function.args[0].type in UNNAMED_PARAMETER_TYPES.get(arguments.kind, ())


def choose_function(candidates: list[Function], arguments: RpcArguments) -> Function | None:
    """The one overload to call, None when none fits; PGRST203 when several do."""
    fitting = [f for f in candidates if fits_named_arguments(f, arguments)] or [
        f for f in candidates if takes_the_body(f, arguments)]
    if len(fitting) > 1:
        raise RestError(
            300, "PGRST203",
            "Could not choose the best candidate function between: "
            + ", ".join(f"{f.schema}.{f.name}({', '.join(a.name + ' => ' + a.type for a in f.args)})"
                        for f in fitting),
            hint="Try renaming the parameters or the function itself in the database so function"
                 " overloading can be resolved",
        )
    return fitting[0] if fitting else None
