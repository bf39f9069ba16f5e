"""Everything a user owns, for their data export."""

from __future__ import annotations

from typing import Any

from .connection import get_client
from .errors import translate_errors


def _in_order(query):
    """An interview query's conversation by seq and its code submissions by question and seq (embedded rows
    come in no order otherwise)."""
    return (query.order("seq", foreign_table="interview_messages")
            .order("position", foreign_table="code_submissions").order("seq", foreign_table="code_submissions"))


def export_user_rows(*, user_id: str) -> dict[str, Any]:
    """Every row the user owns, interviews with what they produced, as plain JSON."""
    client = get_client()
    produced = ("*,interview_messages(*),interview_answers(*),skill_gaps(*),interview_coverage(*),recordings(*),"
                "answer_attempts(*),code_submissions(*)")
    with translate_errors():
        profile = client.table("profiles").select("*").eq("id", user_id).execute().data
        resumes = client.table("resumes").select("*").eq("user_id", user_id).order("created_at").execute().data
        questions = client.table("questions").select("*").eq("owner_id", user_id).order("created_at").execute().data
        interviews = (
            _in_order(client.table("interviews").select(produced))
            .eq("user_id", user_id)
            .order("created_at")
            .execute()
            .data
        )
        reports = client.table("reports").select("*").eq("user_id", user_id).order("generated_at").execute().data
        # recruiter mode: the user's interviewer profiles, students, and the interviews they scheduled
        interviewers = client.table("interviewers").select("*").eq("user_id", user_id).order("created_at") \
            .execute().data
        students = client.table("students").select("*").eq("owner_id", user_id).order("created_at").execute().data
        invitations = ",interview_invitations(id,expires_at,revoked_at,emailed_at,last_used_at,created_at)"
        scheduled = (
            _in_order(client.table("interviews").select(produced + invitations))
            .eq("scheduled_by", user_id)
            .order("created_at")
            .execute()
            .data
        )
    return {"profile": profile[0] if profile else None, "resumes": resumes, "questions": questions,
            "interviews": interviews, "reports": reports, "interviewers": interviewers, "students": students,
            "scheduled_interviews": scheduled}
