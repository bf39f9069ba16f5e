"""Django's error views (URLs outside DRF) in the API's one error shape."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from backend.llm_api.exceptions import INTERNAL_ERROR_MESSAGE, error_body


def bad_request(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(error_body("bad_request", "Bad request."), status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(error_body("permission_denied", "You do not have permission to do this."), status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(
        error_body("not_found", f"No endpoint at {request.path}.", {"path": request.path}), status=404
    )


def server_error(request: HttpRequest) -> JsonResponse:
    return JsonResponse(error_body("internal_error", INTERNAL_ERROR_MESSAGE), status=500)
