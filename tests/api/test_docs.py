"""OpenAPI schema, Swagger UI and ReDoc: served, complete, and usable offline."""

from __future__ import annotations

import mimetypes
import pathlib
import re

import pytest
from django.contrib.staticfiles import finders
from rest_framework.test import APIClient

from backend.llm_api.services.api_info import api_paths

DOC_PATHS = {"/api/schema/", "/api/docs/", "/api/redoc/"}
CLIENT_PATHS = {"/app/", "/app/{route}"}  # the browser client's pages (backend/web_client), not API operations


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def schema(api) -> dict:
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_openapi_3_and_lists_every_endpoint(schema, settings):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == settings.API_NAME
    assert schema["info"]["version"] == settings.API_VERSION
    routed = set(api_paths()) - DOC_PATHS - CLIENT_PATHS
    assert CLIENT_PATHS <= set(api_paths())
    assert {"/", "/api/health", "/api/info"} <= routed
    missing = routed - set(schema["paths"])
    assert not missing, f"endpoints missing from the OpenAPI schema: {sorted(missing)}"


def test_schema_documents_the_error_shape(schema):
    health = schema["paths"]["/api/health"]["get"]["responses"]
    assert set(health) >= {"200", "503"}
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["$ref"].endswith("/ErrorDetail")
    assert set(schema["components"]["schemas"]["ErrorDetail"]["properties"]) == {"code", "message", "details"}


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_assets_from_this_server_only(api, url):
    response = api.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/schema/" in html
    external = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", html)
    assert external == [], f"{url} loads assets from the internet: {external}"
    for asset in re.findall(r"""(?:src|href)=["']/static/([^"']+)""", html):
        assert finders.find(asset), f"static asset not shipped: {asset}"
        # Served by the API itself with DEBUG off, as under gunicorn: no collectstatic, no web server.
        served = api.get(f"/static/{asset}")
        assert served.status_code == 200, asset
        assert served["Content-Type"].split(";")[0] == mimetypes.guess_type(asset)[0]
        assert b"".join(served.streaming_content) == pathlib.Path(finders.find(asset)).read_bytes()


def test_schema_generates_without_warnings(tmp_path):
    """Warnings mean a wrong schema (e.g. two views' OutputSerializers under one name)."""
    from django.core.management import call_command

    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))
    assert target.read_text().startswith("openapi: 3.")


def test_schema_describes_the_bearer_scheme(schema):
    """Swagger UI's Authorize button needs the scheme: HTTP bearer carrying a Supabase JWT."""
    assert schema["components"]["securitySchemes"]["SupabaseJWT"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A Supabase Auth access token (`Authorization: Bearer <token>`).",
    }
