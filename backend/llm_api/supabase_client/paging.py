"""Counted pages of rows, the same for every list: a page past the end is empty, not an error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import Invalid, translate_errors


def counted_page(page: Callable[[int, int], Any], *, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """`page(start, size)` runs a `count="exact"` select with `.range(start, start + size - 1)`;
    PostgREST answers a range that starts past the last row with PGRST103, which here is the
    empty page (and the count, asked for again from the start)."""
    try:
        with translate_errors():
            response = page(offset, limit)
    except Invalid as exc:
        if exc.upstream_code != "PGRST103":
            raise
        with translate_errors():
            return [], int(page(0, 1).count or 0)
    return list(response.data), int(response.count or 0)
