"""The API's one error convention, applied in one place.

Every error answer, whatever raised it, has the body
`{"error": {"code": str, "message": str, "details": object}}`:
DRF's own exceptions (validation -> 400 with per-field details, 401 with
`WWW-Authenticate: Bearer`, 403, 404, 405, 429 with `Retry-After`), the project's
`AppError`s (including Supabase failures: 503 when unreachable, 502 for an unusable
answer, 404, 409, ...), and anything unexpected (500, logged, no traceback in the body).
Django-level 404/500 pages for URLs outside DRF use the same shape (see `views.errors`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from .errors import AppError

logger = logging.getLogger(__name__)

BEARER_CHALLENGE = 'Bearer realm="api"'
INTERNAL_ERROR_MESSAGE = "An unexpected error occurred. It has been logged."


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details if details is not None else {}}}


class UnprocessableInput(exceptions.ValidationError):
    """Input that breaks a rule: 422 with messages per field (the accounts contract of seed 004)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable error code, e.g. `validation_error`.")
    message = serializers.CharField(help_text="Human-readable explanation.")
    details = serializers.JSONField(help_text="Extra context; for validation errors, messages per field.")


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (for the OpenAPI schema)."""

    error = ErrorDetailSerializer()


def _messages(detail: Any) -> Any:
    """DRF's nested ErrorDetail structure, as plain strings."""
    if isinstance(detail, Mapping):
        return {str(key): _messages(value) for key, value in detail.items()}
    if isinstance(detail, list | tuple):
        return [_messages(item) for item in detail]
    return str(detail)


def _describe_validation_error(exc: exceptions.ValidationError) -> tuple[str, dict[str, Any]]:
    details = _messages(exc.detail)
    if not isinstance(details, dict):
        details = {"non_field_errors": details if isinstance(details, list) else [details]}
    first_field, first_messages = next(iter(details.items()), ("", []))
    first = first_messages[0] if isinstance(first_messages, list) and first_messages else first_messages
    if isinstance(first, str) and first_field and first_field != "non_field_errors":
        message = f"Invalid input: {first_field}: {first}"
    elif isinstance(first, str) and first:
        message = f"Invalid input: {first}"
    else:
        message = "Invalid input."
    return message, details


def _drf_response(exc: exceptions.APIException) -> Response:
    headers: dict[str, str] = {}
    status_code = exc.status_code
    details: Any = {}
    if isinstance(exc, exceptions.ValidationError):
        code = "validation_error"
        message, details = _describe_validation_error(exc)
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        message = str(exc.detail) if not isinstance(exc.detail, list | dict) else str(exc.default_detail)
        if not isinstance(exc.detail, str):
            details = _messages(exc.detail)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        # Our API authenticates with Bearer tokens only: always a 401 with the challenge.
        status_code = status.HTTP_401_UNAUTHORIZED
        headers["WWW-Authenticate"] = getattr(exc, "auth_header", None) or BEARER_CHALLENGE
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        headers["Retry-After"] = str(int(exc.wait))
        details = {"retry_after": int(exc.wait)}
    return Response(error_body(code, message, details), status=status_code, headers=headers)


def app_error_response(exc: AppError) -> Response:
    headers = {"WWW-Authenticate": BEARER_CHALLENGE} if exc.status_code == 401 else {}
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        headers["Retry-After"] = str(int(retry_after))
    upstream = getattr(exc, "upstream_message", None)
    if exc.status_code >= 500 and upstream:
        logger.warning("%s: %s (upstream: %s)", type(exc).__name__, exc.detail, upstream)
    return Response(error_body(exc.code, exc.detail, exc.details), status=exc.status_code, headers=headers)


def api_exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response:
    """DRF's EXCEPTION_HANDLER: never returns None, so nothing reaches Django's HTML 500."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, AppError):
        return app_error_response(exc)
    if isinstance(exc, RequestDataTooBig):  # a body over DATA_UPLOAD_MAX_MEMORY_SIZE: the client's doing
        return Response(error_body("request_too_large", "The request body is too large."),
                        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, exceptions.APIException):
        return _drf_response(exc)
    view = context.get("view")
    logger.exception("unhandled error in %s", type(view).__name__ if view else "view", exc_info=exc)
    return Response(
        error_body("internal_error", INTERNAL_ERROR_MESSAGE), status=status.HTTP_500_INTERNAL_SERVER_ERROR
    )
