"""Errors of the local /storage/v1, in Supabase Storage's wire shape.

Supabase Storage answers every error as ``{"statusCode": "<string>", "code", "error",
"message"}``. The HTTP status is 400 for every 4xx error and 500 for server errors; only a
few routes override it (416 for a bad Range, 403 when a route needs another JWT role).
The semantic status (404, 409, 413, ...) travels in ``statusCode``, which is what the
official clients read.
"""

from __future__ import annotations

import logging

import psycopg
from starlette.responses import JSONResponse, Response

logger = logging.getLogger(__name__)


class StorageError(Exception):
    """An error the storage API reports to the client."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        error: str | None = None,
        http_status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.error = error or code
        self.message = message
        self.http_status = http_status or (500 if status == 500 else 400)

    def body(self) -> dict[str, str]:
        return {
            "statusCode": str(self.status),
            "code": self.code,
            "error": self.error,
            "message": self.message,
        }

    def response(self, *, head: bool = False) -> Response:
        if head:
            return Response(status_code=self.http_status, headers={"cache-control": "no-store"})
        return JSONResponse(self.body(), status_code=self.http_status)


# Constructors for the errors Supabase Storage raises (src/internal/errors/codes.ts). -----


def bucket_not_found() -> StorageError:
    return StorageError(404, "NoSuchBucket", "Bucket not found", error="Bucket not found")


def object_not_found() -> StorageError:
    return StorageError(404, "NoSuchKey", "Object not found", error="not_found")


def blob_not_found() -> StorageError:
    """The row exists but its bytes do not (what the renderer answers for a backend 404)."""
    return StorageError(404, "NoSuchKey", "The resource was not found", error="Not found")


def access_denied(message: str = "Access denied", *, http_status: int | None = None) -> StorageError:
    return StorageError(403, "AccessDenied", message, error="Unauthorized", http_status=http_status)


def rls_denied() -> StorageError:
    return access_denied("new row violates row-level security policy")


def object_already_exists() -> StorageError:
    return StorageError(409, "KeyAlreadyExists", "The resource already exists", error="Duplicate")


def bucket_already_exists() -> StorageError:
    return StorageError(409, "BucketAlreadyExists", "The resource already exists", error="Duplicate")


def resource_already_exists() -> StorageError:
    return StorageError(409, "ResourceAlreadyExists", "The resource already exists", error="Duplicate")


def bucket_not_empty() -> StorageError:
    return StorageError(409, "ResourceNotEmpty", "The bucket you tried to delete is not empty")


def entity_too_large(entity: str = "object") -> StorageError:
    return StorageError(
        413, "EntityTooLarge", f"The {entity} exceeded the maximum allowed size",
        error="Payload too large",
    )


def body_too_large() -> StorageError:
    """Fastify's FST_ERR_CTP_BODY_TOO_LARGE as Storage's error handler renders it: HTTP 413,
    code EntityTooLarge (getErrorCode), error = the FastifyError's name, Fastify's message."""
    return StorageError(413, "EntityTooLarge", "Request body is too large", error="FastifyError",
                        http_status=413)


def invalid_mime_type(mime_type: str) -> StorageError:
    return StorageError(
        415, "InvalidMimeType", f"mime type {mime_type} is not supported", error="invalid_mime_type"
    )


def invalid_key(key: str) -> StorageError:
    return StorageError(400, "InvalidKey", f"Invalid key: {key}")


def invalid_bucket_name(name: str) -> StorageError:
    return StorageError(400, "InvalidBucketName", "Bucket name invalid", error="Invalid Input")


def invalid_request(message: str) -> StorageError:
    return StorageError(400, "InvalidRequest", message)


def invalid_parameter(name: str) -> StorageError:
    return StorageError(400, "InvalidParameter", f"Invalid Parameter {name}")


def invalid_jwt(message: str = "Invalid JWT") -> StorageError:
    return StorageError(400, "InvalidJWT", message)


def invalid_signature(message: str = "Invalid signature") -> StorageError:
    return StorageError(400, "InvalidSignature", message)


def invalid_range() -> StorageError:
    return StorageError(
        416, "InvalidRange", "invalid range provided", error="invalid_range", http_status=416
    )


def feature_not_enabled(feature: str) -> StorageError:
    return StorageError(
        409, "FeatureNotEnabled", f"The feature {feature} is not enabled for this resource"
    )


def route_not_found(method: str, url: str) -> StorageError:
    return StorageError(
        404, "InvalidRequest", f"Route {method}:{url} not found", error="Not Found", http_status=404
    )


def internal_error() -> StorageError:
    return StorageError(500, "InternalError", "Internal Server Error", error="Internal")


def database_unavailable() -> StorageError:
    return StorageError(503, "DatabaseError", "The database is not available", http_status=503)


# Postgres errors -> storage errors (src/storage/database/errors.ts). ---------------------


def from_database_error(exc: psycopg.Error) -> StorageError:
    """Translate a Postgres error the way Supabase Storage's DBError does."""
    sqlstate = getattr(exc, "sqlstate", None)
    message = (exc.diag.message_primary if exc.diag else None) or str(exc)
    if sqlstate == "42501":
        if "row-level security" in message:
            return rls_denied()
        return access_denied(message)
    if sqlstate == "23505":
        return resource_already_exists()
    if sqlstate == "23503":
        detail = (exc.diag.message_detail if exc.diag else None) or ""
        if "is still referenced from table" in detail:
            return StorageError(
                409, "ResourceReferenced",
                "The resource could not be updated or removed due to a foreign key constraint",
            )
        return StorageError(404, "InvalidRequest", "The related resource does not exist")
    if sqlstate == "55P03":
        return StorageError(423, "ResourceLocked", "The resource is locked")
    if sqlstate == "57014":
        return StorageError(
            544, "DatabaseTimeout", "The connection to the database timed out", http_status=544
        )
    if sqlstate == "22P02" or isinstance(exc, psycopg.DataError):
        # Storage maps only 22P02 so; other data errors (a NUL byte: 22021, 22P05) would be
        # its 500 "database error", but they are the caller's input: 400 as 22P02.
        return StorageError(400, "InvalidParameter", message)
    if isinstance(exc, psycopg.OperationalError) and sqlstate is None:
        return database_unavailable()
    logger.warning("storage: unexpected database error %s: %s", sqlstate, message)
    return StorageError(500, "DatabaseError", f"database error, code: {sqlstate}")

