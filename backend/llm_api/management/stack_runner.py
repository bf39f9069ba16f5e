"""Running the local Supabase stack from a management command, in the foreground."""

from __future__ import annotations

import signal
import socket
from pathlib import Path
from typing import TextIO

from django.conf import settings

from backend.llm_api import supabase_client
from backend.local_supabase.server import DEFAULT_DB_PORT, LocalSupabase, StackSettings


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # as the servers themselves do, so a just-closed port in TIME_WAIT counts as free
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def build_stack(data_dir: Path | str, port: int) -> LocalSupabase:
    """A durable stack; the JWT secret comes from SUPABASE_JWT_SECRET when one is set.

    Postgres takes the Supabase CLI's port when it is free, so a `.env` DATABASE_URL
    keeps working across restarts (an already running cluster keeps its own port).
    """
    db_port = DEFAULT_DB_PORT if port_is_free("127.0.0.1", DEFAULT_DB_PORT) else 0
    return LocalSupabase(
        Path(data_dir), port=port, db_port=db_port, durable=True,
        jwt_secret=settings.SUPABASE_JWT_SECRET or None,
    )


def write_settings(stack_settings: StackSettings, out: TextIO) -> None:
    """`KEY=value` lines, ready to paste into `.env`; flushed so a reading process sees them."""
    for key, value in stack_settings.as_env().items():
        out.write(f"{key}={value}\n")
    out.flush()


def point_django_at(stack_settings: StackSettings) -> None:
    """Make this process's API use the stack (the settings object is shared process-wide)."""
    for key, value in stack_settings.as_env().items():
        setattr(settings, key, value)
    settings.SUPABASE_JWT_ISSUER = f"{stack_settings.url}/auth/v1"
    supabase_client.reset_client()


def stop_on_signals() -> None:
    """SIGTERM and SIGINT (Ctrl-C) raise KeyboardInterrupt, so `finally` blocks stop the stack.

    SIGINT is set explicitly because a process started in the background by a shell
    inherits it ignored.
    """

    def _handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _handler)
    signal.signal(signal.SIGINT, _handler)
