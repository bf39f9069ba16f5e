"""Recruiter mode's tables: interviewer profiles, students, scheduled interviews (`interviews`
rows with `scheduled_by`), their questions and invitations.

A scheduled interview belongs to the user who scheduled it (`scheduled_by`); every function
here scopes by that user, except the two an invitation or a candidate needs (found by the
invitation's token hash, or by the candidate's own id and e-mail).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .connection import get_client
from .errors import SupabaseError, translate_errors
from .interviews import MESSAGE_COLUMNS, owned_filter
from .paging import counted_page
from .rpc import outcome_rpc

SESSION_COLUMNS = (
    "id,scheduled_by,interviewer_id,student_id,candidate_id,candidate_email,title,description,duration_minutes,"
    "status,scheduled_for,started_at,completed_at,created_at,updated_at,job_role,job_description,interview_type,"
    "experience_level,difficulty,planned_questions,answered_count,overall_score,communication_score,"
    "technical_score,problem_solving_score,code_quality_score"
)
SESSION_QUESTION_COLUMNS = "id,session_id,question_text,category,difficulty,session_order,expected_answer,created_at"
INVITATION_COLUMNS = "id,interview_id,created_by,expires_at,revoked_at,emailed_at,last_used_at,created_at"


@dataclass(frozen=True)
class _OwnedTable:
    """A table of rows that each belong to one user through `owner` (interviewers, students)."""

    table: str
    owner: str
    columns: str

    def list(self, user_id: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        return counted_page(
            lambda start, size: (get_client().table(self.table).select(self.columns, count="exact")
                                 .eq(self.owner, user_id).order("created_at").order("id")
                                 .range(start, start + size - 1).execute()),
            offset=offset, limit=limit)

    def get(self, user_id: str, row_id: str) -> dict[str, Any] | None:
        with translate_errors():
            data = (get_client().table(self.table).select(self.columns).eq("id", row_id).eq(self.owner, user_id)
                    .limit(1).execute().data)
        return data[0] if data else None

    def insert(self, user_id: str, row: Mapping[str, Any]) -> dict[str, Any]:
        with translate_errors():
            data = get_client().table(self.table).insert({**dict(row), self.owner: user_id}).execute().data
        if not data:
            raise SupabaseError(upstream_message=f"insert into {self.table} answered without the row")
        return self._shown(data[0])

    def update(self, user_id: str, row_id: str, changes: Mapping[str, Any]) -> dict[str, Any] | None:
        with translate_errors():
            data = (get_client().table(self.table).update(dict(changes)).eq("id", row_id).eq(self.owner, user_id)
                    .execute().data)
        return self._shown(data[0]) if data else None

    def _shown(self, row: Mapping[str, Any]) -> dict[str, Any]:
        return {key: row.get(key) for key in self.columns.split(",")}

    def delete(self, user_id: str, row_id: str) -> bool:
        with translate_errors():
            data = get_client().table(self.table).delete().eq("id", row_id).eq(self.owner, user_id).execute().data
        return bool(data)


INTERVIEWERS = _OwnedTable("interviewers", "user_id", "id,user_id,name,email,created_at")
STUDENTS = _OwnedTable("students", "owner_id", "id,name,email,created_at")


def interviewer_list(*, user_id: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    return INTERVIEWERS.list(user_id, offset, limit)


def interviewer_get(*, user_id: str, interviewer_id: str) -> dict[str, Any] | None:
    return INTERVIEWERS.get(user_id, interviewer_id)


def interviewer_insert(*, user_id: str, row: Mapping[str, Any]) -> dict[str, Any]:
    return INTERVIEWERS.insert(user_id, row)


def interviewer_update(*, user_id: str, interviewer_id: str, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    return INTERVIEWERS.update(user_id, interviewer_id, changes)


def interviewer_delete(*, user_id: str, interviewer_id: str) -> bool:
    return INTERVIEWERS.delete(user_id, interviewer_id)


def student_list(*, user_id: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    return STUDENTS.list(user_id, offset, limit)


def student_get(*, user_id: str, student_id: str) -> dict[str, Any] | None:
    return STUDENTS.get(user_id, student_id)


def student_insert(*, user_id: str, row: Mapping[str, Any]) -> dict[str, Any]:
    return STUDENTS.insert(user_id, row)


def student_update(*, user_id: str, student_id: str, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    return STUDENTS.update(user_id, student_id, changes)


def student_delete(*, user_id: str, student_id: str) -> bool:
    return STUDENTS.delete(user_id, student_id)


# Scheduled interviews ------------------------------------------------------------------------------


def session_insert(*, user_id: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A new scheduled interview of the user's (status `scheduled`)."""
    with translate_errors():
        data = (get_client().table("interviews")
                .insert({**dict(row), "scheduled_by": user_id, "user_id": None, "status": "scheduled"})
                .execute().data)
    if not data:
        raise SupabaseError(upstream_message="insert into interviews answered without the row")
    return {key: data[0].get(key) for key in SESSION_COLUMNS.split(",")}


def session_list(*, user_id: str, filters: Mapping[str, str | list[str]], offset: int,
                 limit: int) -> tuple[list[dict[str, Any]], int]:
    """A page of the interviews the user scheduled, soonest first; `filters`: column -> value (or values)."""

    def page(start: int, size: int):
        query = get_client().table("interviews").select(SESSION_COLUMNS, count="exact").eq("scheduled_by", user_id)
        for column, value in filters.items():
            query = query.in_(column, value) if isinstance(value, list) else query.eq(column, value)
        return (query.order("scheduled_for", desc=False, nullsfirst=False).order("created_at").order("id")
                .range(start, start + size - 1).execute())

    return counted_page(page, offset=offset, limit=limit)


def session_get(*, user_id: str, session_id: str) -> dict[str, Any] | None:
    """An interview the user scheduled, or None."""
    with translate_errors():
        data = (get_client().table("interviews").select(SESSION_COLUMNS).eq("id", session_id)
                .eq("scheduled_by", user_id).limit(1).execute().data)
    return data[0] if data else None


def session_update(*, user_id: str, session_id: str, changes: Mapping[str, Any],
                   statuses: tuple[str, ...]) -> dict[str, Any] | None:
    """Change an interview the user scheduled, only while its status is one of `statuses`."""
    with translate_errors():
        data = (get_client().table("interviews").update(dict(changes)).eq("id", session_id)
                .eq("scheduled_by", user_id).in_("status", list(statuses)).execute().data)
    return {key: data[0].get(key) for key in SESSION_COLUMNS.split(",")} if data else None


def sessions_retarget(*, user_id: str, student_id: str, email: str) -> None:
    """The student's e-mail changed: their interviews not yet taken now wait for the new address
    (and whoever accepted one under the old address is no longer its candidate)."""
    with translate_errors():
        (get_client().table("interviews").update({"candidate_email": email, "candidate_id": None})
         .eq("scheduled_by", user_id).eq("student_id", student_id).eq("status", "scheduled").execute())


def sessions_of_role(*, user_id: str, job_role: str, limit: int) -> list[dict[str, Any]]:
    """The user's completed scheduled interviews for one role (any case), with their answers."""
    columns = SESSION_COLUMNS + ",interview_answers(position,question_text,score,skipped,feedback)"
    with translate_errors():
        data = (get_client().table("interviews").select(columns).eq("scheduled_by", user_id)
                .ilike("job_role", job_role.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                .eq("status", "completed").order("completed_at", desc=True).limit(limit).execute().data)
    return list(data)


def scheduled_interview_start(*, user_id: str, session_id: str, plan: list[Mapping[str, Any]],
                              state: Mapping[str, Any], message: Mapping[str, Any]) -> dict[str, Any]:
    """Store the plan and the opening question and make the scheduled interview active, at once."""
    return outcome_rpc("scheduled_interview_start", {"p_user_id": user_id, "p_interview_id": session_id,
                                              "p_plan": list(plan), "p_state": dict(state),
                                              "p_message": dict(message)})


# Questions written for one session -----------------------------------------------------------------


def session_questions(*, user_id: str, session_id: str) -> list[dict[str, Any]]:
    with translate_errors():
        data = (get_client().table("questions").select(SESSION_QUESTION_COLUMNS).eq("owner_id", user_id)
                .eq("session_id", session_id).order("session_order").order("created_at").order("id").execute().data)
    return list(data)


def session_question_list(*, user_id: str, session_id: str | None, offset: int,
                          limit: int) -> tuple[list[dict[str, Any]], int]:
    """A page of the questions the user wrote for their sessions (one session's, when given)."""

    def page(start: int, size: int):
        query = (get_client().table("questions").select(SESSION_QUESTION_COLUMNS, count="exact")
                 .eq("owner_id", user_id).not_.is_("session_id", "null"))
        if session_id:
            query = query.eq("session_id", session_id)
        return (query.order("session_id").order("session_order").order("created_at").order("id")
                .range(start, start + size - 1).execute())

    return counted_page(page, offset=offset, limit=limit)


def session_questions_insert(*, user_id: str, rows: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Insert questions for the user's sessions, all or none (one statement)."""
    values = [{**dict(row), "owner_id": user_id, "is_public": False, "source": "user"} for row in rows]
    with translate_errors():
        data = get_client().table("questions").insert(values).execute().data
    if len(data) != len(values):
        raise SupabaseError(upstream_message="insert into questions answered without every row")
    return [{key: row.get(key) for key in SESSION_QUESTION_COLUMNS.split(",")} for row in data]


def session_question_get(*, user_id: str, question_id: str) -> dict[str, Any] | None:
    with translate_errors():
        data = (get_client().table("questions").select(SESSION_QUESTION_COLUMNS).eq("id", question_id)
                .eq("owner_id", user_id).not_.is_("session_id", "null").limit(1).execute().data)
    return data[0] if data else None


def session_question_update(*, user_id: str, question_id: str, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    with translate_errors():
        data = (get_client().table("questions").update(dict(changes)).eq("id", question_id).eq("owner_id", user_id)
                .not_.is_("session_id", "null").execute().data)
    return {key: data[0].get(key) for key in SESSION_QUESTION_COLUMNS.split(",")} if data else None


def session_question_delete(*, user_id: str, question_id: str) -> bool:
    with translate_errors():
        data = (get_client().table("questions").delete().eq("id", question_id).eq("owner_id", user_id)
                .not_.is_("session_id", "null").execute().data)
    return bool(data)


# Invitations -----------------------------------------------------------------------------------------


def invitation_issue(*, user_id: str, session_id: str, token_hash: str, expires_at: str) -> dict[str, Any]:
    """Revoke the session's live invitation, if any, and store the new one (outcomes: issued, conflict,
    not_found)."""
    return outcome_rpc("interview_invitation_issue", {"p_user_id": user_id, "p_interview_id": session_id,
                                               "p_token_hash": token_hash, "p_expires_at": expires_at})


def invitation_live(*, user_id: str, session_id: str) -> dict[str, Any] | None:
    with translate_errors():
        data = (get_client().table("interview_invitations").select(INVITATION_COLUMNS).eq("interview_id", session_id)
                .eq("created_by", user_id).is_("revoked_at", "null").limit(1).execute().data)
    return data[0] if data else None


def invitation_revoke(*, user_id: str, session_id: str, at: str) -> bool:
    """Revoke the session's live invitation; False when it had none."""
    with translate_errors():
        data = (get_client().table("interview_invitations").update({"revoked_at": at}).eq("interview_id", session_id)
                .eq("created_by", user_id).is_("revoked_at", "null").execute().data)
    return bool(data)


def invitation_mark_emailed(*, user_id: str, invitation_id: str, at: str) -> None:
    with translate_errors():
        get_client().table("interview_invitations").update({"emailed_at": at}).eq("id", invitation_id) \
            .eq("created_by", user_id).execute()


def invitation_by_token_hash(*, token_hash: str, used_at: str) -> dict[str, Any] | None:
    """The invitation whose token hashes to this (the token is the credential: there is no user
    to scope by), with its interview's session columns; its last use is recorded."""
    with translate_errors():
        data = (get_client().table("interview_invitations")
                .select(f"{INVITATION_COLUMNS},interviews({SESSION_COLUMNS})").eq("token_hash", token_hash)
                .limit(1).execute().data)
        if data:
            get_client().table("interview_invitations").update({"last_used_at": used_at}) \
                .eq("id", data[0]["id"]).execute()
    return data[0] if data else None


# The candidate's side ----------------------------------------------------------------------------------


def _quoted(value: str) -> str:
    """A value inside a PostgREST logic tree (`or=(...)`), quoted so , ( ) and . stay literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _offered(query, user_id: str, email: str):
    """Scheduled interviews accepted by this user or scheduled for this e-mail address (lowercased,
    as interviews store it)."""
    uuid.UUID(user_id)
    return query.not_.is_("scheduled_by", "null").or_(
        f"candidate_id.eq.{user_id},candidate_email.eq.{_quoted(email)}")


def candidate_sessions(*, user_id: str, email: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """Interviews scheduled for this e-mail address or accepted by this user, soonest first."""
    return counted_page(
        lambda start, size: (_offered(get_client().table("interviews").select(SESSION_COLUMNS, count="exact"),
                                      user_id, email)
                             .order("scheduled_for", nullsfirst=False).order("created_at").order("id")
                             .range(start, start + size - 1).execute()),
        offset=offset, limit=limit)


def candidate_session_get(*, user_id: str, session_id: str) -> dict[str, Any] | None:
    """A scheduled interview this user accepted as its candidate (the one they may drive)."""
    with translate_errors():
        data = (get_client().table("interviews").select(SESSION_COLUMNS).eq("id", session_id)
                .eq("candidate_id", user_id).not_.is_("scheduled_by", "null").limit(1).execute().data)
    return data[0] if data else None


def candidate_session_offered(*, user_id: str, email: str, session_id: str) -> dict[str, Any] | None:
    """One of `candidate_sessions`: accepted by this user or scheduled for this e-mail address."""
    with translate_errors():
        data = (_offered(get_client().table("interviews").select(SESSION_COLUMNS).eq("id", session_id), user_id, email)
                .limit(1).execute().data)
    return data[0] if data else None


def candidate_session_accept(*, user_id: str, email: str, session_id: str) -> dict[str, Any] | None:
    """Link the scheduled interview to this user, if it was scheduled for their e-mail address and
    no one else accepted it, while it has not ended."""
    with translate_errors():
        data = (get_client().table("interviews").update({"candidate_id": user_id}).eq("id", session_id)
                .eq("candidate_email", email).not_.is_("scheduled_by", "null")
                .or_(f"candidate_id.is.null,candidate_id.eq.{uuid.UUID(user_id)}")
                .in_("status", ["scheduled", "active"]).execute().data)
    return {key: data[0].get(key) for key in SESSION_COLUMNS.split(",")} if data else None


def session_messages(*, user_id: str, session_id: str) -> list[dict[str, Any]]:
    """The conversation of an interview the user owns or scheduled, in order."""
    with translate_errors():
        data = (get_client().table("interview_messages").select(f"{MESSAGE_COLUMNS},interviews!inner(id)")
                .eq("interview_id", session_id).or_(owned_filter(user_id), reference_table="interviews")
                .order("seq").execute().data)
    return [{key: value for key, value in row.items() if key != "interviews"} for row in data]
