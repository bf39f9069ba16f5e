"""Recruiter mode (seed 003): interviewers schedule interviews for their candidates, who take them
signed in or through an invitation link; the interviewer reads the results.

A scheduled interview is an `interviews` row owned by the scheduling user (`scheduled_by`). It runs
on the same engine, scoring and reports as a practice interview, always as that user: whoever
drives it (the interviewer proctoring, the candidate signed in, or an invitation) is first resolved
to a `SessionAccess`, and the engine is then called with `owner_id`. What a candidate is shown is
shaped here: never the plan, the job description or the scores, and never an expected answer.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError, FieldInvalid
from backend.llm_api.services import interviews
from backend.llm_api.services.interview_engine import EngineState, make_brief
from backend.llm_api.services.interview_engine.planner import session_plan

SEED_STATUS = {"scheduled": "scheduled", "preparing": "scheduled", "active": "in_progress",
               "completed": "completed", "abandoned": "completed", "cancelled": "cancelled"}
ENGINE_STATUSES = {value: [key for key, seed in SEED_STATUS.items() if seed == value] for value in SEED_STATUS.values()}
FINISHED = ("completed", "abandoned", "cancelled")
SCORE_KEYS = ("overall_score", "communication_score", "technical_score", "problem_solving_score",
              "code_quality_score")


class SessionNotFound(supabase_client.NotFound):
    default_code = "session_not_found"
    default_detail = "No such interview session."


class RecordNotFound(supabase_client.NotFound):
    default_code = "not_found"
    default_detail = "Not found."


class SessionConflict(AppError):
    status_code = 409
    default_code = "invalid_transition"

    def __init__(self, detail: str, *, status: str) -> None:
        super().__init__(detail, details={"status": SEED_STATUS[status]})


class InvitationRefused(AppError):
    """The invitation token does not open this interview (unknown, revoked, expired, used up)."""

    status_code = 401
    default_code = "invitation_invalid"
    default_detail = "This invitation link is not valid."


class NotAuthenticated(AppError):
    status_code = 401
    default_code = "not_authenticated"
    default_detail = "Sign in, or open the interview through its invitation link."


class EmailNotVerified(AppError):
    status_code = 403
    default_code = "email_not_verified"
    default_detail = "Confirm your e-mail address first: scheduled interviews are matched by verified e-mail."


def _now() -> datetime:
    return datetime.now(UTC)


# Interviewer profiles and students ----------------------------------------------------------------


def interviewer_list(*, user_id: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    rows, count = supabase_client.interviewer_list(user_id=user_id, offset=offset, limit=limit)
    return [_interviewer_view(row) for row in rows], count


def _interviewer_view(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "user": row["user_id"], "name": row["name"], "email": row["email"],
            "created_at": row["created_at"]}


def interviewer_create(*, user_id: str, name: str, email: str) -> dict[str, Any]:
    return _interviewer_view(supabase_client.interviewer_insert(user_id=user_id, row={"name": name, "email": email}))


def interviewer_get(*, user_id: str, interviewer_id: str) -> dict[str, Any]:
    row = supabase_client.interviewer_get(user_id=user_id, interviewer_id=interviewer_id)
    if row is None:
        raise RecordNotFound("No such interviewer.")
    return _interviewer_view(row)


def interviewer_update(*, user_id: str, interviewer_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    row = supabase_client.interviewer_update(user_id=user_id, interviewer_id=interviewer_id, changes=changes) \
        if changes else supabase_client.interviewer_get(user_id=user_id, interviewer_id=interviewer_id)
    if row is None:
        raise RecordNotFound("No such interviewer.")
    return _interviewer_view(row)


def interviewer_delete(*, user_id: str, interviewer_id: str) -> None:
    if not supabase_client.interviewer_delete(user_id=user_id, interviewer_id=interviewer_id):
        raise RecordNotFound("No such interviewer.")


def student_list(*, user_id: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    return supabase_client.student_list(user_id=user_id, offset=offset, limit=limit)


def _email_taken(call):
    try:
        return call()
    except supabase_client.Conflict as exc:
        raise FieldInvalid("email", "You already have a student with this e-mail address.") from exc


def student_create(*, user_id: str, name: str, email: str) -> dict[str, Any]:
    return _email_taken(lambda: supabase_client.student_insert(user_id=user_id, row={"name": name, "email": email}))


def student_get(*, user_id: str, student_id: str) -> dict[str, Any]:
    row = supabase_client.student_get(user_id=user_id, student_id=student_id)
    if row is None:
        raise RecordNotFound("No such student.")
    return row


def student_update(*, user_id: str, student_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Change a student; the e-mail of their interviews not yet taken follows (they are matched by it)."""
    if not changes:
        return student_get(user_id=user_id, student_id=student_id)
    row = _email_taken(lambda: supabase_client.student_update(user_id=user_id, student_id=student_id,
                                                              changes=changes))
    if row is None:
        raise RecordNotFound("No such student.")
    if "email" in changes:
        supabase_client.sessions_retarget(user_id=user_id, student_id=student_id, email=row["email"].lower())
    return row


def student_delete(*, user_id: str, student_id: str) -> None:
    if not supabase_client.student_delete(user_id=user_id, student_id=student_id):
        raise RecordNotFound("No such student.")


# Sessions (scheduled interviews) -------------------------------------------------------------------


def session_view(row: dict[str, Any]) -> dict[str, Any]:
    """A scheduled interview as seed 003 shows it (ids are UUIDs; `session_id` is the same id), plus
    the interview's own settings and, once finished, its scores."""
    return {
        "id": row["id"], "session_id": row["id"], "interviewer_id": row.get("interviewer_id"),
        "student_id": row.get("student_id"), "title": row.get("title"), "description": row.get("description"),
        "duration_minutes": row.get("duration_minutes"), "status": SEED_STATUS[row["status"]],
        "scheduled_at": row.get("scheduled_for"), "started_at": row.get("started_at"),
        "ended_at": row.get("completed_at"), "created_at": row.get("created_at"), "updated_at": row.get("updated_at"),
        "candidate_email": row.get("candidate_email"), "candidate_accepted": row.get("candidate_id") is not None,
        "job_role": row.get("job_role"), "job_description": row.get("job_description"),
        "interview_type": row.get("interview_type"), "experience_level": row.get("experience_level"),
        "difficulty": row.get("difficulty"), "num_questions": row.get("planned_questions"),
        "answered_count": row.get("answered_count"), **{key: row.get(key) for key in SCORE_KEYS},
    }


def candidate_view(row: dict[str, Any], *, interviewer_name: str | None = None) -> dict[str, Any]:
    """What the candidate is shown of their scheduled interview: when, what for, its status; never
    the interviewer's job description, plan or scores."""
    return {
        "id": row["id"], "session_id": row["id"], "title": row.get("title"), "description": row.get("description"),
        "job_role": row.get("job_role"), "interview_type": row.get("interview_type"),
        "duration_minutes": row.get("duration_minutes"), "status": SEED_STATUS[row["status"]],
        "scheduled_at": row.get("scheduled_for"), "started_at": row.get("started_at"),
        "ended_at": row.get("completed_at"), "accepted": row.get("candidate_id") is not None,
        **({"interviewer_name": interviewer_name} if interviewer_name is not None else {}),
    }


def _check_people(*, user_id: str, interviewer_id: str | None, student_id: str | None) -> dict[str, Any] | None:
    """The student (when given); 400 naming the field when either is not the user's own."""
    if interviewer_id is not None and supabase_client.interviewer_get(user_id=user_id,
                                                                      interviewer_id=interviewer_id) is None:
        raise FieldInvalid("interviewer_id", "No such interviewer of yours.")
    if student_id is None:
        return None
    student = supabase_client.student_get(user_id=user_id, student_id=student_id)
    if student is None:
        raise FieldInvalid("student_id", "No such student of yours.")
    return student


def _check_when(scheduled_at: datetime | None) -> None:
    if scheduled_at is not None and scheduled_at < _now() - timedelta(minutes=1):
        raise FieldInvalid("scheduled_at", "The interview cannot be scheduled in the past.")


SESSION_FIELDS = {"title": "title", "description": "description", "duration_minutes": "duration_minutes",
                  "job_role": "job_role", "job_description": "job_description", "interview_type": "interview_type",
                  "experience_level": "experience_level", "difficulty": "difficulty",
                  "num_questions": "planned_questions", "interviewer_id": "interviewer_id", "student_id": "student_id"}


def session_create(*, user_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Schedule an interview for one of the user's students (its questions are added afterwards,
    or chosen from the bank when it starts)."""
    _check_when(data.get("scheduled_at"))
    student = _check_people(user_id=user_id, interviewer_id=data["interviewer_id"], student_id=data["student_id"])
    assert student is not None
    row = {column: data[key] for key, column in SESSION_FIELDS.items() if data.get(key) is not None}
    row["job_role"] = data.get("job_role") or data["title"]
    row["candidate_email"] = student["email"].lower()
    if data.get("scheduled_at") is not None:
        row["scheduled_for"] = data["scheduled_at"].isoformat()
    return session_view(supabase_client.session_insert(user_id=user_id, row=row))


def session_list(*, user_id: str, status: str | None, student_id: str | None, interviewer_id: str | None,
                 offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    filters: dict[str, str | list[str]] = {
        key: value for key, value in (("student_id", student_id), ("interviewer_id", interviewer_id)) if value}
    if status:  # one seed status can be more than one engine status
        filters["status"] = ENGINE_STATUSES[status]
    rows, count = supabase_client.session_list(user_id=user_id, filters=filters, offset=offset, limit=limit)
    return [session_view(row) for row in rows], count


def _session(user_id: str, session_id: str) -> dict[str, Any]:
    row = supabase_client.session_get(user_id=user_id, session_id=session_id)
    if row is None:
        raise SessionNotFound()
    return row


def session_get(*, user_id: str, session_id: str) -> dict[str, Any]:
    return session_view(_session(user_id, session_id))


def session_update(*, user_id: str, session_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Change a session before it starts; `status: cancelled` cancels it (also only before it starts)."""
    row = _session(user_id, session_id)
    if "scheduled_at" in data:
        _check_when(data["scheduled_at"])
    student = _check_people(user_id=user_id, interviewer_id=data.get("interviewer_id"),
                            student_id=data.get("student_id"))
    changes = {column: data[key] for key, column in SESSION_FIELDS.items() if key in data}
    if "scheduled_at" in data:
        changes["scheduled_for"] = data["scheduled_at"].isoformat() if data["scheduled_at"] else None
    if student is not None:
        changes["candidate_email"] = student["email"].lower()
        changes["candidate_id"] = None  # another student: whoever accepted before is no longer the candidate
    if data.get("status") == "cancelled":
        changes["status"] = "cancelled"
    elif data.get("status") not in (None, SEED_STATUS[row["status"]]):
        raise FieldInvalid("status", "Only `cancelled` can be set; start and end a session through its actions.")
    if not changes:
        return session_view(row)
    updated = supabase_client.session_update(user_id=user_id, session_id=session_id, changes=changes,
                                             statuses=("scheduled",))
    if updated is None:  # not scheduled (any more: the update itself checks, so no start can slip in between)
        status = _session(user_id, session_id)["status"]
        raise SessionConflict(f"The session is {SEED_STATUS[status]}: only a scheduled session can change.",
                              status=status)
    if changes.get("status") == "cancelled":
        supabase_client.invitation_revoke(user_id=user_id, session_id=session_id, at=_now().isoformat())
    return session_view(updated)


def session_delete(*, user_id: str, session_id: str) -> None:
    """Delete the session with everything it produced (as deleting an interview does)."""
    from backend.llm_api.services import history

    _session(user_id, session_id)
    history.interview_remove(user_id=user_id, interview_id=session_id)


def session_start(*, user_id: str, session_id: str) -> dict[str, Any]:
    """Start the interview: its plan (the interviewer's questions, else the bank's), the opening
    question, status in_progress. Starting a session already in progress answers it as it is."""
    row = _session(user_id, session_id)
    return _start(owner_id=user_id, row=row)


def _start(*, owner_id: str, row: dict[str, Any]) -> dict[str, Any]:
    if row["status"] == "active":
        return {"session": session_view(row), "message": supabase_client.interview_last_interviewer_message(
            user_id=owner_id, interview_id=row["id"])}
    if row["status"] != "scheduled":
        raise SessionConflict(f"The session is {SEED_STATUS[row['status']]}: it cannot start.", status=row["status"])
    brief = make_brief(job_role=row["job_role"], experience_level=row["experience_level"],
                       interview_type=row["interview_type"], difficulty=row["difficulty"],
                       job_description=row.get("job_description"), resume=None)
    written = supabase_client.session_questions(user_id=owner_id, session_id=row["id"])
    plan = session_plan(questions=written, interview_type=row["interview_type"]) if written else \
        interviews.bank_plan(user_id=owner_id, brief=brief, num_questions=int(row["planned_questions"]),
                             personal=False)
    state = EngineState(plan=tuple(plan), brief=brief, phase="asking", current=1)
    started = supabase_client.scheduled_interview_start(
        user_id=owner_id, session_id=row["id"],
        plan=interviews.plan_rows(plan), state=state.as_state(),
        message={"content": interviews.opening_message(state), "metadata": {"kind": "question", "position": 1}})
    if started["outcome"] == "not_found":
        raise SessionNotFound()
    if started["outcome"] == "conflict":  # it is no longer scheduled (another request started it): as it is now
        return _start(owner_id=owner_id, row=_session(owner_id, row["id"]))
    return {"session": session_view(started["interview"]), "message": started["message"]}


def session_end(*, user_id: str, session_id: str) -> dict[str, Any]:
    """End the interview and score it (calling it again answers the same result)."""
    ended = _end(owner_id=user_id, row=_session(user_id, session_id))
    return {"session": session_view(_session(user_id, session_id)), **ended}


def _end(*, owner_id: str, row: dict[str, Any]) -> dict[str, Any]:
    if row["status"] in ("scheduled", "cancelled"):
        raise SessionConflict(f"The session is {SEED_STATUS[row['status']]}: only a session in progress can end.",
                              status=row["status"])
    evaluation = interviews.interview_end(user_id=owner_id, interview_id=row["id"])
    supabase_client.invitation_revoke(user_id=owner_id, session_id=row["id"], at=_now().isoformat())
    return {"evaluation": evaluation}


# Questions an interviewer writes for a session ----------------------------------------------------------


def question_view(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "session": row["session_id"], "question_text": row["question_text"],
            "category": row.get("category"), "difficulty": row.get("difficulty"), "order": row.get("session_order"),
            "expected_answer": row.get("expected_answer"), "created_at": row.get("created_at")}


def session_questions_add(*, user_id: str, questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add questions to sessions that have not started (all or none)."""
    sessions: dict[str, dict[str, Any]] = {}
    for index, question in enumerate(questions):
        session_id = str(question["session"])
        if session_id not in sessions:
            row = supabase_client.session_get(user_id=user_id, session_id=session_id)
            field = "session" if len(questions) == 1 else f"questions[{index}].session"
            if row is None:
                raise FieldInvalid(field, "No such session of yours.")
            if row["status"] != "scheduled":
                raise FieldInvalid(field, f"The session is {SEED_STATUS[row['status']]}: its questions are fixed.")
            sessions[session_id] = row
    rows = [{"session_id": str(q["session"]), "question_text": q["question_text"].strip(),
             "category": (q.get("category") or "").strip() or None, "difficulty": q.get("difficulty") or "medium",
             "session_order": q.get("order") or 0, "expected_answer": (q.get("expected_answer") or "").strip() or None,
             "interview_type": sessions[str(q["session"])]["interview_type"]} for q in questions]
    return [question_view(row) for row in supabase_client.session_questions_insert(user_id=user_id, rows=rows)]


def session_question_list(*, user_id: str, session_id: str | None, offset: int,
                          limit: int) -> tuple[list[dict[str, Any]], int]:
    rows, count = supabase_client.session_question_list(user_id=user_id, session_id=session_id, offset=offset,
                                                        limit=limit)
    return [question_view(row) for row in rows], count


def session_question_get(*, user_id: str, question_id: str) -> dict[str, Any]:
    row = supabase_client.session_question_get(user_id=user_id, question_id=question_id)
    if row is None:
        raise RecordNotFound("No such question.")
    return question_view(row)


def _question_session_open(user_id: str, question_id: str) -> None:
    row = supabase_client.session_question_get(user_id=user_id, question_id=question_id)
    if row is None:
        raise RecordNotFound("No such question.")
    session = _session(user_id, row["session_id"])
    if session["status"] != "scheduled":
        raise SessionConflict(f"The session is {SEED_STATUS[session['status']]}: its questions are fixed.",
                              status=session["status"])


def session_question_update(*, user_id: str, question_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    _question_session_open(user_id, question_id)
    columns = {"question_text": "question_text", "category": "category", "difficulty": "difficulty",
               "order": "session_order", "expected_answer": "expected_answer"}
    row = supabase_client.session_question_update(
        user_id=user_id, question_id=question_id, changes={columns[key]: value for key, value in changes.items()
                                                           if key in columns})
    if row is None:
        raise RecordNotFound("No such question.")
    return question_view(row)


def session_question_delete(*, user_id: str, question_id: str) -> None:
    _question_session_open(user_id, question_id)
    supabase_client.session_question_delete(user_id=user_id, question_id=question_id)


# Invitations ---------------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(*, token: str, api_base: str) -> str:
    template = settings.INVITATION_URL or f"{api_base.rstrip('/')}/app/invitation#token={{token}}"
    return template.replace("{token}", token)


def invitation_issue(*, user_id: str, session_id: str, api_base: str, send_email: bool) -> dict[str, Any]:
    """A new link for the session's candidate (any earlier one stops working), valid
    INVITATION_TTL_DAYS; mailed through Supabase Auth's invite when INVITATION_EMAIL is `supabase`
    and asked for (a candidate who already has an account finds it under their sessions instead)."""
    session = _session(user_id, session_id)
    token = secrets.token_urlsafe(32)
    expires = _now() + timedelta(days=int(settings.INVITATION_TTL_DAYS))
    issued = supabase_client.invitation_issue(user_id=user_id, session_id=session_id, token_hash=_token_hash(token),
                                              expires_at=expires.isoformat())
    if issued["outcome"] == "not_found":
        raise SessionNotFound()
    if issued["outcome"] == "conflict":
        raise SessionConflict(f"The session is {SEED_STATUS[issued['status']]}: it takes no invitation.",
                              status=issued["status"])
    invitation = issued["invitation"]
    link = invitation_link(token=token, api_base=api_base)
    emailed = False
    if send_email and settings.INVITATION_EMAIL == "supabase":
        emailed = supabase_client.auth_invite(email=session["candidate_email"], redirect_to=link,
                                              data={"interview_invitation": session_id})
        if emailed:
            supabase_client.invitation_mark_emailed(user_id=user_id, invitation_id=invitation["id"],
                                                    at=_now().isoformat())
    return {"session_id": session_id, "token": token, "url": link, "expires_at": invitation["expires_at"],
            "candidate_email": session["candidate_email"], "emailed": emailed}


def invitation_revoke(*, user_id: str, session_id: str) -> None:
    _session(user_id, session_id)
    if not supabase_client.invitation_revoke(user_id=user_id, session_id=session_id, at=_now().isoformat()):
        raise RecordNotFound("The session has no live invitation.")


def invitation_status(*, user_id: str, session_id: str) -> dict[str, Any] | None:
    _session(user_id, session_id)
    return supabase_client.invitation_live(user_id=user_id, session_id=session_id)


# Who may drive a session ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionAccess:
    """Who is acting on a session: `interviewer` (its scheduler), `candidate` (signed in, accepted
    it) or `invitation` (holding its link); `owner_id` is the scheduler, as whom the engine runs."""

    role: str
    owner_id: str
    session: dict[str, Any]

    @property
    def session_id(self) -> str:
        return str(self.session["id"])


def _invitation(token: str) -> dict[str, Any]:
    found = supabase_client.invitation_by_token_hash(token_hash=_token_hash(token), used_at=_now().isoformat())
    if found is None or found.get("interviews") is None:
        raise InvitationRefused()
    if found["interviews"]["status"] in FINISHED:  # checked first: ending also revokes the link
        raise InvitationRefused("This interview is over: its invitation cannot be used again.",
                                code="invitation_used")
    if found.get("revoked_at"):
        raise InvitationRefused("This invitation was revoked: ask the interviewer for a new link.",
                                code="invitation_revoked")
    if datetime.fromisoformat(found["expires_at"]) <= _now():
        raise InvitationRefused("This invitation has expired: ask the interviewer for a new link.",
                                code="invitation_expired")
    return found


def session_access(*, user_id: str | None, invitation_token: str | None, session_id: str) -> SessionAccess:
    """Resolve who may act on this session, or refuse (404 for a session the caller cannot see)."""
    if invitation_token:
        found = _invitation(invitation_token)
        if str(found["interview_id"]) != session_id:
            raise SessionNotFound()
        return SessionAccess(role="invitation", owner_id=str(found["created_by"]), session=found["interviews"])
    if not user_id:
        raise NotAuthenticated()
    row = supabase_client.session_get(user_id=user_id, session_id=session_id)
    if row is not None:
        return SessionAccess(role="interviewer", owner_id=user_id, session=row)
    row = supabase_client.candidate_session_get(user_id=user_id, session_id=session_id)
    if row is None:
        raise SessionNotFound()
    return SessionAccess(role="candidate", owner_id=str(row["scheduled_by"]), session=row)


def invitation_owner(*, invitation_token: str) -> str:
    """The interviewer a live invitation acts for (whose account its candidate's requests count on)."""
    return str(_invitation(invitation_token)["created_by"])


def engine_owner(*, user_id: str | None, invitation_token: str | None, interview_id: str) -> str:
    """As whom the engine serves this caller on this interview: themselves (their own interview, or one
    they scheduled), unless they take a scheduled interview as its candidate (accepted signed in, or
    holding its invitation): then its scheduler, on that one interview only."""
    if invitation_token:
        return session_access(user_id=None, invitation_token=invitation_token, session_id=interview_id).owner_id
    if not user_id:
        raise NotAuthenticated()
    taken = supabase_client.candidate_session_get(user_id=user_id, session_id=interview_id)
    return str(taken["scheduled_by"]) if taken else user_id


def invitation_view(*, invitation_token: str) -> dict[str, Any]:
    """What the invitation opens, for the candidate's landing page."""
    found = _invitation(invitation_token)
    row = found["interviews"]
    interviewer = supabase_client.interviewer_get(user_id=str(found["created_by"]),
                                                  interviewer_id=row["interviewer_id"]) \
        if row.get("interviewer_id") else None
    return {**candidate_view(row, interviewer_name=(interviewer or {}).get("name") or ""),
            "invitation_expires_at": found["expires_at"]}


# The candidate's side (signed in) -------------------------------------------------------------------------


def _verified_email(user_id: str) -> str:
    user = supabase_client.auth_get_user(user_id=user_id)
    if not user.email or not user.email_confirmed:
        raise EmailNotVerified()
    return user.email.lower()


def candidate_session_list(*, user_id: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """Interviews scheduled for the caller's verified e-mail address (to accept) and the ones they accepted."""
    rows, count = supabase_client.candidate_sessions(user_id=user_id, email=_verified_email(user_id), offset=offset,
                                                     limit=limit)
    return [candidate_view(row) for row in rows], count


def candidate_session_accept(*, user_id: str, session_id: str) -> dict[str, Any]:
    """Take the interview as its candidate: it then appears in the caller's history and they drive it."""
    row = supabase_client.candidate_session_accept(user_id=user_id, email=_verified_email(user_id),
                                                   session_id=session_id)
    if row is None:
        raise SessionNotFound("No interview scheduled for your e-mail address has this id (or it is over, or "
                              "someone else took it).")
    return candidate_view(row)


def candidate_session_get(*, user_id: str, session_id: str) -> dict[str, Any]:
    """One of the interviews the caller's list shows: offered to their verified address, or accepted
    (so a front end can show it before it is accepted)."""
    row = supabase_client.candidate_session_offered(user_id=user_id, email=_verified_email(user_id),
                                                    session_id=session_id)
    if row is None:
        raise SessionNotFound()
    return candidate_view(row)


# Seed 003's AI interview and conversations ------------------------------------------------------------------


def conversation_entry(message: dict[str, Any], session_id: str, audio_urls: dict[str, str] | None = None
                       ) -> dict[str, Any]:
    """An interview message in seed 003's Conversation shape; `audio_file` is a spoken answer's
    signed playback URL (by the client message id it was sent with)."""
    sent_as = (message.get("metadata") or {}).get("client_message_id")
    return {"id": message["id"], "session": session_id, "question": message.get("question_id"),
            "speaker": "student" if message["role"] == "candidate" else "ai", "message": message["content"],
            "audio_file": (audio_urls or {}).get(sent_as) if sent_as else None, "timestamp": message["created_at"]}


def conversation_list(*, access: SessionAccess) -> list[dict[str, Any]]:
    from backend.llm_api.services import recordings

    messages = supabase_client.session_messages(user_id=access.owner_id, session_id=access.session_id)
    audio = recordings.spoken_answer_audio_urls(user_id=access.owner_id, interview_id=access.session_id)
    return [conversation_entry(message, access.session_id, audio) for message in messages
            if message["role"] != "system"]


def _progress_view(access: SessionAccess, turn: interviews.TurnResult) -> dict[str, Any]:
    finished = turn.kind == "closing"
    return {"session_id": access.session_id, "status": SEED_STATUS[turn.status],
            "message": (turn.message or {}).get("content"), "interview_complete": finished,
            "progress": turn.progress, "replayed": turn.replayed,
            "conversation": [conversation_entry(m, access.session_id) for m in (turn.answer, turn.message) if m]}


def ai_initialize(*, access: SessionAccess) -> dict[str, Any]:
    """Start the interview if it has not started (any of its parties may), and answer the
    interviewer's current message (the session as `session_access` just read it)."""
    if access.session["status"] != "active":
        _start(owner_id=access.owner_id, row=access.session)
    state = interviews.interview_state(user_id=access.owner_id, interview_id=access.session_id)
    message = state["last_interviewer_message"]
    return {"session_id": access.session_id, "status": "in_progress", "message": (message or {}).get("content"),
            "interview_complete": state["awaiting"] == "end", "progress": state["progress"],
            "conversation": [conversation_entry(message, access.session_id)] if message else []}


def ai_respond(*, access: SessionAccess, student_response: str, client_message_id: str | None) -> dict[str, Any]:
    """The candidate's answer through the engine (stored first; a retried `client_message_id` answers
    the original turn), and the interviewer's reply."""
    turn = interviews.interview_answer_begin(user_id=access.owner_id, interview_id=access.session_id, kind="answer",
                                             content=student_response, client_message_id=client_message_id)
    result = turn if isinstance(turn, interviews.TurnResult) else turn.finish()
    return _progress_view(access, result)


def ai_end(*, access: SessionAccess) -> dict[str, Any]:
    """End and score the interview; the interviewer gets the evaluation, a candidate a thank-you."""
    ended = _end(owner_id=access.owner_id, row=access.session)
    answer = {"session_id": access.session_id, "status": "completed",
              "message": "Thank you for your time: the interview is over, and your interviewer will be in touch."}
    if access.role == "interviewer":
        answer["evaluation"] = ended["evaluation"]
    return answer


def conversation_add(*, access: SessionAccess, speaker: str, message: str,
                     client_message_id: str | None) -> dict[str, Any]:
    """Seed 003's `POST /conversations/`: a student's message is their answer (through the engine);
    the AI's messages are the engine's to write."""
    if speaker != "student":
        raise FieldInvalid("speaker", "Only `student` messages can be added: the AI interviewer's come from "
                                      "the interview itself.")
    return ai_respond(access=access, student_response=message, client_message_id=client_message_id)


# Results ----------------------------------------------------------------------------------------------------


def session_results(*, user_id: str, session_id: str) -> dict[str, Any]:
    """The evaluation, the coverage of the job description, and the candidates of the same role side
    by side (their scores per dimension and per question, questions matched by their text)."""
    from backend.llm_api.services import coaching

    row = _session(user_id, session_id)
    if row["status"] not in ("completed", "abandoned"):
        raise SessionConflict(f"The session is {SEED_STATUS[row['status']]}: results come once it ends.",
                              status=row["status"])
    evaluation = interviews.interview_evaluation(user_id=user_id, interview_id=session_id)
    coverage = coaching.interview_coverage_get(user_id=user_id, interview_id=session_id)
    peers = supabase_client.sessions_of_role(user_id=user_id, job_role=row["job_role"], limit=50)
    students = {}
    questions: list[str] = []
    candidates = []
    for peer in peers:
        student_id = peer.get("student_id")
        if student_id and student_id not in students:
            students[student_id] = supabase_client.student_get(user_id=user_id, student_id=student_id)
        answers = {}
        for answer in sorted(peer.get("interview_answers") or [], key=lambda a: a["position"]):
            text = answer["question_text"]
            if text not in questions:
                questions.append(text)
            answers[text] = None if answer.get("skipped") else answer.get("score")
        student = students.get(student_id) or {}
        candidates.append({
            "session_id": peer["id"], "student": {"id": student_id, "name": student.get("name"),
                                                  "email": student.get("email")},
            "completed_at": peer.get("completed_at"), "this_session": peer["id"] == session_id,
            "scores": {key.removesuffix("_score"): peer.get(key) for key in SCORE_KEYS},
            "answers": answers,
        })
    candidates.sort(key=lambda c: (c["scores"]["overall"] is None, -(c["scores"]["overall"] or 0)))
    return {"session": session_view(row), "evaluation": evaluation, "coverage": coverage,
            "comparison": {"job_role": row["job_role"], "questions": questions,
                           "dimensions": [key.removesuffix("_score") for key in SCORE_KEYS],
                           "candidates": candidates}}
