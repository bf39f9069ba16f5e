"""What the API tells a client about itself (no secrets)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from backend.llm_api.services.transcription import transcription_configured

_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class EngineInfo:
    name: str  # "openai" or "offline"
    model: str | None
    base_url: str | None


@dataclass(frozen=True)
class FeaturesInfo:
    """What a front end should offer: spoken answers need a speech model configured."""

    spoken_answers: bool


@dataclass(frozen=True)
class ApiInfo:
    name: str
    version: str
    docs: dict[str, str]
    endpoints: list[str]
    engine: EngineInfo
    features: FeaturesInfo


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def interview_engine() -> EngineInfo:
    if not settings.OPENAI_API_KEY:
        return EngineInfo(name="offline", model=None, base_url=None)
    base_url = _without_credentials(settings.OPENAI_BASE_URL) if settings.OPENAI_BASE_URL else None
    return EngineInfo(name="openai", model=settings.OPENAI_MODEL, base_url=base_url)


def _walk(patterns: Iterable[URLPattern | URLResolver], prefix: str) -> Iterable[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        else:
            yield "/" + _CONVERTER.sub(r"{\1}", route).lstrip("^").rstrip("$")


def api_paths() -> list[str]:
    """Every routed path, with `{name}` for parameters (so new endpoints list themselves)."""
    return sorted(set(_walk(get_resolver().url_patterns, "")))


def api_info() -> ApiInfo:
    return ApiInfo(
        name=settings.API_NAME,
        version=settings.API_VERSION,
        docs={
            "openapi": reverse("schema"),
            "swagger_ui": reverse("swagger-ui"),
            "redoc": reverse("redoc"),
        },
        endpoints=api_paths(),
        engine=interview_engine(),
        features=FeaturesInfo(spoken_answers=transcription_configured()),
    )
