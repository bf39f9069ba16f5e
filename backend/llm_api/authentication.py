"""Supabase access tokens as DRF authentication: `Authorization: Bearer <access token>`.

A token is accepted only if all of these hold:
- its signature verifies with a key we trust, under the one algorithm that key is for:
  HS256 with the project's JWT secret, or ES256/RS256 with a key of the project's JWKS
  picked by the token's `kid` (see `jwks.py`); `alg: none`, other algorithms, HS256 tokens
  signed with anything but the secret (e.g. the public key: algorithm confusion) fail;
- `exp` is in the future and `nbf`/`iat` (if present) not in the future, give or take
  `SUPABASE_JWT_LEEWAY` seconds;
- `aud` is `authenticated`, `iss` is the project's Auth URL (`SUPABASE_URL/auth/v1`, or
  `SUPABASE_JWT_ISSUER`), `sub` is a user id (UUID) and `role` is `authenticated`, which
  keeps the anon and service_role API keys and other projects' tokens out.

Every refusal is a 401 whose JSON body carries only a short code (`invalid_header`,
`invalid_token`, `token_expired`, or `not_authenticated` when no token was sent); the
reason is logged, never returned. DRF adds `WWW-Authenticate` from `authenticate_header`.

When the JWKS cannot be fetched and no cached copy knows the token's key, the answer is
503 `auth_unavailable`, not 401: the token may well be valid, and a 401 would make a
front end throw away a good session because of our outage.

A token that passed is remembered (`VerifiedTokens`), so a session's next requests skip the
signature check and PyJWT's parsing (most of authentication's time), but only while all of
the above still holds for it: same settings, the same key still published for its `kid`,
and the time within its `nbf`/`iat`..`exp` window.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

import jwt
from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from .jwks import JWKSUnavailable, VerificationKey, shared_cache

logger = logging.getLogger(__name__)

AUDIENCE = "authenticated"
USER_ROLE = "authenticated"
ASYMMETRIC_ALGORITHMS = ("ES256", "RS256")
REQUIRED_CLAIMS = ["exp", "sub", "aud", "iss", "role"]
MAX_TOKEN_LENGTH = 8192
# RFC 6750 b64token: the only characters a bearer token may contain.
BEARER_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
VERIFIED_TOKENS_MAX = 1024  # accepted tokens remembered per process (a few KB each)


# Errors ------------------------------------------------------------------------------
class InvalidAuthorizationHeader(exceptions.AuthenticationFailed):
    default_detail = "The Authorization header must be 'Bearer <access token>'."
    default_code = "invalid_header"


class InvalidToken(exceptions.AuthenticationFailed):
    default_detail = "The access token is invalid."
    default_code = "invalid_token"


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = "The access token has expired."
    default_code = "token_expired"


class AuthenticationUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Access tokens cannot be verified right now; try again shortly."
    default_code = "auth_unavailable"


# Users -------------------------------------------------------------------------------
@dataclass(frozen=True)
class SupabaseUser:
    """The caller behind a verified access token; `claims` are the token's claims."""

    id: str
    email: str | None
    role: str
    claims: Mapping[str, Any] = field(repr=False, compare=False, hash=False)

    is_authenticated: ClassVar[bool] = True
    is_anonymous: ClassVar[bool] = False

    @property
    def pk(self) -> str:
        """What DRF throttles and Django idioms look for."""
        return self.id

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> SupabaseUser:
        email = claims.get("email")
        return cls(
            id=str(claims["sub"]),
            email=email if isinstance(email, str) and email else None,
            role=str(claims["role"]),
            claims=dict(claims),
        )

    def __str__(self) -> str:
        return self.email or self.id


class AnonymousSupabaseUser:
    """`request.user` when no token was sent (REST_FRAMEWORK["UNAUTHENTICATED_USER"])."""

    id = None
    pk = None
    email = None
    role = "anon"
    claims: Mapping[str, Any] = MappingProxyType({})
    is_authenticated = False
    is_anonymous = True

    def __bool__(self) -> bool:
        """Falsy, so `if request.user:` means "someone signed in" either way."""
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AnonymousSupabaseUser)

    def __hash__(self) -> int:
        return 1

    def __str__(self) -> str:
        return "AnonymousUser"


# Configuration -------------------------------------------------------------------------
@dataclass(frozen=True)
class TokenSettings:
    jwt_secret: str
    issuer: str
    jwks_url: str
    leeway: float
    jwks_cache_ttl: float
    jwks_min_refresh_interval: float
    jwks_timeout: float

    @classmethod
    def from_django(cls) -> TokenSettings:
        """Read at request time, so a changed setting (or a test's override) applies at once."""
        base = getattr(settings, "SUPABASE_URL", "").rstrip("/")
        return cls(
            jwt_secret=getattr(settings, "SUPABASE_JWT_SECRET", ""),
            issuer=getattr(settings, "SUPABASE_JWT_ISSUER", "") or (f"{base}/auth/v1" if base else ""),
            jwks_url=getattr(settings, "SUPABASE_JWKS_URL", "")
            or (f"{base}/auth/v1/.well-known/jwks.json" if base else ""),
            leeway=float(getattr(settings, "SUPABASE_JWT_LEEWAY", 10)),
            jwks_cache_ttl=float(getattr(settings, "SUPABASE_JWKS_CACHE_TTL", 600)),
            jwks_min_refresh_interval=float(getattr(settings, "SUPABASE_JWKS_MIN_REFRESH_INTERVAL", 30)),
            jwks_timeout=float(getattr(settings, "SUPABASE_JWKS_TIMEOUT", 5)),
        )


# Verification ----------------------------------------------------------------------------
def bearer_token(header: str) -> str:
    """The token of an `Authorization: Bearer <token>` header; anything else is refused."""
    parts = header.split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        raise InvalidAuthorizationHeader()
    token = parts[1]
    if len(token) > MAX_TOKEN_LENGTH or not BEARER_TOKEN.fullmatch(token):
        raise InvalidAuthorizationHeader()
    return token


def refuse(reason: str, error: type[exceptions.APIException] = InvalidToken) -> exceptions.APIException:
    """Log why (server side only) and return the generic error to raise."""
    logger.info("refused access token: %s", reason)
    return error()


def verification_key(header: Mapping[str, Any], config: TokenSettings) -> tuple[Any, str]:
    """The key to check this token with and the only algorithm that key may verify."""
    alg = header.get("alg")
    if alg == "HS256":
        if not config.jwt_secret:
            raise refuse("HS256 token but no SUPABASE_JWT_SECRET is configured")
        return config.jwt_secret, "HS256"
    if alg not in ASYMMETRIC_ALGORITHMS:
        raise refuse(f"algorithm {alg!r} is not accepted")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise refuse("asymmetric token without a kid")
    if not config.jwks_url:
        raise refuse("no JWKS URL configured", AuthenticationUnavailable)
    cache = shared_cache(
        config.jwks_url,
        ttl=config.jwks_cache_ttl,
        min_refresh_interval=config.jwks_min_refresh_interval,
        timeout=config.jwks_timeout,
    )
    try:
        key: VerificationKey | None = cache.get(kid)
    except JWKSUnavailable as exc:
        raise refuse(f"JWKS unavailable: {exc}", AuthenticationUnavailable) from exc
    if key is None:
        raise refuse("kid not in the project's JWKS")
    return key.jwk, key.algorithm


def verify_access_token(token: str, config: TokenSettings | None = None) -> dict[str, Any]:
    """Claims of a valid Supabase user access token; raises a DRF error otherwise."""
    config = config or TokenSettings.from_django()
    if not config.issuer:
        raise refuse("SUPABASE_URL / SUPABASE_JWT_ISSUER is not configured", AuthenticationUnavailable)
    digest = hashlib.sha256(token.encode()).digest()
    claims = verified_tokens.claims(digest, config)
    if claims is not None:
        return claims
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise refuse(f"unreadable token: {exc}") from exc
    key, algorithm = verification_key(header, config)
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=AUDIENCE,
            issuer=config.issuer,
            leeway=config.leeway,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.ExpiredSignatureError as exc:
        raise refuse("expired", TokenExpired) from exc
    except jwt.PyJWTError as exc:
        raise refuse(f"{exc.__class__.__name__}: {exc}") from exc
    if claims.get("role") != USER_ROLE:
        raise refuse(f"role {claims.get('role')!r} is not a user role")
    if not is_uuid(claims.get("sub")):
        raise refuse("sub is not a user id")
    verified_tokens.remember(digest, VerifiedToken.of(claims, header, key, config))
    return claims


@dataclass(frozen=True)
class VerifiedToken:
    """What a token's acceptance rested on: the settings, its header's `alg`/`kid`, the key object
    it verified with, and the window [not_before, not_after) in which PyJWT accepts its times. The
    claims are kept as JSON (what the token carried), so each request gets a fresh copy to keep."""

    claims_json: str
    header: Mapping[str, Any]
    key: Any
    config: TokenSettings
    not_before: float
    not_after: float

    @classmethod
    def of(cls, claims: Mapping[str, Any], header: Mapping[str, Any], key: Any,
           config: TokenSettings) -> VerifiedToken:
        # PyJWT's own rule: refused once exp <= now - leeway, or iat / nbf > now + leeway (as ints).
        starts = [int(claims[name]) for name in ("iat", "nbf") if name in claims]
        return cls(
            claims_json=json.dumps(claims),
            header=MappingProxyType({"alg": header.get("alg"), "kid": header.get("kid")}),
            key=key,
            config=config,
            not_before=max(starts, default=float("-inf")) - config.leeway,
            not_after=int(claims["exp"]) + config.leeway,
        )


class VerifiedTokens:
    """Accepted tokens by SHA-256 (the bearer tokens themselves are not kept), least recently used
    first out beyond `max_entries`; refusals are never stored, so a bad token costs a full check.

    An entry answers only while everything its acceptance rested on holds: the same settings, the
    key its `kid` resolves to now is the very one it verified with (a key removed from or replaced
    in the JWKS is refused or checked afresh), and the clock is inside the token's window. Anything
    else falls through to the full check, which gives the refusal its usual code and log line."""

    def __init__(self, max_entries: int = VERIFIED_TOKENS_MAX, clock=time.time) -> None:
        self.max_entries = max_entries
        self.clock = clock
        self._entries: OrderedDict[bytes, VerifiedToken] = OrderedDict()
        self._lock = threading.Lock()

    def claims(self, digest: bytes, config: TokenSettings) -> dict[str, Any] | None:
        """A fresh copy of the claims of the accepted token with this digest, or None: check it in full."""
        with self._lock:
            entry = self._entries.get(digest)
            if entry is not None:
                self._entries.move_to_end(digest)
        if entry is None or entry.config != config:
            return None
        now = self.clock()
        if now >= entry.not_after:
            self.forget(digest)
            return None
        if now < entry.not_before:
            return None
        key, _ = verification_key(entry.header, config)  # a kid no longer published is refused here
        if key != entry.key:  # another key now (an HS256 secret, or a key object, compared by value)
            return None
        return json.loads(entry.claims_json)  # nothing a caller does to them reaches the next request

    def remember(self, digest: bytes, entry: VerifiedToken) -> None:
        with self._lock:
            self._entries[digest] = entry
            self._entries.move_to_end(digest)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def forget(self, digest: bytes) -> None:
        with self._lock:
            self._entries.pop(digest, None)

    def clear(self) -> None:
        """Forget every token (tests, or after changing keys by hand)."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


verified_tokens = VerifiedTokens()


def is_uuid(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# DRF classes ----------------------------------------------------------------------------
class SupabaseJWTAuthentication(BaseAuthentication):
    """Requires a valid Supabase access token: no Authorization header is a 401 too."""

    www_authenticate_realm = "api"

    def authenticate(self, request: Request) -> tuple[SupabaseUser, str] | None:
        header = request.META.get("HTTP_AUTHORIZATION")
        if header is None:
            return self.no_credentials()
        token = bearer_token(header)
        return SupabaseUser.from_claims(verify_access_token(token)), token

    def no_credentials(self) -> None:
        raise exceptions.NotAuthenticated()

    def authenticate_header(self, request: Request) -> str:
        return f'Bearer realm="{self.www_authenticate_realm}"'


class OptionalSupabaseJWTAuthentication(SupabaseJWTAuthentication):
    """For endpoints open to anonymous callers: no header means anonymous, but a header
    that is present must carry a valid token (a bad token is never silently ignored)."""

    def no_credentials(self) -> None:
        return None


class SupabaseJWTScheme(OpenApiAuthenticationExtension):
    """Describes the bearer scheme in the OpenAPI schema (drf-spectacular finds it by class).

    Whether anonymous callers are welcome is added by drf-spectacular from the permissions.
    """

    target_class = SupabaseJWTAuthentication
    match_subclasses = True
    name = "SupabaseJWT"

    def get_security_definition(self, auto_schema) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "A Supabase Auth access token (`Authorization: Bearer <token>`).",
        }


class BlankHeaderAnonymousAuthentication(OptionalSupabaseJWTAuthentication):
    """Optional authentication for seed 002's front ends, which send `Authorization: ''` when
    signed out: a blank header is anonymous too; any other header must carry a valid token."""

    def authenticate(self, request: Request) -> tuple[SupabaseUser, str] | None:
        if not (request.META.get("HTTP_AUTHORIZATION") or "").strip():
            return None
        return super().authenticate(request)


class SupabaseJWTOptionalScheme(SupabaseJWTScheme):
    """The same bearer scheme, named apart: drf-spectacular keys a scheme by its class."""

    target_class = BlankHeaderAnonymousAuthentication
    name = "SupabaseJWTOptional"
    priority = 1

