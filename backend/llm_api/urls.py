"""The API's routes, mounted under /api/ by backend/urls.py."""

from django.urls import path

from backend.llm_api.views.auth import MeApi
from backend.llm_api.views.health import HealthApi, InfoApi

urlpatterns = [
    path("health", HealthApi.as_view(), name="health"),
    path("info", InfoApi.as_view(), name="info"),
    # Auth (/api/auth/...): added by the authentication work.
    path("auth/me", MeApi.as_view(), name="auth-me"),
]
