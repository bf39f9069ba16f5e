"""Shared fixtures: the Supabase-compatible target every test talks to.

By default one throwaway local stack per session (temp data dir, free port), so parallel runs
never collide. With SUPABASE_TEST_URL (and the other SUPABASE_TEST_* variables) set, the suite
talks to that project instead: no local stack is started, our migrations are applied to
SUPABASE_TEST_DATABASE_URL, and tests that need the local stack's internals are deselected.
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg import sql
from supabase import Client, ClientOptions, create_client

from backend.local_supabase.config import StackConfig
from backend.local_supabase.server import LocalSupabase, StackSettings
from backend.schema_migrations import MIGRATIONS_DIR, migrate

REMOTE_VARIABLES = ("SUPABASE_TEST_URL", "SUPABASE_TEST_ANON_KEY", "SUPABASE_TEST_SERVICE_KEY",
                    "SUPABASE_TEST_DATABASE_URL")
LOCAL_ONLY_FIXTURE = "local_stack"


def migrations_dir() -> Path:
    """The migrations the suite's database gets: SUPABASE_MIGRATIONS_DIR (the policy mutation
    run points it at a mutated copy), else the project's own."""
    override = os.environ.get("SUPABASE_MIGRATIONS_DIR", "").strip()
    return Path(override) if override else MIGRATIONS_DIR


def remote_target() -> StackSettings | None:
    """The project named by SUPABASE_TEST_*, or None to use a throwaway local stack."""
    url = os.environ.get("SUPABASE_TEST_URL", "").strip().rstrip("/")
    if not url:
        return None
    missing = [name for name in REMOTE_VARIABLES if not os.environ.get(name, "").strip()]
    if missing:
        raise pytest.UsageError(f"SUPABASE_TEST_URL is set but {', '.join(missing)} is not")
    return StackSettings(
        url=url,
        anon_key=os.environ["SUPABASE_TEST_ANON_KEY"].strip(),
        service_key=os.environ["SUPABASE_TEST_SERVICE_KEY"].strip(),
        jwt_secret=os.environ.get("SUPABASE_TEST_JWT_SECRET", "").strip(),
        jwks_url=os.environ.get("SUPABASE_TEST_JWKS_URL", "").strip() or f"{url}/auth/v1/.well-known/jwks.json",
        database_url=os.environ["SUPABASE_TEST_DATABASE_URL"].strip(),
    )


def pytest_configure(config: pytest.Config) -> None:
    config.supabase_target = remote_target()  # type: ignore[attr-defined]


def pytest_report_header(config: pytest.Config) -> str:
    target: StackSettings | None = config.supabase_target  # type: ignore[attr-defined]
    if target is None:
        return "supabase target: throwaway local stack"
    return f"supabase target: remote {target.url} (SUPABASE_TEST_URL)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Against a remote target, drop the tests that reach into the local stack's internals."""
    if config.supabase_target is None:  # type: ignore[attr-defined]
        return
    local_only = [item for item in items if LOCAL_ONLY_FIXTURE in getattr(item, "fixturenames", ())]
    if not local_only:
        return
    config.hook.pytest_deselected(items=local_only)
    dropped = set(map(id, local_only))
    items[:] = [item for item in items if id(item) not in dropped]
    config.supabase_local_only = len(local_only)  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    count = getattr(config, "supabase_local_only", 0)
    if count:
        terminalreporter.write_line(
            f"remote target: {count} tests deselected because they need the local stack's internals "
            f"(the `{LOCAL_ONLY_FIXTURE}` fixture)"
        )


# Every test signs in from 127.0.0.1, far above Supabase Auth's per-IP limits; the limits
# themselves are proven in tests/local_supabase/test_auth_limits.py with stacks of their own.
SUITE_RATE_LIMIT = 1_000_000


def suite_stack_config() -> StackConfig:
    """The environment's settings with /auth/v1's per-IP limits out of the suite's way."""
    config = StackConfig.from_env()
    auth = dataclasses.replace(
        config.auth, rate_limit_token_refresh=SUITE_RATE_LIMIT, rate_limit_verify=SUITE_RATE_LIMIT,
        rate_limit_otp=SUITE_RATE_LIMIT, rate_limit_anonymous_users=SUITE_RATE_LIMIT,
        rate_limit_burst=SUITE_RATE_LIMIT,
    )
    return dataclasses.replace(config, auth=auth)


@pytest.fixture(scope="session")
def local_stack(pytestconfig: pytest.Config) -> Iterator[LocalSupabase]:
    if pytestconfig.supabase_target is not None:  # type: ignore[attr-defined]
        raise pytest.UsageError("local_stack was requested while the suite targets SUPABASE_TEST_URL")
    if os.environ.get(SHARED_STACK_VARIABLE):
        yield shared_stack()
        return
    data_dir = Path(tempfile.mkdtemp(prefix="local-supabase-test-"))
    database = session_database() if os.environ.get(SHARED_POSTGRES_VARIABLE) else None
    stack = suite_stack(data_dir, database)
    stack.start()
    try:
        yield stack
    finally:
        from backend.llm_api.services.interview_scores import scoring_drain

        scoring_drain()  # answers still being scored in the background need the stack
        stop_stack(stack, data_dir)
        if database is not None:
            drop_session_database(database)


def suite_stack(data_dir: Path, database_url: str | None = None) -> LocalSupabase:
    return LocalSupabase(data_dir, port=0, durable=False, config=suite_stack_config(),
                         migrations_dir=migrations_dir(), database_url=database_url)


def stop_stack(stack: LocalSupabase, data_dir: Path) -> None:
    stack.stop()
    if stack.postgres is not None:
        stack.postgres.destroy()
    shutil.rmtree(data_dir, ignore_errors=True)


# Mutation runs (tools/mutation/modules.py) run one pytest session per mutant, each in a process
# forked from mutmut's; a stack per session would dominate the run. With this variable set, the
# first session's stack stays up in the process that started it, later sessions and forked
# children reuse it (its server threads keep answering in that process), and it stops at exit.
SHARED_STACK_VARIABLE = "MUTATION_SHARED_STACK"
_shared: LocalSupabase | None = None


def shared_stack() -> LocalSupabase:
    global _shared
    if _shared is None:
        import atexit

        data_dir = Path(tempfile.mkdtemp(prefix="local-supabase-mutation-"))
        stack = suite_stack(data_dir)
        stack.start()
        owner = os.getpid()
        atexit.register(lambda: os.getpid() == owner and stop_stack(stack, data_dir))
        _shared = stack
    return _shared


# Mutation runs of the local stack's own modules (tools/mutation/modules.py) need each mutant active
# inside the stack, so every forked child starts its own stack. With this variable set (the superuser
# DSN of the run's one embedded Postgres, tools/mutation/shared_postgres.py), that stack is only a
# fresh HTTP server and fresh connections on a fresh database of its own, copied from the template
# that already holds the bootstrap and the migrations; no cluster is started or stopped.
SHARED_POSTGRES_VARIABLE = "MUTATION_SHARED_POSTGRES_DSN"
SHARED_POSTGRES_TEMPLATE = "mutation_template"  # tools/mutation/shared_postgres.py's TEMPLATE


def session_database() -> str:
    admin = os.environ[SHARED_POSTGRES_VARIABLE]
    name = f"mutation_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("create database {} template {}").format(
            sql.Identifier(name), sql.Identifier(SHARED_POSTGRES_TEMPLATE)))
    params = psycopg.conninfo.conninfo_to_dict(admin)
    params["dbname"] = name
    return psycopg.conninfo.make_conninfo(**params)


def drop_session_database(dsn: str) -> None:
    name = psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]
    with psycopg.connect(os.environ[SHARED_POSTGRES_VARIABLE], autocommit=True) as conn:
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def is_remote(pytestconfig: pytest.Config) -> bool:
    return pytestconfig.supabase_target is not None  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def stack_settings(request: pytest.FixtureRequest, is_remote: bool) -> StackSettings:
    """The target's settings; a remote target gets our migrations (idempotent) first."""
    if is_remote:
        target: StackSettings = request.config.supabase_target  # type: ignore[attr-defined]
        migrate(target.database_url, migrations_dir())
        return target
    return request.getfixturevalue(LOCAL_ONLY_FIXTURE).settings


@pytest.fixture(autouse=True)
def _point_django_at_stack(request, settings) -> None:
    """Django tests talk to the session's stack; tests without it keep empty settings."""
    if "local_stack" not in request.fixturenames and "stack_settings" not in request.fixturenames:
        return
    stack_settings: StackSettings = request.getfixturevalue("stack_settings")
    for key, value in stack_settings.as_env().items():
        setattr(settings, key, value)


def make_client(url: str, key: str, access_token: str | None = None) -> Client:
    """An official `supabase` client; with `access_token`, it acts as that user."""
    headers = {"Authorization": f"Bearer {access_token}"} if access_token else {}
    return create_client(
        url, key, options=ClientOptions(headers=headers, auto_refresh_token=False, persist_session=False)
    )


@pytest.fixture(scope="session")
def service_client(stack_settings: StackSettings) -> Client:
    return make_client(stack_settings.url, stack_settings.service_key)


@pytest.fixture(scope="session")
def anon_client(stack_settings: StackSettings) -> Client:
    return make_client(stack_settings.url, stack_settings.anon_key)


@pytest.fixture
def db(stack_settings: StackSettings) -> Iterator[psycopg.Connection]:
    """A superuser connection to the stack's database, autocommit."""
    with psycopg.connect(stack_settings.database_url, autocommit=True) as conn:
        yield conn


@pytest.fixture
def scratch_dsn(db: psycopg.Connection, stack_settings: StackSettings) -> Iterator[str]:
    """A throwaway database beside the stack's (empty: no bootstrap, no migration history)."""
    name = f"scratch_{uuid.uuid4().hex[:12]}"
    db.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    params = psycopg.conninfo.conninfo_to_dict(stack_settings.database_url)
    params["dbname"] = name
    yield psycopg.conninfo.make_conninfo(**params)
    db.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


@dataclass
class TestUser:
    id: str
    email: str
    access_token: str
    client: Client


APP_METADATA = {"provider": "email", "providers": ["email"]}


def default_email(user_id: str) -> str:
    return f"user-{user_id[:8]}@example.test"


def insert_user_with_minted_token(stack: LocalSupabase, email: str | None, metadata: dict | None) -> TestUser:
    """Local mode: a row in auth.users and an ES256 token signed with the stack's own key.

    Does not depend on the /auth/v1 endpoints, so table and storage tests stand alone.
    """
    settings = stack.settings
    user_id = str(uuid.uuid4())
    email = email or default_email(user_id)
    with psycopg.connect(settings.database_url, autocommit=True) as conn:
        conn.execute(
            "insert into auth.users (id, aud, role, email, email_confirmed_at,"
            " raw_app_meta_data, raw_user_meta_data, created_at, updated_at)"
            " values (%s, 'authenticated', 'authenticated', %s, now(), %s, %s, now(), now())",
            (user_id, email, json.dumps(APP_METADATA), json.dumps(metadata or {})),
        )
    now = int(time.time())
    token = stack.ctx.keys.sign_user_token(
        {
            "sub": user_id,
            "aud": "authenticated",
            "role": "authenticated",
            "email": email,
            "iss": f"{settings.url}/auth/v1",
            "iat": now,
            "exp": now + 3600,
            "session_id": str(uuid.uuid4()),
            "app_metadata": APP_METADATA,
            "user_metadata": metadata or {},
            "aal": "aal1",
            "is_anonymous": False,
        }
    )
    client = make_client(settings.url, settings.anon_key, access_token=token)
    return TestUser(id=user_id, email=email, access_token=token, client=client)


class RemoteUsers:
    """Remote mode: users made through the Auth admin API, signed in with a password, deleted after."""

    def __init__(self, settings: StackSettings) -> None:
        self.settings = settings
        self.http = httpx.Client(base_url=f"{settings.url}/auth/v1", timeout=30)
        self.created: list[str] = []

    def create(self, email: str | None, metadata: dict | None) -> TestUser:
        email = email or default_email(str(uuid.uuid4()))
        password = secrets.token_urlsafe(24) + "aA1!"
        service = {"apikey": self.settings.service_key, "Authorization": f"Bearer {self.settings.service_key}"}
        made = self.http.post("/admin/users", headers=service, json={
            "email": email, "password": password, "email_confirm": True, "user_metadata": metadata or {},
        })
        assert made.status_code == 200, f"admin create user failed: {made.status_code} {made.text}"
        user_id = made.json()["id"]
        self.created.append(user_id)
        signed_in = self.http.post(
            "/token", params={"grant_type": "password"}, headers={"apikey": self.settings.anon_key},
            json={"email": email, "password": password},
        )
        assert signed_in.status_code == 200, f"password sign-in failed: {signed_in.status_code} {signed_in.text}"
        token = signed_in.json()["access_token"]
        client = make_client(self.settings.url, self.settings.anon_key, access_token=token)
        return TestUser(id=user_id, email=made.json()["email"], access_token=token, client=client)

    def delete_all(self) -> None:
        service = {"apikey": self.settings.service_key, "Authorization": f"Bearer {self.settings.service_key}"}
        try:
            for user_id in self.created:
                gone = self.http.delete(f"/admin/users/{user_id}", headers=service)
                assert gone.status_code in (200, 204, 404), f"admin delete user failed: {gone.status_code} {gone.text}"
        finally:
            self.http.close()


@pytest.fixture
def make_user(request: pytest.FixtureRequest, stack_settings: StackSettings, is_remote: bool):
    """A factory for signed-in users: `make_user(email=None, metadata=None) -> TestUser`.

    Locally: a direct insert plus a minted token (fast). Remotely: the Auth admin API and a real
    password sign-in, with every user deleted when the test ends.
    """
    if not is_remote:
        stack: LocalSupabase = request.getfixturevalue(LOCAL_ONLY_FIXTURE)
        yield lambda email=None, metadata=None: insert_user_with_minted_token(stack, email, metadata)
        return
    users = RemoteUsers(stack_settings)
    try:
        yield lambda email=None, metadata=None: users.create(email, metadata)
    finally:
        users.delete_all()


@pytest.fixture(scope="session")
def question_bank(stack_settings: StackSettings):
    """The shipped question bank, loaded once into the target (as `make run` does)."""
    from django.test import override_settings

    from backend.llm_api import supabase_client
    from backend.llm_api.services.question_bank import question_bank_load

    with override_settings(**stack_settings.as_env()):
        load = question_bank_load()
    supabase_client.reset_client()
    return load
