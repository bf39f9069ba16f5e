"""Throttles for sign-in and sign-up (per client IP and per e-mail address) and for resume
uploads (per client IP when anonymous, per user when signed in).

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


def throttle_resume_upload(*, user_id: str | None, client_ip: str | None) -> None:
    """Count one resume upload (each is parsed: CPU time); 429 once the caller's limit is passed.

    A signed-in caller is counted by user id under its own, higher limit; an anonymous one by IP.
    """
    if user_id:
        bucket, limit = f"resume:user:{user_id}", int(settings.RESUME_USER_THROTTLE_PER_USER)
        window = int(settings.RESUME_USER_THROTTLE_WINDOW_SECONDS)
    elif client_ip:
        bucket, limit = f"resume:ip:{client_ip}", int(settings.RESUME_ANON_THROTTLE_PER_IP)
        window = int(settings.RESUME_ANON_THROTTLE_WINDOW_SECONDS)
    else:
        return
    wait = supabase_client.rate_limit_hit(bucket=bucket, limit=limit, window_seconds=window)
    if wait:
        raise TooManyRequests(wait, f"Too many resume uploads; try again in {wait} seconds.")
