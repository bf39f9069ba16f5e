"""Access tokens of the local /auth/v1: signing with Supabase's claims, and verification.

Verification follows GoTrue rather than `StackKeys.decode`: GoTrue accepts any role in a
correctly signed token (admin endpoints then check for an admin role such as
`supabase_admin`) and does not insist on an `exp` claim, though an expired token is
always refused.
"""

from __future__ import annotations

import time
from typing import Any

import jwt

from ..keys import InvalidToken, StackKeys
from .config import AuthConfig
from .errors import AuthError, forbidden


def sign_access_token(
    keys: StackKeys,
    config: AuthConfig,
    *,
    issuer: str,
    user: dict[str, Any],
    session_id: str,
    amr: list[dict[str, Any]],
) -> tuple[str, int]:
    """An access token for the user's session and its expiry (unix seconds)."""
    now = int(time.time())
    expires_at = now + config.jwt_exp
    claims = {
        "iss": issuer,
        "sub": str(user["id"]),
        "aud": user["aud"] or config.audience,
        "exp": expires_at,
        "iat": now,
        "email": user["email"] or "",
        "phone": user["phone"] or "",
        "app_metadata": user["raw_app_meta_data"] or {},
        "user_metadata": user["raw_user_meta_data"] or {},
        "role": user["role"] or "authenticated",
        "aal": "aal1",
        "amr": amr,
        "session_id": session_id,
        "is_anonymous": bool(user["is_anonymous"]),
    }
    if config.jwt_algorithm == "HS256":
        token = jwt.encode(claims, keys.jwt_secret, algorithm="HS256")
    else:
        token = keys.sign_user_token(claims)
    return token, expires_at


def session_json(
    *, access_token: str, refresh_token: str, expires_at: int, user: dict[str, Any]
) -> dict[str, Any]:
    return {
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": max(0, expires_at - int(time.time())),
        "expires_at": expires_at,
        "refresh_token": refresh_token,
        "user": user,
    }


def _invalid(detail: str) -> AuthError:
    return forbidden("bad_jwt", f"invalid JWT: unable to parse or verify signature, {detail}")


def verify_jwt(keys: StackKeys, token: str) -> dict[str, Any]:
    """Claims of a token signed by this stack (HS256 secret or the ES256 key), of any role
    and with or without `exp`, as GoTrue accepts; refusals in GoTrue's words."""
    try:
        return keys.decode(token, require_exp=False, roles=None)
    except InvalidToken as exc:
        raise _invalid(exc.detail) from None


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer` header, or GoTrue's 401."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token")
    return token.strip()
