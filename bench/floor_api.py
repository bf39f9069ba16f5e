"""The API with two more routes, for the benches' floor: what any request costs before it does
anything of its own, through the same server, middleware and URL resolution as the API.

  GET /bench/floor        a bare DRF view (no authentication) returning a constant
  GET /bench/floor/auth   the same behind the API's own JWT authentication and IsAuthenticated

Used as the URLconf (`settings.ROOT_URLCONF = "bench.floor_api"`, the routes after the API's, so
the API's own resolve exactly as before) and, under gunicorn, as the application
(`bench.floor_api:wsgi_application()`). Never part of the product.
"""

from __future__ import annotations

import os

from django.urls import include, path
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import SupabaseJWTAuthentication

FLOOR = "/bench/floor"
FLOOR_AUTHENTICATED = "/bench/floor/auth"


class FloorApi(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class AuthenticatedFloorApi(FloorApi):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]


urlpatterns = [
    path("", include("backend.urls")),
    path(FLOOR.lstrip("/"), FloorApi.as_view()),
    path(FLOOR_AUTHENTICATED.lstrip("/"), AuthenticatedFloorApi.as_view()),
]


def wsgi_application():
    """gunicorn's entry point, `bench.floor_api:wsgi_application()`: the API's WSGI application
    with this module as its URLconf."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    import django
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    django.setup(set_prefix=False)
    settings.ROOT_URLCONF = __name__
    return get_wsgi_application()
