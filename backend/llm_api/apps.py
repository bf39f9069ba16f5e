from django.apps import AppConfig


class LlmApiConfig(AppConfig):
    name = "backend.llm_api"
    label = "llm_api"

    def ready(self) -> None:
        # Connects the receiver that drops the shared Supabase client when its settings change.
        from backend.llm_api import supabase_client  # noqa: F401
        from backend.llm_api.request_context import install_record_factory

        install_record_factory()  # every log record carries the request's id
