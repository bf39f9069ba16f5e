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
from supabase_auth.errors import AuthApiError

from backend.local_supabase.auth.config import AuthConfig
from backend.local_supabase.auth.rate_limits import AuthRateLimits, TokenBucket
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


# Rate limits --------------------------------------------------------------------------------------
def test_sign_ins_over_the_limit_get_429_in_both_error_dialects(start_stack):
    settings = start_stack(**LOW)
    client = official_client(settings)
    email = unique_email()
    client.auth.sign_up({"email": email, "password": PASSWORD})  # not limited by the token bucket
    for _ in range(3):
        with pytest.raises(AuthApiError) as wrong:
            client.auth.sign_in_with_password({"email": email, "password": "wrong-pass-1"})
        assert wrong.value.code == "invalid_credentials"
    with pytest.raises(AuthApiError) as limited:
        client.auth.sign_in_with_password({"email": email, "password": PASSWORD})  # even the right one
    assert (limited.value.status, limited.value.code) == (429, "over_request_rate_limit")
    assert limited.value.message == "Request rate limit reached"

    with auth_http(settings) as legacy, auth_http(settings, **API_VERSION) as current:
        old = wrong_login(legacy)
        assert (old.status_code, old.json(), old.headers["x-sb-error-code"]) == (
            429, LEGACY_429, "over_request_rate_limit")
        new = wrong_login(current)
        assert (new.status_code, new.json()) == (429, CURRENT_429)
        assert new.headers["x-sb-error-code"] == "over_request_rate_limit"
        assert new.headers["x-supabase-api-version"] == "2024-01-01"


def test_password_and_refresh_grants_share_one_bucket_other_endpoints_their_own(start_stack):
    settings = start_stack(**LOW)
    with auth_http(settings, **API_VERSION) as http:
        session = http.post("/signup", json={"email": unique_email(), "password": PASSWORD}).json()
        assert http.post("/token?grant_type=refresh_token",
                         json={"refresh_token": session["refresh_token"]}).status_code == 200
        assert wrong_login(http).status_code == 400
        assert wrong_login(http).status_code == 400
        refresh = http.post("/token?grant_type=refresh_token", json={"refresh_token": "x"})
        assert (refresh.status_code, refresh.json()) == (429, CURRENT_429)
        # GoTrue refuses an unknown grant type before its limiter.
        assert http.post("/token?grant_type=magic", json={}).json()["code"] == "invalid_credentials"
        assert http.post("/verify", json={"type": "signup", "token_hash": "0" * 56}).json()["code"] == "otp_expired"
        assert http.post("/recover", json={"email": unique_email()}).status_code == 200
        assert http.post("/signup", json={"email": unique_email(), "password": PASSWORD}).status_code == 200


@pytest.mark.parametrize("name, request_args", [
    ("verify", ("POST", "/verify", {"type": "magiclink", "token_hash": "0" * 56})),
    ("signup", ("POST", "/signup", {"email": "limits-signup@example.test", "password": PASSWORD})),
    ("recover", ("POST", "/recover", {"email": "someone@example.test"})),
    ("resend", ("POST", "/resend", {"type": "signup", "email": "someone@example.test"})),
])
def test_verify_sign_up_and_email_sends_are_limited_per_endpoint(start_stack, name, request_args):
    settings = start_stack(**LOW)
    method, path, body = request_args
    with auth_http(settings) as http:
        answers = [http.request(method, path, json=body) for _ in range(4)]
        assert 429 not in [answer.status_code for answer in answers[:3]]
        assert (answers[3].status_code, answers[3].json()) == (429, LEGACY_429)
        # A neighbouring endpoint keeps its own bucket.
        other = "/recover" if name != "recover" else "/resend"
        neighbour = http.post(other, json={"email": "someone@example.test", "type": "signup"})
        assert neighbour.status_code == 200


def test_update_user_is_limited_after_authentication(start_stack):
    settings = start_stack(**LOW)
    with auth_http(settings, **API_VERSION) as http:
        token = http.post("/signup", json={"email": unique_email(), "password": PASSWORD}).json()["access_token"]
        assert http.put("/user", json={}).status_code == 401  # no caller: refused before the limiter
        statuses = [http.put("/user", json={"data": {"n": n}}, headers={"Authorization": f"Bearer {token}"}
                             ).status_code for n in range(4)]
        assert statuses == [200, 200, 200, 429]


def test_anonymous_sign_ins_have_their_own_hourly_bucket(start_stack):
    settings = start_stack(**LOW)  # 2 an hour, bucket of 2
    client = official_client(settings)
    assert client.auth.sign_in_anonymously().session is not None
    assert client.auth.sign_in_anonymously().session is not None
    with pytest.raises(AuthApiError) as limited:
        client.auth.sign_in_anonymously()
    assert (limited.value.status, limited.value.code) == (429, "over_request_rate_limit")
    # E-mail sign-ups count in another bucket.
    assert client.auth.sign_up({"email": unique_email(), "password": PASSWORD}).session is not None


def test_limits_are_per_client_address_and_ignore_a_spoofed_forwarded_for(start_stack):
    settings = start_stack(**LOW)
    with auth_http(settings) as first, auth_http(settings, source="127.0.0.2") as second:
        assert [wrong_login(first).status_code for _ in range(4)] == [400, 400, 400, 429]
        spoofed = first.post("/token?grant_type=password", json={"email": "a@example.test", "password": "x"},
                             headers={"X-Forwarded-For": "203.0.113.9"})
        assert spoofed.status_code == 429
        assert [wrong_login(second).status_code for _ in range(4)] == [400, 400, 400, 429]


def test_a_configured_trusted_header_keys_the_limits(start_stack):
    settings = start_stack(**LOW, rate_limit_header="X-Forwarded-For")
    with auth_http(settings) as http:
        def login_from(address: str) -> int:
            return http.post("/token?grant_type=password", json={"email": "a@example.test", "password": "x"},
                             headers={"X-Forwarded-For": f"{address}, 10.0.0.1"}).status_code

        assert [login_from("203.0.113.9") for _ in range(4)] == [400, 400, 400, 429]
        assert login_from("203.0.113.10") == 400
        assert wrong_login(http).status_code == 400  # without the header: the peer address's own bucket


def test_gotrue_default_rates_and_bucket_refill():
    """GoTrue's defaults: /token 150 and /verify 30 per 5 minutes, bursts of 30; anonymous 30 an hour."""
    limits = AuthRateLimits(AuthConfig())
    rates = {name: (bucket.rate * 3600, bucket.burst) for name, bucket in limits.buckets.items()}
    assert rates == {"token": (1800, 30), "verify": (360, 30), "signup": (360, 30), "recover": (360, 30),
                     "resend": (360, 30), "user": (360, 30), "anonymous": (30, 30)}
    bucket = TokenBucket(rate=150 / 300, burst=30)  # explicit clock: no timing involved
    assert all(bucket.allow("ip", now=0.0) for _ in range(30))
    assert not bucket.allow("ip", now=0.0) and not bucket.allow("ip", now=1.9)
    assert bucket.allow("ip", now=2.0) and not bucket.allow("ip", now=2.0)
    assert sum(bucket.allow("ip", now=3600.0) for _ in range(40)) == 30  # refills to the burst, no more


def test_rate_limit_settings_from_env(monkeypatch):
    monkeypatch.setenv("LOCAL_AUTH_RATE_LIMIT_TOKEN_REFRESH", "2.5")
    monkeypatch.setenv("LOCAL_AUTH_RATE_LIMIT_BURST", "4")
    monkeypatch.setenv("LOCAL_AUTH_RATE_LIMIT_HEADER", "CF-Connecting-IP")
    monkeypatch.setenv("LOCAL_AUTH_OTP_MAX_ATTEMPTS", "0")
    config = AuthConfig.from_env()
    assert (config.rate_limit_token_refresh, config.rate_limit_burst, config.rate_limit_header,
            config.otp_max_attempts, config.rate_limit_verify) == (2.5, 4, "CF-Connecting-IP", 0, 30)
    monkeypatch.setenv("LOCAL_AUTH_RATE_LIMIT_VERIFY", "0")
    with pytest.raises(ValueError):
        AuthConfig.from_env()


def test_stack_settings_keep_gotrue_defaults_outside_the_suite():
    """`make run` reads the environment: with nothing set, GoTrue's limits apply."""
    config = StackConfig.from_env({}).auth
    assert (config.rate_limit_token_refresh, config.rate_limit_verify, config.rate_limit_otp,
            config.rate_limit_anonymous_users, config.rate_limit_burst, config.rate_limit_header,
            config.otp_max_attempts) == (150, 30, 30, 30, 30, "", 5)


# OTP attempt cap ----------------------------------------------------------------------------------
def magic_link_otp(settings: StackSettings, email: str) -> str:
    admin = official_client(settings, settings.service_key).auth.admin
    return admin.generate_link({"type": "magiclink", "email": email}).properties.email_otp


def other_code(otp: str, n: int) -> str:
    return f"{(int(otp) + n) % 1_000_000:06d}"


def test_an_email_otp_is_void_after_the_wrong_attempt_cap(start_stack):
    settings = start_stack(otp_max_attempts=3)
    client = official_client(settings)
    email = unique_email()
    client.auth.sign_up({"email": email, "password": PASSWORD})

    otp = magic_link_otp(settings, email)
    for n in (1, 2):
        with pytest.raises(AuthApiError) as wrong:
            client.auth.verify_otp({"email": email, "token": other_code(otp, n), "type": "magiclink"})
        assert (wrong.value.status, wrong.value.code) == (403, "otp_expired")
    assert client.auth.verify_otp({"email": email, "token": otp, "type": "magiclink"}).session is not None

    otp = magic_link_otp(settings, email)  # a new code starts with no failures
    for n in (1, 2, 3):
        with pytest.raises(AuthApiError):
            client.auth.verify_otp({"email": email, "token": other_code(otp, n), "type": "magiclink"})
    with pytest.raises(AuthApiError) as void:
        client.auth.verify_otp({"email": email, "token": otp, "type": "magiclink"})
    assert (void.value.status, void.value.code, void.value.message) == (
        403, "otp_expired", "Token has expired or is invalid")

    otp = magic_link_otp(settings, email)
    assert client.auth.verify_otp({"email": email, "token": otp, "type": "magiclink"}).session is not None


def test_the_attempt_cap_voids_a_signup_code_of_an_unconfirmed_user(start_stack, db):
    settings = start_stack(otp_max_attempts=2, autoconfirm=False)
    admin = official_client(settings, settings.service_key).auth.admin
    email = unique_email()
    otp = admin.generate_link({"type": "signup", "email": email, "password": PASSWORD}).properties.email_otp
    with auth_http(settings, **API_VERSION) as http:
        for n in (1, 2):
            wrong = http.post("/verify", json={"type": "signup", "email": email, "token": other_code(otp, n)})
            assert wrong.status_code == 403
        right = http.post("/verify", json={"type": "signup", "email": email, "token": otp})
        assert (right.status_code, right.json()["code"]) == (403, "otp_expired")
    confirmed = db.execute("select email_confirmed_at from auth.users where email = %s", (email,)).fetchone()[0]
    assert confirmed is None


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

