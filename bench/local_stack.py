"""What the benchmarks share: a throwaway local stack in a child process (no GIL shared with the
code being timed), the API served over real HTTP, and a signed-in bench user.

    with stack_in_child("history-bench-") as stack_settings:
        server = serve_wsgi(get_wsgi_application())   # threaded, quiet, on a free port
        user_id, auth = sign_up(api, "bench")         # register + log in through the API

`django_on_stack(env)` sets the API up in the bench's own process; `count_round_trips()` counts
its requests to Supabase.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from backend.local_supabase.server import LocalSupabase, StackSettings

BENCH_PASSWORD = "Bench1password"


def serve_stack(data_dir: Path, conn) -> None:
    """Child process: run the stack until the parent says stop."""
    stack = LocalSupabase(data_dir, port=0, durable=False)
    conn.send(stack.start())
    try:
        conn.recv()
    finally:
        stack.stop()
        if stack.postgres is not None:
            stack.postgres.destroy()


@contextmanager
def stack_in_child(prefix: str, data_dir: Path | None = None) -> Iterator[StackSettings]:
    """A stack in a spawned child process; stopped and its files removed on exit."""
    owned = data_dir is None
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix=prefix))
    parent_end, child_end = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(target=serve_stack, args=(data_dir, child_end))
    process.start()
    try:
        yield parent_end.recv()
    finally:
        parent_end.send("stop")
        process.join(timeout=60)
        if owned:
            shutil.rmtree(data_dir, ignore_errors=True)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def wsgi_server(app) -> ThreadingWSGIServer:
    """A threaded WSGI server for `app` on a free loopback port (not yet serving)."""
    return make_server("127.0.0.1", 0, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler)


def serve_wsgi(app) -> ThreadingWSGIServer:
    """`wsgi_server` serving in a daemon thread; `.shutdown()` stops it."""
    server = wsgi_server(app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def django_on_stack(env: Mapping[str, str]) -> None:
    """Django set up in this process against the stack `env` names (its `as_env()` and the bench's
    own settings), trusting its tokens, with the shipped question bank loaded (as `make run` does)."""
    os.environ.update({"DJANGO_SETTINGS_MODULE": "backend.settings", **env})
    import django

    django.setup()
    from django.conf import settings

    from backend.llm_api.services.question_bank import question_bank_load

    settings.SUPABASE_JWT_ISSUER = f"{env['SUPABASE_URL']}/auth/v1"
    question_bank_load()


def count_round_trips() -> dict[str, int]:
    """`{"count": n}`: this process's requests to Supabase from now on, counted as they are sent
    (background answer scoring's left out: they are not the request's own)."""
    from backend.llm_api import supabase_client

    trips = {"count": 0}

    def count(request) -> None:
        if not threading.current_thread().name.startswith("answer-scoring"):
            trips["count"] += 1

    supabase_client.connection._get_connection().http.event_hooks["request"].append(count)
    return trips


def sign_up(api, name: str = "bench") -> tuple[str, dict]:
    """Register and log in through the API (an httpx client on /api); the user id and auth headers."""
    stamp = f"{name}{int(time.time() * 1000) % 10_000_000}"
    made = api.post("/auth/register", json={"email": f"{stamp}@example.test", "username": stamp,
                                            "password": BENCH_PASSWORD, "full_name": "Bench"})
    assert made.status_code == 201, made.text
    session = api.post("/auth/login", json={"email": f"{stamp}@example.test", "password": BENCH_PASSWORD}).json()
    return session["user"]["id"], {"Authorization": f"Bearer {session['access_token']}"}
