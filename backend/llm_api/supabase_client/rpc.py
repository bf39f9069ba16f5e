"""Calling the Postgres functions that answer with an `outcome` (all-or-nothing writes: each
locks, checks and writes in one transaction, then says what it did)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .connection import get_client
from .errors import SupabaseError, translate_errors


def outcome_rpc(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The function's answer; a reply without an `outcome` is an upstream fault (502), never trusted."""
    with translate_errors():
        data = get_client().rpc(name, dict(params)).execute().data
    if not isinstance(data, dict) or "outcome" not in data:
        raise SupabaseError(upstream_message=f"{name} answered without an outcome")
    return data
