"""The question bank: the curated bank (no owner, public, read-only) and users' own questions.

Who sees what: an anonymous caller the public questions only; a signed-in user the public
ones and their own private ones, never another user's private ones (those answer 404, like
a missing id). Only a question's owner changes or deletes it; a public question of the
curated bank (or another user's shared one) answers 403: it is visible, so saying that it
exists gives nothing away, and a 404 would contradict the GET that just showed it.

Listing order: newest first, id breaking ties (stable across pages). Role tags are stored
lower-case and trimmed, so `role=Backend` finds rows tagged "backend"; rows with no role tags
are meant for every role and match every `role`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError
from backend.llm_api.services.labels import EXPERIENCE_LEVELS

CURATED = "curated"
USER = "user"
MAX_BULK = 100

# What a new question gets for every field the client left out (a bulk insert needs them all).
DEFAULTS: dict[str, Any] = {
    "interview_type": "mixed", "difficulty": "medium", "category": None,
    "experience_levels": list(EXPERIENCE_LEVELS), "role_tags": [], "skills": [], "expected_answer": None,
    "rubric": {}, "follow_ups": [], "is_public": False,
}
WRITABLE = ("question_text", *DEFAULTS)


class QuestionNotFound(supabase_client.NotFound):
    default_code = "question_not_found"
    default_detail = "No such question."


class QuestionReadOnly(AppError):
    status_code = 403
    default_code = "question_read_only"
    default_detail = "Only the question's owner can change or delete it."


CURATED_READ_ONLY = "The curated bank is read-only: create your own question to change it."


def role_tag(value: str) -> str:
    """How role tags are stored and matched: trimmed, lower-case, single spaces."""
    return re.sub(r"\s+", " ", value).strip().lower()


def literal_pattern(text: str) -> str:
    """A POSIX regular expression matching `text` literally (every ASCII punctuation escaped,
    so %, _, *, . and the rest mean themselves)."""
    return "".join(f"\\{ch}" if ch.isascii() and not ch.isalnum() and ch not in " _" else ch for ch in text)


def _unique(values: Sequence[str], key=lambda value: value) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        if key(value) not in seen:
            seen.add(key(value))
            kept.append(value)
    return kept


def _columns(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validated input fields as column values (tags normalised, lists without repeats)."""
    row = {key: value for key, value in fields.items() if key in WRITABLE}
    if "role_tags" in row:
        row["role_tags"] = _unique([tag for tag in map(role_tag, row["role_tags"]) if tag])
    if "skills" in row:
        row["skills"] = _unique([skill.strip() for skill in row["skills"] if skill.strip()], key=str.lower)
    if "experience_levels" in row:
        row["experience_levels"] = [level for level in EXPERIENCE_LEVELS if level in row["experience_levels"]]
    if "follow_ups" in row:
        row["follow_ups"] = [text.strip() for text in row["follow_ups"] if text.strip()]
    for key in ("category", "expected_answer"):
        if isinstance(row.get(key), str):
            row[key] = row[key].strip() or None
    return row


def question_view(row: Mapping[str, Any], *, user_id: str | None) -> dict[str, Any]:
    """A row as the API shows it; `owner_id` only for the caller's own (never another user's id)."""
    own = user_id is not None and row.get("owner_id") == user_id
    return {
        "id": row["id"], "question_text": row["question_text"], "interview_type": row["interview_type"],
        "difficulty": row["difficulty"], "category": row.get("category"),
        "experience_levels": row.get("experience_levels") or [], "role_tags": row.get("role_tags") or [],
        "skills": row.get("skills") or [], "expected_answer": row.get("expected_answer"),
        "rubric": row.get("rubric") or {}, "rubric_version": row.get("rubric_version"),
        "follow_ups": row.get("follow_ups") or [], "source": row["source"], "is_public": row["is_public"],
        "is_own": own, "owner_id": row["owner_id"] if own else None,
        "created_at": row["created_at"], "updated_at": row["updated_at"],
    }


def question_list(
    *,
    user_id: str | None,
    page: int,
    page_size: int,
    interview_type: str | None = None,
    difficulty: str | None = None,
    category: str | None = None,
    role: str | None = None,
    search: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of what the caller may see, filtered; `category` is matched exactly and `search` as a
    substring of the text, both ignoring case and both taken literally (no wildcards)."""
    category = (category or "").strip() or None
    search = (search or "").strip() or None
    role = role_tag(role or "") or None
    rows, count = supabase_client.question_list(
        user_id=user_id, offset=(page - 1) * page_size, limit=page_size,
        interview_type=interview_type, difficulty=difficulty, role=role,
        category_pattern=f"^{literal_pattern(category)}$" if category else None,
        search_pattern=literal_pattern(search) if search else None,
    )
    return [question_view(row, user_id=user_id) for row in rows], count


def question_get(*, user_id: str | None, question_id: str) -> dict[str, Any]:
    row = supabase_client.question_get(user_id=user_id, question_id=question_id)
    if row is None:
        raise QuestionNotFound()
    return question_view(row, user_id=user_id)


def question_create_many(*, user_id: str, items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Store the user's new questions in one statement: all of them, or none when one is refused."""
    if not items:
        return []
    rows = [{**DEFAULTS, **_columns(item), "source": USER} for item in items]
    stored = supabase_client.question_insert_many(user_id=user_id, rows=rows)
    return [question_view(row, user_id=user_id) for row in stored]


def question_create(*, user_id: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    return question_create_many(user_id=user_id, items=[fields])[0]


def _check_owner(*, user_id: str, question_id: str) -> None:
    """404 when the caller cannot see it, 403 when they can but do not own it."""
    row = supabase_client.question_get(user_id=user_id, question_id=question_id)
    if row is None:
        raise QuestionNotFound()
    if row.get("owner_id") != user_id:
        raise QuestionReadOnly(CURATED_READ_ONLY if row.get("owner_id") is None else None)


def question_update(*, user_id: str, question_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    _check_owner(user_id=user_id, question_id=question_id)
    row = supabase_client.question_update(user_id=user_id, question_id=question_id, changes=_columns(changes))
    if row is None:  # deleted meanwhile
        raise QuestionNotFound()
    return question_view(row, user_id=user_id)


def question_delete(*, user_id: str, question_id: str) -> None:
    _check_owner(user_id=user_id, question_id=question_id)
    if not supabase_client.question_delete(user_id=user_id, question_id=question_id):
        raise QuestionNotFound()
