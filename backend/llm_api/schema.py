"""OpenAPI schema generation tuned to the project's view style."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema


class AutoSchema(SpectacularAutoSchema):
    """Names components after the serializer's qualified name.

    Views nest their own `InputSerializer`/`OutputSerializer` classes (HackSoftware
    Django-Styleguide), so plain class names collide; `HealthApi.OutputSerializer`
    becomes the component `HealthApiOutput`.
    """

    def get_serializer_name(self, serializer, direction: str) -> str:
        parts = [part for part in type(serializer).__qualname__.split(".") if part != "<locals>"]
        return "".join(part.removesuffix("Serializer") for part in parts)

    def get_auth(self):
        """drf-spectacular lists anonymous access (`{}`) only for AllowAny and read-only methods; a
        permission class naming the methods anyone may call (`anonymous_methods`) says so too, so the
        schema does not claim a token is required where the view takes none."""
        auths = super().get_auth()
        if {} not in auths and any(self.method in getattr(permission, "anonymous_methods", ())
                                   for permission in self.view.get_permissions()):
            auths.append({})
        return auths


ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
PARSE_ERROR = {"description": "The body could not be parsed (`parse_error`): malformed JSON or multipart.",
               "content": ERROR_CONTENT}
UNSUPPORTED_MEDIA_TYPE = {"description": "The body's Content-Type is missing or none of those listed "
                                         "(`unsupported_media_type`).", "content": ERROR_CONTENT}


def document_parse_errors(result, generator, request, public):
    """POSTPROCESSING_HOOKS: every operation that reads a body may answer 400 `parse_error`, or 415
    for a body without a Content-Type it takes, before its own validation runs (DRF's parsers),
    whatever status its validation errors use."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                responses = operation.setdefault("responses", {})
                content = _error_content(responses)
                responses.setdefault("400", {**PARSE_ERROR, "content": content})
                responses.setdefault("415", {**UNSUPPORTED_MEDIA_TYPE, "content": content})
    return result


def _error_content(responses: dict) -> dict:
    """The media types the operation's own errors come in: a streamed turn's (`?format=sse`) are
    `error` events too, and so are these."""
    for code, response in responses.items():
        if str(code).startswith("4") and "application/json" in response.get("content", {}):
            return response["content"]
    return ERROR_CONTENT


def document_blank_query_values(result, generator, request, public):
    """POSTPROCESSING_HOOKS: a blank query value (`?to=`) is the parameter absent, on every endpoint
    (views.inputs.validated_query), so every optional query parameter allows the empty value."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result
