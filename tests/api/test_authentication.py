"""Supabase access-token authentication: every refusal with a token crafted that way.

Tokens are minted here with PyJWT/cryptography (or by hand where PyJWT refuses to make
them, e.g. `alg: none` or HS256 keyed with a public key). User tokens of the local stack
are ES256, verified through the stack's real JWKS endpoint; RS256 and key rotation are
exercised through a small JWKS server of our own that counts its requests.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import psycopg
import psycopg.rows
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.urls import path
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from backend.llm_api import authentication, jwks
from backend.llm_api.authentication import (
    AuthenticationUnavailable,
    InvalidAuthorizationHeader,
    InvalidToken,
    OptionalSupabaseJWTAuthentication,
    SupabaseJWTAuthentication,
    SupabaseUser,
    TokenExpired,
    TokenSettings,
    VerifiedToken,
    VerifiedTokens,
)

ME_URL = "/api/auth/me"


# Probe views: what DRF hands a view after our authentication ------------------------------
def describe(request) -> dict:
    user = request.user
    return {
        "is_authenticated": bool(user.is_authenticated),
        "is_anonymous": bool(user.is_anonymous),
        "id": getattr(user, "id", None),
        "email": getattr(user, "email", None),
        "role": getattr(user, "role", None),
        "sub": dict(getattr(user, "claims", {}) or {}).get("sub"),
        "type": type(user).__name__,
    }


class RequiredProbe(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response(describe(request))


class DefaultProbe(APIView):
    """No authentication_classes: whatever settings.REST_FRAMEWORK makes the default."""

    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response(describe(request))


class OptionalProbe(APIView):
    authentication_classes = [OptionalSupabaseJWTAuthentication]
    permission_classes = [AllowAny]

    def get(self, request):
        return Response(describe(request))


class OptionalButProtectedProbe(OptionalProbe):
    permission_classes = [IsAuthenticated]


urlpatterns = [
    path("probe/required", RequiredProbe.as_view()),
    path("probe/optional-protected", OptionalButProtectedProbe.as_view()),
    path("probe/default", DefaultProbe.as_view()),
    path("probe/optional", OptionalProbe.as_view()),
]

probe_urls = pytest.mark.urls(__name__)


# Token crafting -----------------------------------------------------------------------
def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hand_signed(header: dict, claims: dict, sign) -> str:
    """A JWT assembled by hand, for tokens PyJWT would refuse to produce."""
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    return f"{signing_input}.{b64url(sign(signing_input.encode()))}"


def new_ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def public_jwk(private_key, kid: str, **extra) -> dict:
    public = private_key.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(public))
    else:
        jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(public))
    jwk.update({"kid": kid, "use": "sig"}, **extra)
    return jwk


@pytest.fixture
def issuer(stack_settings) -> str:
    return f"{stack_settings.url}/auth/v1"


@pytest.fixture
def user_claims(issuer):
    """Claims a Supabase user access token carries, with overrides; None removes a claim."""

    def _claims(**overrides) -> dict:
        now = int(time.time())
        claims = {
            "sub": str(uuid.uuid4()),
            "aud": "authenticated",
            "role": "authenticated",
            "email": "someone@example.test",
            "iss": issuer,
            "iat": now,
            "exp": now + 3600,
            "session_id": str(uuid.uuid4()),
            "aal": "aal1",
            "is_anonymous": False,
        }
        claims.update(overrides)
        return {key: value for key, value in claims.items() if value is not None}

    return _claims


@pytest.fixture
def stack_token(local_stack, user_claims):
    """An ES256 token signed with the stack's own key (published in its JWKS)."""

    def _token(**overrides) -> str:
        return local_stack.ctx.keys.sign_user_token(user_claims(**overrides))

    return _token


@pytest.fixture
def hs256_token(stack_settings, user_claims):
    def _token(secret: str | None = None, **overrides) -> str:
        return jwt.encode(user_claims(**overrides), secret or stack_settings.jwt_secret, algorithm="HS256")

    return _token


# Local JWKS server ------------------------------------------------------------------------
class JWKSServer:
    """Serves `document` at /jwks.json on a free loopback port and counts the requests."""

    def __init__(self) -> None:
        self.document: dict = {"keys": []}
        self.body: bytes | None = None  # sent as is instead of `document` when set
        self.status = 200
        self.location: str | None = None  # a Location header (for redirects)
        self.delay = 0.0
        self.requests = 0
        self.accept_headers: list[str | None] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests += 1
                server.accept_headers.append(self.headers.get("Accept"))
                if server.delay:
                    time.sleep(server.delay)
                body = server.body if server.body is not None else json.dumps(server.document).encode()
                self.send_response(server.status)
                if server.location:
                    self.send_header("Location", server.location)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/jwks.json"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def serve(self, *jwks_entries: dict) -> None:
        self.document = {"keys": list(jwks_entries)}


@pytest.fixture
def jwks_server(settings, stack_settings) -> Iterator[JWKSServer]:
    server = JWKSServer()
    server.thread.start()
    settings.SUPABASE_JWKS_URL = server.url
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


@pytest.fixture(autouse=True)
def _fresh_jwks_cache(settings) -> Iterator[None]:
    """Each test starts with empty key and token caches and explicit, known policy settings."""
    settings.SUPABASE_JWT_LEEWAY = 10
    settings.SUPABASE_JWKS_CACHE_TTL = 600
    settings.SUPABASE_JWKS_MIN_REFRESH_INTERVAL = 30
    settings.SUPABASE_JWKS_TIMEOUT = 2
    jwks.reset_shared_cache()
    authentication.verified_tokens.clear()
    yield
    jwks.reset_shared_cache()
    authentication.verified_tokens.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def call(api: APIClient, url: str, token: str | None = None, header: str | None = None):
    if header is not None:
        return api.get(url, HTTP_AUTHORIZATION=header)
    if token is not None:
        return api.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    return api.get(url)


def assert_refused(response, code: str, message: str) -> None:
    """401, `WWW-Authenticate: Bearer ...`, the one JSON error shape, nothing but a short code."""
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"].startswith("Bearer"), response.headers
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"] == message, body
    assert not body["error"].get("details"), body


def refused_token(response) -> None:
    assert_refused(response, InvalidToken.default_code, str(InvalidToken.default_detail))


# Refusals, each with a token crafted that way ----------------------------------------------
@probe_urls
def test_no_authorization_header_is_401_not_authenticated(api, stack_settings):
    response = call(api, "/probe/required")
    assert_refused(response, "not_authenticated", response.json()["error"]["message"])


@probe_urls
@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer",
        "Bearer ",
        "Token abc.def.ghi",
        "Basic dXNlcjpwYXNzd29yZA==",
        "Bearer abc.def.ghi extra",
        "Bearer abc.def.ghi\u00e9",
        'Bearer abc"def',
        "Bearer " + "a" * 9000,
    ],
    ids=["empty", "scheme-only", "scheme-space", "token-scheme", "basic", "two-tokens", "non-ascii",
         "bad-chars", "oversized"],
)
def test_malformed_authorization_header_is_refused(api, stack_settings, header):
    assert_refused(
        call(api, "/probe/required", header=header),
        InvalidAuthorizationHeader.default_code,
        str(InvalidAuthorizationHeader.default_detail),
    )


@probe_urls
def test_expired_token_is_refused(api, stack_token):
    now = int(time.time())
    response = call(api, "/probe/required", stack_token(iat=now - 3700, exp=now - 60))
    assert_refused(response, TokenExpired.default_code, str(TokenExpired.default_detail))


@probe_urls
def test_not_yet_valid_token_is_refused(api, stack_token):
    now = int(time.time())
    refused_token(call(api, "/probe/required", stack_token(nbf=now + 300)))


@probe_urls
def test_token_issued_in_the_future_is_refused(api, stack_token):
    now = int(time.time())
    refused_token(call(api, "/probe/required", stack_token(iat=now + 300, exp=now + 3900)))


@probe_urls
def test_wrong_audience_is_refused(api, stack_token):
    refused_token(call(api, "/probe/required", stack_token(aud="anon")))


@probe_urls
def test_missing_audience_is_refused(api, stack_token):
    refused_token(call(api, "/probe/required", stack_token(aud=None)))


@probe_urls
def test_wrong_issuer_is_refused(api, stack_token):
    refused_token(call(api, "/probe/required", stack_token(iss="https://abcdefgh.supabase.co/auth/v1")))


@probe_urls
def test_missing_issuer_is_refused(api, stack_token):
    refused_token(call(api, "/probe/required", stack_token(iss=None)))


@probe_urls
def test_missing_expiry_is_refused(api, stack_token):
    refused_token(call(api, "/probe/required", stack_token(exp=None)))


@probe_urls
def test_hs256_with_wrong_secret_is_refused(api, hs256_token):
    refused_token(call(api, "/probe/required", hs256_token(secret="not-the-project-secret-" + "x" * 32)))


@probe_urls
def test_es256_with_wrong_key_but_known_kid_is_refused(api, local_stack, user_claims):
    token = jwt.encode(user_claims(), new_ec_key(), algorithm="ES256", headers={"kid": local_stack.ctx.keys.kid})
    refused_token(call(api, "/probe/required", token))


@probe_urls
@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_alg_none_is_refused(api, user_claims, alg):
    unsigned = hand_signed({"alg": alg, "typ": "JWT"}, user_claims(), lambda _: b"")
    refused_token(call(api, "/probe/required", unsigned))


@probe_urls
def test_hs256_signed_with_the_public_key_is_refused(api, local_stack, user_claims):
    """Algorithm confusion: the JWKS public key (as PEM, and as the JWK JSON) used as an HMAC secret."""
    public_key = local_stack.ctx.keys._public_key
    pem = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    kid = local_stack.ctx.keys.kid
    for secret in (pem, json.dumps(local_stack.ctx.keys.public_jwk).encode()):
        token = hand_signed(
            {"alg": "HS256", "typ": "JWT", "kid": kid},
            user_claims(),
            lambda data, secret=secret: hmac.new(secret, data, hashlib.sha256).digest(),
        )
        refused_token(call(api, "/probe/required", token))


@probe_urls
def test_truncated_token_is_refused(api, stack_token):
    token = stack_token()
    refused_token(call(api, "/probe/required", token[:-10]))
    refused_token(call(api, "/probe/required", token.rsplit(".", 1)[0]))  # signature dropped


@probe_urls
@pytest.mark.parametrize("garbage", ["garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.", "e30.e30.e30"])
def test_garbage_token_is_refused(api, stack_settings, garbage):
    refused_token(call(api, "/probe/required", garbage))


@probe_urls
def test_missing_sub_is_refused(api, stack_token):
    refused_token(call(api, "/probe/required", stack_token(sub=None)))


@probe_urls
def test_sub_that_is_not_a_user_id_is_refused(api, stack_token):
    refused_token(call(api, "/probe/required", stack_token(sub="service")))


@probe_urls
def test_anon_api_key_is_refused_as_user_token(api, stack_settings):
    refused_token(call(api, "/probe/required", stack_settings.anon_key))


@probe_urls
def test_service_api_key_is_refused_as_user_token(api, stack_settings):
    refused_token(call(api, "/probe/required", stack_settings.service_key))


@probe_urls
@pytest.mark.parametrize("role", ["anon", "service_role", "supabase_admin"])
def test_non_user_role_is_refused_even_with_valid_signature_and_claims(api, hs256_token, stack_token, role):
    refused_token(call(api, "/probe/required", hs256_token(role=role)))
    refused_token(call(api, "/probe/required", stack_token(role=role)))


@probe_urls
def test_missing_role_is_refused(api, hs256_token):
    refused_token(call(api, "/probe/required", hs256_token(role=None)))


@probe_urls
def test_token_from_another_project_is_refused(api, user_claims):
    other_issuer = "https://otherproject.supabase.co/auth/v1"
    hs = jwt.encode(user_claims(iss=other_issuer), "another-projects-secret-" + "y" * 32, algorithm="HS256")
    refused_token(call(api, "/probe/required", hs))
    es = jwt.encode(user_claims(iss=other_issuer), new_ec_key(), algorithm="ES256", headers={"kid": "other-kid"})
    refused_token(call(api, "/probe/required", es))


@probe_urls
def test_hs256_is_refused_when_no_jwt_secret_is_configured(api, settings, hs256_token):
    token = hs256_token()
    settings.SUPABASE_JWT_SECRET = ""
    refused_token(call(api, "/probe/required", token))


@probe_urls
@pytest.mark.parametrize("alg", ["HS384", "HS512", "ES384", "PS256", "EdDSA"])
def test_algorithms_outside_the_allow_list_are_refused(api, user_claims, stack_settings, alg):
    token = hand_signed({"alg": alg, "typ": "JWT"}, user_claims(), lambda _: b"\x00" * 64)
    refused_token(call(api, "/probe/required", token))


@probe_urls
def test_token_alg_must_match_the_jwks_key_type(api, jwks_server, user_claims):
    """An RSA key's kid in an ES256 token (and vice versa) is refused: the key picks the algorithm."""
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = new_ec_key()
    jwks_server.serve(public_jwk(rsa_key, "rsa-1"), public_jwk(ec_key, "ec-1"))
    rs_under_ec_kid = jwt.encode(user_claims(), rsa_key, algorithm="RS256", headers={"kid": "ec-1"})
    es_under_rsa_kid = jwt.encode(user_claims(), ec_key, algorithm="ES256", headers={"kid": "rsa-1"})
    refused_token(call(api, "/probe/required", rs_under_ec_kid))
    refused_token(call(api, "/probe/required", es_under_rsa_kid))
    # the same tokens under their own kids are fine, so the refusal was the mismatch
    good = jwt.encode(user_claims(), rsa_key, algorithm="RS256", headers={"kid": "rsa-1"})
    assert call(api, "/probe/required", good).status_code == 200


@probe_urls
def test_symmetric_key_in_the_jwks_is_never_used(api, jwks_server, user_claims):
    """A JWKS must not be able to hand out an HMAC secret (HS256 only with SUPABASE_JWT_SECRET)."""
    secret = b"published-hmac-secret-" + b"z" * 32
    jwks_server.serve({"kty": "oct", "kid": "oct-1", "k": b64url(secret), "alg": "HS256"})
    token = jwt.encode(user_claims(), secret, algorithm="HS256", headers={"kid": "oct-1"})
    refused_token(call(api, "/probe/required", token))


@probe_urls
def test_asymmetric_token_without_kid_is_refused(api, local_stack, user_claims):
    key = local_stack.ctx.keys._private_key
    refused_token(call(api, "/probe/required", jwt.encode(user_claims(), key, algorithm="ES256")))


@probe_urls
def test_refusals_leak_nothing_but_the_code(api, stack_token, hs256_token):
    """Different reasons, identical answers: the body does not say which check failed."""
    bodies = {
        call(api, "/probe/required", token).content
        for token in (
            stack_token(aud="x"),
            stack_token(iss="https://x/auth/v1"),
            stack_token(sub=None),
            hs256_token(secret="w" * 40),
            hs256_token(role="service_role"),
            "a.b.c",
        )
    }
    assert len(bodies) == 1, bodies


def unavailable_body() -> dict:
    return {
        "error": {
            "code": AuthenticationUnavailable.default_code,
            "message": str(AuthenticationUnavailable.default_detail),
            "details": {},
        }
    }


def empty_key_hs256(claims: dict) -> str:
    return hand_signed(
        {"alg": "HS256", "typ": "JWT"}, claims, lambda data: hmac.new(b"", data, hashlib.sha256).digest()
    )


@probe_urls
@pytest.mark.parametrize("secret", ["", None], ids=["empty", "missing"])
def test_no_jwt_secret_never_verifies_a_token_signed_with_an_empty_key(api, settings, user_claims, secret):
    """An unset secret must not turn into the HMAC key "": such a token would verify under it."""
    if secret is None:
        del settings.SUPABASE_JWT_SECRET
    else:
        settings.SUPABASE_JWT_SECRET = secret
    refused_token(call(api, "/probe/required", empty_key_hs256(user_claims())))


@probe_urls
@pytest.mark.parametrize("alg", ["HS384", "ES384", "PS256", "EdDSA", "none"])
def test_unaccepted_algorithm_is_refused_before_any_key_lookup(api, jwks_server, local_stack, user_claims, alg):
    """A token naming a known kid but another algorithm never costs a JWKS fetch."""
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    token = hand_signed({"alg": alg, "typ": "JWT", "kid": local_stack.ctx.keys.kid}, user_claims(),
                        lambda _: b"\x00" * 64)
    refused_token(call(api, "/probe/required", token))
    assert jwks_server.requests == 0


@probe_urls
@pytest.mark.parametrize("kid", [None, ""], ids=["absent", "empty"])
def test_asymmetric_token_without_a_string_kid_is_refused_before_any_key_lookup(
    api, jwks_server, local_stack, user_claims, kid
):
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    headers = {"kid": kid} if kid is not None else {}
    token = jwt.encode(user_claims(), local_stack.ctx.keys._private_key, algorithm="ES256", headers=headers)
    refused_token(call(api, "/probe/required", token))
    assert jwks_server.requests == 0


@probe_urls
def test_no_jwks_url_configured_is_503_for_asymmetric_tokens_only(api, settings, issuer, stack_token, hs256_token):
    settings.SUPABASE_URL = ""
    settings.SUPABASE_JWKS_URL = ""
    settings.SUPABASE_JWT_ISSUER = issuer
    response = call(api, "/probe/required", stack_token())
    assert response.status_code == 503, response.content
    assert response.json() == unavailable_body()
    assert call(api, "/probe/required", hs256_token()).status_code == 200  # HS256 needs no JWKS


@probe_urls
def test_no_issuer_configured_is_503_even_for_a_well_signed_token(api, settings, hs256_token):
    """Without an issuer nothing can be checked: our misconfiguration, not the caller's bad token."""
    settings.SUPABASE_URL = ""
    settings.SUPABASE_JWT_ISSUER = ""
    response = call(api, "/probe/required", hs256_token())
    assert response.status_code == 503, response.content
    assert response.json() == unavailable_body()


def token_of_length(length: int, make) -> str:
    """A valid token of exactly `length` characters, padded through an extra claim."""
    for pad in range(length):
        for email_extra in range(3):
            token = make(pad="x" * pad, email=f"{'e' * email_extra}someone@example.test")
            if len(token) == length:
                return token
            if len(token) > length + 3:
                break
    raise AssertionError(f"no token of length {length}")


@probe_urls
def test_token_length_limit_boundary(api, hs256_token):
    from backend.llm_api.authentication import MAX_TOKEN_LENGTH

    at_limit = token_of_length(MAX_TOKEN_LENGTH, hs256_token)
    assert call(api, "/probe/required", at_limit).status_code == 200
    over = token_of_length(MAX_TOKEN_LENGTH + 1, hs256_token)
    assert_refused(call(api, "/probe/required", over), "invalid_header", str(InvalidAuthorizationHeader.default_detail))


@pytest.fixture
def refusal_reasons(caplog):
    """The reasons the authenticator logged for its refusals (the answer never says)."""
    caplog.set_level("INFO", logger="backend.llm_api.authentication")

    def _reasons() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "backend.llm_api.authentication"]

    return _reasons


@probe_urls
def test_each_refusal_logs_its_reason(api, settings, jwks_server, local_stack, user_claims, stack_token,
                                      refusal_reasons, issuer):
    """The operator's log says which check failed, while every answer stays the same generic 401."""
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    key = local_stack.ctx.keys._private_key
    cases = [
        (lambda: hand_signed({"alg": "PS256", "typ": "JWT"}, user_claims(), lambda _: b"x"),
         "refused access token: algorithm 'PS256' is not accepted"),
        (lambda: jwt.encode(user_claims(), key, algorithm="ES256"),
         "refused access token: asymmetric token without a kid"),
        (lambda: jwt.encode(user_claims(), key, algorithm="ES256", headers={"kid": "unknown"}),
         "refused access token: kid not in the project's JWKS"),
        (lambda: stack_token(role="anon"), "refused access token: role 'anon' is not a user role"),
        (lambda: stack_token(sub="service"), "refused access token: sub is not a user id"),
        (lambda: "a.b.c", None),  # PyJWT's own wording follows "unreadable token: "
    ]
    for make, reason in cases:
        before = len(refusal_reasons())
        refused_token(call(api, "/probe/required", make()))
        logged = refusal_reasons()[before:]
        if reason is None:
            assert len(logged) == 1 and logged[0].startswith("refused access token: unreadable token: "), logged
        else:
            assert logged == [reason]
    settings.SUPABASE_JWT_SECRET = ""
    refused_token(call(api, "/probe/required", empty_key_hs256(user_claims())))
    assert refusal_reasons()[-1] == "refused access token: HS256 token but no SUPABASE_JWT_SECRET is configured"


@probe_urls
def test_configuration_gaps_log_their_reason(api, settings, issuer, stack_token, refusal_reasons):
    settings.SUPABASE_URL = ""
    settings.SUPABASE_JWKS_URL = ""
    settings.SUPABASE_JWT_ISSUER = issuer
    assert call(api, "/probe/required", stack_token()).status_code == 503
    assert refusal_reasons()[-1] == "refused access token: no JWKS URL configured"
    settings.SUPABASE_JWT_ISSUER = ""
    assert call(api, "/probe/required", stack_token()).status_code == 503
    assert refusal_reasons()[-1] == "refused access token: SUPABASE_URL / SUPABASE_JWT_ISSUER is not configured"


@probe_urls
def test_expired_and_bad_signature_refusals_log_their_reason(api, stack_token, hs256_token, refusal_reasons):
    now = int(time.time())
    call(api, "/probe/required", stack_token(iat=now - 3700, exp=now - 60))
    assert refusal_reasons()[-1] == "refused access token: expired"
    call(api, "/probe/required", hs256_token(secret="w" * 40))
    assert refusal_reasons()[-1] == "refused access token: InvalidSignatureError: Signature verification failed"


@probe_urls
def test_lowercase_bearer_scheme_is_accepted(api, hs256_token):
    """Auth schemes are case-insensitive (RFC 9110)."""
    token = hs256_token()
    assert call(api, "/probe/required", header=f"bearer {token}").status_code == 200
    assert call(api, "/probe/required", header=f"BEARER {token}").status_code == 200


def test_settings_are_read_with_documented_defaults(settings):
    """Absent settings fall back to the documented defaults; URLs derive from SUPABASE_URL."""
    from backend.llm_api.authentication import TokenSettings

    for name in ("SUPABASE_JWT_SECRET", "SUPABASE_JWT_ISSUER", "SUPABASE_JWKS_URL", "SUPABASE_JWT_LEEWAY",
                 "SUPABASE_JWKS_CACHE_TTL", "SUPABASE_JWKS_MIN_REFRESH_INTERVAL", "SUPABASE_JWKS_TIMEOUT"):
        if hasattr(settings, name):
            delattr(settings, name)
    settings.SUPABASE_URL = "https://abcdefgh.supabase.co/"
    assert TokenSettings.from_django() == TokenSettings(
        jwt_secret="",
        issuer="https://abcdefgh.supabase.co/auth/v1",
        jwks_url="https://abcdefgh.supabase.co/auth/v1/.well-known/jwks.json",
        leeway=10.0,
        jwks_cache_ttl=600.0,
        jwks_min_refresh_interval=30.0,
        jwks_timeout=5.0,
    )
    settings.SUPABASE_URL = "https://gateway.example.test/projectX/"  # behind a path prefix: only "/" is cut
    assert TokenSettings.from_django().issuer == "https://gateway.example.test/projectX/auth/v1"
    del settings.SUPABASE_URL
    empty = TokenSettings.from_django()
    assert (empty.issuer, empty.jwks_url) == ("", "")


def test_explicit_settings_win_over_derived_ones(settings):
    from backend.llm_api.authentication import TokenSettings

    settings.SUPABASE_URL = "https://abcdefgh.supabase.co"
    settings.SUPABASE_JWT_SECRET = "s" * 32
    settings.SUPABASE_JWT_ISSUER = "https://auth.example.test/v1"
    settings.SUPABASE_JWKS_URL = "https://auth.example.test/keys"
    settings.SUPABASE_JWT_LEEWAY = "2"
    settings.SUPABASE_JWKS_CACHE_TTL = 7
    settings.SUPABASE_JWKS_MIN_REFRESH_INTERVAL = 3
    settings.SUPABASE_JWKS_TIMEOUT = 1
    assert TokenSettings.from_django() == TokenSettings(
        jwt_secret="s" * 32, issuer="https://auth.example.test/v1", jwks_url="https://auth.example.test/keys",
        leeway=2.0, jwks_cache_ttl=7.0, jwks_min_refresh_interval=3.0, jwks_timeout=1.0,
    )


@probe_urls
def test_jwks_settings_reach_the_key_cache(api, settings, jwks_server, local_stack, stack_token):
    settings.SUPABASE_JWKS_CACHE_TTL = 123
    settings.SUPABASE_JWKS_MIN_REFRESH_INTERVAL = 4
    settings.SUPABASE_JWKS_TIMEOUT = 1.5
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    assert call(api, "/probe/required", stack_token()).status_code == 200
    cache = jwks.shared_cache(jwks_server.url, ttl=123, min_refresh_interval=4, timeout=1.5)
    assert jwks_server.requests == 1 and cache.get(local_stack.ctx.keys.kid) is not None
    assert jwks_server.requests == 1  # the request above filled this very cache


@pytest.mark.parametrize("email", ["", 5, None, ["a@b.test"]], ids=["empty", "number", "null", "list"])
def test_user_email_is_none_unless_a_non_empty_string(email):
    user = SupabaseUser.from_claims({"sub": str(uuid.uuid4()), "role": "authenticated", "email": email})
    assert user.email is None
    assert str(user) == user.id  # no email: the id names the user


def test_anonymous_user_is_falsy_and_equal_to_any_other_anonymous_user():
    from backend.llm_api.authentication import AnonymousSupabaseUser

    anonymous = AnonymousSupabaseUser()
    assert not anonymous and bool(anonymous) is False
    assert anonymous == AnonymousSupabaseUser() and hash(anonymous) == hash(AnonymousSupabaseUser())
    assert anonymous != SupabaseUser.from_claims({"sub": str(uuid.uuid4()), "role": "authenticated"})
    assert (anonymous.id, anonymous.pk, anonymous.email, anonymous.role, dict(anonymous.claims)) == (
        None, None, None, "anon", {}
    )
    assert str(anonymous) == "AnonymousUser"
    assert anonymous.is_authenticated is False and anonymous.is_anonymous is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [(str(uuid.uuid4()), True), ("not-a-uuid", False), (123, False), (None, False), (uuid.uuid4(), False)],
)
def test_a_user_id_is_a_uuid_string(value, expected):
    from backend.llm_api.authentication import is_uuid

    assert is_uuid(value) is expected


@probe_urls
def test_refusal_challenge_names_the_realm(api, stack_settings):
    assert call(api, "/probe/required")["WWW-Authenticate"] == 'Bearer realm="api"'
    assert call(api, "/probe/required", "a.b.c")["WWW-Authenticate"] == 'Bearer realm="api"'


# Accepted tokens -------------------------------------------------------------------------
@probe_urls
def test_es256_user_token_through_the_stacks_jwks_is_accepted(api, make_user):
    user = make_user()
    response = call(api, "/probe/required", user.access_token)
    assert response.status_code == 200, response.content
    assert response.json() == {
        "is_authenticated": True,
        "is_anonymous": False,
        "id": user.id,
        "email": user.email,
        "role": "authenticated",
        "sub": user.id,
        "type": "SupabaseUser",
    }


@probe_urls
def test_hs256_user_token_signed_with_the_project_secret_is_accepted(api, hs256_token):
    user_id = str(uuid.uuid4())
    response = call(api, "/probe/required", hs256_token(sub=user_id, email="hs@example.test"))
    assert response.status_code == 200, response.content
    assert response.json()["id"] == user_id
    assert response.json()["email"] == "hs@example.test"


@probe_urls
def test_rs256_user_token_through_a_configured_jwks_url_is_accepted(api, jwks_server, user_claims):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwks_server.serve(public_jwk(key, "rsa-key-1", alg="RS256"))
    user_id = str(uuid.uuid4())
    token = jwt.encode(user_claims(sub=user_id), key, algorithm="RS256", headers={"kid": "rsa-key-1"})
    response = call(api, "/probe/required", token)
    assert response.status_code == 200, response.content
    assert response.json()["id"] == user_id


@probe_urls
def test_expiry_within_the_leeway_is_accepted(api, stack_token, settings):
    now = int(time.time())
    token = stack_token(iat=now - 3600, exp=now - 3)
    assert call(api, "/probe/required", token).status_code == 200
    settings.SUPABASE_JWT_LEEWAY = 0
    assert_refused(call(api, "/probe/required", token), "token_expired", str(TokenExpired.default_detail))


@probe_urls
def test_session_without_iat_is_accepted(api, stack_token):
    assert call(api, "/probe/required", stack_token(iat=None)).status_code == 200


# Key cache ---------------------------------------------------------------------------------
@probe_urls
def test_jwks_is_fetched_once_and_cached(api, jwks_server, user_claims):
    key = new_ec_key()
    jwks_server.serve(public_jwk(key, "ec-cached"))
    for _ in range(5):
        token = jwt.encode(user_claims(), key, algorithm="ES256", headers={"kid": "ec-cached"})
        assert call(api, "/probe/required", token).status_code == 200
    assert jwks_server.requests == 1


@probe_urls
def test_unknown_kid_refreshes_the_jwks_once_for_key_rotation(api, settings, jwks_server, user_claims):
    settings.SUPABASE_JWKS_MIN_REFRESH_INTERVAL = 0
    old_key, new_key = new_ec_key(), new_ec_key()
    jwks_server.serve(public_jwk(old_key, "old"))
    old_token = jwt.encode(user_claims(), old_key, algorithm="ES256", headers={"kid": "old"})
    assert call(api, "/probe/required", old_token).status_code == 200
    assert jwks_server.requests == 1

    jwks_server.serve(public_jwk(new_key, "new"))  # the project rotated its signing key
    new_token = jwt.encode(user_claims(), new_key, algorithm="ES256", headers={"kid": "new"})
    assert call(api, "/probe/required", new_token).status_code == 200
    assert jwks_server.requests == 2  # exactly one refresh for the unknown kid
    assert call(api, "/probe/required", new_token).status_code == 200
    assert jwks_server.requests == 2  # and cached again

    # the retired key is gone from the set: its tokens no longer pass
    refused_token(call(api, "/probe/required", old_token))


@probe_urls
def test_flood_of_unknown_kids_does_not_hammer_the_jwks_url(api, jwks_server, user_claims):
    key = new_ec_key()
    jwks_server.serve(public_jwk(key, "real"))
    good = jwt.encode(user_claims(), key, algorithm="ES256", headers={"kid": "real"})
    assert call(api, "/probe/required", good).status_code == 200
    for _ in range(25):
        forged = jwt.encode(user_claims(), new_ec_key(), algorithm="ES256", headers={"kid": uuid.uuid4().hex})
        refused_token(call(api, "/probe/required", forged))
    assert jwks_server.requests == 1  # within the min refresh interval nothing is refetched
    assert call(api, "/probe/required", good).status_code == 200


@probe_urls
def test_unreachable_jwks_answers_503_not_401(api, settings, stack_token, free_port_url):
    """A possibly valid token we cannot check is our outage, not the caller's fault."""
    settings.SUPABASE_JWKS_URL = free_port_url
    response = call(api, "/probe/required", stack_token())
    assert response.status_code == 503, response.content
    assert response.json()["error"]["code"] == AuthenticationUnavailable.default_code


@probe_urls
def test_unreachable_jwks_logs_why(api, settings, stack_token, free_port_url, refusal_reasons):
    settings.SUPABASE_JWKS_URL = free_port_url
    assert call(api, "/probe/required", stack_token()).status_code == 503
    assert refusal_reasons()[-1] == "refused access token: JWKS unavailable: JWKS fetch failed: ConnectError"


@probe_urls
def test_slow_jwks_is_bounded_by_the_timeout(api, settings, jwks_server, local_stack, stack_token):
    settings.SUPABASE_JWKS_TIMEOUT = 0.5
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    jwks_server.delay = 3
    started = time.monotonic()
    response = call(api, "/probe/required", stack_token())
    assert time.monotonic() - started < 2.5
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "auth_unavailable"


@probe_urls
def test_jwks_error_status_is_unavailable_and_not_retried_at_once(api, jwks_server, local_stack, stack_token):
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    jwks_server.status = 500
    for _ in range(3):
        assert call(api, "/probe/required", stack_token()).status_code == 503
    assert jwks_server.requests == 1  # failures are remembered for the min refresh interval


@pytest.fixture
def free_port_url() -> str:
    """A loopback URL nothing listens on (port reserved and released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/auth/v1/.well-known/jwks.json"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_cache_refetches_after_ttl_and_keeps_stale_keys_when_refetch_fails(jwks_server, local_stack):
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    kid = local_stack.ctx.keys.kid
    clock = FakeClock()
    cache = jwks.JWKSCache(jwks_server.url, ttl=60, min_refresh_interval=5, timeout=2, clock=clock)
    assert cache.get(kid).algorithm == "ES256"
    clock.now += 59
    assert cache.get(kid) is not None and jwks_server.requests == 1
    clock.now += 2
    assert cache.get(kid) is not None and jwks_server.requests == 2  # ttl passed: refetched
    jwks_server.status = 503
    clock.now += 61
    assert cache.get(kid) is not None and jwks_server.requests == 3  # failed, stale key still serves
    assert cache.get(kid) is not None and jwks_server.requests == 3  # and no retry storm
    clock.now += 5
    cache.get(kid)
    assert jwks_server.requests == 4


def test_concurrent_first_requests_share_one_fetch(jwks_server, local_stack):
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    jwks_server.delay = 0.3
    cache = jwks.JWKSCache(jwks_server.url, ttl=600, min_refresh_interval=30, timeout=2)
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(cache.get(local_stack.ctx.keys.kid))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and all(key is not None for key in results)
    assert jwks_server.requests == 1


def test_jwks_parsing_keeps_only_verification_keys_of_accepted_types():
    ec_key, rsa_key = new_ec_key(), rsa.generate_private_key(public_exponent=65537, key_size=2048)
    small_rsa = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    p384 = ec.generate_private_key(ec.SECP384R1())
    private_jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(ec_key))
    private_jwk["kid"] = "private"
    keys = jwks.parse_jwks(
        {
            "keys": [
                public_jwk(ec_key, "ec"),
                public_jwk(rsa_key, "rsa"),
                public_jwk(small_rsa, "small-rsa"),
                public_jwk(p384, "p384"),
                public_jwk(ec_key, "ec-declared-rs256", alg="RS256"),
                public_jwk(ec_key, "enc", use="enc"),
                {"kty": "oct", "kid": "oct", "k": "c2VjcmV0"},
                private_jwk,
                {"kty": "EC", "crv": "P-256", "kid": "broken", "x": "AA", "y": "AA"},
                public_jwk(ec_key, "no-kid") | {"kid": None},
                "not a jwk",
            ]
        }
    )
    assert {kid: key.algorithm for kid, key in keys.items()} == {"ec": "ES256", "rsa": "RS256"}
    with pytest.raises(jwks.JWKSUnavailable):
        jwks.parse_jwks({"nope": []})


def small_rsa_jwk(kid: str) -> dict:
    return public_jwk(rsa.generate_private_key(public_exponent=65537, key_size=1024), kid)


def private_ec_jwk(kid: str) -> dict:
    return json.loads(jwt.algorithms.ECAlgorithm.to_jwk(new_ec_key())) | {"kid": kid}


@pytest.mark.parametrize(
    "unusable",
    [
        lambda: "not a jwk",
        lambda: public_jwk(new_ec_key(), "no-kid") | {"kid": None},
        lambda: {"kty": "oct", "kid": "oct", "k": "c2VjcmV0"},
        lambda: {"kty": "EC", "crv": "P-256", "kid": "broken", "x": "AA", "y": "AA"},
        lambda: small_rsa_jwk("small-rsa"),
        lambda: private_ec_jwk("private"),
    ],
    ids=["not-an-object", "no-kid", "symmetric", "malformed", "small-rsa", "private-key"],
)
def test_an_unusable_jwk_is_skipped_without_hiding_the_keys_after_it(unusable):
    """Skipping one entry must not end the scan: a good key listed after it still verifies."""
    good = new_ec_key()
    keys = jwks.parse_jwks({"keys": [unusable(), public_jwk(good, "good")]})
    assert list(keys) == ["good"]
    assert keys["good"].kid == "good" and keys["good"].algorithm == "ES256"


def test_malformed_jwk_is_logged_by_kid(caplog):
    jwks.parse_jwks({"keys": [{"kty": "EC", "crv": "P-256", "kid": "broken", "x": "AA", "y": "AA"}]})
    assert [r.getMessage() for r in caplog.records if r.name == jwks.logger.name] == [
        "skipping malformed JWK 'broken'"
    ]


def test_jwk_use_and_key_ops_are_optional_but_must_allow_verification():
    key = new_ec_key()
    no_use = public_jwk(key, "no-use")
    del no_use["use"]
    keys = jwks.parse_jwks(
        {
            "keys": [
                no_use,
                public_jwk(key, "verify-op", key_ops=["verify"]),
                public_jwk(key, "encrypt-op", key_ops=["encrypt"]),
                public_jwk(key, "no-ops", key_ops=[]),
            ]
        }
    )
    assert sorted(keys) == ["no-use", "verify-op"]


def serve_and_fetch(server: JWKSServer) -> dict:
    server.thread.start()
    try:
        return jwks.fetch_jwks(server.url, timeout=2)
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def test_jwks_is_requested_as_json():
    server = JWKSServer()
    server.serve(public_jwk(new_ec_key(), "ec"))
    assert list(serve_and_fetch(server)) == ["ec"]
    assert server.accept_headers == ["application/json"]


def test_jwks_redirects_are_not_followed():
    """The JWKS URL is configuration: a redirect elsewhere is an error, not a new source of keys."""
    elsewhere = JWKSServer()
    elsewhere.serve(public_jwk(new_ec_key(), "elsewhere"))
    elsewhere.thread.start()
    try:
        redirecting = JWKSServer()
        redirecting.status = 302
        redirecting.location = elsewhere.url
        with pytest.raises(jwks.JWKSUnavailable, match="^JWKS endpoint answered 302$"):
            serve_and_fetch(redirecting)
        assert elsewhere.requests == 0
    finally:
        elsewhere.httpd.shutdown()
        elsewhere.httpd.server_close()


def padded_jwks(size: int) -> bytes:
    """A valid JWKS document of exactly `size` bytes (JSON allows trailing whitespace)."""
    body = json.dumps({"keys": [public_jwk(new_ec_key(), "ec")]}).encode()
    return body + b" " * (size - len(body))


def test_jwks_size_cap_boundary():
    at_limit = JWKSServer()
    at_limit.body = padded_jwks(jwks.MAX_JWKS_BYTES)
    assert list(serve_and_fetch(at_limit)) == ["ec"]
    over = JWKSServer()
    over.body = padded_jwks(jwks.MAX_JWKS_BYTES + 1)
    with pytest.raises(jwks.JWKSUnavailable, match="^JWKS document is too large$"):
        serve_and_fetch(over)


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (500, None, "JWKS endpoint answered 500"),
        (200, b"<html>not json</html>", "JWKS document is not JSON"),
        (200, b'{"nope": []}', "JWKS document has no 'keys' list"),
        (200, b"x" * (64 * 1024 + 1), "JWKS document is too large"),
        (None, None, "JWKS fetch failed: ConnectError"),
    ],
    ids=["error-status", "not-json", "no-keys", "too-large", "unreachable"],
)
def test_first_fetch_failure_is_raised_and_logged_with_its_reason(caplog, free_port_url, status, body, reason):
    """The reason reaches the operator's log (the API's answer is only `auth_unavailable`)."""
    server = JWKSServer()
    server.status, server.body = status or 200, body
    server.thread.start()
    url = server.url if status is not None else free_port_url
    try:
        cache = jwks.JWKSCache(url, ttl=600, min_refresh_interval=30, timeout=2, clock=FakeClock())
        with pytest.raises(jwks.JWKSUnavailable) as caught:
            cache.get("any")
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
    assert str(caught.value) == reason
    assert f"JWKS refresh (ttl) from {url} failed: {reason}" in [r.getMessage() for r in caplog.records]


def test_after_a_failed_first_fetch_the_cache_answers_unavailable_without_refetching(jwks_server):
    jwks_server.status = 503
    clock = FakeClock()
    cache = jwks.JWKSCache(jwks_server.url, ttl=600, min_refresh_interval=30, timeout=2, clock=clock)
    with pytest.raises(jwks.JWKSUnavailable, match="answered 503"):
        cache.get("kid")
    clock.now += 29
    with pytest.raises(jwks.JWKSUnavailable, match="^no JWKS has been fetched yet$"):
        cache.get("kid")
    assert jwks_server.requests == 1


def test_failed_refresh_for_an_unknown_kid_is_logged_and_keeps_the_old_keys(jwks_server, local_stack, caplog):
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    clock = FakeClock()
    cache = jwks.JWKSCache(jwks_server.url, ttl=600, min_refresh_interval=0, timeout=2, clock=clock)
    assert cache.get(local_stack.ctx.keys.kid) is not None
    jwks_server.status = 500
    assert cache.get("rotated-in") is None
    assert jwks_server.requests == 2
    assert f"JWKS refresh (unknown kid) from {jwks_server.url} failed: JWKS endpoint answered 500" in [
        r.getMessage() for r in caplog.records
    ]
    assert cache.get(local_stack.ctx.keys.kid) is not None


def test_cache_refetches_exactly_when_the_ttl_is_reached(jwks_server, local_stack):
    jwks_server.serve(local_stack.ctx.keys.public_jwk)
    clock = FakeClock()
    cache = jwks.JWKSCache(jwks_server.url, ttl=60, min_refresh_interval=5, timeout=2, clock=clock)
    cache.get(local_stack.ctx.keys.kid)
    clock.now += 60
    cache.get(local_stack.ctx.keys.kid)
    assert jwks_server.requests == 2


def test_cache_defaults_match_the_settings_defaults():
    """A cache built without arguments behaves as one built from the default settings."""
    cache = jwks.JWKSCache("http://127.0.0.1:9/jwks.json")
    assert (cache.ttl, cache.min_refresh_interval, cache.timeout) == (600, 30, 5)


def test_shared_cache_is_rebuilt_only_when_its_configuration_changes():
    url = "http://127.0.0.1:9/jwks.json"
    first = jwks.shared_cache(url, ttl=5, min_refresh_interval=1, timeout=2)
    assert (first.url, first.ttl, first.min_refresh_interval, first.timeout) == (url, 5, 1, 2)
    assert jwks.shared_cache(url, ttl=5, min_refresh_interval=1, timeout=2) is first
    changed = jwks.shared_cache(url, ttl=6, min_refresh_interval=1, timeout=2)
    assert changed is not first and changed.ttl == 6


# Accepted tokens remembered --------------------------------------------------------------------
def no_full_check(*args, **kwargs):
    raise AssertionError("the token was checked in full again")


@probe_urls
def test_an_accepted_token_is_not_checked_in_full_again(api, make_user, monkeypatch):
    user = make_user()
    assert call(api, "/probe/required", user.access_token).status_code == 200
    monkeypatch.setattr(authentication.jwt, "decode", no_full_check)
    response = call(api, "/probe/required", user.access_token)
    assert response.status_code == 200, response.content
    assert response.json()["id"] == user.id and response.json()["email"] == user.email


@probe_urls
def test_a_token_differing_from_an_accepted_one_only_in_its_signature_is_refused(api, make_user):
    token = make_user().access_token
    assert call(api, "/probe/required", token).status_code == 200
    signing_input, signature = token.rsplit(".", 1)
    forged = f"{signing_input}.{('A' if signature[0] != 'A' else 'B')}{signature[1:]}"
    refused_token(call(api, "/probe/required", forged))


@probe_urls
def test_an_accepted_token_is_refused_once_its_key_leaves_the_jwks(api, settings, jwks_server, user_claims):
    settings.SUPABASE_JWKS_CACHE_TTL = 0  # every request reads the set afresh
    settings.SUPABASE_JWKS_MIN_REFRESH_INTERVAL = 0
    key = new_ec_key()
    jwks_server.serve(public_jwk(key, "leaving"))
    token = jwt.encode(user_claims(), key, algorithm="ES256", headers={"kid": "leaving"})
    assert call(api, "/probe/required", token).status_code == 200
    jwks_server.serve(public_jwk(new_ec_key(), "another"))  # the key was revoked
    refused_token(call(api, "/probe/required", token))


@probe_urls
def test_an_accepted_token_is_refused_once_its_kid_names_another_key(api, settings, jwks_server, user_claims):
    settings.SUPABASE_JWKS_CACHE_TTL = 0
    settings.SUPABASE_JWKS_MIN_REFRESH_INTERVAL = 0
    key = new_ec_key()
    jwks_server.serve(public_jwk(key, "reused"))
    token = jwt.encode(user_claims(), key, algorithm="ES256", headers={"kid": "reused"})
    assert call(api, "/probe/required", token).status_code == 200
    jwks_server.serve(public_jwk(new_ec_key(), "reused"))  # same kid, new key material
    refused_token(call(api, "/probe/required", token))


@probe_urls
def test_an_accepted_token_is_refused_once_the_jwt_secret_changes(api, settings, hs256_token):
    token = hs256_token()
    assert call(api, "/probe/required", token).status_code == 200
    settings.SUPABASE_JWT_SECRET = "a-rotated-project-secret-" + "y" * 32
    refused_token(call(api, "/probe/required", token))


def hs256_settings(leeway: float = 10) -> TokenSettings:
    return TokenSettings(jwt_secret="s" * 40, issuer="http://127.0.0.1:9/auth/v1", jwks_url="", leeway=leeway,
                         jwks_cache_ttl=600, jwks_min_refresh_interval=30, jwks_timeout=2)


def remembered(tokens: VerifiedTokens, name: bytes, config: TokenSettings, **claims) -> None:
    claims = {"sub": str(uuid.uuid4()), "exp": 2000, **claims}
    tokens.remember(name, VerifiedToken.of(claims, {"alg": "HS256"}, config.jwt_secret, config))


def test_a_remembered_token_answers_only_inside_its_time_window():
    """PyJWT's bounds, leeway included: from iat/nbf - leeway until exp + leeway (excluded)."""
    clock, config = FakeClock(), hs256_settings(leeway=10)
    tokens = VerifiedTokens(clock=clock)
    remembered(tokens, b"t", config, iat=1000, nbf=1005, exp=2000)
    for now, answers in ((994.9, False), (995, True), (2009.9, True)):
        clock.now = now
        assert (tokens.claims(b"t", config) is not None) is answers, now
    clock.now = 2010
    assert tokens.claims(b"t", config) is None
    assert len(tokens) == 0  # an expired token is forgotten


def test_a_remembered_token_answers_only_under_the_settings_it_was_checked_with():
    clock, config = FakeClock(), hs256_settings(leeway=10)
    tokens = VerifiedTokens(clock=clock)
    remembered(tokens, b"t", config)
    assert tokens.claims(b"t", config)["exp"] == 2000
    assert tokens.claims(b"t", hs256_settings(leeway=0)) is None


def test_remembered_tokens_are_bounded_least_recently_used_first_out():
    clock, config = FakeClock(), hs256_settings()
    tokens = VerifiedTokens(max_entries=2, clock=clock)
    remembered(tokens, b"a", config)
    remembered(tokens, b"b", config)
    assert tokens.claims(b"a", config) is not None  # a is now the most recently used
    remembered(tokens, b"c", config)
    assert len(tokens) == 2
    assert tokens.claims(b"b", config) is None
    assert tokens.claims(b"a", config) is not None and tokens.claims(b"c", config) is not None


def test_remembered_claims_are_copies():
    clock, config = FakeClock(), hs256_settings()
    tokens = VerifiedTokens(clock=clock)
    remembered(tokens, b"t", config, role="authenticated", app_metadata={"providers": ["email"]})
    claims = tokens.claims(b"t", config)
    claims["role"] = "service_role"
    claims["app_metadata"]["providers"].append("admin")
    assert tokens.claims(b"t", config)["role"] == "authenticated"
    assert tokens.claims(b"t", config)["app_metadata"] == {"providers": ["email"]}


# Optional variant and DRF integration ----------------------------------------------------------
@probe_urls
def test_optional_variant_lets_anonymous_callers_through(api, stack_settings):
    response = call(api, "/probe/optional")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["is_authenticated"] is False and body["is_anonymous"] is True
    assert body["id"] is None


@probe_urls
def test_optional_variant_identifies_a_valid_token(api, make_user):
    user = make_user()
    response = call(api, "/probe/optional", user.access_token)
    assert response.status_code == 200
    assert response.json()["id"] == user.id and response.json()["is_authenticated"] is True


@probe_urls
def test_optional_variant_still_refuses_a_bad_token(api, stack_token):
    refused_token(call(api, "/probe/optional", stack_token(aud="nope")))
    assert_refused(
        call(api, "/probe/optional", header="Basic Zm9vOmJhcg=="),
        "invalid_header",
        str(InvalidAuthorizationHeader.default_detail),
    )


@probe_urls
def test_is_authenticated_permission_refuses_anonymous_callers_of_the_optional_variant(api, make_user):
    response = call(api, "/probe/optional-protected")
    assert_refused(response, "not_authenticated", response.json()["error"]["message"])
    user = make_user()
    assert call(api, "/probe/optional-protected", user.access_token).json()["id"] == user.id


@probe_urls
def test_default_authentication_is_the_supabase_bearer_scheme(api, make_user):
    assert_refused(call(api, "/probe/default"), "not_authenticated", call(api, "/probe/default").json()["error"]["message"])
    user = make_user()
    response = call(api, "/probe/default", user.access_token)
    assert response.status_code == 200 and response.json()["id"] == user.id


def test_supabase_user_is_an_immutable_authenticated_identity():
    claims = {"sub": str(uuid.uuid4()), "email": "a@b.test", "role": "authenticated", "aal": "aal1"}
    user = SupabaseUser.from_claims(claims)
    assert (user.id, user.email, user.role, user.pk) == (claims["sub"], "a@b.test", "authenticated", claims["sub"])
    assert user.is_authenticated is True and user.is_anonymous is False
    assert user.claims["aal"] == "aal1"
    with pytest.raises(AttributeError):
        user.id = "other"  # type: ignore[misc]


# GET /api/auth/me ----------------------------------------------------------------------------
def profile_row(db, user_id: str) -> dict:
    cursor = db.cursor(row_factory=psycopg.rows.dict_row)
    return cursor.execute("select * from public.profiles where id = %s", (user_id,)).fetchone()


def test_me_returns_the_callers_identity_and_profile_from_the_database(api, make_user, db):
    user = make_user(metadata={"username": f"ada_{uuid.uuid4().hex[:6]}"})
    bio = f"Bio written in the database {uuid.uuid4()}"
    db.execute(
        "update public.profiles set full_name = %s, bio = %s, github_url = %s where id = %s",
        ("Ada Lovelace", bio, "https://github.com/ada", user.id),
    )
    row = profile_row(db, user.id)

    response = call(api, ME_URL, user.access_token)

    assert response.status_code == 200, response.content
    body = response.json()
    # seed 004's flat fields, then the rest of the profile and the token's role
    assert {key: body[key] for key in ("id", "email", "role", "is_active")} == {
        "id": user.id, "email": user.email, "role": "authenticated", "is_active": True,
    }
    profile = body
    assert profile["username"] == row["username"]
    assert (profile["full_name"], profile["bio"], profile["github_url"]) == ("Ada Lovelace", bio, "https://github.com/ada")
    assert profile["location"] is None and profile["avatar_path"] is None
    assert set(profile) == {
        "id", "email", "username", "full_name", "is_active", "created_at", "role", "bio", "location",
        "github_url", "linkedin_url", "website_url", "preferred_language", "avatar_path", "updated_at",
    }


def test_me_answers_each_caller_with_their_own_profile(api, make_user, db):
    first, second = make_user(), make_user()
    for user in (first, second):
        body = call(api, ME_URL, user.access_token).json()
        assert body["id"] == user.id
        assert body["username"] == profile_row(db, user.id)["username"]


def test_me_profile_fields_are_null_when_the_user_has_no_profile_row(api, make_user, db):
    user = make_user()
    db.execute("delete from public.profiles where id = %s", (user.id,))
    response = call(api, ME_URL, user.access_token)
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["email"], body["role"]) == (user.id, user.email, "authenticated")
    assert body["username"] is None and body["full_name"] is None and body["bio"] is None


def test_me_accepts_a_session_from_the_stacks_auth_server(api, stack_settings):
    """A token issued by /auth/v1 (password sign-up through the official client) is accepted."""
    from tests.conftest import make_client

    email = f"me-{uuid.uuid4().hex[:10]}@example.test"
    session = make_client(stack_settings.url, stack_settings.anon_key).auth.sign_up(
        {"email": email, "password": "correct horse battery staple"}
    ).session
    assert session is not None
    response = call(api, ME_URL, session.access_token)
    assert response.status_code == 200, response.content
    assert response.json()["email"] == email
    assert response.json()["username"] == email.split("@")[0]


def test_me_refuses_anonymous_and_bad_tokens(api, stack_settings, stack_token, hs256_token, user_claims):
    response = call(api, ME_URL)
    assert_refused(response, "not_authenticated", response.json()["error"]["message"])
    now = int(time.time())
    for token in (
        stack_token(iat=now - 7200, exp=now - 3600),
        hand_signed({"alg": "none", "typ": "JWT"}, user_claims(), lambda _: b""),
        hs256_token(secret="z" * 40),
        stack_settings.anon_key,
        stack_settings.service_key,
    ):
        assert call(api, ME_URL, token).status_code == 401


def test_me_with_supabase_unreachable_is_503(api, settings, hs256_token, issuer, free_port_url):
    token = hs256_token()
    settings.SUPABASE_JWT_ISSUER = issuer
    settings.SUPABASE_URL = free_port_url.split("/auth/")[0]
    response = call(api, ME_URL, token)
    assert response.status_code == 503, response.content
    assert response.json()["error"]["code"] == "supabase_unavailable"
