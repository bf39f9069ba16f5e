"""Root URLconf: `/`, the API under `/api/`, the browser client under `/app/`, OpenAPI schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from backend.llm_api.views.health import RootApi
from backend.web_client.views import client

urlpatterns = [
    path("", RootApi.as_view(), name="root"),
    path("api/", include("backend.llm_api.urls")),
    path("app/", client, name="app"),
    path("app/<path:route>", client, name="app-page"),
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
