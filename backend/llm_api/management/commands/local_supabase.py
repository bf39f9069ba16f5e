"""`python manage.py local_supabase`: run the local Supabase-compatible stack in the foreground."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.llm_api.management.stack_runner import (
    build_stack,
    port_is_free,
    stop_on_signals,
    write_settings,
)


class Command(BaseCommand):
    help = (
        "Run the local Supabase-compatible stack (embedded Postgres + /rest/v1, /storage/v1, /auth/v1) "
        "until Ctrl-C or SIGTERM; prints its settings as KEY=value lines once ready."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--port", type=int, default=settings.LOCAL_SUPABASE_PORT,
            help="HTTP port on 127.0.0.1 (default: LOCAL_SUPABASE_PORT, 54321; 0 picks a free one).",
        )
        parser.add_argument(
            "--data-dir", default=str(settings.LOCAL_SUPABASE_DIR),
            help="Where the database, keys and stored files live (default: LOCAL_SUPABASE_DIR).",
        )

    def handle(self, *args, port: int, data_dir: str, **options) -> None:
        if port and not port_is_free("127.0.0.1", port):
            raise CommandError(f"Port {port} is in use; pass --port N (or --port 0 for a free one).")
        stop_on_signals()
        stack = build_stack(data_dir, port)
        try:
            stack_settings = stack.start()
            self.stdout.write(f"# Local Supabase stack ready (data in {stack.data_dir}). Ctrl-C stops it.")
            write_settings(stack_settings, self.stdout)
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            stack.stop()
            self.stdout.write("# Local Supabase stack stopped.")
            self.stdout.flush()
