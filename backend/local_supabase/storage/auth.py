"""Who is calling /storage/v1, and the tokens of signed URLs.

The caller's JWT comes from `Authorization: Bearer` (falling back to the `apikey` header,
as the gateway in front of Supabase does) and is verified by the stack's keys. Signed URL
tokens are HS256 JWTs signed with the project's JWT secret that name the exact object
(`url` = "<bucket>/<name>") and what they allow (`scope`: download or upload); a token
for one object or one action is useless for any other.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import jwt
from starlette.requests import Request

from ..keys import InvalidToken, StackKeys
from . import errors

SCOPE_DOWNLOAD = "download"
SCOPE_UPLOAD = "upload"
SIGNED_UPLOAD_URL_LIFETIME = 2 * 3600  # Supabase's default for signed upload URLs
MAX_EXPIRES_IN = 10 * 365 * 24 * 3600
_BEARER = re.compile(r"^Bearer\s+", re.IGNORECASE)
ANONYMOUS = {"role": "anon"}


@dataclass(frozen=True)
class Caller:
    claims: dict[str, Any]
    authenticated: bool

    @property
    def role(self) -> str:
        return self.claims.get("role") or "anon"

    @property
    def owner(self) -> str | None:
        sub = self.claims.get("sub")
        return sub if isinstance(sub, str) and sub else None


def request_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    token = _BEARER.sub("", header).strip() if header else ""
    return token or request.headers.get("apikey", "").strip()


def identify_caller(request: Request, keys: StackKeys, *, allow_anonymous: bool) -> Caller:
    """The verified caller; routes that serve public objects accept a missing/invalid JWT."""
    token = request_token(request)
    if not token:
        if allow_anonymous:
            return Caller(dict(ANONYMOUS), authenticated=False)
        raise errors.access_denied("Invalid JWT: no token provided")
    try:
        claims = keys.decode(token)
        if claims.get("scope") in (SCOPE_DOWNLOAD, SCOPE_UPLOAD) or "url" in claims:
            raise InvalidToken("bad_jwt", "Invalid JWT: a signed URL token is not a credential")
    except InvalidToken as exc:
        if allow_anonymous:
            return Caller(dict(ANONYMOUS), authenticated=False)
        raise errors.access_denied(exc.message) from exc
    return Caller(claims, authenticated=True)


def parse_expires_in(value: Any) -> int:
    """`expiresIn` as Supabase accepts it: a positive integer (storage-py sends a string)."""
    if isinstance(value, bool):
        raise errors.invalid_parameter("expiresIn")
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or value < 1 or value > MAX_EXPIRES_IN:
        raise errors.invalid_parameter("expiresIn")
    return value


def sign_object_token(
    keys: StackKeys, url: str, scope: str, expires_in: int, **extra: Any
) -> str:
    now = int(time.time())
    claims = {**extra, "url": url, "scope": scope, "iat": now, "exp": now + expires_in}
    return jwt.encode(claims, keys.jwt_secret, algorithm="HS256")


def verify_object_token(keys: StackKeys, token: str | None, url: str, scope: str) -> dict[str, Any]:
    """Claims of a signed URL token valid for exactly this object and action."""
    if not token:
        raise errors.invalid_request("querystring must have required property 'token'")
    try:
        claims = jwt.decode(
            token, keys.jwt_secret, algorithms=["HS256"],
            options={"verify_aud": False, "require": ["exp"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise errors.invalid_jwt("jwt expired") from exc
    except jwt.InvalidSignatureError as exc:
        raise errors.invalid_jwt("invalid signature") from exc
    except jwt.PyJWTError as exc:
        raise errors.invalid_jwt("jwt malformed") from exc
    if claims.get("scope") != scope:
        raise errors.invalid_signature(f"Token is not scoped for {scope}")
    if claims.get("url") != url:
        raise errors.invalid_signature()
    return claims
