"""`python manage.py load_question_bank`: write the shipped question bank into Supabase."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from backend.llm_api import supabase_client
from backend.llm_api.services.question_bank import BankError, question_bank_load


class Command(BaseCommand):
    help = ("Insert or update the curated questions of backend/llm_api/data/question_bank/ (by key) and "
            "remove curated questions no longer shipped. Safe to run any number of times.")

    def handle(self, *args, **options) -> None:
        try:
            load = question_bank_load()
        except BankError as exc:
            raise CommandError(f"The shipped question bank is malformed: {exc}") from exc
        except supabase_client.SupabaseError as exc:
            raise CommandError(f"Supabase refused the question bank: {exc.detail}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"question bank {load.rubric_version}: {load.written} questions written, {load.removed} retired removed"))
