"""Keys of the local stack: the legacy HS256 JWT secret and an ES256 signing key.

As on a current Supabase project, the anon and service_role API keys are HS256 JWTs
signed with the project's JWT secret, while user access tokens are signed with an
asymmetric key (ES256) that the JWKS publishes. Keys are generated once per data dir.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

API_KEY_LIFETIME = 10 * 365 * 24 * 3600
ALLOWED_ROLES = ("anon", "authenticated", "service_role")


class InvalidToken(Exception):
    """A JWT the stack refuses; `code` is short and safe to show, `detail` says why in
    the words GoTrue uses (its /auth/v1 errors repeat them)."""

    def __init__(self, code: str, message: str = "Invalid JWT", detail: str = "token is invalid") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail


@dataclass
class StackKeys:
    jwt_secret: str
    signing_key_pem: str
    kid: str
    # Fixed per data dir, so the anon/service keys a `.env` holds survive restarts.
    issued_at: int = 1_700_000_000

    @classmethod
    def load_or_create(cls, data_dir: Path, jwt_secret: str | None = None) -> StackKeys:
        """Read `keys.json` from the data dir, creating it the first time.

        `jwt_secret` (e.g. SUPABASE_JWT_SECRET from the environment) overrides the stored
        secret, so fixtures carrying Supabase's published demo keys work unchanged.
        """
        path = Path(data_dir) / "keys.json"
        if path.exists():
            os.chmod(path, 0o600)  # owner only, also for a file copied in with wider modes
            stored = json.loads(path.read_text())
        else:
            key = ec.generate_private_key(ec.SECP256R1())
            stored = {
                "jwt_secret": secrets.token_urlsafe(48),
                "signing_key_pem": key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                ).decode(),
                "kid": secrets.token_hex(8),
                "issued_at": int(time.time()),
            }
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as handle:
                json.dump(stored, handle)
        if jwt_secret:
            stored["jwt_secret"] = jwt_secret
        return cls(**stored)

    def __post_init__(self) -> None:
        self._private_key = serialization.load_pem_private_key(
            self.signing_key_pem.encode(), password=None
        )
        self._public_key = self._private_key.public_key()

    # API keys ----------------------------------------------------------------------
    def api_key(self, role: str) -> str:
        claims = {
            "iss": "supabase-demo", "role": role,
            "iat": self.issued_at, "exp": self.issued_at + API_KEY_LIFETIME,
        }
        return jwt.encode(claims, self.jwt_secret, algorithm="HS256")

    @property
    def anon_key(self) -> str:
        return self._cached("anon")

    @property
    def service_key(self) -> str:
        return self._cached("service_role")

    def _cached(self, role: str) -> str:
        cache = self.__dict__.setdefault("_api_keys", {})
        if role not in cache:
            cache[role] = self.api_key(role)
        return cache[role]

    # User tokens ---------------------------------------------------------------------
    def sign_user_token(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self._private_key, algorithm="ES256", headers={"kid": self.kid})

    @property
    def public_jwk(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self._public_key))
        jwk.update({"kid": self.kid, "alg": "ES256", "use": "sig", "key_ops": ["verify"]})
        return jwk

    def jwks(self) -> dict[str, Any]:
        """Only the asymmetric key: a JWKS never lists HMAC secrets."""
        return {"keys": [self.public_jwk]}

    # Verification -----------------------------------------------------------------------
    def decode(
        self,
        token: str,
        *,
        leeway: int = 0,
        require_exp: bool = True,
        roles: tuple[str, ...] | None = ALLOWED_ROLES,
    ) -> dict[str, Any]:
        """Verify a token issued by this stack (HS256 secret or ES256 key); return claims.

        Only the algorithm each key is meant for is accepted, so `alg: none` and
        HS256-signed-with-the-public-key tokens fail. Auth's admin endpoints, like GoTrue,
        take tokens without `exp` and of any role (`require_exp=False, roles=None`).
        """
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken("bad_jwt", "Invalid JWT", "token is malformed") from exc
        alg = header.get("alg")
        if alg == "HS256":
            key: Any = self.jwt_secret
        elif alg == "ES256":
            if header.get("kid") not in (None, self.kid):
                raise InvalidToken("bad_jwt", "Invalid JWT: unknown key",
                                   "token is unverifiable: no key with that kid")
            key = self._public_key
        else:
            raise InvalidToken("bad_jwt", "Invalid JWT: unsupported algorithm",
                               f"token is unverifiable: signing method {alg} is invalid")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[alg],
                options={"verify_aud": False, "require": ["exp"] if require_exp else []},
                leeway=leeway,
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken("jwt_expired", "JWT expired", "token has invalid claims: token is expired") from exc
        except jwt.PyJWTError as exc:
            raise InvalidToken("bad_jwt", "Invalid JWT", "token signature is invalid") from exc
        role = claims.get("role", "anon")
        if roles is not None and role not in roles:
            raise InvalidToken("bad_jwt", f"Invalid JWT: role {role!r} is not allowed", "token role is not allowed")
        return claims
