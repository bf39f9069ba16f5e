"""`python manage.py serve [addrport]`: what `make run` calls.

With SUPABASE_URL empty, starts the local Supabase stack in this process first (durable
data in LOCAL_SUPABASE_DIR, port LOCAL_SUPABASE_PORT or a free one if that is busy),
points the API at it, and stops it on exit. With SUPABASE_URL set, just serves.

The API is served by Django's own threaded server without autoreload: `make run` is a
development command, and that server also serves the offline Swagger UI/ReDoc assets.
Production runs `backend.wsgi` under a WSGI server (see README).
"""

from __future__ import annotations

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

    def handle(self, *args, addrport: str, **options) -> None:
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
            self._serve(addrport)
        finally:
            stack.stop()
            self.stdout.write("# Local Supabase stack stopped.")
            self.stdout.flush()

    def _serve(self, addrport: str) -> None:
        try:
            call_command(
                "runserver", addrport, use_reloader=False, use_threading=True, insecure_serving=True,
            )
        except SystemExit as exc:  # runserver exits on Ctrl-C; return so callers clean up
            if exc.code not in (0, None):
                raise
