"""Helpers for the accounts tests: an API client per test with its own client IP, and registration."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from rest_framework.test import APIClient

PASSWORD = "Correct1horse"


def api_client() -> APIClient:
    """A client with an address of its own, so throttle counters never leak between tests."""
    return APIClient(REMOTE_ADDR=f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}")


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


@dataclass
class Registered:
    id: str
    email: str
    username: str
    password: str
    access_token: str
    refresh_token: str

    @property
    def auth(self) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.access_token}"}


def register(api: APIClient, *, password: str = PASSWORD, full_name: str = "Grace Hopper") -> Registered:
    """Register through the API and sign in through it; returns the credentials and tokens."""
    username = unique("user")
    email = f"{username}@example.test"
    made = api.post("/api/auth/register", {"email": email, "username": username, "password": password,
                                           "full_name": full_name}, format="json")
    assert made.status_code == 201, made.content
    session = api.post("/api/auth/login", {"email": email, "password": password}, format="json")
    assert session.status_code == 200, session.content
    body = session.json()
    return Registered(made.json()["id"], email, username, password, body["access_token"], body["refresh_token"])
