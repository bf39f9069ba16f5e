"""Throttles for sign-in and sign-up: per client IP and per e-mail address.

Counted in Postgres (`api_rate_limit_hit`), so every API process and host shares one count;
addresses are hashed before they become keys. Limits come from settings.
"""

from __future__ import annotations

import hashlib

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import TooManyRequests


def _email_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def throttle_account_attempt(*, action: str, client_ip: str | None, email: str) -> None:
    """Count one `action` attempt (login, register, ...); 429 once a limit is passed."""
    window = int(settings.ACCOUNT_THROTTLE_WINDOW_SECONDS)
    waits = [
        supabase_client.rate_limit_hit(
            bucket=f"{action}:email:{_email_key(email)}", limit=int(settings.ACCOUNT_THROTTLE_PER_EMAIL),
            window_seconds=window,
        )
    ]
    if client_ip:
        waits.append(supabase_client.rate_limit_hit(
            bucket=f"{action}:ip:{client_ip}", limit=int(settings.ACCOUNT_THROTTLE_PER_IP), window_seconds=window,
        ))
    wait = max(waits)
    if wait:
        raise TooManyRequests(wait, f"Too many {action} attempts; try again in {wait} seconds.")
