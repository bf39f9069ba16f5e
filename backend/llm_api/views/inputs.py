"""Input checks shared by the views: validation answered with 422 (400 where a seed's contract
says so), and who the client is."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.http import QueryDict
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle
from rest_framework.utils.urls import remove_query_param, replace_query_param

from backend.llm_api.exceptions import UnprocessableInput
from backend.llm_api.views import strict

USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{2,49}")
USERNAME_RULE = "3-50 characters: letters, digits, - and _, starting with a letter or digit."


def validated(
    serializer_class: type[serializers.Serializer], data: Any, *, partial: bool = False, status_code: int = 422,
    flat: bool = False,
) -> dict:
    """The serializer's validated data, or 422 (or `status_code` 400) with a message per field;
    `flat`: nested fields named by their path (`questions[2].rubric.points[0].text`)."""
    serializer = serializer_class(data=data, partial=partial)
    if not serializer.is_valid():
        errors = flat_errors(serializer.errors) if flat else serializer.errors
        if status_code == 400:
            raise serializers.ValidationError(errors)
        raise UnprocessableInput(errors)
    return dict(serializer.validated_data)


class PrebuiltFieldsSerializer(serializers.Serializer):
    """A flat input serializer whose declared fields are built once per class: each instance binds
    shallow copies of them.

    DRF deep-copies every declared field for every instance, re-running each field's `__init__`;
    for the history list's twelve query parameters that was about 0.3 ms of every request, more
    than the rest of DRF. A shallow copy is enough for fields that keep no state of their own while
    they validate (DRF's do not: `bind` sets a copy's name, parent, label and source, and
    validating reads the rest); a ListField's child is copied too and given its copy as parent, as
    DRF's ListField binds it. Nested serializers keep state, so they are refused here."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, field in cls._declared_fields.items():
            child = getattr(field, "child", None)
            if isinstance(field, serializers.BaseSerializer) or isinstance(child, serializers.BaseSerializer):
                raise TypeError(f"{cls.__name__}.{name}: nested serializers need DRF's deep copies")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = {}
        for name, declared in self._declared_fields.items():
            field = copy.copy(declared)
            if isinstance(declared, serializers.ListField | serializers.DictField):
                field.child = copy.copy(declared.child)
                field.child.parent = field
            fields[name] = field
        return fields


def validated_query(
    serializer_class: type[serializers.Serializer], request: Request, *, status_code: int = 422,
) -> dict:
    """The query string's validated values, a blank one (`?to=`) being the parameter absent: what an
    HTML form or URLSearchParams sends for a filter left unset. The schema says so on every optional
    query parameter (`allowEmptyValue`, schema.document_blank_query_values)."""
    return validated(serializer_class, without_blanks(request.query_params), status_code=status_code)


def without_blanks(query: QueryDict) -> QueryDict:
    """`query` without its blank values (a name sent only blank is dropped)."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if present := [value for value in values if value != ""]:
            kept.setlist(name, present)
    return kept


def flat_errors(detail: Any, path: str = "") -> dict[str, list[str]]:
    """DRF's nested errors as `{path: [messages]}`: `a.b` for fields, `a[1]` for list items."""
    if isinstance(detail, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
                name = f"{path}[{key}]"
            elif key == "non_field_errors" and path:
                name = path
            else:
                name = f"{path}.{key}" if path else str(key)
            for field, messages in flat_errors(value, name).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    if isinstance(detail, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in detail):
            return {path or "non_field_errors": [str(item) for item in detail]} if detail else {}
        flat = {}
        for index, item in enumerate(detail):
            for field, messages in flat_errors(item, f"{path}[{index}]").items():
                flat.setdefault(field, []).extend(messages)
        return flat
    return {path or "non_field_errors": [str(detail)]}


class LabelField(strict.CharField):
    """One of a closed set, spelled as the schema stores it or as seed front ends send it
    ("System Design" -> `system_design`); answered with the stored value."""

    def __init__(self, *, normalise: Callable[[str], str | None], choices: Sequence[str], **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 50)
        kwargs.setdefault("help_text", f"One of {', '.join(choices)} (any case; spaces or hyphens for _).")
        super().__init__(**kwargs)
        self.normalise = normalise
        self.choices = tuple(choices)

    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        if not text.strip() and self.allow_blank:
            return ""
        value = self.normalise(text)
        if value is None:
            raise serializers.ValidationError(f"Must be one of: {', '.join(self.choices)}.")
        return value


def client_ip(request: Request) -> str | None:
    """The client's address as DRF's throttles see it (REMOTE_ADDR, or X-Forwarded-For behind NUM_PROXIES)."""
    return BaseThrottle().get_ident(request) or None


def validate_username(value: str) -> str:
    if not USERNAME.fullmatch(value):
        raise serializers.ValidationError(USERNAME_RULE)
    return value


def validate_password_strength(value: str) -> str:
    if len(value) < 8 or not re.search(r"[A-Z]", value) or not re.search(r"\d", value):
        raise serializers.ValidationError("At least 8 characters, with an uppercase letter and a digit.")
    if len(value.encode()) > 72:
        raise serializers.ValidationError("At most 72 bytes.")
    return value


def url_on(*hosts: str):
    """A validator: an http(s) URL whose host is one of `hosts` (or a subdomain); any host if none given."""

    def check(value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https"):
            raise serializers.ValidationError("Must be an http(s) link.")
        host = (parts.hostname or "").lower()
        if hosts and not any(host == h or host.endswith(f".{h}") for h in hosts):
            raise serializers.ValidationError(f"Must be a link to {' or '.join(hosts)}.")
        return value

    return check


# The highest page number a list takes: page x page_size stays far inside Postgres' integers (a
# larger offset overflowed bigint, 22003); the schema states both bounds.
MAX_PAGE = 1_000_000
PAGE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
PAGE_SIZE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 100}


class PageInput(serializers.Serializer):
    """`page` and `page_size` of a list's query; a list with filters adds them to a subclass."""

    page = strict.IntegerField(min_value=1, max_value=MAX_PAGE, default=1)
    page_size = strict.IntegerField(min_value=1, max_value=100, default=20)


# A numbered page of a list (`page_links` makes its links); a subclass declares its `results`.
# (A comment, not a docstring: drf-spectacular would show a docstring on every page's schema.)
class NumberedPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)


def page_links(request: Request, *, page: int, size: int, count: int) -> dict[str, str | None]:
    """`next` and `previous` of a numbered page (the first page's link carries no `page`)."""
    url = request.build_absolute_uri()
    previous = None
    if page > 1:
        previous = replace_query_param(url, "page", page - 1) if page > 2 else remove_query_param(url, "page")
    return {"next": replace_query_param(url, "page", page + 1) if page * size < count else None,
            "previous": previous}
