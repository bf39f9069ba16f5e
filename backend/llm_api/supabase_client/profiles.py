"""`profiles` and the per-user statistics view."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .connection import get_client
from .errors import NotFound, translate_errors

PROFILE_COLUMNS = (
    "id,username,full_name,bio,location,github_url,linkedin_url,website_url,"
    "preferred_language,avatar_path,keep_recordings,created_at,updated_at"
)


def get_profile(*, user_id: str) -> dict[str, Any] | None:
    """The user's row of `profiles`, or None if the user has none."""
    with translate_errors():
        response = (
            get_client().table("profiles").select(PROFILE_COLUMNS).eq("id", user_id).limit(1).execute()
        )
    return response.data[0] if response.data else None


def update_profile(*, user_id: str, changes: Mapping[str, Any]) -> None:
    """Write `changes` to the user's profile; a taken username leaves as `Conflict`."""
    with translate_errors():
        response = (
            get_client().table("profiles").update(dict(changes)).eq("id", user_id).execute()
        )
    if not response.data:
        raise NotFound("The profile does not exist.", code="profile_not_found")


def username_owner(*, username: str) -> str | None:
    """The id of the user holding `username` (compared case-insensitively), if any."""
    pattern = username.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with translate_errors():
        response = (
            get_client().table("profiles").select("id,username").ilike("username", pattern).limit(2).execute()
        )
    for row in response.data:
        if row["username"].lower() == username.lower():
            return str(row["id"])
    return None


def get_interview_statistics(*, user_id: str) -> dict[str, Any] | None:
    """The user's row of the `interview_statistics` view."""
    with translate_errors():
        response = get_client().table("interview_statistics").select("*").eq("user_id", user_id).limit(1).execute()
    return response.data[0] if response.data else None
