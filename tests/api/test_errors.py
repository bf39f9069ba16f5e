"""The one error shape, `{"error": {"code", "message", "details"}}`, for every kind of failure."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path
from rest_framework import exceptions, serializers
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.test import APIClient
from rest_framework.views import APIView

from backend.llm_api import supabase_client
from backend.llm_api.authentication import AuthenticationUnavailable
from backend.llm_api.errors import AppError
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


# The exception handler itself: every kind of error it maps, with the whole answer ------------


def handled(exc: Exception, context: dict | None = None):
    from backend.llm_api.exceptions import api_exception_handler

    return api_exception_handler(exc, context or {})


def body(code: str, message: str, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}}


@pytest.mark.parametrize(
    ("exc", "status", "code", "message"),
    [
        (exceptions.ParseError(), 400, "parse_error", "Malformed request."),
        (exceptions.AuthenticationFailed(), 401, "authentication_failed", "Incorrect authentication credentials."),
        (exceptions.NotAuthenticated(), 401, "not_authenticated", "Authentication credentials were not provided."),
        (exceptions.PermissionDenied(), 403, "permission_denied", "You do not have permission to perform this action."),
        (exceptions.NotFound(), 404, "not_found", "Not found."),
        (exceptions.MethodNotAllowed("PATCH"), 405, "method_not_allowed", 'Method "PATCH" not allowed.'),
        (exceptions.NotAcceptable(), 406, "not_acceptable", "Could not satisfy the request Accept header."),
        (exceptions.UnsupportedMediaType("text/csv"), 415, "unsupported_media_type",
         'Unsupported media type "text/csv" in request.'),
        (exceptions.APIException("Custom.", code="custom_code"), 500, "custom_code", "Custom."),
        (Http404("no such row"), 404, "not_found", "Not found."),
        (DjangoPermissionDenied("nope"), 403, "permission_denied", "You do not have permission to perform this action."),
        (supabase_client.Invalid(), 400, "invalid_request", "Supabase rejected the request as invalid."),
        (supabase_client.PermissionDenied(), 403, "permission_denied", "You do not have permission to do this."),
        (supabase_client.NotFound(), 404, "not_found", "The requested resource was not found."),
        (supabase_client.Conflict(), 409, "conflict", "The request conflicts with existing data."),
        (supabase_client.RateLimited(), 429, "rate_limited", "Too many requests to Supabase; try again later."),
        (supabase_client.SupabaseError(), 502, "upstream_error", "Supabase returned an unexpected response."),
        (supabase_client.Unavailable(), 503, "supabase_unavailable",
         "Supabase is unreachable right now; try again shortly."),
        (supabase_client.NotConfigured(), 503, "supabase_not_configured",
         "Supabase is not configured: set SUPABASE_URL and SUPABASE_SERVICE_KEY."),
        (AuthenticationUnavailable(), 503, "auth_unavailable",
         "Access tokens cannot be verified right now; try again shortly."),
        (AppError(), 500, "error", "The request could not be completed."),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_each_error_kind_gets_its_status_and_whole_body(exc, status, code, message):
    response = handled(exc)
    assert response.status_code == status
    assert response.data == body(code, message)
    challenged = status == 401
    assert ("WWW-Authenticate" in response) is challenged
    if challenged:
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_unauthorized_app_error_carries_the_bearer_challenge():
    response = handled(supabase_client.Unauthorized("Invalid login credentials"))
    assert response.status_code == 401 and response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.data == body("unauthorized", "Invalid login credentials")


def test_authenticators_own_challenge_wins_over_the_default():
    exc = exceptions.NotAuthenticated()
    exc.auth_header = 'Bearer realm="probe"'
    assert handled(exc)["WWW-Authenticate"] == 'Bearer realm="probe"'


def test_structured_detail_goes_to_details_with_the_default_message():
    response = handled(exceptions.PermissionDenied({"reason": "owner only", "ids": [1, 2]}))
    assert response.status_code == 403
    assert response.data == body(
        "permission_denied", "You do not have permission to perform this action.",
        {"reason": "owner only", "ids": ["1", "2"]},
    )


def test_throttled_without_a_wait_has_no_retry_after():
    response = handled(exceptions.Throttled())
    assert response.status_code == 429 and "Retry-After" not in response
    assert response.data == body("throttled", "Request was throttled.")
    assert handled(exceptions.Throttled(wait=3.2))["Retry-After"] == "4"  # DRF rounds the wait up


@pytest.mark.parametrize(
    ("detail", "message", "details"),
    [
        ({"name": ["Too long."]}, "Invalid input: name: Too long.", {"name": ["Too long."]}),
        ("Bad thing.", "Invalid input: Bad thing.", {"non_field_errors": ["Bad thing."]}),
        (["First.", "Second."], "Invalid input: First.", {"non_field_errors": ["First.", "Second."]}),
        ({"non_field_errors": ["Both fields."]}, "Invalid input: Both fields.", {"non_field_errors": ["Both fields."]}),
        ({"items": [{"name": ["Required."]}]}, "Invalid input.", {"items": [{"name": ["Required."]}]}),
        ({"profile": {"name": ["Too long."]}}, "Invalid input.", {"profile": {"name": ["Too long."]}}),
        ({"name": []}, "Invalid input.", {"name": []}),
        ({}, "Invalid input.", {}),
    ],
    ids=["field", "string", "list", "non-field", "nested-list", "nested-object", "no-messages", "empty"],
)
def test_validation_error_message_names_the_first_problem(detail, message, details):
    response = handled(exceptions.ValidationError(detail))
    assert response.status_code == 400
    assert response.data == body("validation_error", message, details)


def test_unexpected_error_is_logged_with_its_view_and_traceback(caplog):
    boom = RuntimeError(SECRET_IN_EXCEPTION)
    response = handled(boom, {"view": RaiseApi()})
    assert response.status_code == 500
    assert response.data == body("internal_error", "An unexpected error occurred. It has been logged.")
    [record] = [r for r in caplog.records if r.name == "backend.llm_api.exceptions"]
    assert record.getMessage() == "unhandled error in RaiseApi"
    assert record.exc_info[1] is boom
    caplog.clear()
    handled(RuntimeError("no view"), {})
    assert [r.getMessage() for r in caplog.records] == ["unhandled error in view"]


class UpstreamBug(supabase_client.SupabaseError):
    status_code = 500


@pytest.mark.parametrize(
    ("exc", "logged"),
    [
        (supabase_client.Unavailable(upstream_message="connection refused"),
         "Unavailable: Supabase is unreachable right now; try again shortly. (upstream: connection refused)"),
        (UpstreamBug("Broken.", upstream_message="relation missing"), "UpstreamBug: Broken. (upstream: relation missing)"),
        (supabase_client.Unavailable(), None),  # nothing upstream to add
        (supabase_client.Conflict(upstream_message="duplicate key t_pkey"), None),  # the caller's fault, not ours
    ],
    ids=["503", "500", "no-upstream-message", "4xx"],
)
def test_upstream_failures_are_logged_with_the_upstream_message(caplog, exc, logged):
    """The upstream's own words (table names, hosts) go to the log only, and only for our outages."""
    response = handled(exc)
    assert "relation" not in str(response.data) and "t_pkey" not in str(response.data)
    messages = [r.getMessage() for r in caplog.records if r.name == "backend.llm_api.exceptions"]
    assert messages == ([logged] if logged else [])
