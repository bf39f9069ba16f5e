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
