"""Interviews and what they hold (plan rows, messages); the flow's writes are Postgres functions.

Each `interview_*` step function is one round trip: the function locks the interview row,
checks it is the user's and in the right state, and answers with an `outcome` (see
supabase_migrations/20261201150000_interview_engine.sql).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from .connection import get_client
from .errors import SupabaseError, translate_errors
from .rpc import outcome_rpc

INTERVIEW_COLUMNS = (
    "id,user_id,resume_id,title,job_role,job_description,experience_level,interview_type,difficulty,status,"
    "planned_questions,answered_count,feedback,overall_score,communication_score,technical_score,"
    "problem_solving_score,code_quality_score,scoring_engine,rubric_version,scored_at,engine_state,summary,"
    "duration_seconds,started_at,completed_at,created_at,updated_at,scheduled_by,student_id"
)
ANSWER_COLUMNS = (
    "id,position,question_id,question_text,question_type,category,answer_text,skipped,score,feedback,evidence,"
    "scoring_engine,rubric_version,scored_at,follow_up_count,delivery_metrics,asked_at,answered_at"
)
MESSAGE_COLUMNS = "id,seq,role,content,answer_id,question_id,input_mode,metadata,created_at"


def owned_filter(user_id: str) -> str:
    """An `or` filter on `interviews` for the user's own: their practice interviews, and the ones
    they scheduled as an interviewer (a scheduled interview has no user_id)."""
    user = uuid.UUID(str(user_id))  # a uuid, so nothing in it can be read as filter syntax
    return f"user_id.eq.{user},scheduled_by.eq.{user}"


def interview_create(*, user_id: str, interview: Mapping[str, Any], plan: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The new interview (status preparing) with one answer row per planned question."""
    return outcome_rpc("interview_create", {"p_user_id": user_id, "p_interview": dict(interview), "p_plan": list(plan)})


def interview_get(*, user_id: str, interview_id: str, with_answers: bool = False,
                  with_results: bool = False) -> dict[str, Any] | None:
    """The user's interview (with its answer rows by position, its skill gaps), or None."""
    columns = INTERVIEW_COLUMNS + (f",interview_answers({ANSWER_COLUMNS})" if with_answers else "") + (
        ",skill_gaps(skill,severity,evidence,recommendation,resources,answer_id)" if with_results else "")
    with translate_errors():
        query = get_client().table("interviews").select(columns).eq("id", interview_id).or_(owned_filter(user_id))
        if with_answers:
            query = query.order("position", foreign_table="interview_answers")
        data = query.limit(1).execute().data
    return data[0] if data else None


def interview_last_interviewer_message(*, user_id: str, interview_id: str) -> dict[str, Any] | None:
    """The newest interviewer message of the user's interview."""
    with translate_errors():
        data = (
            get_client().table("interview_messages").select(f"{MESSAGE_COLUMNS},interviews!inner(id)")
            .eq("interview_id", interview_id).or_(owned_filter(user_id), reference_table="interviews")
            .eq("role", "interviewer")
            .order("seq", desc=True).limit(1).execute().data
        )
    if not data:
        return None
    return {key: value for key, value in data[0].items() if key != "interviews"}


def interview_start(*, user_id: str, interview_id: str, message: Mapping[str, Any],
                    state: Mapping[str, Any]) -> dict[str, Any]:
    return outcome_rpc("interview_start", {"p_user_id": user_id, "p_interview_id": interview_id,
                                    "p_message": dict(message), "p_state": dict(state)})


def interview_accept(*, user_id: str, interview_id: str, kind: str, content: str | None,
                     client_message_id: str | None, lease_seconds: int, recent: int,
                     submission: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """An answer, a skip, or (kind `code`) a code submission with the line recording it, stored as a turn."""
    return outcome_rpc("interview_accept", {
        "p_user_id": user_id, "p_interview_id": interview_id, "p_kind": kind, "p_content": content,
        "p_client_message_id": client_message_id, "p_lease_seconds": lease_seconds, "p_recent": recent,
        "p_submission": dict(submission) if submission is not None else None,
    })


def interview_reply(*, user_id: str, interview_id: str, answer_message_id: str, message: Mapping[str, Any],
                    state: Mapping[str, Any], answers: list[Mapping[str, Any]]) -> dict[str, Any]:
    return outcome_rpc("interview_reply", {
        "p_user_id": user_id, "p_interview_id": interview_id, "p_answer_message_id": answer_message_id,
        "p_message": dict(message), "p_state": dict(state), "p_answers": list(answers),
    })


def interview_finish(*, user_id: str, interview_id: str, result: Mapping[str, Any]) -> dict[str, Any]:
    """`finish_interview` (all or nothing) on the user's interview; the finished row.

    The caller has already checked the interview is the user's (or one they scheduled);
    finish_interview itself only
    knows interviews by id, as it is the service's function.
    """
    with translate_errors():
        data = get_client().rpc("finish_interview", {"p_interview_id": interview_id, "p_result": dict(result)}) \
            .execute().data
    if not isinstance(data, dict) or user_id not in (data.get("user_id"), data.get("scheduled_by")):
        raise SupabaseError(upstream_message="finish_interview answered without the user's interview")
    return data


def interview_recent_question_ids(*, user_id: str, limit: int) -> list[str]:
    """Bank questions the user was asked in their latest interviews, newest first."""
    with translate_errors():
        data = (
            get_client().table("interview_answers").select("question_id,interviews!inner(user_id)")
            .eq("interviews.user_id", user_id).not_.is_("question_id", "null")
            .order("created_at", desc=True).limit(limit).execute().data
        )
    return [row["question_id"] for row in data]


PLAN_QUESTION_COLUMNS = (
    "id,bank_key,question_text,category,interview_type,difficulty,experience_levels,role_tags,skills,rubric,"
    "rubric_version,follow_ups,owner_id"
)


def plan_candidate_questions(*, user_id: str, interview_types: list[str], experience_level: str) -> list[dict[str, Any]]:
    """Questions a plan may use: the public bank and the user's own, of those types and that level."""
    with translate_errors():
        data = (
            get_client().table("questions").select(PLAN_QUESTION_COLUMNS)
            .or_(f"is_public.eq.true,owner_id.eq.{user_id}").is_("session_id", "null")
            .in_("interview_type", interview_types).contains("experience_levels", [experience_level])
            .order("id").limit(2000).execute().data
        )
    return list(data)


def open_skill_gaps(*, user_id: str, limit: int) -> list[dict[str, Any]]:
    """The user's skill gaps from earlier interviews, most recently seen first."""
    with translate_errors():
        data = (
            get_client().table("skill_gap_history").select("skill,skill_key,interviews,latest_severity,last_seen_at")
            .eq("user_id", user_id).order("last_seen_at", desc=True).limit(limit).execute().data
        )
    return list(data)


def interview_answer_score(*, user_id: str, interview_id: str, position: int, answer_text: str,
                           score: Mapping[str, Any]) -> dict[str, Any]:
    """Store one answer's score while the interview is active (only for that exact answer text)."""
    return outcome_rpc("interview_answer_score", {"p_user_id": user_id, "p_interview_id": interview_id,
                                           "p_position": position, "p_answer_text": answer_text,
                                           "p_score": dict(score)})


def answer_attempt_add(*, user_id: str, interview_id: str, position: int,
                       attempt: Mapping[str, Any]) -> dict[str, Any]:
    return outcome_rpc("answer_attempt_add", {"p_user_id": user_id, "p_interview_id": interview_id, "p_position": position,
                                       "p_attempt": dict(attempt)})


def answer_attempts(*, user_id: str, interview_id: str, position: int) -> list[dict[str, Any]]:
    """The retries of one of the user's answers, oldest first."""
    with translate_errors():
        data = (
            get_client().table("answer_attempts")
            .select("id,position,attempt,content,score,feedback,evidence,scoring_engine,rubric_version,created_at,"
                    "interviews!inner(user_id)")
            .eq("interview_id", interview_id).eq("position", position).eq("interviews.user_id", user_id)
            .order("attempt").execute().data
        )
    return [{key: value for key, value in row.items() if key != "interviews"} for row in data]
