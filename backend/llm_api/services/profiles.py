"""The candidate's profile, avatar and statistics."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any, Protocol

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import FieldConflict
from backend.llm_api.services.accounts import USERNAME_TAKEN
from backend.llm_api.services.avatar_images import ImageTooLarge, avatar_from_upload

AVATAR_BUCKET = "avatars"
# What `preferred_language` may be: the languages the coding interviews support and the
# ones candidates most often ask for (documented in the OpenAPI schema).
PREFERRED_LANGUAGES = (
    "python", "javascript", "typescript", "java", "go", "c", "cpp", "csharp", "rust", "kotlin",
    "swift", "ruby", "php", "scala", "sql",
)
STATISTIC_ZEROES = ("average_score", "best_score", "average_communication_score", "average_technical_score",
                    "average_problem_solving_score", "average_code_quality_score")


def _with_avatar_url(profile: dict[str, Any]) -> dict[str, Any]:
    path = profile.get("avatar_path")
    url = supabase_client.storage_public_url(bucket=AVATAR_BUCKET, path=path) if path else None
    return {**profile, "avatar_url": url}


def profile_get(*, user_id: str) -> dict[str, Any]:
    profile = supabase_client.get_profile(user_id=user_id)
    if profile is None:
        raise supabase_client.NotFound("The profile does not exist.", code="profile_not_found")
    user = supabase_client.auth_get_user(user_id=user_id)
    return {**_with_avatar_url(profile), "email": user.email, "is_active": user.is_active}


def profile_update(*, user_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Apply validated changes; a username someone else holds is a 400 naming the field.

    The unique index on lower(username) decides, in the same statement as the write: no race.
    """
    if changes:
        try:
            supabase_client.update_profile(user_id=user_id, changes=changes)
        except supabase_client.Conflict as exc:
            raise FieldConflict("username", USERNAME_TAKEN) from exc
    return profile_get(user_id=user_id)


class Upload(Protocol):
    """An uploaded file (Django's UploadedFile): its size is known before it is read."""

    size: int

    def read(self) -> bytes: ...


def avatar_replace(*, user_id: str, upload: Upload) -> dict[str, Any]:
    """Store the re-encoded picture, point the profile at it, then delete the previous one."""
    max_bytes = int(settings.AVATAR_MAX_BYTES)
    if upload.size > max_bytes:  # refused before reading it
        raise ImageTooLarge(f"The image is larger than {max_bytes} bytes.")
    avatar = avatar_from_upload(
        data=upload.read(), max_bytes=max_bytes, max_pixels=int(settings.AVATAR_MAX_PIXELS),
        size=int(settings.AVATAR_SIZE),
    )
    previous = (supabase_client.get_profile(user_id=user_id) or {}).get("avatar_path")
    path = f"{user_id}/{secrets.token_hex(16)}.{avatar.extension}"
    supabase_client.storage_upload(
        user_id=user_id, bucket=AVATAR_BUCKET, path=path, data=avatar.data, content_type=avatar.content_type
    )
    try:
        supabase_client.update_profile(user_id=user_id, changes={"avatar_path": path})
    except supabase_client.SupabaseError:
        supabase_client.storage_remove(user_id=user_id, bucket=AVATAR_BUCKET, paths=[path])  # no orphan
        raise
    if previous and previous != path:
        supabase_client.storage_remove(user_id=user_id, bucket=AVATAR_BUCKET, paths=[previous])
    return profile_get(user_id=user_id)


def avatar_remove(*, user_id: str) -> None:
    previous = (supabase_client.get_profile(user_id=user_id) or {}).get("avatar_path")
    if previous:
        supabase_client.update_profile(user_id=user_id, changes={"avatar_path": None})
        supabase_client.storage_remove(user_id=user_id, bucket=AVATAR_BUCKET, paths=[previous])


def user_statistics(*, user_id: str) -> dict[str, Any]:
    """Seed 004's dashboard numbers plus seed 000's, zeros (not nulls) for a new user."""
    row = supabase_client.get_interview_statistics(user_id=user_id) or {}
    user = supabase_client.auth_get_user(user_id=user_id)
    number = {name: float(row.get(name) or 0) for name in STATISTIC_ZEROES}
    return {
        "total_interviews": int(row.get("total_interviews") or 0),
        "completed_interviews": int(row.get("completed_interviews") or 0),
        "average_score": number["average_score"],
        "best_score": number["best_score"],
        "total_questions_answered": int(row.get("questions_answered") or 0),
        "total_problems_solved": int(row.get("problems_solved") or 0),
        "average_communication_score": number["average_communication_score"],
        "average_technical_score": number["average_technical_score"],
        "average_problem_solving_score": number["average_problem_solving_score"],
        "average_code_quality_score": number["average_code_quality_score"],
        "current_streak": int(row.get("current_streak") or 0),
        "longest_streak": int(row.get("longest_streak") or 0),
        "last_activity_at": row.get("last_activity_at"),
        "member_since": row.get("member_since") or user.created_at,
        "account_status": "active" if user.is_active else "inactive",
    }
