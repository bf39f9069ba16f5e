"""Root URLconf: `/`, the API under `/api/`, OpenAPI schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from backend.llm_api.views.health import RootApi

urlpatterns = [
    path("", RootApi.as_view(), name="root"),
    path("api/", include("backend.llm_api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="llm_api/redoc.html"),
        name="redoc",
    ),
]

handler400 = "backend.llm_api.views.errors.bad_request"
handler403 = "backend.llm_api.views.errors.permission_denied"
handler404 = "backend.llm_api.views.errors.not_found"
handler500 = "backend.llm_api.views.errors.server_error"
