"""The process's one shared service-key client, built lazily from settings."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from django.dispatch import receiver
from django.test.signals import setting_changed
from supabase import Client, SupabaseException, create_client
from supabase.lib.client_options import SyncClientOptions

from .errors import NotConfigured

SETTINGS_USED = frozenset({"SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_KEY", "SUPABASE_TIMEOUT"})


@dataclass(frozen=True)
class _Connection:
    client: Client
    http: httpx.Client
    url: str
    service_key: str
    anon_key: str


_lock = threading.Lock()
_connection: _Connection | None = None


def _connect() -> _Connection:
    url = (settings.SUPABASE_URL or "").rstrip("/")
    service_key = settings.SUPABASE_SERVICE_KEY or ""
    if not url or not service_key:
        raise NotConfigured()
    timeout = float(settings.SUPABASE_TIMEOUT)
    http = httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        follow_redirects=True,
    )
    options = SyncClientOptions(
        auto_refresh_token=False,
        persist_session=False,
        httpx_client=http,
        # The clients' own retries sleep 1+2+4 s; an API request should fail fast instead.
        postgrest_client_retry=False,
    )
    try:
        client = create_client(url, service_key, options=options)
    except SupabaseException as exc:
        http.close()
        raise NotConfigured(f"Supabase settings are invalid: {exc}.") from exc
    return _Connection(
        client=client, http=http, url=url, service_key=service_key,
        anon_key=settings.SUPABASE_ANON_KEY or "",
    )


def _get_connection() -> _Connection:
    global _connection
    connection = _connection
    if connection is None:
        with _lock:
            if _connection is None:
                _connection = _connect()
            connection = _connection
    return connection


def get_client() -> Client:
    """The process's shared service-key client (created on first use)."""
    return _get_connection().client


def reset_client() -> None:
    """Forget the shared client (closing its connections); the next use reads settings anew."""
    global _connection
    with _lock:
        connection, _connection = _connection, None
    if connection is not None:
        connection.http.close()


@receiver(setting_changed)
def _reset_on_setting_change(*, setting: str, **kwargs: Any) -> None:
    if setting in SETTINGS_USED:
        reset_client()
