"""Typed reads of environment variables for the local stack's settings."""

from __future__ import annotations

import os
from collections.abc import Mapping

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name, "").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    return default


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    """An integer; empty or unset means the default, anything else non-numeric is an error."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, not {raw!r}") from None


def env_float(name: str, default: float, environ: Mapping[str, str] = os.environ) -> float:
    """A number; empty or unset means the default, anything else non-numeric is an error."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None


def env_list(name: str, default: tuple[str, ...], environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    items = tuple(item.strip() for item in environ.get(name, "").split(",") if item.strip())
    return items or default
