"""The browser client (/app/) in headless Chromium: the API served on a free port in a thread, on the
suite's stack with the offline engine, driven by Playwright through Debian's `chromium`.

Skipped with a message when Playwright or a Chromium binary is missing (CHROMIUM=/path/to/chromium
names another one). axe-core (tests/js/node_modules, installed by `make test`) checks every page;
screenshots of every page at 375 and 1440 px go to APP_SCREENSHOTS (default /tmp/app-screenshots).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings

from bench.local_stack import serve_wsgi

AXE = Path(__file__).resolve().parents[1] / "js" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("APP_SCREENSHOTS", "/tmp/app-screenshots"))
WIDTHS = {"phone": (375, 812), "desktop": (1440, 900)}
# axe-core's WCAG 2.1 A/AA rules (labels, landmarks, contrast, names, ...) and its best practices
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def chromium_path() -> str | None:
    named = os.environ.get("CHROMIUM", "").strip()
    return named or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests skipped: Playwright is not installed "
                                                                 "(pip install -r requirements-dev.txt)")
    executable = chromium_path()
    if not executable:
        pytest.skip("browser tests skipped: no Chromium found (apt-get install chromium, or set CHROMIUM=/path)")
    assert AXE.exists(), f"axe-core is missing at {AXE}: run `npm ci --prefix tests/js` (make test does)"
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=["--no-sandbox", "--disable-background-networking",
                                                    # a synthetic microphone, allowed without a prompt
                                                    "--use-fake-device-for-media-stream",
                                                    "--use-fake-ui-for-media-stream"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def app_url(browser, stack_settings, question_bank) -> Iterator[str]:
    """The whole API (what `make run` serves) on a free loopback port, offline engine, no speech model."""
    from django.core.wsgi import get_wsgi_application

    from backend.llm_api import supabase_client

    offline = {"LLM_PROVIDER": "offline", "OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "INVITATION_URL": ""}
    with override_settings(**stack_settings.as_env(), **offline):
        supabase_client.reset_client()
        server = serve_wsgi(get_wsgi_application())
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
            supabase_client.reset_client()


class Tab:
    """A page of the client with its checks: no script errors, axe-core, screenshots."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        # the browser logs every 4xx it fetched ("Failed to load resource"); the pages show those in words
        page.on("console", lambda message: message.type == "error" and not message.text.startswith(
            "Failed to load resource") and self.errors.append(message.text))
        page.on("dialog", lambda dialog: dialog.accept())

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)

    def settled(self) -> None:
        """Every region has loaded (no progress indicator left)."""
        self.page.wait_for_load_state("networkidle")
        self.page.locator(".progress").first.wait_for(state="detached")

    def check(self, name: str) -> None:
        """At both widths: axe-core finds no violation and a full-page screenshot is written."""
        self.settled()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for width, height in WIDTHS.values():
            self.page.set_viewport_size({"width": width, "height": height})
            if not self.page.evaluate("!!window.axe"):  # through DevTools: the page's CSP forbids inline scripts
                self.page.evaluate(AXE.read_text() + "\n;true")
            found = self.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            violations = [{"rule": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                          for v in found["violations"]]
            assert violations == [], f"{name} at {width} px: {json.dumps(violations, indent=1)}"
            overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
            self.page.screenshot(path=str(SCREENSHOTS / f"{re.sub(r'[^a-z0-9]+', '-', name.lower())}-{width}.png"),
                                 full_page=True)
        self.page.set_viewport_size({"width": WIDTHS["desktop"][0], "height": WIDTHS["desktop"][1]})
        assert self.errors == [], f"{name}: script errors {self.errors}"


@pytest.fixture
def new_tab(browser, app_url):
    """`new_tab()`: a fresh browser context (its own storage: another person) on the client."""
    contexts = []

    def make() -> Tab:
        context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
        contexts.append(context)
        return Tab(context.new_page(), app_url)

    yield make
    for context in contexts:
        context.close()
