"""Input fields that take a value only in the form the OpenAPI schema gives it.

DRF's fields coerce: CharField takes the number 7 as "7", BooleanField takes "yes" and 1,
IntegerField takes "12", UUIDField takes `{...}`, `urn:uuid:...`, 32 bare hex digits and integers,
DateField takes `2026-1-5`. The schema (drf-spectacular maps these subclasses as it maps DRF's)
says `type: string`, `type: boolean`, `format: uuid`, `format: date`, so a request the schema
calls invalid was accepted. Every input serializer declares its fields from here
(`strict.CharField(...)` for `serializers.CharField(...)`), under two rules:

- a JSON body carries JSON types: text is a string, a number a number (never a boolean), a
  boolean `true`/`false`;
- a query string or form carries text only, so there a number or a boolean is its usual
  spelling (`12`, `-0.5`, `1e3`; DRF's `true`/`false` words), never padded or with a sign DRF
  would skip.

And in both: a UUID is 8-4-4-4-12 hex digits (either case, answered in lower case), a date
`YYYY-MM-DD`, a date-time RFC 3339 with its offset (`Z` or `+hh:mm`), and text no longer than
`max_length` as sent (before DRF trims it).
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework import serializers
from rest_framework.utils import html

CANONICAL_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RFC3339_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
TEXT_INTEGER = re.compile(r"-?\d+")
TEXT_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")


def from_text(field: serializers.Field) -> bool:
    """Whether the field's value came from a query string or form (all text), not a JSON body."""
    return html.is_html_input(getattr(field.root, "initial_data", None))


class StrictText:
    """A string only, its length checked as sent (`max_length` before trimming)."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class CharField(StrictText, serializers.CharField):
    pass


class EmailField(StrictText, serializers.EmailField):
    pass


class URLField(StrictText, serializers.URLField):
    pass


class RegexField(StrictText, serializers.RegexField):
    pass


class UUIDField(serializers.UUIDField):
    """A canonical UUID string, answered as `uuid.UUID`."""

    def to_internal_value(self, data: Any):
        if not isinstance(data, str) or not CANONICAL_UUID.fullmatch(data):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class DateField(serializers.DateField):
    """An RFC 3339 full-date (`2026-01-05`), not the shorter spellings Python also reads."""

    def to_internal_value(self, data: Any):
        if not isinstance(data, str) or not FULL_DATE.fullmatch(data):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(data)


class DateTimeField(serializers.DateTimeField):
    """An RFC 3339 date-time with its offset (`2026-01-05T09:30:00Z`): a naive time names no instant."""

    def to_internal_value(self, data: Any):
        if not isinstance(data, str) or not RFC3339_DATE_TIME.fullmatch(data):
            self.fail("invalid", format="YYYY-MM-DDThh:mm:ss[.ffffff]Z (or +hh:mm)")
        return super().to_internal_value(data)


def is_number(field: serializers.Field, data: Any, spelling: re.Pattern[str]) -> bool:
    """In text, `spelling` whole; in a JSON body, a JSON number (never a boolean)."""
    if from_text(field):
        return isinstance(data, str) and bool(spelling.fullmatch(data))
    return isinstance(data, int | float) and not isinstance(data, bool)


class IntegerField(serializers.IntegerField):
    """A JSON integer (1.0 is one), or in text its digits with an optional minus."""

    def to_internal_value(self, data: Any) -> int:
        if not is_number(self, data, TEXT_INTEGER):
            self.fail("invalid")
        return super().to_internal_value(data)


class FloatField(serializers.FloatField):
    """A JSON number, or in text a number as JSON spells it."""

    def to_internal_value(self, data: Any) -> float:
        if not is_number(self, data, TEXT_NUMBER):
            self.fail("invalid")
        return super().to_internal_value(data)


class BooleanField(serializers.BooleanField):
    """JSON `true` or `false`; in text, DRF's words for them (`true`, `false`, `1`, `0`, `on`, ...)."""

    def to_internal_value(self, data: Any) -> bool:
        if not from_text(self) and not isinstance(data, bool):
            self.fail("invalid", input=data)
        return super().to_internal_value(data)
