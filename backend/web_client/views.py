"""`/app/`: the browser client. Its assets are files under files/assets/; every other path under
/app/ is a page the client routes itself, so each answers index.html (a reload or a shared link
lands on the right page)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

FILES = Path(__file__).resolve().parent / "files"


def content_security_policy() -> str:
    """Scripts, styles and API calls from this server only; images and media may also come from
    Supabase Storage (avatars' public URLs, recordings' signed links)."""
    storage = settings.SUPABASE_URL or ""
    return (f"default-src 'self'; img-src 'self' data: blob: {storage}; media-src 'self' blob: {storage}; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'").replace("  ", " ")


def _secured(response: HttpResponse) -> HttpResponse:
    response["Content-Security-Policy"] = content_security_policy()
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"  # invitation tokens live in the fragment, never sent anyway
    response["Cache-Control"] = "no-cache"  # revalidate: a new release is picked up on the next load
    return response


@require_safe
def client(request: HttpRequest, route: str = "") -> HttpResponse:
    if route.startswith("assets/"):
        return _secured(serve(request, route, document_root=FILES))
    return _secured(FileResponse((FILES / "index.html").open("rb"), content_type="text/html; charset=utf-8"))
