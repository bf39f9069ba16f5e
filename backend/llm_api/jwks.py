"""A small, bounded cache of the Supabase project's JSON Web Key Set.

User access tokens of a current Supabase project are signed with an asymmetric key
(ES256 or RS256) published at `<SUPABASE_URL>/auth/v1/.well-known/jwks.json`. Verifying
a token must not cost a network round trip, and a flood of tokens naming random `kid`s
must not turn this API into an amplifier against the JWKS endpoint, so:

- the set is fetched with a short timeout and a size cap, then cached for `ttl` seconds;
- an unknown `kid` triggers at most one refetch per `min_refresh_interval` seconds
  (covers key rotation without letting attackers force fetches);
- a failed fetch is remembered for `min_refresh_interval` too (no retry storm while the
  endpoint is down); keys fetched earlier keep serving until a fetch succeeds;
- only keys whose type dictates ES256 (EC P-256) or RS256 (RSA >= 2048 bits) are kept:
  the algorithm comes from the key, never from a token header, and a JWKS never gets to
  supply an HMAC secret.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from time import monotonic
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

logger = logging.getLogger(__name__)

MAX_JWKS_BYTES = 64 * 1024
MIN_RSA_KEY_BITS = 2048


class JWKSUnavailable(Exception):
    """The key set could not be fetched (network error, bad status, bad document)."""


@dataclass(frozen=True)
class VerificationKey:
    """One public key from the set, bound to the only algorithm it may verify."""

    kid: str
    algorithm: str
    jwk: jwt.PyJWK


def algorithm_for_jwk(jwk: dict[str, Any]) -> str | None:
    """The signing algorithm a JWK's type dictates, or None if we do not accept the key.

    A declared `alg` must agree with the type; `use`/`key_ops`, when present, must allow
    signature verification. Symmetric (`oct`) keys are never accepted from a JWKS.
    """
    kty = jwk.get("kty")
    if kty == "EC" and jwk.get("crv") == "P-256":
        algorithm = "ES256"
    elif kty == "RSA":
        algorithm = "RS256"
    else:
        return None
    if jwk.get("alg", algorithm) != algorithm:
        return None
    if jwk.get("use", "sig") != "sig":
        return None
    key_ops = jwk.get("key_ops")
    if key_ops is not None and "verify" not in key_ops:
        return None
    return algorithm


def parse_jwks(document: Any) -> dict[str, VerificationKey]:
    """Usable keys of a JWKS document by `kid`; unusable entries are skipped, not fatal."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise JWKSUnavailable("JWKS document has no 'keys' list")
    keys: dict[str, VerificationKey] = {}
    for entry in document["keys"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("kid"), str):
            continue
        algorithm = algorithm_for_jwk(entry)
        if algorithm is None:
            continue
        try:
            key = jwt.PyJWK(entry, algorithm=algorithm)
        except jwt.PyJWTError:
            logger.warning("skipping malformed JWK %r", entry.get("kid"))
            continue
        if isinstance(key.key, rsa.RSAPublicKey) and key.key.key_size < MIN_RSA_KEY_BITS:
            continue
        if not hasattr(key.key, "verify") or hasattr(key.key, "sign"):
            continue  # a private key in a public set is a misconfiguration; refuse it
        keys[entry["kid"]] = VerificationKey(kid=entry["kid"], algorithm=algorithm, jwk=key)
    return keys


def fetch_jwks(url: str, timeout: float) -> dict[str, VerificationKey]:
    """GET the set with a bounded time and size; no redirects (the URL is configured)."""
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            with client.stream("GET", url, headers={"Accept": "application/json"}) as response:
                if response.status_code != 200:
                    raise JWKSUnavailable(f"JWKS endpoint answered {response.status_code}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_JWKS_BYTES:
                        raise JWKSUnavailable("JWKS document is too large")
    except httpx.HTTPError as exc:
        raise JWKSUnavailable(f"JWKS fetch failed: {exc.__class__.__name__}") from exc
    try:
        document = json.loads(body)
    except ValueError as exc:
        raise JWKSUnavailable("JWKS document is not JSON") from exc
    return parse_jwks(document)


class JWKSCache:
    """Thread-safe cache over one JWKS URL; see the module docstring for the policy."""

    def __init__(
        self,
        url: str,
        *,
        ttl: float = 600.0,
        min_refresh_interval: float = 30.0,
        timeout: float = 5.0,
        clock=monotonic,
    ) -> None:
        self.url = url
        self.ttl = ttl
        self.min_refresh_interval = min_refresh_interval
        self.timeout = timeout
        self.clock = clock
        self._keys: dict[str, VerificationKey] = {}
        self._fetched_at: float | None = None  # last successful fetch
        self._attempted_at: float | None = None  # last attempt, successful or not
        self._lock = threading.Lock()

    def get(self, kid: str) -> VerificationKey | None:
        """The key for `kid`, or None if the (fresh enough) set does not have it.

        Raises JWKSUnavailable only when the set cannot be fetched and no earlier copy
        can answer for this `kid`.
        """
        with self._lock:
            if self._is_expired():
                self._refresh(reason="ttl")
            key = self._keys.get(kid)
            if key is None and self._may_refresh():
                self._refresh(reason="unknown kid")
                key = self._keys.get(kid)
            if key is None and self._fetched_at is None:
                raise JWKSUnavailable("no JWKS has been fetched yet")
            return key

    def _is_expired(self) -> bool:
        if self._fetched_at is None:
            return self._may_refresh()
        return self.clock() - self._fetched_at >= self.ttl and self._may_refresh()

    def _may_refresh(self) -> bool:
        return self._attempted_at is None or self.clock() - self._attempted_at >= self.min_refresh_interval

    def _refresh(self, *, reason: str) -> None:
        self._attempted_at = self.clock()
        try:
            keys = fetch_jwks(self.url, self.timeout)
        except JWKSUnavailable as exc:
            logger.warning("JWKS refresh (%s) from %s failed: %s", reason, self.url, exc)
            if self._fetched_at is None:
                raise
            return  # keep serving the keys we have
        self._keys = keys
        self._fetched_at = self._attempted_at


_current: JWKSCache | None = None
_current_lock = threading.Lock()


def shared_cache(url: str, *, ttl: float, min_refresh_interval: float, timeout: float) -> JWKSCache:
    """The process-wide cache for this configuration (rebuilt when the configuration changes)."""
    global _current
    with _current_lock:
        cache = _current
        if cache is None or (cache.url, cache.ttl, cache.min_refresh_interval, cache.timeout) != (
            url, ttl, min_refresh_interval, timeout,
        ):
            cache = JWKSCache(url, ttl=ttl, min_refresh_interval=min_refresh_interval, timeout=timeout)
            _current = cache
        return cache


def reset_shared_cache() -> None:
    """Forget the process-wide cache (tests, or after changing keys by hand)."""
    global _current
    with _current_lock:
        _current = None
