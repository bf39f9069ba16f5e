"""`python manage.py supabase_migrate`: apply supabase_migrations/ to a Supabase database."""

from __future__ import annotations

from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.schema_migrations import MIGRATIONS_DIR, MigrationError, migrate


class Command(BaseCommand):
    help = (
        "Apply supabase_migrations/*.sql (in name order, each once, each in its own transaction) "
        "to a Postgres database: a real Supabase project's or the local stack's."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database-url", default=None,
            help="Postgres connection string (default: the DATABASE_URL setting).",
        )
        parser.add_argument(
            "--dir", default=str(MIGRATIONS_DIR), help="Directory of <version>_<name>.sql files.",
        )

    def handle(self, *args, database_url: str | None, dir: str, **options) -> None:
        dsn = database_url or settings.DATABASE_URL
        if not dsn:
            raise CommandError(
                "No database URL: set DATABASE_URL (a Supabase project's connection string, or the one "
                "`python manage.py local_supabase` prints) or pass --database-url."
            )
        directory = Path(dir)
        if not directory.is_dir():
            raise CommandError(f"Migrations directory not found: {directory}")
        try:
            report = migrate(dsn, directory)
        except MigrationError as exc:
            raise CommandError(f"{exc} (nothing of it was applied)") from exc
        except psycopg.OperationalError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CommandError(f"Cannot connect to the database: {reason}") from exc
        for version in report.applied:
            self.stdout.write(f"applied {version}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(report.applied)} applied, {len(report.skipped)} already applied (skipped)")
        )
