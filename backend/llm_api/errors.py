"""The project's error classes, plain Python so services can raise them without DRF.

Modeled on DRF's exceptions: each class carries an HTTP `status_code`, a machine-readable
`default_code` and a human `default_detail`. `backend.llm_api.exceptions` turns any of
them into the API's one error shape: `{"error": {"code", "message", "details"}}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class AppError(Exception):
    status_code: int = 500
    default_code: str = "error"
    default_detail: str = "The request could not be completed."

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        self.detail = detail or self.default_detail
        self.code = code or self.default_code
        self.details: dict[str, Any] = dict(details or {})
        super().__init__(self.detail)


class FieldConflict(AppError):
    """A unique value (e-mail, username) is taken: 400 naming the field, as seed 004 answers."""

    status_code = 400
    default_code = "already_exists"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, details={field: [message]})
        self.field = field


class FieldInvalid(AppError):
    """A value that breaks a rule only the service can check (a date in the past, someone else's
    row): 400 naming the field, in the shape of DRF's validation errors."""

    status_code = 400
    default_code = "validation_error"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"Invalid input: {field}: {message}", details={field: [message]})
        self.field = field


class TooManyRequests(AppError):
    """A throttle refused the request; `retry_after` seconds become the Retry-After header."""

    status_code = 429
    default_code = "throttled"
    default_detail = "Too many attempts; try again later."

    def __init__(self, retry_after: int, detail: str | None = None) -> None:
        super().__init__(detail, details={"retry_after": retry_after})
        self.retry_after = retry_after
