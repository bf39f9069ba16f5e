"""Is the API able to serve? Which Supabase does it use?"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from django.conf import settings

from backend.llm_api import supabase_client

Mode = Literal["local", "supabase"]
DatabaseState = Literal["connected", "unreachable"]


@dataclass(frozen=True)
class SystemStatus:
    name: str
    version: str
    mode: Mode
    database: DatabaseState
    supabase_url: str
    latency_ms: float | None = None


def supabase_mode(url: str) -> Mode:
    """"local" for a stack on this machine (ours or the Supabase CLI's), else "supabase"."""
    host = (urlsplit(url).hostname or "").lower() if url else ""
    if not url or host == "localhost" or host.endswith(".localhost"):
        return "local"
    try:
        return "local" if ipaddress.ip_address(host).is_loopback else "supabase"
    except ValueError:
        return "supabase"


def _status(database: DatabaseState, latency_ms: float | None = None) -> SystemStatus:
    url = settings.SUPABASE_URL
    return SystemStatus(
        name=settings.API_NAME, version=settings.API_VERSION, mode=supabase_mode(url),
        database=database, supabase_url=url, latency_ms=latency_ms,
    )


def system_status() -> SystemStatus:
    """Never raises: an unreachable Supabase is reported, not thrown."""
    try:
        check = supabase_client.check_health()
    except supabase_client.SupabaseError:
        return _status("unreachable")
    return _status("connected", check.latency_ms)


def require_healthy() -> SystemStatus:
    """The status when Supabase answers; otherwise `Unavailable` (the API answers 503)."""
    try:
        check = supabase_client.check_health()
    except supabase_client.SupabaseError as exc:
        unreachable = _status("unreachable")
        raise supabase_client.Unavailable(
            exc.detail,
            code=exc.code if isinstance(exc, supabase_client.Unavailable) else None,
            upstream_code=exc.upstream_code,
            details={"mode": unreachable.mode, "database": unreachable.database},
        ) from exc
    return _status("connected", check.latency_ms)
