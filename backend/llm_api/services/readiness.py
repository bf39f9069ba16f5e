"""`GET /api/ready`: can this process serve interviews? Supabase and the model, reported apart.

Ready means Supabase answers (the system of record: without it nothing can be stored).
The model is reported but does not decide readiness: when it is down, the offline engine
words each turn (and scores answers), so interviews go on. The model check is one
`GET {OPENAI_BASE_URL}/models` bounded by READINESS_MODEL_TIMEOUT (2 s, no retries), its
result cached per process for READINESS_MODEL_CACHE_SECONDS (30 s) so probes do not load the
model server; it is never made when no model is configured (LLM_PROVIDER offline, or no
OPENAI_API_KEY/OPENAI_BASE_URL).
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Literal

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.services.interview_engine import provider

DEFAULT_BASE_URL = "https://api.openai.com/v1"


@dataclass(frozen=True)
class SupabaseCheck:
    ok: bool
    latency_ms: float
    error: str | None = None


@dataclass(frozen=True)
class ModelCheck:
    ok: bool
    configured: bool
    engine: Literal["model", "offline"]
    error: str | None = None


@dataclass(frozen=True)
class Readiness:
    status: Literal["ready", "not_ready"]
    checks: dict[str, SupabaseCheck | ModelCheck]

    @property
    def ready(self) -> bool:
        return self.status == "ready"


def check_supabase() -> SupabaseCheck:
    started = time.perf_counter()
    try:
        check = supabase_client.check_health()
    except supabase_client.SupabaseError as exc:
        elapsed = round((time.perf_counter() - started) * 1000, 1)
        return SupabaseCheck(ok=False, latency_ms=elapsed, error=f"{exc.code}: {exc.detail}")
    return SupabaseCheck(ok=True, latency_ms=round(check.latency_ms, 1))


_cache: dict[str, tuple[float, ModelCheck]] = {}
_cache_lock = threading.Lock()


def _probe_model(base_url: str) -> ModelCheck:
    import openai

    client = openai.OpenAI(api_key=settings.OPENAI_API_KEY or "not-needed", base_url=base_url,
                           timeout=float(settings.READINESS_MODEL_TIMEOUT), max_retries=0)
    try:
        client.models.with_raw_response.list()
    except openai.APIStatusError as exc:
        if exc.status_code in (404, 405):  # a server without the listing still answered
            return ModelCheck(ok=True, configured=True, engine="model")
        return ModelCheck(ok=False, configured=True, engine="offline",
                          error=f"the model server answered HTTP {exc.status_code}")
    except openai.APITimeoutError:
        return ModelCheck(ok=False, configured=True, engine="offline",
                          error=f"no answer within {settings.READINESS_MODEL_TIMEOUT:g} s")
    except openai.APIError as exc:
        return ModelCheck(ok=False, configured=True, engine="offline",
                          error=f"the model server cannot be reached ({type(exc).__name__})")
    return ModelCheck(ok=True, configured=True, engine="model")


def check_model() -> ModelCheck:
    """Not configured: ok, offline engine, no request made. Configured: a cached, bounded probe."""
    if provider() != "openai":
        return ModelCheck(ok=True, configured=False, engine="offline")
    base_url = (settings.OPENAI_BASE_URL or DEFAULT_BASE_URL).rstrip("/")
    key = hashlib.sha256(f"{base_url}\0{settings.OPENAI_API_KEY}".encode()).hexdigest()
    now = time.monotonic()
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and now - cached[0] < float(settings.READINESS_MODEL_CACHE_SECONDS):
        return cached[1]
    result = _probe_model(base_url)
    with _cache_lock:
        _cache[key] = (time.monotonic(), result)
    return result


def readiness() -> Readiness:
    supabase = check_supabase()
    model = check_model()
    return Readiness(status="ready" if supabase.ok else "not_ready",
                     checks={"supabase": supabase, "model": model})
