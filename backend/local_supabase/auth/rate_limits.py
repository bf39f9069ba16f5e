"""Per-IP request limits on /auth/v1, as Supabase Auth (GoTrue) applies them.

Matched against supabase/auth `internal/api/apilimiter/apilimiter.go`, `internal/api/api.go`,
`internal/api/token.go` and `internal/api/middleware.go` (performRateLimiting):

- each limit is a token bucket (tollbooth over golang.org/x/time/rate) per client key, full
  at first, refilled continuously, a refused request costing nothing;
- `/token` (password and refresh grants share one bucket): GOTRUE_RATE_LIMIT_TOKEN_REFRESH
  (150) per 5 minutes = 1800 an hour, burst 30;
- `/verify` (GET and POST): GOTRUE_RATE_LIMIT_VERIFY (30) per 5 minutes = 360 an hour, burst 30;
- e-mail sign-up, `/recover`, `/resend` and `PUT /user`: GOTRUE_RATE_LIMIT_OTP (30) per
  5 minutes, burst 30, one bucket per endpoint;
- anonymous sign-ins: GOTRUE_RATE_LIMIT_ANONYMOUS_USERS (30) an hour, burst the same 30;
- over the limit: 429 `over_request_rate_limit`, "Request rate limit reached".

The key is the first value of GOTRUE_RATE_LIMIT_HEADER (set by Supabase's trusted proxy;
`LOCAL_AUTH_RATE_LIMIT_HEADER` here). Without that header GoTrue limits nothing; the local
stack is its own gateway, so it keys on the peer address instead, and never on a client-sent
X-Forwarded-For unless told to trust it. GoTrue's burst of 30 is fixed; here it is a setting
(`LOCAL_AUTH_RATE_LIMIT_BURST`) so tests can reach a limit in a few requests.
Not modelled: the project-wide e-mail send limit (GOTRUE_RATE_LIMIT_EMAIL_SENT), since the
local stack sends no e-mail.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from starlette.requests import Request

from .config import AuthConfig
from .errors import AuthError

FIVE_MINUTES = 5 * 60
ONE_HOUR = 60 * 60
RATE_LIMIT_MESSAGE = "Request rate limit reached"
_SWEEP_ABOVE = 10_000  # keys kept before full (hence forgettable) buckets are dropped


def over_rate_limit() -> AuthError:
    return AuthError(429, "over_request_rate_limit", RATE_LIMIT_MESSAGE)


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBucket:
    """x/time/rate's limiter, one bucket per key: `rate` tokens a second, at most `burst`."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= _SWEEP_ABOVE:
                    self._forget_full(now)
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
            else:
                bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
                bucket.updated = now
            if bucket.tokens < 1:
                return False
            bucket.tokens -= 1
            return True

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled: a new one starts full, so nothing is lost."""
        for key in [key for key, bucket in self._buckets.items()
                    if bucket.tokens + (now - bucket.updated) * self.rate >= self.burst]:
            del self._buckets[key]


class AuthRateLimits:
    """The buckets of one /auth/v1 app, by GoTrue's limiter names."""

    def __init__(self, config: AuthConfig) -> None:
        burst = config.rate_limit_burst
        self.header = config.rate_limit_header
        self.buckets = {
            "token": TokenBucket(config.rate_limit_token_refresh / FIVE_MINUTES, burst),
            "verify": TokenBucket(config.rate_limit_verify / FIVE_MINUTES, burst),
            "signup": TokenBucket(config.rate_limit_otp / FIVE_MINUTES, burst),
            "recover": TokenBucket(config.rate_limit_otp / FIVE_MINUTES, burst),
            "resend": TokenBucket(config.rate_limit_otp / FIVE_MINUTES, burst),
            "user": TokenBucket(config.rate_limit_otp / FIVE_MINUTES, burst),
            "anonymous": TokenBucket(config.rate_limit_anonymous_users / ONE_HOUR,
                                     max(1, int(config.rate_limit_anonymous_users))),
        }

    def client_key(self, request: Request) -> str:
        """The trusted header's first value when configured and present, else the peer address.

        GoTrue skips limiting a request that lacks the configured header; falling back to the
        peer address instead is stricter, so a proxy that forgets the header opens no bypass.
        """
        if self.header:
            first = request.headers.get(self.header, "").split(",", 1)[0].strip()
            if first:
                return first
        return request.client.host if request.client else ""

    def check(self, name: str, request: Request) -> None:
        """Spend one request from the caller's bucket `name`, or raise GoTrue's 429."""
        if not self.buckets[name].allow(self.client_key(request)):
            raise over_rate_limit()
