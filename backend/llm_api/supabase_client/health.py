"""The health check's round trip."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .connection import _get_connection
from .errors import Unavailable, translate_errors


@dataclass(frozen=True)
class HealthCheck:
    url: str
    latency_ms: float


def check_health() -> HealthCheck:
    """One cheap real round trip: HEAD on PostgREST's root, which needs the database.

    Raises `Unavailable` (or another `SupabaseError`) when Supabase cannot serve requests.
    """
    connection = _get_connection()
    started = time.perf_counter()
    with translate_errors():
        response = connection.http.head(
            f"{connection.url}/rest/v1/",
            headers={"apikey": connection.service_key, "Authorization": f"Bearer {connection.service_key}"},
        )
    if response.status_code >= 400:
        raise Unavailable(
            f"Supabase answered the health check with HTTP {response.status_code}.",
            upstream_code=str(response.status_code),
        )
    return HealthCheck(url=connection.url, latency_ms=round((time.perf_counter() - started) * 1000, 1))
