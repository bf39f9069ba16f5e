from django.apps import AppConfig


class LlmApiConfig(AppConfig):
    name = "backend.llm_api"
    label = "llm_api"
