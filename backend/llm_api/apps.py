from django.apps import AppConfig


class LlmApiConfig(AppConfig):
    name = "backend.llm_api"
    label = "llm_api"

    def ready(self) -> None:
        # Connects the receiver that drops the shared Supabase client when its settings change.
        from backend.llm_api import supabase_client  # noqa: F401
