"""The one error shape, `{"error": {"code", "message", "details"}}`, for every kind of failure."""

from __future__ import annotations

import pytest
from django.http import Http404, HttpResponse
from django.urls import path
from rest_framework import exceptions, serializers
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.test import APIClient
from rest_framework.views import APIView

from backend.llm_api import supabase_client
from backend.llm_api.views.errors import not_found, server_error

SECRET_IN_EXCEPTION = "db-password-s3cr3t in a stack frame"


class BearerOnly(BaseAuthentication):
    """Accepts nobody; answers with a Bearer challenge (as the real authenticator does)."""

    def authenticate(self, request):
        return None

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ValidateApi(APIView):
    authentication_classes: list = []

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=5)
        count = serializers.IntegerField(min_value=1)

    def post(self, request):
        self.InputSerializer(data=request.data).is_valid(raise_exception=True)
        return HttpResponse(status=204)


class PrivateApi(APIView):
    authentication_classes = [BearerOnly]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return HttpResponse("never")


class RaiseApi(APIView):
    """Raises whatever the test names: `?kind=...`."""

    authentication_classes: list = []
    errors = {
        "boom": lambda: RuntimeError(SECRET_IN_EXCEPTION),
        "http404": lambda: Http404("missing"),
        "throttled": lambda: exceptions.Throttled(wait=12),
        "auth_failed": lambda: exceptions.AuthenticationFailed("Token expired."),
        "forbidden": lambda: exceptions.PermissionDenied(),
        "unavailable": lambda: supabase_client.Unavailable(),
        "not_found": lambda: supabase_client.NotFound(upstream_code="PGRST116"),
        "conflict": lambda: supabase_client.Conflict(upstream_code="23505"),
        "invalid": lambda: supabase_client.Invalid(upstream_code="22P02"),
        "denied": lambda: supabase_client.PermissionDenied(upstream_code="42501"),
        "unauthorized": lambda: supabase_client.Unauthorized("Invalid login credentials"),
        "upstream": lambda: supabase_client.SupabaseError(upstream_code="PGRST205"),
    }

    def get(self, request):
        raise self.errors[request.query_params["kind"]]()


def plain_django_boom(request):
    raise RuntimeError(SECRET_IN_EXCEPTION)


urlpatterns = [
    path("t/validate", ValidateApi.as_view()),
    path("t/private", PrivateApi.as_view()),
    path("t/raise", RaiseApi.as_view()),
    path("t/plain-boom", plain_django_boom),
]
handler404 = not_found
handler500 = server_error


@pytest.fixture
def api() -> APIClient:
    return APIClient(raise_request_exception=False)


@pytest.fixture
def test_urls(settings):
    settings.ROOT_URLCONF = __name__


def error_of(response) -> dict:
    assert response["Content-Type"] == "application/json", response.content
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_validation_error_is_400_with_messages_per_field(api, test_urls):
    response = api.post("/t/validate", {"name": "much too long", "count": 0}, format="json")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert set(error["details"]) == {"name", "count"}
    assert error["details"]["name"] == ["Ensure this field has no more than 5 characters."]
    assert error["details"]["count"] == ["Ensure this value is greater than or equal to 1."]
    assert error["message"].startswith("Invalid input")


def test_missing_fields_and_malformed_json(api, test_urls):
    missing = error_of(api.post("/t/validate", {}, format="json"))
    assert missing["details"] == {"name": ["This field is required."], "count": ["This field is required."]}
    response = api.post("/t/validate", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


def test_missing_credentials_are_401_with_bearer_challenge(api, test_urls):
    response = api.get("/t/private")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert error_of(response)["code"] == "not_authenticated"


def test_authentication_failure_is_401_even_without_an_authenticator(api, test_urls):
    response = api.get("/t/raise", {"kind": "auth_failed"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    error = error_of(response)
    assert error == {"code": "authentication_failed", "message": "Token expired.", "details": {}}


def test_forbidden_404_and_throttled(api, test_urls):
    forbidden = api.get("/t/raise", {"kind": "forbidden"})
    assert forbidden.status_code == 403 and error_of(forbidden)["code"] == "permission_denied"
    missing = api.get("/t/raise", {"kind": "http404"})
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"
    throttled = api.get("/t/raise", {"kind": "throttled"})
    assert throttled.status_code == 429
    assert throttled["Retry-After"] == "12"
    assert error_of(throttled)["details"] == {"retry_after": 12}


def test_method_not_allowed_is_405_json(api):
    response = api.delete("/api/health")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_unknown_url_is_404_json(api):
    response = api.get("/api/no-such-endpoint")
    assert response.status_code == 404
    error = error_of(response)
    assert error["code"] == "not_found"
    assert error["details"] == {"path": "/api/no-such-endpoint"}


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [
        ("unavailable", 503, "supabase_unavailable"),
        ("not_found", 404, "not_found"),
        ("conflict", 409, "conflict"),
        ("invalid", 400, "invalid_request"),
        ("denied", 403, "permission_denied"),
        ("unauthorized", 401, "unauthorized"),
        ("upstream", 502, "upstream_error"),
    ],
)
def test_supabase_errors_map_to_statuses(api, test_urls, kind, status, code):
    response = api.get("/t/raise", {"kind": kind})
    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code
    if kind == "conflict":
        assert error["details"] == {"upstream_code": "23505"}
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert error["message"] == "Invalid login credentials"


def test_unexpected_exception_is_500_json_without_traceback(api, test_urls, caplog):
    response = api.get("/t/raise", {"kind": "boom"})
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal_error"
    text = response.content.decode()
    assert SECRET_IN_EXCEPTION not in text and "Traceback" not in text
    assert SECRET_IN_EXCEPTION in caplog.text  # logged for the operator, not shown to the client


def test_unexpected_exception_outside_drf_is_500_json(api, test_urls):
    response = api.get("/t/plain-boom")
    assert response.status_code == 500
    assert error_of(response)["code"] == "internal_error"
    assert SECRET_IN_EXCEPTION not in response.content.decode()


def test_disallowed_host_is_400_json(api):
    response = api.get("/api/info", HTTP_HOST="evil.example.net")
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"
