"""The local /auth/v1 against the official `supabase` client and raw HTTP.

Every test talks to the session's LocalSupabase over real HTTP and checks what Supabase
Auth would answer (status, error code, message, JSON shape) and what ends up in the
auth schema.
"""

from __future__ import annotations

import copy
import dataclasses
import time
import uuid
from collections.abc import Iterator

import bcrypt
import httpx
import jwt
import psycopg
import pytest
from starlette.testclient import TestClient
from supabase import Client, ClientOptions, create_client
from supabase_auth.errors import AuthApiError, AuthWeakPasswordError

from backend.local_supabase.auth import app as local_auth
from backend.local_supabase.auth.config import AuthConfig
from backend.local_supabase.server import LocalSupabase, StackSettings

PASSWORD = "correct-horse-1"
API_VERSION = {"X-Supabase-Api-Version": "2024-01-01"}


def new_client(settings: StackSettings, key: str | None = None) -> Client:
    return create_client(
        settings.url, key or settings.anon_key,
        options=ClientOptions(auto_refresh_token=False, persist_session=False),
    )


def unique_email() -> str:
    return f"auth-{uuid.uuid4().hex[:12]}@example.test"


@pytest.fixture
def client(stack_settings: StackSettings) -> Client:
    return new_client(stack_settings)


@pytest.fixture
def admin(stack_settings: StackSettings):
    return new_client(stack_settings, stack_settings.service_key).auth.admin


@pytest.fixture
def http(stack_settings: StackSettings) -> Iterator[httpx.Client]:
    """Raw HTTP to /auth/v1 with the anon key, as a browser app would send it."""
    with httpx.Client(
        base_url=f"{stack_settings.url}/auth/v1",
        headers={"apikey": stack_settings.anon_key, **API_VERSION}, timeout=30,
    ) as session:
        yield session


def sign_up(client: Client, email: str | None = None, password: str = PASSWORD, data: dict | None = None):
    return client.auth.sign_up(
        {"email": email or unique_email(), "password": password, "options": {"data": data or {}}}
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# Sign-up and sign-in -------------------------------------------------------------------
def test_sign_up_returns_session_and_stores_bcrypt_user_with_identity(client, db):
    email = unique_email()
    response = sign_up(client, email.upper(), data={"full_name": "Ada Lovelace"})

    assert response.session is not None and response.session.token_type == "bearer"
    assert response.session.expires_in == 3600
    user = response.user
    assert user.email == email  # stored lower-cased, like GoTrue
    assert user.phone == "" and user.aud == "authenticated" and user.role == "authenticated"
    assert user.email_confirmed_at is not None and user.confirmed_at is not None
    assert user.app_metadata == {"provider": "email", "providers": ["email"]}
    assert user.user_metadata["full_name"] == "Ada Lovelace"
    assert user.is_anonymous is False
    assert [i.provider for i in user.identities] == ["email"]
    assert user.identities[0].identity_data["email"] == email

    row = db.execute(
        "select encrypted_password, raw_user_meta_data, email_confirmed_at from auth.users where id = %s",
        (user.id,),
    ).fetchone()
    assert row[0] != PASSWORD and row[0].startswith("$2")
    assert bcrypt.checkpw(PASSWORD.encode(), row[0].encode())
    assert row[1]["full_name"] == "Ada Lovelace"
    identity = db.execute(
        "select provider, provider_id, identity_data ->> 'email' from auth.identities where user_id = %s",
        (user.id,),
    ).fetchall()
    assert identity == [("email", user.id, email)]
    sessions = db.execute("select count(*) from auth.sessions where user_id = %s", (user.id,)).fetchone()[0]
    assert sessions == 1


def test_password_sign_in_issues_es256_token_with_supabase_claims(client, stack_settings):
    email = unique_email()
    sign_up(client, email)
    session = new_client(stack_settings).auth.sign_in_with_password(
        {"email": email, "password": PASSWORD}
    ).session

    jwks = httpx.get(stack_settings.jwks_url, timeout=10).json()
    header = jwt.get_unverified_header(session.access_token)
    assert header["alg"] == "ES256"
    key = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    assert "k" not in key  # never an HMAC secret
    claims = jwt.decode(
        session.access_token, jwt.PyJWK(key).key, algorithms=["ES256"], audience="authenticated",
        issuer=f"{stack_settings.url}/auth/v1",
    )
    assert claims["sub"] == session.user.id and claims["email"] == email
    assert claims["role"] == "authenticated" and claims["phone"] == ""
    assert claims["exp"] - claims["iat"] == 3600 and session.expires_at == claims["exp"]
    assert claims["aal"] == "aal1" and claims["amr"][0]["method"] == "password"
    assert claims["is_anonymous"] is False and uuid.UUID(claims["session_id"])
    assert claims["app_metadata"]["provider"] == "email"
    assert session.user.last_sign_in_at is not None


def test_wrong_password_and_unknown_email_answer_identically(client, http):
    email = unique_email()
    sign_up(client, email)
    wrong = http.post("/token?grant_type=password", json={"email": email, "password": "wrong-pass"})
    unknown = http.post("/token?grant_type=password", json={"email": unique_email(), "password": "wrong-pass"})
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json() == unknown.json() == {"code": "invalid_credentials", "message": "Invalid login credentials"}
    assert wrong.headers["x-sb-error-code"] == "invalid_credentials"
    assert wrong.headers["x-supabase-api-version"] == "2024-01-01"

    with pytest.raises(AuthApiError) as caught:
        client.auth.sign_in_with_password({"email": email, "password": "wrong-pass"})
    assert (caught.value.status, caught.value.code) == (400, "invalid_credentials")


def test_errors_use_the_legacy_shape_without_the_api_version_header(stack_settings):
    response = httpx.post(
        f"{stack_settings.url}/auth/v1/token?grant_type=password",
        json={"email": unique_email(), "password": "whatever1"},
        headers={"apikey": stack_settings.anon_key}, timeout=10,
    )
    assert response.status_code == 400
    assert response.json() == {"code": 400, "error_code": "invalid_credentials", "msg": "Invalid login credentials"}
    assert response.headers["x-sb-error-code"] == "invalid_credentials"
    assert "x-supabase-api-version" not in response.headers


def test_duplicate_sign_up_is_refused(client):
    email = unique_email()
    sign_up(client, email)
    with pytest.raises(AuthApiError) as caught:
        sign_up(client, email.upper())
    assert (caught.value.status, caught.value.code, caught.value.message) == (
        422, "user_already_exists", "User already registered")


def test_weak_password_is_refused_and_nothing_is_stored(client, db):
    email = unique_email()
    with pytest.raises(AuthWeakPasswordError) as caught:
        sign_up(client, email, password="12345")
    assert caught.value.status == 422 and caught.value.reasons == ["length"]
    assert caught.value.message == "Password should be at least 6 characters."
    assert db.execute("select count(*) from auth.users where email = %s", (email,)).fetchone()[0] == 0


def test_bad_input_gets_validation_errors(http):
    cases = [
        (http.post("/signup", json={"email": "not-an-email", "password": PASSWORD}),
         400, "validation_failed", "Unable to validate email address: invalid format"),
        (http.post("/signup", json={"email": unique_email()}),
         400, "validation_failed", "Signup requires a valid password"),
        (http.post("/token?grant_type=password", json={"password": PASSWORD}),
         400, "validation_failed", "missing email or phone"),
        (http.post("/token?grant_type=magic", json={}), 400, "invalid_credentials", "unsupported_grant_type"),
        (http.post("/signup", content=b"{not json", headers={"content-type": "application/json"}),
         400, "bad_json", None),
        (http.post("/signup", json={"email": unique_email(), "password": "x" * 73}),
         400, "validation_failed", "Password cannot be longer than 72 characters"),
    ]
    for response, status, code, message in cases:
        assert response.status_code == status, response.text
        assert response.json()["code"] == code
        if message:
            assert response.json()["message"] == message


def test_requests_without_a_valid_api_key_are_refused_like_the_gateway(stack_settings):
    url = f"{stack_settings.url}/auth/v1/settings"
    missing = httpx.get(url, timeout=10)
    assert missing.status_code == 401 and missing.json()["message"] == "No API key found in request"
    forged = jwt.encode({"role": "service_role", "exp": int(time.time()) + 60}, "not-the-secret", algorithm="HS256")
    invalid = httpx.get(url, headers={"apikey": forged}, timeout=10)
    assert invalid.status_code == 401 and invalid.json()["message"] == "Invalid API key"
    ok = httpx.get(url, headers={"apikey": stack_settings.anon_key}, timeout=10)
    assert ok.status_code == 200
    assert ok.json()["external"]["email"] is True and ok.json()["mailer_autoconfirm"] is True


def test_health_and_unknown_routes(http):
    health = http.get("/health")
    assert health.status_code == 200 and health.json()["name"] == "GoTrue"
    missing = http.get("/no-such-endpoint")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


# Refresh tokens ---------------------------------------------------------------------------
def test_refresh_rotates_and_refuses_reuse_revoking_the_session(client, http, db):
    first = sign_up(client).session
    rotated = client.auth.refresh_session(first.refresh_token).session
    assert rotated.refresh_token != first.refresh_token
    assert rotated.access_token != first.access_token
    claims = jwt.decode(rotated.access_token, options={"verify_signature": False})
    first_claims = jwt.decode(first.access_token, options={"verify_signature": False})
    assert claims["session_id"] == first_claims["session_id"]
    parent = db.execute(
        "select parent, revoked from auth.refresh_tokens where token = %s", (rotated.refresh_token,)
    ).fetchone()
    assert parent == (first.refresh_token, False)

    reuse = http.post("/token?grant_type=refresh_token", json={"refresh_token": first.refresh_token})
    assert reuse.status_code == 400
    assert reuse.json() == {"code": "refresh_token_already_used", "message": "Invalid Refresh Token: Already Used"}
    # Reuse means the token leaked: the whole session is gone, including the newest token.
    after = http.post("/token?grant_type=refresh_token", json={"refresh_token": rotated.refresh_token})
    assert after.status_code == 400 and after.json()["code"] == "refresh_token_not_found"
    user = http.get("/user", headers=bearer(rotated.access_token))
    assert user.status_code == 403 and user.json()["code"] == "session_not_found"


def test_unknown_or_missing_refresh_token(http):
    unknown = http.post("/token?grant_type=refresh_token", json={"refresh_token": "no-such-token"})
    assert unknown.status_code == 400
    assert unknown.json() == {"code": "refresh_token_not_found",
                              "message": "Invalid Refresh Token: Refresh Token Not Found"}
    missing = http.post("/token?grant_type=refresh_token", json={})
    assert missing.status_code == 400
    assert missing.json() == {"error": "invalid_request", "error_description": "refresh_token required"}


# The current user ------------------------------------------------------------------------
def test_get_user_returns_the_caller(client):
    session = sign_up(client, data={"plan": "pro"}).session
    user = client.auth.get_user(session.access_token).user
    assert user.id == session.user.id and user.user_metadata["plan"] == "pro"
    assert user.identities and user.identities[0].provider == "email"


def test_user_endpoint_needs_a_user_token(http, stack_settings):
    no_token = http.get("/user")
    assert no_token.status_code == 401 and no_token.json()["code"] == "no_authorization"
    anon = http.get("/user", headers=bearer(stack_settings.anon_key))
    assert anon.status_code == 403 and anon.json()["code"] == "bad_jwt"
    garbage = http.get("/user", headers=bearer("a.b.c"))
    assert garbage.status_code == 403 and garbage.json()["code"] == "bad_jwt"


def test_expired_and_forged_access_tokens_are_refused(client, http, local_stack: LocalSupabase):
    session = sign_up(client).session
    claims = jwt.decode(session.access_token, options={"verify_signature": False})
    keys = local_stack.ctx.keys

    expired = keys.sign_user_token({**claims, "iat": claims["iat"] - 7200, "exp": int(time.time()) - 10})
    response = http.get("/user", headers=bearer(expired))
    assert response.status_code == 403 and response.json()["code"] == "bad_jwt"
    assert "expired" in response.json()["message"]

    unsigned = jwt.encode(claims, None, algorithm="none")
    assert http.get("/user", headers=bearer(unsigned)).status_code == 403
    wrong_key = jwt.encode(claims, "guessed-secret", algorithm="HS256")
    assert http.get("/user", headers=bearer(wrong_key)).status_code == 403
    assert http.get("/user", headers=bearer(session.access_token)).status_code == 200


def test_update_user_metadata_password_and_email(client, stack_settings, db):
    email = unique_email()
    session = sign_up(client, email, data={"a": 1, "b": 2}).session
    client.auth.set_session(session.access_token, session.refresh_token)

    updated = client.auth.update_user({"data": {"b": None, "c": 3}}).user
    assert updated.user_metadata["a"] == 1 and updated.user_metadata["c"] == 3
    assert "b" not in updated.user_metadata  # null removes a key, as in GoTrue

    client.auth.update_user({"password": "new-password-2"})
    fresh = new_client(stack_settings)
    with pytest.raises(AuthApiError):
        fresh.auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert fresh.auth.sign_in_with_password({"email": email, "password": "new-password-2"}).session

    with pytest.raises(AuthApiError) as same:
        client.auth.update_user({"password": "new-password-2"})
    assert (same.value.status, same.value.code) == (422, "same_password")

    new_email = unique_email()
    changed = client.auth.update_user({"email": new_email}).user
    assert changed.email == new_email
    assert db.execute(
        "select identity_data ->> 'email' from auth.identities where user_id = %s", (changed.id,)
    ).fetchone()[0] == new_email
    assert fresh.auth.sign_in_with_password({"email": new_email, "password": "new-password-2"}).session


def test_update_user_refuses_taken_email_and_app_metadata(client, stack_settings):
    taken = unique_email()
    sign_up(new_client(stack_settings), taken)
    session = sign_up(client).session
    client.auth.set_session(session.access_token, session.refresh_token)
    with pytest.raises(AuthApiError) as caught:
        client.auth.update_user({"email": taken})
    assert (caught.value.status, caught.value.code) == (422, "email_exists")
    response = httpx.put(
        f"{stack_settings.url}/auth/v1/user", json={"app_metadata": {"role": "admin"}},
        headers={"apikey": stack_settings.anon_key, **API_VERSION, **bearer(session.access_token)},
        timeout=10,
    )
    assert response.status_code == 403 and response.json()["code"] == "not_admin"


# Sign-out --------------------------------------------------------------------------------------
def test_sign_out_ends_the_session_everywhere(client, http, stack_settings):
    email = unique_email()
    session = sign_up(client, email).session
    other = new_client(stack_settings).auth.sign_in_with_password({"email": email, "password": PASSWORD}).session

    response = http.post("/logout", headers=bearer(session.access_token))
    assert response.status_code == 204 and response.content == b""
    for tokens in (session, other):
        refresh = http.post("/token?grant_type=refresh_token", json={"refresh_token": tokens.refresh_token})
        assert refresh.status_code == 400 and refresh.json()["code"] == "refresh_token_not_found"
        user = http.get("/user", headers=bearer(tokens.access_token))
        assert user.status_code == 403 and user.json()["code"] == "session_not_found"


def test_sign_out_scopes_local_and_others(client, http, stack_settings):
    email = unique_email()
    first = sign_up(client, email).session
    second = new_client(stack_settings).auth.sign_in_with_password({"email": email, "password": PASSWORD}).session
    third = new_client(stack_settings).auth.sign_in_with_password({"email": email, "password": PASSWORD}).session

    assert http.post("/logout?scope=others", headers=bearer(first.access_token)).status_code == 204
    assert http.get("/user", headers=bearer(first.access_token)).status_code == 200
    assert http.get("/user", headers=bearer(second.access_token)).status_code == 403
    assert http.get("/user", headers=bearer(third.access_token)).status_code == 403

    assert http.post("/logout?scope=local", headers=bearer(first.access_token)).status_code == 204
    assert http.get("/user", headers=bearer(first.access_token)).status_code == 403
    bad = http.post("/logout?scope=everyone", headers=bearer(second.access_token))
    assert bad.status_code in (400, 403)


def test_sign_out_through_the_client(client, stack_settings, http):
    session = sign_up(client).session
    client.auth.set_session(session.access_token, session.refresh_token)
    client.auth.sign_out()
    assert client.auth.get_session() is None
    assert http.post("/token?grant_type=refresh_token",
                     json={"refresh_token": session.refresh_token}).status_code == 400


# Anonymous users -----------------------------------------------------------------------------
def test_anonymous_sign_in(client, http, db):
    response = client.auth.sign_in_anonymously()
    assert response.session is not None
    user = response.user
    assert user.is_anonymous is True and user.email == "" and user.identities == []
    claims = jwt.decode(response.session.access_token, options={"verify_signature": False})
    assert claims["is_anonymous"] is True and claims["role"] == "authenticated"
    assert claims["amr"][0]["method"] == "anonymous"
    assert db.execute("select is_anonymous from auth.users where id = %s", (user.id,)).fetchone()[0] is True
    refused = http.put("/user", json={"password": "some-password"}, headers=bearer(response.session.access_token))
    assert refused.status_code == 422 and refused.json()["code"] == "validation_failed"


# Admin -------------------------------------------------------------------------------------------
def test_admin_create_get_update_and_list(admin, stack_settings, db):
    email = unique_email()
    created = admin.create_user({
        "email": email, "password": PASSWORD, "email_confirm": True,
        "user_metadata": {"name": "Grace"}, "app_metadata": {"roles": ["editor"]},
    }).user
    assert created.email == email and created.email_confirmed_at is not None
    assert created.app_metadata == {"provider": "email", "providers": ["email"], "roles": ["editor"]}
    assert created.user_metadata["name"] == "Grace"
    assert db.execute("select count(*) from auth.identities where user_id = %s", (created.id,)).fetchone()[0] == 1
    # A confirmed admin-created user can sign in right away.
    assert new_client(stack_settings).auth.sign_in_with_password({"email": email, "password": PASSWORD}).session

    fetched = admin.get_user_by_id(created.id).user
    assert fetched.id == created.id and fetched.identities[0].identity_data["email"] == email

    new_email = unique_email()
    updated = admin.update_user_by_id(created.id, {
        "email": new_email, "user_metadata": {"team": "blue"}, "app_metadata": {"roles": ["admin"]},
        "password": "another-pass-3",
    }).user
    assert updated.email == new_email
    assert updated.user_metadata["team"] == "blue" and updated.user_metadata["name"] == "Grace"
    assert updated.app_metadata["roles"] == ["admin"] and updated.app_metadata["provider"] == "email"
    assert new_client(stack_settings).auth.sign_in_with_password(
        {"email": new_email, "password": "another-pass-3"}).session

    listed = admin.list_users(page=1, per_page=500)
    assert created.id in [user.id for user in listed]


def test_admin_list_users_paginates_with_headers(admin, stack_settings):
    for _ in range(3):
        admin.create_user({"email": unique_email(), "password": PASSWORD})
    response = httpx.get(
        f"{stack_settings.url}/auth/v1/admin/users", params={"page": 1, "per_page": 2},
        headers={"apikey": stack_settings.service_key, **bearer(stack_settings.service_key)}, timeout=10,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["aud"] == "authenticated" and len(body["users"]) == 2
    total = int(response.headers["x-total-count"])
    assert total >= 3
    last_page = -(-total // 2)
    assert 'page=2&per_page=2>; rel="next"' in response.headers["link"]
    assert f'page={last_page}&per_page=2>; rel="last"' in response.headers["link"]
    created = [user["created_at"] for user in body["users"]]
    assert created == sorted(created, reverse=True)  # newest first, as GoTrue sorts


def test_admin_create_refuses_duplicates_and_weak_passwords(admin):
    email = unique_email()
    admin.create_user({"email": email, "password": PASSWORD})
    with pytest.raises(AuthApiError) as duplicate:
        admin.create_user({"email": email, "password": PASSWORD})
    assert (duplicate.value.status, duplicate.value.code) == (422, "email_exists")
    with pytest.raises(AuthWeakPasswordError):
        admin.create_user({"email": unique_email(), "password": "123"})
    with pytest.raises(AuthApiError) as no_email:
        admin.create_user({"password": PASSWORD})
    assert no_email.value.code == "validation_failed"


def test_admin_get_unknown_or_malformed_user(admin, stack_settings):
    with pytest.raises(AuthApiError) as unknown:
        admin.get_user_by_id(str(uuid.uuid4()))
    assert (unknown.value.status, unknown.value.code) == (404, "user_not_found")
    response = httpx.get(
        f"{stack_settings.url}/auth/v1/admin/users/not-a-uuid",
        headers={"apikey": stack_settings.service_key, **bearer(stack_settings.service_key), **API_VERSION},
        timeout=10,
    )
    assert response.status_code == 404 and response.json()["code"] == "validation_failed"


def test_admin_hard_and_soft_delete(admin, stack_settings, db, http):
    hard = admin.create_user({"email": unique_email(), "password": PASSWORD, "email_confirm": True}).user
    session = new_client(stack_settings).auth.sign_in_with_password(
        {"email": hard.email, "password": PASSWORD}).session
    admin.delete_user(hard.id)
    assert db.execute("select count(*) from auth.users where id = %s", (hard.id,)).fetchone()[0] == 0
    assert db.execute("select count(*) from auth.identities where user_id = %s", (hard.id,)).fetchone()[0] == 0
    assert http.post("/token?grant_type=refresh_token",
                     json={"refresh_token": session.refresh_token}).status_code == 400
    assert http.get("/user", headers=bearer(session.access_token)).status_code == 403

    soft = admin.create_user({"email": unique_email(), "password": PASSWORD, "email_confirm": True}).user
    admin.delete_user(soft.id, should_soft_delete=True)
    row = db.execute("select deleted_at, email from auth.users where id = %s", (soft.id,)).fetchone()
    assert row[0] is not None and row[1] != soft.email
    with pytest.raises(AuthApiError) as caught:
        new_client(stack_settings).auth.sign_in_with_password({"email": soft.email, "password": PASSWORD})
    assert caught.value.code == "invalid_credentials"
    with pytest.raises(AuthApiError) as gone:
        admin.delete_user(str(uuid.uuid4()))
    assert gone.value.code == "user_not_found"


def test_admin_endpoints_refuse_anon_key_and_user_tokens(client, stack_settings):
    session = sign_up(client).session
    for token in (stack_settings.anon_key, session.access_token):
        response = httpx.get(
            f"{stack_settings.url}/auth/v1/admin/users",
            headers={"apikey": stack_settings.anon_key, **bearer(token), **API_VERSION}, timeout=10,
        )
        assert response.status_code == 403
        assert response.json() == {"code": "not_admin", "message": "User not allowed"}
    with pytest.raises(AuthApiError) as caught:
        new_client(stack_settings).auth.admin.create_user({"email": unique_email(), "password": PASSWORD})
    assert (caught.value.status, caught.value.code) == (403, "not_admin")


def test_banned_user_cannot_sign_in_refresh_or_use_tokens(admin, stack_settings, http):
    email = unique_email()
    user = admin.create_user({"email": email, "password": PASSWORD, "email_confirm": True}).user
    session = new_client(stack_settings).auth.sign_in_with_password({"email": email, "password": PASSWORD}).session

    banned = admin.update_user_by_id(user.id, {"ban_duration": "24h"}).user
    assert banned.banned_until is not None
    with pytest.raises(AuthApiError) as caught:
        new_client(stack_settings).auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert (caught.value.status, caught.value.code, caught.value.message) == (400, "user_banned", "User is banned")
    refresh = http.post("/token?grant_type=refresh_token", json={"refresh_token": session.refresh_token})
    assert refresh.status_code == 400 and refresh.json()["code"] == "user_banned"
    assert http.get("/user", headers=bearer(session.access_token)).json()["code"] == "user_banned"

    admin.update_user_by_id(user.id, {"ban_duration": "none"})
    assert new_client(stack_settings).auth.sign_in_with_password({"email": email, "password": PASSWORD}).session
    with pytest.raises(AuthApiError) as bad_duration:
        admin.update_user_by_id(user.id, {"ban_duration": "forever"})
    assert bad_duration.value.code == "validation_failed"


def test_admin_sign_out_revokes_the_users_sessions(client, admin, http):
    session = sign_up(client).session
    admin.sign_out(session.access_token)
    assert http.post("/token?grant_type=refresh_token",
                     json={"refresh_token": session.refresh_token}).status_code == 400


# Links, invitations, recovery ------------------------------------------------------------------
def test_generate_signup_link_confirms_and_signs_in(admin, http, stack_settings):
    email = unique_email()
    link = admin.generate_link({
        "type": "signup", "email": email, "password": PASSWORD,
        "options": {"data": {"status": "alpha"}, "redirect_to": "http://localhost:3000/welcome"},
    })
    assert link.user.user_metadata == {"status": "alpha"} and link.user.email_confirmed_at is None
    assert link.properties.verification_type == "signup" and len(link.properties.email_otp) == 6
    with pytest.raises(AuthApiError) as unconfirmed:
        new_client(stack_settings).auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert unconfirmed.value.code == "email_not_confirmed"

    redirect = httpx.get(link.properties.action_link, follow_redirects=False, timeout=10)
    assert redirect.status_code == 303
    target, _, fragment = redirect.headers["location"].partition("#")
    assert target == "http://localhost:3000/welcome"
    params = dict(item.split("=", 1) for item in fragment.split("&"))
    assert params["type"] == "signup" and params["token_type"] == "bearer"
    me = http.get("/user", headers=bearer(params["access_token"]))
    assert me.status_code == 200 and me.json()["email_confirmed_at"]
    assert new_client(stack_settings).auth.sign_in_with_password({"email": email, "password": PASSWORD}).session

    reused = httpx.get(link.properties.action_link, follow_redirects=False, timeout=10)
    assert "error_code=otp_expired" in reused.headers["location"]


def test_recovery_otp_and_email_change_links(admin, http):
    user = admin.create_user({"email": unique_email(), "password": PASSWORD, "email_confirm": True}).user
    recovery = admin.generate_link({"type": "recovery", "email": user.email})
    verified = http.post("/verify", json={"type": "recovery", "email": user.email,
                                          "token": recovery.properties.email_otp})
    assert verified.status_code == 200 and verified.json()["user"]["id"] == user.id
    wrong = http.post("/verify", json={"type": "recovery", "email": user.email, "token": "000000"})
    assert wrong.status_code == 403 and wrong.json()["code"] == "otp_expired"

    new_email = unique_email()
    change = admin.generate_link({"type": "email_change_current", "email": user.email, "new_email": new_email})
    assert change.user.new_email == new_email
    done = http.post("/verify", json={"type": "email_change", "token_hash": change.properties.hashed_token})
    assert done.status_code == 200 and done.json()["user"]["email"] == new_email

    with pytest.raises(AuthApiError) as missing:
        admin.generate_link({"type": "magiclink", "email": unique_email()})
    assert missing.value.code == "user_not_found"


def test_invite_creates_an_invited_user_without_password(admin, db):
    email = unique_email()
    invited = admin.invite_user_by_email(email, {"data": {"team": "red"}}).user
    assert invited.invited_at is not None and invited.email == email
    assert invited.user_metadata == {"team": "red"} and invited.email_confirmed_at is None
    assert db.execute("select encrypted_password from auth.users where id = %s", (invited.id,)).fetchone()[0] is None
    confirmed = admin.create_user({"email": unique_email(), "password": PASSWORD, "email_confirm": True}).user
    with pytest.raises(AuthApiError) as caught:
        admin.invite_user_by_email(confirmed.email)
    assert caught.value.code == "email_exists"


def test_recover_answers_the_same_for_known_and_unknown_email(client, http, db):
    email = unique_email()
    user = sign_up(client, email).user
    known = http.post("/recover", json={"email": email})
    unknown = http.post("/recover", json={"email": unique_email()})
    assert known.status_code == unknown.status_code == 200 and known.json() == unknown.json() == {}
    assert db.execute("select recovery_sent_at from auth.users where id = %s", (user.id,)).fetchone()[0]
    assert http.post("/recover", json={}).json()["code"] == "validation_failed"
    client.auth.reset_password_for_email(email)


# Other configurations (as GoTrue's settings would give) ------------------------------------------------
@pytest.fixture
def configured_auth(local_stack: LocalSupabase, stack_settings: StackSettings):
    """An /auth/v1 app on the same database with different settings, called in-process."""

    def make(**settings) -> TestClient:
        ctx = copy.copy(local_stack.ctx)
        ctx.config = dataclasses.replace(ctx.config, auth=AuthConfig(**settings))
        return TestClient(local_auth.build_app(ctx), base_url="http://testserver",
                          headers={"apikey": stack_settings.anon_key, **API_VERSION})

    return make


def test_autoconfirm_off_returns_user_without_session(configured_auth, db):
    auth = configured_auth(autoconfirm=False)
    email = unique_email()
    signed_up = auth.post("/signup", json={"email": email, "password": PASSWORD})
    assert signed_up.status_code == 200
    body = signed_up.json()
    assert "access_token" not in body and body["email"] == email
    assert "email_confirmed_at" not in body and body["confirmation_sent_at"]
    login = auth.post("/token?grant_type=password", json={"email": email, "password": PASSWORD})
    assert login.status_code == 400 and login.json()["code"] == "email_not_confirmed"
    # Repeating a sign-up for a confirmed address must not reveal that it exists.
    db.execute("update auth.users set email_confirmed_at = now() where id = %s", (body["id"],))
    again = auth.post("/signup", json={"email": email, "password": "other-pass-1"})
    assert again.status_code == 200 and again.json()["id"] != body["id"]
    assert auth.post("/token?grant_type=password", json={"email": email, "password": PASSWORD}).status_code == 200


def test_signup_disabled_and_anonymous_disabled(configured_auth):
    auth = configured_auth(disable_signup=True, anonymous_users=False)
    refused = auth.post("/signup", json={"email": unique_email(), "password": PASSWORD})
    assert refused.status_code == 422 and refused.json()["code"] == "signup_disabled"
    anonymous = auth.post("/signup", json={})
    assert anonymous.status_code == 422 and anonymous.json()["code"] == "anonymous_provider_disabled"
    assert auth.get("/settings").json()["disable_signup"] is True


def test_hs256_mode_signs_with_the_jwt_secret(configured_auth, stack_settings):
    auth = configured_auth(jwt_algorithm="HS256", jwt_exp=120)
    session = auth.post("/signup", json={"email": unique_email(), "password": PASSWORD}).json()
    claims = jwt.decode(session["access_token"], stack_settings.jwt_secret, algorithms=["HS256"],
                        audience="authenticated")
    assert claims["exp"] - claims["iat"] == 120 and session["expires_in"] <= 120
    jwks = auth.get("/.well-known/jwks.json").json()["keys"]
    assert [key["kty"] for key in jwks] == ["EC"] and all("k" not in key for key in jwks)
    assert auth.get("/user", headers=bearer(session["access_token"])).status_code == 200


def test_env_configuration(monkeypatch):
    monkeypatch.setenv("LOCAL_AUTH_AUTOCONFIRM", "false")
    monkeypatch.setenv("LOCAL_AUTH_JWT_EXP", "600")
    monkeypatch.setenv("LOCAL_AUTH_REQUIRE_APIKEY", "0")
    config = AuthConfig.from_env()
    assert (config.autoconfirm, config.jwt_exp, config.require_apikey) == (False, 600, False)
    monkeypatch.setenv("LOCAL_AUTH_JWT_ALGORITHM", "RS512")
    with pytest.raises(ValueError):
        AuthConfig.from_env()


def test_concurrent_refresh_rotates_exactly_once(client, stack_settings):
    from concurrent.futures import ThreadPoolExecutor

    session = sign_up(client).session

    def refresh(_: int) -> int:
        return httpx.post(
            f"{stack_settings.url}/auth/v1/token?grant_type=refresh_token",
            json={"refresh_token": session.refresh_token},
            headers={"apikey": stack_settings.anon_key}, timeout=30,
        ).status_code

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(refresh, range(4)))
    assert statuses.count(200) == 1 and statuses.count(400) == 3


def test_profile_style_triggers_on_auth_users_fire(client, stack_settings):
    """Plain INSERTs into auth.users: a project's trigger sees every sign-up."""
    with psycopg.connect(stack_settings.database_url, autocommit=True) as conn:
        conn.execute("create table if not exists public.auth_test_signups (id uuid primary key, email text)")
        conn.execute(
            "create or replace function public.auth_test_on_signup() returns trigger language plpgsql"
            " security definer as $$ begin insert into public.auth_test_signups values (new.id, new.email);"
            " return new; end $$"
        )
        conn.execute("drop trigger if exists auth_test_on_signup on auth.users")
        conn.execute("create trigger auth_test_on_signup after insert on auth.users"
                     " for each row execute function public.auth_test_on_signup()")
        try:
            user = sign_up(client).user
            row = conn.execute("select email from public.auth_test_signups where id = %s", (user.id,)).fetchone()
            assert row == (user.email,)
        finally:
            conn.execute("drop trigger if exists auth_test_on_signup on auth.users")
            conn.execute("drop table public.auth_test_signups")
            conn.execute("drop function public.auth_test_on_signup()")


# Behaviour found through supabase-py's own auth suite (GoTrue semantics) ---------------------
def test_admin_accepts_supabase_admin_role_and_tokens_without_exp(stack_settings):
    """GoTrue's admin roles are service_role and supabase_admin; `exp` is optional in its JWTs."""
    token = jwt.encode({"sub": "1234567890", "role": "supabase_admin"}, stack_settings.jwt_secret, algorithm="HS256")
    headers = {"apikey": stack_settings.anon_key, **bearer(token), **API_VERSION}
    response = httpx.get(f"{stack_settings.url}/auth/v1/admin/users", headers=headers, timeout=10)
    assert response.status_code == 200
    expired = jwt.encode({"role": "service_role", "exp": int(time.time()) - 5}, stack_settings.jwt_secret,
                         algorithm="HS256")
    refused = httpx.get(f"{stack_settings.url}/auth/v1/admin/users",
                        headers={**headers, **bearer(expired)}, timeout=10)
    assert refused.status_code == 403 and refused.json()["code"] == "bad_jwt"


def test_direct_mode_needs_no_api_key(configured_auth):
    auth = configured_auth(require_apikey=False)
    auth.headers.pop("apikey")
    assert auth.get("/settings").status_code == 200
    session = auth.post("/signup", json={"email": unique_email(), "password": PASSWORD}).json()
    assert auth.get("/user", headers=bearer(session["access_token"])).status_code == 200


def test_unsupported_flows_answer_like_a_gotrue_without_them(http):
    invalid_phone = http.post("/verify", json={"type": "sms", "phone": "12345-invalid", "token": "123456"})
    assert invalid_phone.status_code == 400
    assert invalid_phone.json()["message"] == "Invalid phone number format (E.164 required)"
    no_otp = http.post("/verify", json={"type": "sms", "phone": "+15555550100", "token": "123456"})
    assert no_otp.status_code == 403
    assert no_otp.json() == {"code": "otp_expired", "message": "Token has expired or is invalid"}
    sso = http.post("/sso", json={"domain": "example.com"})
    assert sso.status_code == 404 and sso.json()["message"] == "SAML 2.0 is disabled"
    phone_login = http.post("/token?grant_type=password", json={"phone": "+15555550100", "password": PASSWORD})
    assert phone_login.status_code == 422 and phone_login.json()["code"] == "phone_provider_disabled"
    resend = http.post("/resend", json={"type": "email_change"})
    assert resend.status_code == 400 and resend.json()["code"] == "validation_failed"
    assert http.post("/resend", json={"type": "signup", "email": unique_email()}).status_code == 200


def test_reauthenticate_records_a_nonce_request(client, http, db):
    session = sign_up(client).session
    client.auth.set_session(session.access_token, session.refresh_token)
    client.auth.reauthenticate()
    sent = db.execute("select reauthentication_sent_at, reauthentication_token from auth.users where id = %s",
                      (session.user.id,)).fetchone()
    assert sent[0] is not None and sent[1]
    assert http.get("/reauthenticate").status_code == 401


def test_admin_factor_list_is_empty_and_invalid_token_sign_out_fails(admin, client):
    user = sign_up(client).user
    assert admin.mfa.list_factors({"user_id": user.id}) == []
    with pytest.raises(AuthApiError) as caught:
        admin.sign_out("this-is-a-bad-token")
    assert caught.value.status == 403 and caught.value.code == "bad_jwt"


def test_cors_preflight_and_exposed_headers(stack_settings):
    preflight = httpx.options(
        f"{stack_settings.url}/auth/v1/token?grant_type=password",
        headers={"Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "apikey, authorization, content-type, x-client-info"},
        timeout=10,
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "http://localhost:5173")
    response = httpx.get(f"{stack_settings.url}/auth/v1/admin/users",
                         headers={"Origin": "http://localhost:5173", "apikey": stack_settings.service_key,
                                  **bearer(stack_settings.service_key)}, timeout=10)
    assert "x-total-count" in response.headers["access-control-expose-headers"]


def test_concurrent_sign_ups_for_one_address_create_one_user(stack_settings, db):
    from concurrent.futures import ThreadPoolExecutor

    email = unique_email()

    def attempt(_: int) -> int:
        return httpx.post(f"{stack_settings.url}/auth/v1/signup", json={"email": email, "password": PASSWORD},
                          headers={"apikey": stack_settings.anon_key}, timeout=30).status_code

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(attempt, range(4)))
    assert statuses.count(200) == 1 and statuses.count(422) == 3
    assert db.execute("select count(*) from auth.users where email = %s", (email,)).fetchone()[0] == 1


def test_verify_never_redirects_to_a_foreign_site(admin, stack_settings):
    user = admin.create_user({"email": unique_email(), "password": PASSWORD, "email_confirm": True}).user
    crafted = httpx.get(
        f"{stack_settings.url}/auth/v1/verify",
        params={"token": "bogus", "type": "recovery", "redirect_to": "https://evil.example/steal"},
        follow_redirects=False, timeout=10,
    )
    assert crafted.status_code == 303
    assert crafted.headers["location"].startswith(stack_settings.url + "#error=access_denied")
    link = admin.generate_link({"type": "magiclink", "email": user.email,
                                "options": {"redirect_to": "http://localhost@evil.example/"}})
    assert link.properties.redirect_to == stack_settings.url
    redirect = httpx.get(link.properties.action_link, follow_redirects=False, timeout=10)
    assert redirect.headers["location"].startswith(stack_settings.url + "#access_token=")
