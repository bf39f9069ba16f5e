"""gunicorn with the production configuration (backend/gunicorn.conf.py), started for a test."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from backend.local_supabase.postgres import free_port

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "backend" / "gunicorn.conf.py"


@contextlib.contextmanager
def gunicorn_serving(stack_env: dict[str, str], *, app: str | None = None,
                     **env: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, the master process) once /api/ready answers 200; killed afterwards if still up.
    `app`: another WSGI application than the configuration's (gunicorn's APP_MODULE argument)."""
    port = free_port()
    full_env = {**os.environ, **stack_env, "DJANGO_SETTINGS_MODULE": "backend.settings",
                "GUNICORN_BIND": f"127.0.0.1:{port}", **env}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(CONFIG), *([app] if app else [])],
                              cwd=REPO, env=full_env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as http:
            deadline = time.monotonic() + 30
            while True:
                with contextlib.suppress(httpx.TransportError):
                    if http.get("/api/ready").status_code == 200:
                        break
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield base, server
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def worker_pids(master: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [int(pid) for pid in children]
