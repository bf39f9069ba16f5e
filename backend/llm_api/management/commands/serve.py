"""`python manage.py serve [addrport]`: what `make run` calls.

With SUPABASE_URL empty, starts the local Supabase stack in this process first (durable
data in LOCAL_SUPABASE_DIR, port LOCAL_SUPABASE_PORT or a free one if that is busy),
points the API at it, and stops it on exit. With SUPABASE_URL set, just serves.

The API is served by Django's own threaded server without autoreload: `make run` is a
development command (the offline Swagger UI/ReDoc assets are served by whitenoise, as under gunicorn).
With `--gunicorn` (what `make serve` runs) it is served by gunicorn with the production
configuration (`backend/gunicorn.conf.py`) instead, in a child process given the stack's
settings; Ctrl-C or SIGTERM stops gunicorn gracefully (in-flight turns finish), then the stack.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.llm_api.management.stack_runner import (
    build_stack,
    point_django_at,
    port_is_free,
    stop_on_signals,
    write_settings,
)

DEFAULT_ADDRPORT = "127.0.0.1:8000"


def split_addrport(addrport: str) -> tuple[str, int]:
    host, _, port = addrport.rpartition(":")
    try:
        return host.strip("[]") or "127.0.0.1", int(port)
    except ValueError as exc:
        raise CommandError(f"{addrport!r} is not host:port") from exc


class Command(BaseCommand):
    help = "Serve the API; starts the local Supabase stack first when SUPABASE_URL is empty."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default=DEFAULT_ADDRPORT, help="host:port to serve on.")
        parser.add_argument("--gunicorn", action="store_true",
                            help="Serve with gunicorn and backend/gunicorn.conf.py (production configuration).")

    def handle(self, *args, addrport: str, gunicorn: bool = False, **options) -> None:
        self.gunicorn = gunicorn
        host, port = split_addrport(addrport)
        if not port_is_free(host if host != "0.0.0.0" else "", port):
            raise CommandError(f"Cannot serve on {host}:{port}: the port is in use.")
        stop_on_signals()
        try:
            if settings.SUPABASE_URL:
                self.stdout.write(f"# Using Supabase at {settings.SUPABASE_URL}")
                self._serve(addrport)
            else:
                self._serve_with_local_stack(addrport)
        except KeyboardInterrupt:
            pass

    def _serve_with_local_stack(self, addrport: str) -> None:
        stack_port = settings.LOCAL_SUPABASE_PORT
        if not port_is_free("127.0.0.1", stack_port):
            self.stdout.write(f"# Port {stack_port} is busy; the local Supabase stack takes a free port.")
            stack_port = 0
        stack = build_stack(settings.LOCAL_SUPABASE_DIR, stack_port)
        try:
            stack_settings = stack.start()
            point_django_at(stack_settings)
            call_command("load_question_bank", stdout=self.stdout)
            self.stdout.write(
                f"# SUPABASE_URL is empty: local Supabase stack started (data in {stack.data_dir})."
            )
            write_settings(stack_settings, self.stdout)
            self._serve(addrport, {**stack_settings.as_env(), "SUPABASE_JWT_ISSUER": settings.SUPABASE_JWT_ISSUER})
        finally:
            stack.stop()
            self.stdout.write("# Local Supabase stack stopped.")
            self.stdout.flush()

    def _serve(self, addrport: str, env: dict[str, str] | None = None) -> None:
        if self.gunicorn:
            self._serve_gunicorn(addrport, env or {})
            return
        try:
            call_command(
                "runserver", addrport, use_reloader=False, use_threading=True, insecure_serving=True,
            )
        except SystemExit as exc:  # runserver exits on Ctrl-C; return so callers clean up
            if exc.code not in (0, None):
                raise

    def _serve_gunicorn(self, addrport: str, env: dict[str, str]) -> None:
        config = settings.BASE_DIR / "backend" / "gunicorn.conf.py"
        command = [sys.executable, "-m", "gunicorn", "-c", str(config), "--bind", addrport]
        self.stdout.write(f"# gunicorn on http://{addrport} ({config.name})")
        self.stdout.flush()
        child = subprocess.Popen(command, cwd=settings.BASE_DIR, env={**os.environ, **env})
        try:
            code = child.wait()
        except KeyboardInterrupt:
            child.send_signal(signal.SIGTERM)  # graceful: workers finish what they serve
            code = child.wait()
        if code not in (0, None, -signal.SIGTERM):
            raise CommandError(f"gunicorn exited with status {code}.")
