"""The local stack's core: embedded Postgres, bootstrap, keys and per-request roles."""

import time

import jwt
import pytest

from backend.local_supabase.keys import InvalidToken, StackKeys
from backend.local_supabase.server import apply_bootstrap


def test_bootstrap_is_idempotent(stack_settings, db):
    apply_bootstrap(stack_settings.database_url)
    roles = {r[0] for r in db.execute("select rolname from pg_roles")}
    assert {"anon", "authenticated", "service_role", "authenticator"} <= roles
    bypass = db.execute("select rolbypassrls from pg_roles where rolname = 'service_role'").fetchone()[0]
    assert bypass is True


def test_role_transaction_sets_claims_and_role(local_stack):
    claims = {"role": "authenticated", "sub": "11111111-1111-1111-1111-111111111111", "email": "a@b.c"}
    with local_stack.ctx.db.as_role(claims, headers={"X-Thing": "1"}) as cur:
        cur.execute(
            "select auth.uid()::text as uid, auth.role() as role, auth.email() as email,"
            " auth.jwt() ->> 'sub' as sub, current_user as cu,"
            " current_setting('request.headers')::jsonb ->> 'x-thing' as header"
        )
        row = cur.fetchone()
    assert row == {
        "uid": claims["sub"], "role": "authenticated", "email": "a@b.c",
        "sub": claims["sub"], "cu": "authenticated", "header": "1",
    }
    # the settings are transaction-local: the pooled connection is clean afterwards
    with local_stack.ctx.db.as_role({"role": "anon"}) as cur:
        cur.execute("select auth.uid() as uid, current_user as cu")
        assert cur.fetchone() == {"uid": None, "cu": "anon"}


def test_role_transaction_refuses_unknown_role(local_stack):
    with pytest.raises(ValueError):
        with local_stack.ctx.db.as_role({"role": "postgres"}):
            pass


def test_api_keys_are_hs256_and_user_tokens_es256(local_stack):
    keys: StackKeys = local_stack.ctx.keys
    assert jwt.get_unverified_header(keys.anon_key)["alg"] == "HS256"
    assert keys.decode(keys.service_key)["role"] == "service_role"
    token = keys.sign_user_token({"sub": "x", "role": "authenticated", "exp": int(time.time()) + 60})
    assert jwt.get_unverified_header(token) == {"alg": "ES256", "kid": keys.kid, "typ": "JWT"}
    assert keys.decode(token)["sub"] == "x"
    assert all(k["kty"] == "EC" for k in keys.jwks()["keys"])


@pytest.mark.parametrize(
    "make_token",
    [
        lambda k: jwt.encode({"role": "anon", "exp": int(time.time()) + 60}, "wrong-secret-" * 3, algorithm="HS256"),
        lambda k: jwt.encode({"role": "anon", "exp": int(time.time()) - 60}, k.jwt_secret, algorithm="HS256"),
        lambda k: jwt.encode({"role": "postgres", "exp": int(time.time()) + 60}, k.jwt_secret, algorithm="HS256"),
        lambda k: jwt.encode({"role": "anon", "exp": int(time.time()) + 60}, None, algorithm="none"),
        lambda k: "not.a.jwt",
    ],
    ids=["wrong-secret", "expired", "superuser-role", "alg-none", "garbage"],
)
def test_stack_refuses_bad_tokens(local_stack, make_token):
    with pytest.raises(InvalidToken):
        local_stack.ctx.keys.decode(make_token(local_stack.ctx.keys))


def test_jwt_secret_override(tmp_path):
    first = StackKeys.load_or_create(tmp_path)
    again = StackKeys.load_or_create(tmp_path)
    assert first.jwt_secret == again.jwt_secret and first.kid == again.kid
    # API keys a .env holds stay valid across restarts of the same data dir
    assert (first.anon_key, first.service_key) == (again.anon_key, again.service_key)
    override = StackKeys.load_or_create(tmp_path, jwt_secret="super-secret-jwt-token-with-at-least-32-characters-long")
    assert override.jwt_secret.startswith("super-secret")
    assert override.kid == first.kid


def test_one_cors_policy_covers_every_api(stack_settings):
    """A browser front end (supabase-js) may call every part of the stack from any origin
    and read the headers each client needs."""
    import httpx

    origin = {"Origin": "http://localhost:5173"}
    for path, method, exposed in (
        ("/rest/v1/profiles", "GET", "content-range"),
        ("/storage/v1/object/avatars/x.png", "POST", "etag"),
        ("/auth/v1/token?grant_type=password", "POST", "x-total-count"),
    ):
        preflight = httpx.options(
            stack_settings.url + path,
            headers={**origin, "Access-Control-Request-Method": method,
                     "Access-Control-Request-Headers": "apikey, authorization, content-type, x-client-info"},
        )
        assert preflight.status_code == 200, path
        assert preflight.headers["access-control-allow-origin"] in ("*", origin["Origin"])
        response = httpx.get(stack_settings.url + path, headers={**origin, "apikey": stack_settings.anon_key})
        assert exposed in response.headers["access-control-expose-headers"].lower(), path


def test_stack_config_is_read_from_the_environment_once():
    from backend.local_supabase.config import StackConfig

    config = StackConfig.from_env({
        "LOCAL_SUPABASE_MAX_ROWS": "0", "LOCAL_SUPABASE_DB_SCHEMAS": "public, api",
        "LOCAL_SUPABASE_STORAGE_FILE_SIZE_LIMIT": "1048576", "LOCAL_AUTH_AUTOCONFIRM": "off",
    })
    assert config.max_rows is None and config.db_schemas == ("public", "api")
    assert config.storage_file_size_limit == 1048576 and config.auth.autoconfirm is False
    assert StackConfig.from_env({}) == StackConfig()
    with pytest.raises(ValueError, match="LOCAL_SUPABASE_MAX_ROWS"):
        StackConfig.from_env({"LOCAL_SUPABASE_MAX_ROWS": "lots"})


def test_an_automatic_http_port_is_held_from_the_start(tmp_path):
    """Chosen and released, the port could go to one of start-up's own outgoing connections."""
    import socket

    from backend.local_supabase.server import LocalSupabase

    stack = LocalSupabase(tmp_path, port=0, durable=False)
    try:
        with socket.socket() as probe, pytest.raises(OSError):
            probe.bind((stack.host, stack.port))
    finally:
        stack.stop()
    with socket.socket() as probe:
        probe.bind((stack.host, stack.port))  # released by stop() when never started



def test_an_automatic_port_sends_without_delay(tmp_path):
    """asyncio sets TCP_NODELAY only on connections whose socket says IPPROTO_TCP, and a listener made
    by socket.create_server says 0; the listener carries it instead (Linux hands it to every accepted
    connection), or each kept-alive request waits ~40 ms for the client's delayed ACK."""
    import socket

    from backend.local_supabase.server import LocalSupabase

    stack = LocalSupabase(tmp_path, port=0, durable=False)
    try:
        assert stack._listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    finally:
        stack.stop()
