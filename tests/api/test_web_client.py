"""/app/ serves the browser client: its assets from this server, every other path under /app/ the
page the client routes itself; no browser needed (tests/browser drives it in Chromium)."""

from __future__ import annotations

import re

import pytest
from django.test import Client


@pytest.fixture
def web():
    return Client()


@pytest.mark.parametrize("path", ["/app/", "/app/dashboard", "/app/interviews/3f2b/feedback", "/app/invitation"])
def test_every_page_path_answers_the_client(web, path):
    response = web.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "text/html; charset=utf-8"
    html = b"".join(response.streaming_content).decode()
    assert '<script type="module" src="/app/assets/js/main.js">' in html and '<main id="main"' in html


def test_assets_are_served_from_this_server_only_with_a_strict_policy(web, settings):
    settings.SUPABASE_URL = "http://127.0.0.1:54321"
    page = web.get("/app/")
    policy = page["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "img-src 'self' data: blob: http://127.0.0.1:54321" in policy
    assert "script-src" not in policy  # scripts fall back to default-src 'self': no inline code, no CDN
    html = b"".join(page.streaming_content).decode()
    assert not re.search(r"""(?:src|href)=["']https?://""", html)
    for asset in ("/app/assets/js/main.js", "/app/assets/app.css", "/app/assets/js/pages/interviews.js"):
        response = web.get(asset)
        assert response.status_code == 200, asset
        assert response["X-Content-Type-Options"] == "nosniff"
    assert web.get("/app/assets/js/main.js")["Content-Type"].startswith(("text/javascript", "application/javascript"))
    assert web.get("/app/assets/missing.js").status_code == 404
    assert web.get("/app/assets/../views.py").status_code == 404
    assert web.post("/app/").status_code == 405
