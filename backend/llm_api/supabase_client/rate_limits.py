"""The API's request counters (one Postgres function, atomic per bucket)."""

from __future__ import annotations

from .connection import get_client
from .errors import translate_errors


def rate_limit_hit(*, bucket: str, limit: int, window_seconds: int) -> int:
    """Count one request against `bucket`; the seconds to wait, 0 when within the limit."""
    with translate_errors():
        response = get_client().rpc(
            "api_rate_limit_hit", {"p_bucket": bucket, "p_limit": limit, "p_window_seconds": window_seconds}
        ).execute()
    return int(response.data or 0)
