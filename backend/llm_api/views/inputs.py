"""Input checks shared by the views: validation answered with 422, and who the client is."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from backend.llm_api.exceptions import UnprocessableInput

USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{2,49}")
USERNAME_RULE = "3-50 characters: letters, digits, - and _, starting with a letter or digit."


def validated(serializer_class: type[serializers.Serializer], data: Any, *, partial: bool = False) -> dict:
    """The serializer's validated data, or 422 with a message per field."""
    serializer = serializer_class(data=data, partial=partial)
    if not serializer.is_valid():
        raise UnprocessableInput(serializer.errors)
    return dict(serializer.validated_data)


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
