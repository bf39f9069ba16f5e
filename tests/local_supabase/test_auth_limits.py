"""Abuse limits of the local /auth/v1: GoTrue's per-IP rate limits, the OTP attempt cap, login cost.

The suite's session stack runs with the limits raised out of the way (tests/conftest.py);
the tests here start small stacks of their own on the same database, with low limits,
and talk to them over real HTTP from chosen loopback addresses.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import bcrypt
import httpx
import pytest
from supabase import Client, ClientOptions, create_client

from backend.local_supabase.auth.config import AuthConfig
from backend.local_supabase.config import StackConfig
from backend.local_supabase.server import LocalSupabase, StackSettings

PASSWORD = "correct-horse-1"
API_VERSION = {"X-Supabase-Api-Version": "2024-01-01"}
LEGACY_429 = {"code": 429, "error_code": "over_request_rate_limit", "msg": "Request rate limit reached"}
CURRENT_429 = {"code": "over_request_rate_limit", "message": "Request rate limit reached"}
# Small buckets that barely refill while a test runs (a token every 10^5 s or so).
LOW = {"rate_limit_burst": 3, "rate_limit_token_refresh": 0.001, "rate_limit_verify": 0.001,
       "rate_limit_otp": 0.001, "rate_limit_anonymous_users": 2}


def unique_email() -> str:
    return f"limits-{uuid.uuid4().hex[:12]}@example.test"


@pytest.fixture
def start_stack(local_stack: LocalSupabase, tmp_path) -> Iterator[Callable[..., StackSettings]]:
    """Start a stack on the session's database with its own /auth/v1 settings (and fresh buckets)."""
    started: list[LocalSupabase] = []

    def start(**auth_settings) -> StackSettings:
        config = StackConfig(auth=AuthConfig(**auth_settings))
        stack = LocalSupabase(tmp_path / f"stack{len(started)}", port=0, database_url=local_stack.ctx.db.dsn,
                              migrations_dir=None, config=config)
        started.append(stack)
        return stack.start()

    yield start
    for stack in started:
        stack.stop()


def auth_http(settings: StackSettings, source: str = "127.0.0.1", **headers: str) -> httpx.Client:
    """Raw HTTP to /auth/v1 from the loopback address `source`."""
    return httpx.Client(base_url=f"{settings.url}/auth/v1", headers={"apikey": settings.anon_key, **headers},
                        transport=httpx.HTTPTransport(local_address=source), timeout=30)


def official_client(settings: StackSettings, key: str | None = None) -> Client:
    return create_client(settings.url, key or settings.anon_key,
                         options=ClientOptions(auto_refresh_token=False, persist_session=False))


def wrong_login(http: httpx.Client, email: str = "nobody@example.test") -> httpx.Response:
    return http.post("/token?grant_type=password", json={"email": email, "password": "wrong-pass-1"})


# Login cost ---------------------------------------------------------------------------------------
@pytest.fixture
def bcrypt_checks(monkeypatch) -> list[tuple[int, bytes, bool]]:
    """Every bcrypt comparison the in-process stack makes: (password bytes, cost, finished)."""
    calls: list[tuple[int, bytes, bool]] = []
    real = bcrypt.checkpw

    def counted(password: bytes, hashed: bytes) -> bool:
        try:
            result = real(password, hashed)
        except ValueError:
            calls.append((len(password), hashed[4:6], False))
            raise
        calls.append((len(password), hashed[4:6], True))
        return result

    monkeypatch.setattr(bcrypt, "checkpw", counted)
    return calls


def test_every_failed_login_costs_one_full_bcrypt_check(stack_settings, local_stack, bcrypt_checks):
    """Known or unknown e-mail, long or short password: the same single cost-10 comparison."""
    with auth_http(stack_settings, **API_VERSION) as http:
        email = unique_email()
        assert http.post("/signup", json={"email": email, "password": PASSWORD}).status_code == 200
        invited = unique_email()
        official_client(stack_settings, stack_settings.service_key).auth.admin.invite_user_by_email(invited)
        observed = {}
        for label, address, password in (
            ("known, 100 bytes", email, "x" * 100), ("unknown, 100 bytes", unique_email(), "x" * 100),
            ("no password, 100 bytes", invited, "x" * 100),
            ("known, short", email, "wrong-pass-1"), ("unknown, short", unique_email(), "wrong-pass-1"),
        ):
            bcrypt_checks.clear()
            answer = http.post("/token?grant_type=password", json={"email": address, "password": password})
            assert (answer.status_code, answer.json()["code"]) == (400, "invalid_credentials")
            observed[label] = list(bcrypt_checks)
    long_check = [(72, b"10", True)]
    assert observed == {"known, 100 bytes": long_check, "unknown, 100 bytes": long_check,
                        "no password, 100 bytes": long_check,
                        "known, short": [(12, b"10", True)], "unknown, short": [(12, b"10", True)]}


def test_only_the_first_72_bytes_of_a_password_count_as_in_gotrue(stack_settings):
    """Go's bcrypt compares a longer password by its 72-byte prefix; sign-up still refuses one."""
    http = auth_http(stack_settings, **API_VERSION)
    email, password = unique_email(), "p" * 72
    assert http.post("/signup", json={"email": email, "password": password}).status_code == 200
    longer = http.post("/token?grant_type=password", json={"email": email, "password": password + "tail"})
    assert longer.status_code == 200 and longer.json()["user"]["email"] == email
    other = http.post("/token?grant_type=password", json={"email": email, "password": "q" + password})
    assert other.json()["code"] == "invalid_credentials"
    refused = http.post("/signup", json={"email": unique_email(), "password": password + "x"})
    assert (refused.status_code, refused.json()["code"]) == (400, "validation_failed")
    http.close()

