"""Management commands: supabase_migrate, local_supabase and serve."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from io import StringIO
from pathlib import Path

import httpx
import psycopg
import pytest
from django.core.management import CommandError, call_command

from backend.local_supabase.postgres import free_port

REPO = Path(__file__).resolve().parents[2]
SETTING_KEYS = (
    "SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_KEY",
    "SUPABASE_JWT_SECRET", "SUPABASE_JWKS_URL", "DATABASE_URL",
)


# supabase_migrate ----------------------------------------------------------------------


@pytest.fixture
def migrations_dir(tmp_path) -> Path:
    (tmp_path / "20260101000000_t.sql").write_text("create table public.t (id int primary key);")
    (tmp_path / "20260101000100_u.sql").write_text("create table public.u (id int primary key);")
    return tmp_path


def migrate_cmd(*args: str) -> str:
    out = StringIO()
    call_command("supabase_migrate", *args, stdout=out)
    return out.getvalue()


def test_supabase_migrate_applies_then_skips(scratch_dsn, migrations_dir):
    first = migrate_cmd("--database-url", scratch_dsn, "--dir", str(migrations_dir))
    assert "applied 20260101000000" in first and "applied 20260101000100" in first
    assert "2 applied, 0 already applied" in first
    second = migrate_cmd("--database-url", scratch_dsn, "--dir", str(migrations_dir))
    assert "0 applied, 2 already applied" in second


def test_supabase_migrate_defaults_to_the_database_url_setting(scratch_dsn, migrations_dir, settings):
    settings.DATABASE_URL = scratch_dsn
    assert "2 applied" in migrate_cmd("--dir", str(migrations_dir))


def test_supabase_migrate_without_a_url_says_what_to_do(settings):
    settings.DATABASE_URL = ""
    with pytest.raises(CommandError, match="DATABASE_URL.*--database-url"):
        migrate_cmd()


def test_supabase_migrate_reports_failures_clearly(scratch_dsn, migrations_dir, tmp_path):
    (migrations_dir / "20260101000200_bad.sql").write_text("select * from missing_table;")
    with pytest.raises(CommandError, match="migration 20260101000200 failed.*missing_table"):
        migrate_cmd("--database-url", scratch_dsn, "--dir", str(migrations_dir))
    with pytest.raises(CommandError, match="not found"):
        migrate_cmd("--database-url", scratch_dsn, "--dir", str(tmp_path / "nope"))
    dead = f"postgresql://postgres@127.0.0.1:{free_port()}/postgres?connect_timeout=3"
    with pytest.raises(CommandError, match="Cannot connect"):
        migrate_cmd("--database-url", dead, "--dir", str(migrations_dir))


# Long-running commands, as subprocesses ------------------------------------------------


class Running:
    """A manage.py subprocess whose stdout is read line by line in the background."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", *args], cwd=REPO, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def settings(self, timeout: float = 120) -> dict[str, str]:
        """Read until every KEY=value line has been printed."""
        found: dict[str, str] = {}
        deadline = time.monotonic() + timeout
        while not set(SETTING_KEYS) <= set(found):
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"settings not printed in {timeout}s; output so far: {self.seen}")
            self.seen.append(line)
            key, sep, value = line.partition("=")
            if sep and key in SETTING_KEYS:
                found[key] = value
        return found

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 60) -> str:
        """Send `sig`, then wait; returns the rest of the output."""
        self.proc.send_signal(sig)
        self.proc.wait(timeout=timeout)
        time.sleep(0.2)  # let the reader thread drain the pipe
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        self.seen += rest
        return "\n".join(rest)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def clean_env(**extra: str) -> dict[str, str]:
    """This environment minus Supabase settings; set-but-empty keeps a developer's .env out too."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUPABASE_", "DATABASE_", "LOCAL_SUPABASE"))}
    env.update(dict.fromkeys([*SETTING_KEYS, "LOCAL_SUPABASE_PORT", "LOCAL_SUPABASE_DIR"], ""))
    env.update(extra)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def database_is_down(dsn: str) -> bool:
    try:
        with psycopg.connect(dsn, connect_timeout=3):
            return False
    except psycopg.OperationalError:
        return True


def test_local_supabase_prints_settings_serves_and_stops_cleanly(tmp_path):
    port = free_port()
    secret = "a-jwt-secret-from-the-environment-at-least-32-chars"
    running = Running(
        ["local_supabase", "--port", str(port), "--data-dir", str(tmp_path / "stack")],
        clean_env(SUPABASE_JWT_SECRET=secret),
    )
    try:
        found = running.settings()
        assert found["SUPABASE_URL"] == f"http://127.0.0.1:{port}"
        assert found["SUPABASE_JWT_SECRET"] == secret
        assert found["SUPABASE_JWKS_URL"] == f"http://127.0.0.1:{port}/auth/v1/.well-known/jwks.json"
        assert found["SUPABASE_ANON_KEY"].count(".") == 2 and found["SUPABASE_SERVICE_KEY"].count(".") == 2
        rest = httpx.head(
            f"{found['SUPABASE_URL']}/rest/v1/",
            headers={"apikey": found["SUPABASE_SERVICE_KEY"], "Authorization": f"Bearer {found['SUPABASE_SERVICE_KEY']}"},
        )
        assert rest.status_code == 200
        with psycopg.connect(found["DATABASE_URL"]) as conn:
            assert conn.execute("select to_regclass('auth.users') is not null").fetchone()[0] is True
        # the printed DATABASE_URL carries the password; without it Postgres refuses
        params = psycopg.conninfo.conninfo_to_dict(found["DATABASE_URL"])
        assert params.pop("password") == (tmp_path / "stack" / "postgres" / "password").read_text().strip()
        with pytest.raises(psycopg.OperationalError, match="no password supplied"):
            psycopg.connect(**params, passfile=str(tmp_path / "no-pgpass"), connect_timeout=30)
        tail = running.stop(signal.SIGINT)  # what Ctrl-C sends
    finally:
        running.kill()
    assert running.proc.returncode == 0, running.seen
    assert "stopped" in tail
    assert database_is_down(found["DATABASE_URL"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))  # the HTTP port is free again


def test_local_supabase_refuses_a_busy_port(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        busy = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "manage.py", "local_supabase", "--port", str(busy), "--data-dir", str(tmp_path)],
            cwd=REPO, env=clean_env(), capture_output=True, text=True, timeout=60,
        )
    assert result.returncode != 0
    assert f"Port {busy} is in use" in result.stderr


def test_serve_starts_the_local_stack_when_supabase_url_is_empty(tmp_path):
    api_port = free_port()
    with socket.socket() as sock:  # the configured stack port is busy: serve must pick another
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        busy = sock.getsockname()[1]
        running = Running(
            ["serve", f"127.0.0.1:{api_port}"],
            clean_env(SUPABASE_URL="", LOCAL_SUPABASE_PORT=str(busy), LOCAL_SUPABASE_DIR=str(tmp_path / "stack")),
        )
        try:
            found = running.settings()
            assert found["SUPABASE_URL"].startswith("http://127.0.0.1:")
            assert not found["SUPABASE_URL"].endswith(f":{busy}")
            health = None
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    health = httpx.get(f"http://127.0.0.1:{api_port}/api/health", timeout=5)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            assert health is not None and health.status_code == 200, running.seen
            body = health.json()
            assert body["mode"] == "local" and body["database"] == "connected"
            assert body["supabase_url"] == found["SUPABASE_URL"]
            root = httpx.get(f"http://127.0.0.1:{api_port}/", timeout=5).json()
            assert root["database"] == "connected"
            tail = running.stop()
        finally:
            running.kill()
    assert running.proc.returncode == 0, running.seen
    assert "stopped" in tail
    assert database_is_down(found["DATABASE_URL"])
    assert (tmp_path / "stack" / "postgres" / "pgdata" / "PG_VERSION").exists()  # durable data dir kept


def test_serve_with_supabase_url_set_only_serves(stack_settings):
    api_port = free_port()
    running = Running(["serve", f"127.0.0.1:{api_port}"], clean_env(**stack_settings.as_env()))
    try:
        health = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and running.proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{api_port}/api/health", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None and health.status_code == 200
        assert health.json()["supabase_url"] == stack_settings.url
        running.stop()
    finally:
        running.kill()
    assert running.proc.returncode == 0, running.seen
    assert f"# Using Supabase at {stack_settings.url}" in running.seen
    assert not any("local Supabase stack started" in line for line in running.seen)


def test_serve_refuses_a_busy_api_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        busy = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "manage.py", "serve", f"127.0.0.1:{busy}"],
            cwd=REPO, env=clean_env(), capture_output=True, text=True, timeout=60,
        )
    assert result.returncode != 0
    assert "port is in use" in result.stderr


def test_serve_gunicorn_starts_the_local_stack_and_stops_gracefully(tmp_path):
    """`make serve`: gunicorn with the production config in a child, given the stack's settings."""
    api_port = free_port()
    running = Running(["serve", "--gunicorn", f"127.0.0.1:{api_port}"],
                      clean_env(SUPABASE_URL="", LOCAL_SUPABASE_PORT="0", LOCAL_SUPABASE_DIR=str(tmp_path / "stack"),
                                WEB_CONCURRENCY="1", GUNICORN_THREADS="2"))
    try:
        found = running.settings()
        ready = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and running.proc.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{api_port}/api/ready", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert ready is not None and ready.status_code == 200, running.seen
        assert ready.headers["server"].startswith("gunicorn")
        health = httpx.get(f"http://127.0.0.1:{api_port}/api/health", timeout=5).json()
        assert health["supabase_url"] == found["SUPABASE_URL"]
        tail = running.stop()
    finally:
        running.kill()
    assert running.proc.returncode == 0, running.seen
    assert "Local Supabase stack stopped." in tail
    assert database_is_down(found["DATABASE_URL"])
