"""Shared fixtures: one local Supabase-compatible stack per test session.

The stack runs on a throwaway data dir and free ports, so parallel runs never collide.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from supabase import Client, ClientOptions, create_client

from backend.local_supabase.server import LocalSupabase, StackSettings


@pytest.fixture(scope="session")
def local_stack() -> Iterator[LocalSupabase]:
    data_dir = Path(tempfile.mkdtemp(prefix="local-supabase-test-"))
    stack = LocalSupabase(data_dir, port=0, durable=False)
    stack.start()
    try:
        yield stack
    finally:
        stack.stop()
        if stack.postgres is not None:
            stack.postgres.destroy()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def stack_settings(local_stack: LocalSupabase) -> StackSettings:
    return local_stack.settings


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


@dataclass
class TestUser:
    id: str
    email: str
    access_token: str
    client: Client


@pytest.fixture
def make_user(local_stack: LocalSupabase, stack_settings: StackSettings):
    """Create an auth user directly in the database and mint an access token for it.

    Does not depend on the /auth/v1 endpoints, so table and storage tests stand alone.
    """

    def _make(email: str | None = None, metadata: dict | None = None) -> TestUser:
        import json
        import time

        user_id = str(uuid.uuid4())
        email = email or f"user-{user_id[:8]}@example.test"
        with psycopg.connect(stack_settings.database_url, autocommit=True) as conn:
            conn.execute(
                "insert into auth.users (id, aud, role, email, email_confirmed_at,"
                " raw_app_meta_data, raw_user_meta_data, created_at, updated_at)"
                " values (%s, 'authenticated', 'authenticated', %s, now(), %s, %s, now(), now())",
                (
                    user_id,
                    email,
                    json.dumps({"provider": "email", "providers": ["email"]}),
                    json.dumps(metadata or {}),
                ),
            )
        now = int(time.time())
        token = local_stack.ctx.keys.sign_user_token(
            {
                "sub": user_id,
                "aud": "authenticated",
                "role": "authenticated",
                "email": email,
                "iss": f"{stack_settings.url}/auth/v1",
                "iat": now,
                "exp": now + 3600,
                "session_id": str(uuid.uuid4()),
                "app_metadata": {"provider": "email", "providers": ["email"]},
                "user_metadata": metadata or {},
                "aal": "aal1",
                "is_anonymous": False,
            }
        )
        client = make_client(stack_settings.url, stack_settings.anon_key, access_token=token)
        return TestUser(id=user_id, email=email, access_token=token, client=client)

    return _make

