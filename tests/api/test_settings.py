"""Settings come from the environment; CORS follows ALLOWED_ORIGINS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rest_framework.test import APIClient

REPO = Path(__file__).resolve().parents[2]


def settings_under(env: dict[str, str]) -> dict:
    """Load backend.settings in a fresh interpreter with exactly these variables set."""
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    code = (
        "import json, django\n"
        "from django.conf import settings\n"
        "django.setup()\n"
        "names = ['DEBUG', 'ALLOWED_HOSTS', 'CORS_ALLOWED_ORIGINS', 'CORS_ALLOW_ALL_ORIGINS', 'SUPABASE_URL',\n"
        "         'SUPABASE_TIMEOUT', 'SUPABASE_JWT_LEEWAY', 'LOCAL_SUPABASE_PORT', 'LOCAL_SUPABASE_DIR', 'LOG_LEVEL']\n"
        "print(json.dumps({n: str(getattr(settings, n)) if n == 'LOCAL_SUPABASE_DIR' else getattr(settings, n)"
        " for n in names}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
        env={**base, "DJANGO_SETTINGS_MODULE": "backend.settings", **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_environment_values_are_parsed():
    loaded = settings_under({
        "DJANGO_DEBUG": "true",
        "ALLOWED_HOSTS": "api.example.com, localhost",
        "ALLOWED_ORIGINS": "https://app.example.com,https://admin.example.com",
        "SUPABASE_URL": "https://abc.supabase.co/",
        "SUPABASE_TIMEOUT": "2.5",
        "SUPABASE_JWT_LEEWAY": "5",
        "LOCAL_SUPABASE_PORT": "6000",
        "LOCAL_SUPABASE_DIR": "/tmp/somewhere",
        "LOG_LEVEL": "debug",
    })
    assert loaded == {
        "DEBUG": True,
        "ALLOWED_HOSTS": ["api.example.com", "localhost"],
        "CORS_ALLOWED_ORIGINS": ["https://app.example.com", "https://admin.example.com"],
        "CORS_ALLOW_ALL_ORIGINS": False,
        "SUPABASE_URL": "https://abc.supabase.co",
        "SUPABASE_TIMEOUT": 2.5,
        "SUPABASE_JWT_LEEWAY": 5.0,
        "LOCAL_SUPABASE_PORT": 6000,
        "LOCAL_SUPABASE_DIR": "/tmp/somewhere",
        "LOG_LEVEL": "DEBUG",
    }


def test_defaults_need_no_environment_and_star_allows_any_origin():
    # Empty values mean "default" (and, being set, keep a developer's .env out of the way).
    empty = dict.fromkeys(["DJANGO_DEBUG", "SUPABASE_URL", "LOCAL_SUPABASE_DIR", "LOCAL_SUPABASE_PORT"], "")
    loaded = settings_under({**empty, "ALLOWED_ORIGINS": "*"})
    assert loaded["DEBUG"] is False
    assert loaded["SUPABASE_URL"] == ""
    assert loaded["CORS_ALLOW_ALL_ORIGINS"] is True and loaded["CORS_ALLOWED_ORIGINS"] == []
    assert loaded["LOCAL_SUPABASE_DIR"] == str(REPO / ".local_supabase")
    assert loaded["LOCAL_SUPABASE_PORT"] == 54321


def test_cors_allows_configured_origins_only(settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    settings.CORS_ALLOW_ALL_ORIGINS = False
    api = APIClient()
    preflight = {"HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET", "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "authorization"}
    allowed = api.options("/api/info", HTTP_ORIGIN="https://app.example.com", **preflight)
    assert allowed.status_code == 200
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "authorization" in allowed["Access-Control-Allow-Headers"]
    refused = api.options("/api/info", HTTP_ORIGIN="https://evil.example.net", **preflight)
    assert "Access-Control-Allow-Origin" not in refused
