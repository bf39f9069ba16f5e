"""The parsed resume's one shape, and the normalisation both parsers' output goes through.

`normalise()` accepts anything JSON-like and returns exactly `FIELDS` with the right types:
strings trimmed and bounded, lists de-duplicated, dates as `YYYY-MM` or `YYYY` (anything else
becomes null), `end: null` whenever `current` is true. Unknown keys are dropped.
"""

from __future__ import annotations

import re
from typing import Any

MAX_TEXT = 500  # characters of one field
MAX_SUMMARY = 3000
MAX_ITEMS = 100  # entries of one list
DATE = re.compile(r"(?:19|20)\d{2}(?:-(?:0[1-9]|1[0-2]))?")

EXPERIENCE_KEYS = ("title", "company", "location", "start", "end", "current", "highlights")
EDUCATION_KEYS = ("degree", "field", "institution", "start", "end")
CLAIM_KINDS = ("quantified", "leadership", "technology")
FIELDS = ("name", "email", "phone", "location", "links", "summary", "skills", "experience", "education",
          "certifications", "languages", "claims")

# The JSON schema of `normalise()`'s output: the model parser asks for it (strict: every key
# required, nullable where the parser may know nothing).
_STRING = {"type": ["string", "null"]}
_STRINGS = {"type": "array", "items": {"type": "string"}}
JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": list(FIELDS),
    "properties": {
        "name": _STRING, "email": _STRING, "phone": _STRING, "location": _STRING, "links": _STRINGS,
        "summary": _STRING, "skills": _STRINGS,
        "experience": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": list(EXPERIENCE_KEYS),
            "properties": {"title": _STRING, "company": _STRING, "location": _STRING,
                           "start": {**_STRING, "description": "YYYY-MM or YYYY"},
                           "end": {**_STRING, "description": "YYYY-MM or YYYY; null when current"},
                           "current": {"type": "boolean"}, "highlights": _STRINGS}}},
        "education": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": list(EDUCATION_KEYS),
            "properties": {"degree": _STRING, "field": _STRING, "institution": _STRING,
                           "start": _STRING, "end": _STRING}}},
        "certifications": _STRINGS, "languages": _STRINGS,
        "claims": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["text", "kind", "source"],
            "properties": {"text": {"type": "string"}, "kind": {"type": "string", "enum": list(CLAIM_KINDS)},
                           "source": {"type": "string", "description": "the resume line it comes from, verbatim"}}}},
    },
}


def empty() -> dict[str, Any]:
    return {"name": None, "email": None, "phone": None, "location": None, "links": [], "summary": None,
            "skills": [], "experience": [], "education": [], "certifications": [], "languages": [],
            "claims": []}


def text(value: Any, limit: int = MAX_TEXT) -> str | None:
    if value is None or isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    cleaned = re.sub(r"\s+", " ", str(value)).strip()
    return cleaned[:limit] or None


def strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    found: list[str] = []
    seen: set[str] = set()
    for item in value[:MAX_ITEMS * 2]:
        cleaned = text(item)
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            found.append(cleaned)
    return found[:MAX_ITEMS]


def date(value: Any) -> str | None:
    cleaned = text(value)
    return cleaned if cleaned and DATE.fullmatch(cleaned) else None


def _entries(value: Any, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    out = []
    for item in value[:MAX_ITEMS]:
        if not isinstance(item, dict):
            continue
        entry: dict[str, Any] = {}
        for key in keys:
            raw = item.get(key)
            if key in ("start", "end"):
                entry[key] = date(raw)
            elif key == "current":
                entry[key] = raw is True
            elif key == "highlights":
                entry[key] = strings(raw)
            else:
                entry[key] = text(raw)
        if "current" in entry and entry["current"]:
            entry["end"] = None
        if any(entry.get(k) for k in keys if k not in ("current", "highlights")):
            out.append(entry)
    return out


def _claims(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    out = []
    for item in value[:MAX_ITEMS]:
        if not isinstance(item, dict):
            continue
        claim_text, source = text(item.get("text")), text(item.get("source"), 1000)
        kind = item.get("kind") if item.get("kind") in CLAIM_KINDS else None
        if not claim_text or not kind:
            continue
        claim = {"text": claim_text, "kind": kind, "source": source or claim_text}
        for extra in ("kinds", "skills"):
            if isinstance(item.get(extra), list):
                claim[extra] = strings(item[extra])
        if "context" in item:
            claim["context"] = text(item.get("context"))
        out.append(claim)
    return out


def normalise(data: Any) -> dict[str, Any]:
    """`data` in the parsed resume's shape (see the module's docstring)."""
    data = data if isinstance(data, dict) else {}
    out = empty()
    for key in ("name", "email", "phone", "location"):
        out[key] = text(data.get(key), 200)
    out["summary"] = text(data.get("summary"), MAX_SUMMARY)
    for key in ("links", "skills", "certifications", "languages"):
        out[key] = strings(data.get(key))
    out["experience"] = _entries(data.get("experience"), EXPERIENCE_KEYS)
    out["education"] = _entries(data.get("education"), EDUCATION_KEYS)
    out["claims"] = _claims(data.get("claims"))
    return out
