"""`python manage.py purge_expired_recordings`: delete recordings past their `expires_at`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from backend.llm_api import supabase_client
from backend.llm_api.services.recordings import recordings_purge_expired


class Command(BaseCommand):
    help = ("Delete every recording whose expires_at has passed (RECORDINGS_RETENTION_DAYS): its stored object, "
            "then its row. Safe to run any number of times; prints what it removed.")

    def handle(self, *args, **options) -> None:
        try:
            purged = recordings_purge_expired()
        except supabase_client.SupabaseError as exc:
            raise CommandError(f"Supabase refused the purge: {exc.detail}") from exc
        for item in purged["recordings"]:
            self.stdout.write(f"removed {item['id']} {item['storage_path']} (expired {item['expires_at']})")
        summary = f"{purged['removed']} expired recording(s) removed"
        if purged["failed"]:
            raise CommandError(f"{summary}; {purged['failed']} could not be removed (see the log), run it again")
        self.stdout.write(self.style.SUCCESS(summary))
