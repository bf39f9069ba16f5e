"""`/`, `/api/health` and `/api/info` against a real local stack, a stopped one and dead ports."""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from backend.llm_api.services.health import supabase_mode
from backend.local_supabase.postgres import free_port
from backend.local_supabase.server import LocalSupabase


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def assert_error_shape(body: dict, code: str | None = None) -> None:
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body


def test_root_reports_local_mode_and_connected_database(api, stack_settings, settings):
    response = api.get("/")
    assert response.status_code == 200
    assert response.json() == {
        "name": settings.API_NAME, "version": settings.API_VERSION, "mode": "local", "database": "connected",
    }


def test_health_is_200_with_details_when_supabase_answers(api, stack_settings):
    response = api.get("/api/health")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["mode"] == "local"
    assert body["database"] == "connected"
    assert body["supabase_url"] == stack_settings.url
    assert 0 <= body["latency_ms"] < 5000


def test_health_follows_the_stack_going_down(api, settings):
    """A second, private stack: healthy while up, 503 (never 500) once stopped."""
    data_dir = Path(tempfile.mkdtemp(prefix="health-stack-"))
    stack = LocalSupabase(data_dir, port=0, durable=False)
    try:
        own = stack.start()
        for key, value in own.as_env().items():
            setattr(settings, key, value)
        assert api.get("/api/health").status_code == 200
        stack.stop()
        response = api.get("/api/health")
        assert response.status_code == 503
        assert_error_shape(response.json(), "supabase_unavailable")
        assert response.json()["error"]["details"]["database"] == "unreachable"
        root = api.get("/")
        assert root.status_code == 200 and root.json()["database"] == "unreachable"
    finally:
        stack.stop()
        if stack.postgres is not None:
            stack.postgres.destroy()
        shutil.rmtree(data_dir, ignore_errors=True)


def test_health_is_503_json_when_nothing_listens(api, settings):
    settings.SUPABASE_URL = f"http://127.0.0.1:{free_port()}"
    settings.SUPABASE_SERVICE_KEY = "any-key"
    response = api.get("/api/health")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert_error_shape(body, "supabase_unavailable")
    assert body["error"]["details"] == {"mode": "local", "database": "unreachable"}
    assert "Traceback" not in response.content.decode()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A port that accepts TCP connections but never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_health_gives_up_after_supabase_timeout(api, settings, silent_server):
    import time

    settings.SUPABASE_URL = silent_server
    settings.SUPABASE_SERVICE_KEY = "any-key"
    settings.SUPABASE_TIMEOUT = 0.5
    started = time.monotonic()
    response = api.get("/api/health")
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert_error_shape(response.json(), "supabase_timeout")


def test_health_is_503_when_supabase_is_not_configured(api, settings):
    settings.SUPABASE_URL = ""
    settings.SUPABASE_SERVICE_KEY = ""
    response = api.get("/api/health")
    assert response.status_code == 503
    assert_error_shape(response.json(), "supabase_not_configured")
    assert api.get("/").json()["database"] == "unreachable"


def test_health_is_503_when_the_service_key_is_refused(api, stack_settings, settings):
    settings.SUPABASE_SERVICE_KEY = "not-a-valid-key"
    response = api.get("/api/health")
    assert response.status_code == 503
    body = response.json()
    assert_error_shape(body, "supabase_unavailable")
    assert body["error"]["details"]["upstream_code"] == "401"


@pytest.mark.parametrize(
    ("url", "mode"),
    [
        ("http://127.0.0.1:54321", "local"),
        ("http://127.8.9.10:8000", "local"),
        ("http://localhost:54321", "local"),
        ("http://[::1]:54321", "local"),
        ("http://supabase.localhost", "local"),
        ("", "local"),
        ("https://abcdefghijkl.supabase.co", "supabase"),
        ("http://10.1.2.3:8000", "supabase"),
        ("https://db.example.com", "supabase"),
    ],
)
def test_mode_is_local_only_for_loopback_urls(url, mode):
    assert supabase_mode(url) == mode


def test_info_lists_endpoints_docs_and_engine_without_secrets(api, settings):
    settings.OPENAI_API_KEY = "sk-very-secret-value"
    settings.OPENAI_BASE_URL = "http://user:hunter2@127.0.0.1:11434/v1"
    settings.OPENAI_MODEL = "llama3"
    settings.SUPABASE_SERVICE_KEY = "service-secret-value"
    response = api.get("/api/info")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == settings.API_NAME and body["version"] == settings.API_VERSION
    assert body["docs"] == {"openapi": "/api/schema/", "swagger_ui": "/api/docs/", "redoc": "/api/redoc/"}
    assert {"/", "/api/health", "/api/info", "/api/schema/"} <= set(body["endpoints"])
    assert body["engine"] == {"name": "openai", "model": "llama3", "base_url": "http://127.0.0.1:11434/v1"}
    text = response.content.decode()
    for secret in ("sk-very-secret-value", "hunter2", "service-secret-value"):
        assert secret not in text


def test_info_reports_the_offline_engine_without_a_key(api, settings):
    settings.OPENAI_API_KEY = ""
    assert api.get("/api/info").json()["engine"] == {"name": "offline", "model": None, "base_url": None}


def test_info_says_whether_answers_may_be_spoken(api, settings):
    """A front end shows the record control only when a speech model is configured."""
    settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.TRANSCRIPTION_MODEL = "", "", "whisper-1"
    assert api.get("/api/info").json()["features"] == {"spoken_answers": False}
    settings.OPENAI_BASE_URL = "http://127.0.0.1:11434/v1"
    assert api.get("/api/info").json()["features"] == {"spoken_answers": True}
