"""The suite can be pointed at any Supabase-compatible project through SUPABASE_TEST_*.

A second, separate local stack stands in for the remote project; pytest runs in a subprocess
aimed at it and must pass without starting a stack of its own, deselecting only the tests that
need the local stack's internals.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from backend.local_supabase.server import LocalSupabase, StackSettings
from tests.conftest import suite_stack_config

REPO = Path(__file__).resolve().parent.parent
# Representative files: tables through /rest/v1 with RLS, storage policies, the API's token
# checks (some of whose tests need the local signing key, so are deselected).
REMOTE_FILES = ("tests/schema/test_rest.py", "tests/schema/test_storage.py", "tests/api/test_authentication.py")


@pytest.fixture(scope="module")
def stand_in_project() -> Iterator[StackSettings]:
    data_dir = Path(tempfile.mkdtemp(prefix="remote-stand-in-"))
    # Remote mode signs every test user in with a password: limits raised as for the local suite.
    stack = LocalSupabase(data_dir, port=0, durable=False, config=suite_stack_config())
    try:
        yield stack.start()
    finally:
        stack.stop()
        if stack.postgres is not None:
            stack.postgres.destroy()
        shutil.rmtree(data_dir, ignore_errors=True)


def remote_env(settings: StackSettings, tmp_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("SUPABASE_")}
    env.update({
        "SUPABASE_TEST_URL": settings.url,
        "SUPABASE_TEST_ANON_KEY": settings.anon_key,
        "SUPABASE_TEST_SERVICE_KEY": settings.service_key,
        "SUPABASE_TEST_DATABASE_URL": settings.database_url,
        "SUPABASE_TEST_JWT_SECRET": settings.jwt_secret,
        "SUPABASE_TEST_JWKS_URL": settings.jwks_url,
        # The local stack's data dir is a mkdtemp under TMPDIR: any stack started would show here.
        "TMPDIR": str(tmp_dir),
    })
    return env


def summary_count(output: str, word: str) -> int:
    found = re.search(rf"(\d+) {word}", output.splitlines()[-1])
    return int(found.group(1)) if found else 0


def auth_user_emails(settings: StackSettings) -> set[str]:
    with psycopg.connect(settings.database_url, autocommit=True) as conn:
        return {row[0] for row in conn.execute("select email from auth.users")}


def test_suite_runs_against_a_remote_target_without_a_local_stack(stand_in_project, tmp_path):
    users_before = auth_user_emails(stand_in_project)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *REMOTE_FILES],
        cwd=REPO, env=remote_env(stand_in_project, tmp_path), capture_output=True, text=True, timeout=240,
    )
    # Not -q: the report header names the target.
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-6000:]
    assert f"supabase target: remote {stand_in_project.url}" in output
    assert summary_count(output, "passed") >= 100, output[-3000:]
    deselected = summary_count(output, "deselected")
    assert deselected > 0, output[-3000:]
    assert f"remote target: {deselected} tests deselected" in output
    assert " skipped" not in output.splitlines()[-1]
    assert not list(tmp_path.glob("local-supabase-test-*")), "the subprocess started a local stack"
    # make_user's users (made through the Auth admin API) were deleted again; only the user a
    # test signs up on its own (`me-...`, test_authentication) is left.
    left_behind = auth_user_emails(stand_in_project) - users_before
    assert all(email.startswith("me-") for email in left_behind), left_behind


def test_half_configured_remote_target_is_a_usage_error(stand_in_project, tmp_path):
    env = remote_env(stand_in_project, tmp_path)
    del env["SUPABASE_TEST_SERVICE_KEY"]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/schema/test_storage.py"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 4, run.stdout + run.stderr
    assert "SUPABASE_TEST_SERVICE_KEY" in run.stdout + run.stderr
    assert not list(tmp_path.glob("local-supabase-test-*"))
