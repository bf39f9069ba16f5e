"""`questions` rows: the curated bank (no owner, public) and users' own questions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .connection import get_client
from .errors import SupabaseError, translate_errors
from .paging import counted_page

QUESTION_COLUMNS = (
    "id,owner_id,is_public,question_text,category,interview_type,difficulty,experience_levels,role_tags,"
    "skills,expected_answer,rubric,rubric_version,follow_ups,source,created_at,updated_at"
)


def _picked(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: row.get(key) for key in QUESTION_COLUMNS.split(",")}


def _array_literal(value: str) -> str:
    """`{"value"}`: a one-element Postgres array, its element quoted for PostgREST's grammar."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '{"' + escaped + '"}'


def question_list(
    *,
    user_id: str | None,
    offset: int,
    limit: int,
    interview_type: str | None = None,
    difficulty: str | None = None,
    category_pattern: str | None = None,
    role: str | None = None,
    search_pattern: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of the questions `user_id` may see (public ones and their own; `None`: public only),
    newest first with id breaking ties, and how many match.

    `category_pattern` and `search_pattern` are case-insensitive POSIX regular expressions
    (the service escapes what the caller typed); `role` matches rows tagged with it and rows
    with no role tags (meant for every role).
    """

    def page(start: int, size: int):
        query = get_client().table("questions").select(QUESTION_COLUMNS, count="exact")
        if user_id is None:
            query = query.eq("is_public", True)
        else:
            query = query.or_(f"is_public.is.true,owner_id.eq.{user_id}")
        if interview_type is not None:
            query = query.eq("interview_type", interview_type)
        if difficulty is not None:
            query = query.eq("difficulty", difficulty)
        if category_pattern is not None:
            query = query.filter("category", "imatch", category_pattern)
        if search_pattern is not None:
            query = query.filter("question_text", "imatch", search_pattern)
        if role is not None:
            query = query.or_(f"role_tags.cs.{_array_literal(role)},role_tags.eq.{{}}")
        return (query.order("created_at", desc=True).order("id", desc=True)
                .range(start, start + size - 1).execute())

    rows, count = counted_page(page, offset=offset, limit=limit)
    return [_picked(row) for row in rows], count


def question_get(*, user_id: str | None, question_id: str) -> dict[str, Any] | None:
    """The question if `user_id` may see it (public, or their own; `None`: public only), else None."""
    with translate_errors():
        query = get_client().table("questions").select(QUESTION_COLUMNS).eq("id", question_id)
        if user_id is None:
            query = query.eq("is_public", True)
        else:
            query = query.or_(f"is_public.is.true,owner_id.eq.{user_id}")
        response = query.limit(1).execute()
    return _picked(response.data[0]) if response.data else None


def question_insert_many(*, user_id: str, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Insert the user's questions in one statement (all or none); the stored rows, in order.

    Every row must carry the same keys: a bulk insert fills missing ones with null, not defaults.
    """
    payload = [{**dict(row), "owner_id": user_id} for row in rows]
    with translate_errors():
        response = get_client().table("questions").insert(payload).execute()
    if len(response.data or []) != len(payload):
        raise SupabaseError(upstream_message="insert answered without the rows")
    return [_picked(row) for row in response.data]


def question_update(*, user_id: str, question_id: str, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    """Write `changes` to the user's own question; the row, or None when they own no such question."""
    with translate_errors():
        response = (
            get_client().table("questions").update(dict(changes)).eq("id", question_id).eq("owner_id", user_id)
            .execute()
        )
    return _picked(response.data[0]) if response.data else None


def question_delete(*, user_id: str, question_id: str) -> bool:
    """Delete the user's own question (answers that used it keep their text, unlinked); False if none."""
    with translate_errors():
        response = (
            get_client().table("questions").delete().eq("id", question_id).eq("owner_id", user_id).execute()
        )
    return bool(response.data)
