"""Who is calling /rest/v1: the JWT from `Authorization: Bearer`, else `apikey`."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from starlette.requests import Request

from ..keys import InvalidToken
from .errors import RestError


class VerifiedTokens:
    """Claims of recently verified JWTs, so a client reusing its token skips re-verification.

    Keyed by the exact token text (same bytes, same signature check result); expiry is
    still checked on every use. Bounded, least recently used entries go first.
    """

    def __init__(self, decode: Callable[[str], dict[str, Any]], size: int = 1024) -> None:
        self._decode = decode
        self._size = size
        self._claims: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def claims(self, token: str) -> dict[str, Any]:
        with self._lock:
            cached = self._claims.get(token)
            if cached is not None:
                self._claims.move_to_end(token)
        if cached is not None:
            if cached.get("exp", 0) <= time.time():
                raise InvalidToken("jwt_expired", "JWT expired")
            return cached
        claims = self._decode(token)
        with self._lock:
            self._claims[token] = claims
            while len(self._claims) > self._size:
                self._claims.popitem(last=False)
        return claims


class MissingApiKey(RestError):
    """Supabase's API gateway answer when no key is sent: `{"message", "hint"}` only."""

    def __init__(self) -> None:
        super().__init__(401, "", "No API key found in request",
                         hint="No `apikey` request header or url param was found.")

    def body(self) -> dict[str, Any]:
        return {"message": self.message, "hint": self.hint}


def authenticate(request: Request, tokens: VerifiedTokens) -> dict[str, Any]:
    """The caller's claims; 401 in PostgREST's shape for a missing, bad or expired JWT."""
    authorization = request.headers.get("authorization", "")
    token = authorization[7:].strip() if authorization.lower().startswith("bearer ") else ""
    token = token or request.headers.get("apikey", "") or request.query_params.get("apikey", "")
    if not token:
        raise MissingApiKey()
    try:
        return tokens.claims(token)
    except InvalidToken as exc:
        code = "PGRST303" if exc.code == "jwt_expired" else "PGRST301"
        raise RestError(
            401, code, exc.message,
            headers={"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{exc.message}"'},
        ) from None
