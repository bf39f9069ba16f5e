"""Interviews: create with a plan, start, answer (with follow-ups), skip, end, and read the state.

The server owns the flow. A turn is two round trips to Supabase around the interviewer:
`interview_accept` stores the candidate's answer (or skip, or code submission: see
`coding.code_submit`) and marks a reply pending (so nothing said is lost, and a second answer
at the same time is refused), then `interview_reply` stores the reply and the new engine
state, only if that answer is still the pending one. The decision (follow up, next question,
close; after a code submission, a review of it) is `interview_engine`'s; the interviewer
(model or offline) only words it, and a failing model falls back to the offline wording
for that turn. No state is kept in memory between requests.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError
from backend.llm_api.services import coding, evaluation, interview_scores
from backend.llm_api.services.interview_engine import (
    CLOSING_LINE,
    RESET,
    Brief,
    CodeSubmission,
    EmptyBank,
    EngineFailed,
    EngineState,
    Interviewer,
    Lack,
    OfflineInterviewer,
    PlannedQuestion,
    Turn,
    after_follow_up,
    after_submission,
    candidate_types,
    decide,
    interviewer_from_settings,
    make_brief,
    plan_interview,
    question_heading,
)
from backend.llm_api.services.resumes import ResumeNotFound

logger = logging.getLogger(__name__)

RECENT_MESSAGES = 5  # the last messages a turn's prompt carries verbatim (the answer itself included)


class InterviewNotFound(supabase_client.NotFound):
    default_code = "interview_not_found"
    default_detail = "No such interview."


class InvalidTransition(AppError):
    """The interview is not in a state that allows this: 409 naming the state it is in."""

    status_code = 409
    default_code = "invalid_transition"

    def __init__(self, detail: str, *, status: str, turn: int | None = None, code: str | None = None) -> None:
        super().__init__(detail, code=code, details={"status": status, "turn": turn})


class QuestionBankEmpty(AppError):
    status_code = 503
    default_code = "question_bank_empty"
    default_detail = "The question bank is empty: run `python manage.py load_question_bank`."


# Creating and starting ---------------------------------------------------------------------


def interview_create(*, user_id: str, job_role: str, experience_level: str, interview_type: str, difficulty: str,
                     num_questions: int, resume_id: str | None = None, job_description: str | None = None,
                     title: str | None = None) -> dict[str, Any]:
    """A new interview (status `preparing`) with its plan, tailored to everything given."""
    resume = None
    if resume_id:
        row = supabase_client.resume_get(user_id=user_id, resume_id=resume_id)
        if row is None:
            raise ResumeNotFound()
        resume = {**(row.get("parsed") or {}), **(row.get("corrections") or {})}
    brief = make_brief(job_role=job_role, experience_level=experience_level, interview_type=interview_type,
                       difficulty=difficulty, job_description=job_description, resume=resume)
    plan = bank_plan(user_id=user_id, brief=brief, num_questions=num_questions, personal=True)
    state = EngineState(plan=tuple(plan), brief=brief)
    created = supabase_client.interview_create(
        user_id=user_id,
        interview={"resume_id": resume_id, "title": title, "job_role": job_role, "job_description": job_description,
                   "experience_level": experience_level, "interview_type": interview_type, "difficulty": difficulty,
                   "engine_state": state.as_state()},
        plan=plan_rows(plan),
    )
    return interview_view(created["interview"])


def plan_rows(plan: list[PlannedQuestion]) -> list[dict[str, Any]]:
    """The plan as the `interview_answers` rows the interview starts with, one per question."""
    return [{"position": q.position, "question_id": q.question_id, "question_text": q.text,
             "question_type": q.interview_type, "category": q.category} for q in plan]


def bank_plan(*, user_id: str, brief: Brief, num_questions: int, personal: bool) -> list[PlannedQuestion]:
    """A plan from the public bank and the user's own questions; `personal`: also steered away from
    what the user was asked lately and towards their open skill gaps (a practice interview's)."""
    candidates = supabase_client.plan_candidate_questions(
        user_id=user_id, interview_types=candidate_types(brief.interview_type),
        experience_level=brief.experience_level)
    runnable = frozenset(supabase_client.coding_problem_keys()) if "coding" in candidate_types(
        brief.interview_type) else frozenset()
    recent = set(supabase_client.interview_recent_question_ids(user_id=user_id, limit=200)) if personal else set()
    gaps = supabase_client.open_skill_gaps(user_id=user_id, limit=20) if personal else []
    try:
        return plan_interview(brief=brief, candidates=candidates, num_questions=num_questions,
                              recent_question_ids=recent, skill_gaps=gaps, runnable=runnable)
    except EmptyBank as exc:
        raise QuestionBankEmpty() from exc


def interview_view(row: dict[str, Any]) -> dict[str, Any]:
    """The interview as the API shows it: its row without the engine's internals, plus the plan."""
    state = row.get("engine_state") or {}
    plan = [{"position": q["position"], "question": q["text"], "interview_type": q["interview_type"],
             "category": q["category"], "difficulty": q["difficulty"], "question_id": q["question_id"],
             "targets": q["targets"]} for q in state.get("plan") or []]
    shown = {key: value for key, value in row.items() if key not in ("engine_state", "interview_answers")}
    return {**shown, "plan": plan}


def opening_message(state: EngineState) -> str:
    """The interviewer's first message: what the interview is, then the first question."""
    brief = state.brief
    first = state.plan[0]
    count = len(state.plan)
    kind = brief.interview_type.replace("_", " ")
    return (f"Hello, and thanks for joining. This is a {kind} interview for the {brief.job_role} role: "
            f"{count} question{'s' if count != 1 else ''}, and I may ask a follow-up or two along the way. "
            f"Take your time with each answer.\n\n{question_heading(first, count)}")


def interview_start(*, user_id: str, interview_id: str) -> dict[str, Any]:
    row = supabase_client.interview_get(user_id=user_id, interview_id=interview_id)
    if row is None:
        raise InterviewNotFound()
    if row["status"] != "preparing":
        raise _transition("start", row["status"])
    state = replace(EngineState.from_state(row["engine_state"]), phase="asking", current=1)
    started = supabase_client.interview_start(
        user_id=user_id, interview_id=interview_id,
        message={"content": opening_message(state), "metadata": {"kind": "question", "position": 1}},
        state={"phase": "asking", "current": 1, "turn": 0},
    )
    if started["outcome"] == "not_found":
        raise InterviewNotFound()
    if started["outcome"] == "conflict":
        raise _transition("start", started["status"])
    return {"interview": interview_view(started["interview"]), "message": started["message"],
            "progress": _progress(state, int(settings.INTERVIEW_MAX_FOLLOW_UPS))}


def _transition(action: str, status: str, turn: int | None = None, phase: str | None = None) -> InvalidTransition:
    if phase == "closed" and status == "active":
        return InvalidTransition("The last question has been answered: end the interview to see the evaluation.",
                                 status=status, turn=turn, code="interview_closed")
    if phase == "awaiting_reply":
        return InvalidTransition("The interviewer is still replying to the previous answer.", status=status,
                                 turn=turn, code="reply_in_progress")
    return InvalidTransition(f"Cannot {action} an interview that is {status}.", status=status, turn=turn)


def _progress(state: EngineState, max_follow_ups: int) -> dict[str, Any]:
    total = len(state.plan)
    return {"question": min(state.current, total), "of": total,
            "follow_ups_left": 0 if state.phase == "closed" else max(0, max_follow_ups - state.follow_ups_used)}


# Turns --------------------------------------------------------------------------------------


@dataclass
class TurnResult:
    """What a turn answers: the stored reply, its kind, progress, and who worded it."""

    answer: dict[str, Any]
    message: dict[str, Any] | None
    kind: str | None
    progress: dict[str, Any]
    engine: str | None
    status: str
    replayed: bool = False
    submission: dict[str, Any] | None = None  # the code submission the answer recorded (kind code)

    def as_json(self) -> dict[str, Any]:
        return {"answer": self.answer, "message": self.message, "kind": self.kind, "progress": self.progress,
                "engine": self.engine, "status": self.status, "replayed": self.replayed}


@dataclass
class PendingTurn:
    """An answer stored with its reply still to produce: `events()` streams it, `finish()` waits for it."""

    user_id: str
    interview_id: str
    context: dict[str, Any]
    interviewer: Interviewer
    then: dict[str, Any] | None = None  # the answer to accept after completing a stale one (its arguments)
    timings: dict[str, float] = field(default_factory=dict)

    def events(self) -> Iterator[tuple[str, Any]]:
        """("token", text) pieces, ("reset", None) when streamed text is replaced, then ("message", TurnResult)."""
        result = yield from _reply(self)
        if self.then is not None:  # the stale reply is done; now the caller's own answer
            follow = interview_answer_begin(user_id=self.user_id, interview_id=self.interview_id, **self.then)
            if isinstance(follow, TurnResult):
                result = follow
            else:
                follow.interviewer = self.interviewer
                yield ("reset", None)
                result = yield from _reply(follow)
        yield ("message", result)

    def finish(self) -> TurnResult:
        result = None
        for event, value in self.events():
            if event == "message":
                result = value
        assert result is not None
        return result


def interview_answer_begin(*, user_id: str, interview_id: str, kind: str, content: str | None,
                           client_message_id: str | None = None,
                           submission: dict[str, Any] | None = None) -> PendingTurn | TurnResult:
    """Store the answer (or skip, or code `submission` with the line recording it) now; the reply
    is produced by the returned `PendingTurn`.

    A retried `client_message_id` returns the original turn (`TurnResult`), or a `PendingTurn`
    that completes a reply a crashed request left unfinished.
    """
    accepted = supabase_client.interview_accept(
        user_id=user_id, interview_id=interview_id, kind=kind, content=content,
        client_message_id=client_message_id, lease_seconds=int(settings.INTERVIEW_REPLY_LEASE_SECONDS),
        recent=RECENT_MESSAGES, submission=submission,
    )
    outcome = accepted["outcome"]
    if outcome == "not_found":
        raise InterviewNotFound()
    if outcome == "conflict" and accepted.get("moved_on"):
        raise InvalidTransition("The interview moved on while the code ran; the submission was not stored.",
                                status=accepted["status"], turn=accepted.get("turn"))
    if outcome == "conflict":
        action = {"answer": "answer", "skip": "skip in", "code": "submit code in"}[kind]
        raise _transition(action, accepted["status"], accepted.get("turn"), accepted.get("phase"))
    if outcome == "in_progress":
        raise _transition("answer", accepted["status"], accepted.get("turn"), "awaiting_reply")
    if outcome == "duplicate":
        return _replayed(accepted)
    pending = PendingTurn(user_id=user_id, interview_id=interview_id, context=accepted,
                          interviewer=interviewer_from_settings())
    if outcome == "stale":
        pending.then = {"kind": kind, "content": content, "client_message_id": client_message_id,
                        "submission": submission}
    return pending


class NoSpeechFound(AppError):
    status_code = 422
    default_code = "no_speech_found"
    default_detail = "No speech was found in the audio; the recording is kept, so the request can be retried."


def interview_spoken_answer_begin(*, user_id: str, interview_id: str, audio: Any | None,
                                  client_message_id: str | None) -> tuple[PendingTurn | TurnResult, dict[str, Any]]:
    """A spoken answer: the audio is kept first (transcript-only users' audio is discarded once the
    transcript is stored), transcribed, and the transcript is answered as `interview_answer_begin`
    answers text. A failed transcription leaves the audio kept for a retry with the same
    `client_message_id`. Returns the turn and what the speech left (transcript, delivery metrics,
    the recording)."""
    from backend.llm_api.services import recordings

    row = supabase_client.interview_get(user_id=user_id, interview_id=interview_id)
    if row is None:
        raise InterviewNotFound()
    if row["status"] != "active":
        raise _transition("answer", row["status"])
    recording, transcript = recordings.spoken_answer_transcribe(
        user_id=user_id, interview_id=interview_id, upload=audio, client_message_id=client_message_id)
    if not transcript.text.strip():
        raise NoSpeechFound(details={"recording_id": recording["id"]})
    turn = interview_answer_begin(user_id=user_id, interview_id=interview_id, kind="answer",
                                  content=transcript.text, client_message_id=client_message_id)
    answer = turn.context.get("current_answer") if isinstance(turn, PendingTurn) else None
    spoken = recordings.spoken_answer_record(user_id=user_id, interview_id=interview_id, recording=recording,
                                             transcript=transcript, answer=answer,
                                             part_id=client_message_id or str(recording["id"]))
    return turn, spoken


def _replayed(accepted: dict[str, Any]) -> TurnResult:
    interview = accepted["interview"]
    state = EngineState.from_state(interview["engine_state"])
    reply = accepted.get("reply")
    metadata = (reply or {}).get("metadata") or {}
    return TurnResult(answer=accepted["answer"], message=reply, kind=metadata.get("kind"),
                      progress=_progress(state, int(settings.INTERVIEW_MAX_FOLLOW_UPS)),
                      engine=metadata.get("engine"), status=interview["status"], replayed=True,
                      submission=accepted.get("submission"))


def _asked_follow_ups(recent: list[dict[str, Any]], position: int) -> tuple[str, ...]:
    return tuple(str(m["content"]) for m in recent if m.get("role") == "interviewer"
                 and (m.get("metadata") or {}).get("kind") == "follow_up"
                 and (m.get("metadata") or {}).get("position") == position)


def _reply(pending: PendingTurn) -> Iterator[tuple[str, Any]]:
    context = pending.context
    interview = context["interview"]
    answer_message = context["answer"]
    answer_row = context.get("current_answer") or {}
    state = EngineState.from_state(interview["engine_state"])
    received = (answer_message.get("metadata") or {}).get("kind")
    skipped = received == "skip"
    submission = context.get("submission") if received == "code" else None
    max_follow_ups = int(settings.INTERVIEW_MAX_FOLLOW_UPS)
    if submission is not None:
        decision = after_submission(state)
    else:
        decision = decide(state=state, answer_text=str(answer_row.get("answer_text") or ""), skipped=skipped,
                          max_follow_ups=max_follow_ups,
                          max_per_kind=int(settings.INTERVIEW_MAX_FOLLOW_UPS_PER_KIND))
    question = state.question
    assert question is not None
    recent = [m for m in context.get("recent") or [] if m["id"] != answer_message["id"]]
    turn = Turn(number=state.turn, brief=state.brief, question=question, total_questions=len(state.plan),
                decision=decision, answer_text=str(answer_row.get("answer_text") or ""),
                latest=None if skipped or submission else answer_message["content"], skipped=skipped,
                summary=state.summary, recent=tuple({"role": m["role"], "content": m["content"]} for m in recent),
                asked_follow_ups=_asked_follow_ups(recent, question.position),
                submission=_submitted(submission) if submission else None)
    started = time.perf_counter()
    words, engine = yield from _worded(pending.interviewer, turn)
    pending.timings["interviewer_seconds"] = time.perf_counter() - started
    lack: Lack | None = decision.lack
    if decision.kind == "follow_up":
        chosen = getattr(pending.interviewer, "target", None) if engine != "offline" else None
        lack = next((item for item in decision.allowed if item.kind == chosen), decision.lack)
        new_state = after_follow_up(state, lack)
        content = words
    elif decision.kind == "code_review":
        new_state = decision.state
        content = words
    elif decision.kind == "question":
        assert decision.next_question is not None
        heading = question_heading(decision.next_question, len(state.plan))
        yield ("token", "\n\n" + heading)
        new_state = decision.state
        content = f"{words}\n\n{heading}"
    else:
        yield ("token", "\n\n" + CLOSING_LINE)
        new_state = decision.state
        content = f"{words}\n\n{CLOSING_LINE}"
    new_state = replace(new_state, turn=state.turn)
    answers = [{"position": question.position,
                "follow_up_count": state.follow_ups_used + (1 if decision.kind == "follow_up" else 0)}]
    if decision.kind == "question":
        answers.append({"position": new_state.current, "ask": True})
    metadata = {"kind": decision.kind, "engine": engine, "position": new_state.current if decision.kind == "question"
                else question.position, "lack": lack.as_state() if lack else None}
    stored = supabase_client.interview_reply(
        user_id=pending.user_id, interview_id=pending.interview_id, answer_message_id=answer_message["id"],
        message={"content": content, "metadata": metadata}, state=new_state.as_state(), answers=answers,
    )
    if stored["outcome"] == "not_found":
        raise InterviewNotFound()
    if stored["outcome"] == "superseded":  # another request completed this turn first, or the interview ended
        reply = stored.get("reply")
        return TurnResult(answer=answer_message, message=reply, kind=((reply or {}).get("metadata") or {}).get("kind"),
                          progress=_progress(state, max_follow_ups), engine=((reply or {}).get("metadata") or {})
                          .get("engine"), status=stored["status"], replayed=True, submission=submission)
    if decision.kind in ("question", "closing") and not skipped:  # the question closed: score it now
        interview_scores.schedule_closed_answer(user_id=pending.user_id, interview_id=pending.interview_id,
                                                question=question, answer_text=turn.answer_text)
    return TurnResult(answer=answer_message, message=stored["message"], kind=decision.kind,
                      progress=_progress(new_state, max_follow_ups), engine=engine, status="active",
                      submission=submission)


def _submitted(row: dict[str, Any]) -> CodeSubmission:
    """A stored code submission as the interviewer is told about it."""
    failed = tuple(f"{r.get('kind')}: {r.get('failure')}" for r in row.get("results") or []
                   if r.get("hidden") and not r.get("passed"))
    return CodeSubmission(language=row["language"], seq=int(row["seq"]), passed_visible=int(row["passed_visible"]),
                          total_visible=int(row["total_visible"]), passed_hidden=int(row["passed_hidden"]),
                          total_hidden=int(row["total_hidden"]), solved=bool(row["solved"]), failed=failed,
                          source=str(row["source"]))


def _worded(interviewer: Interviewer, turn: Turn) -> Iterator[tuple[str, Any]]:
    """Stream the interviewer's words; on failure, the offline interviewer's (after a reset)."""
    progress = {"streamed": False}
    try:
        text = yield from _as_events(interviewer.reply(turn), progress)
        return text, interviewer.name
    except EngineFailed as exc:
        if interviewer.name == "offline":
            raise
        logger.warning("interviewer %s failed, the offline interviewer replies instead: %s", interviewer.name, exc)
        if progress["streamed"]:
            yield ("reset", None)
        offline = OfflineInterviewer()
        text = yield from _as_events(offline.reply(turn), {})
        return text, offline.name


def _as_events(reply, progress: dict[str, bool]) -> Iterator[tuple[str, Any]]:
    """An interviewer's pieces as ("token", text) and ("reset", None) events; returns its whole reply."""
    while True:
        try:
            piece = next(reply)
        except StopIteration as stop:
            return str(stop.value)
        if piece is RESET:
            yield ("reset", None)
        else:
            progress["streamed"] = True
            yield ("token", piece)


# Ending, and reading the state ----------------------------------------------------------------


def interview_end(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """Score and finish the interview in one transaction; calling it again answers the same result."""
    row = supabase_client.interview_get(user_id=user_id, interview_id=interview_id, with_answers=True,
                                        with_results=True)
    if row is None:
        raise InterviewNotFound()
    if row["status"] in ("completed", "abandoned"):
        return evaluation_view(row)
    if row["status"] != "active":
        raise _transition("end", row["status"])
    answers = {answer["position"]: answer for answer in row.get("interview_answers") or []}
    state = EngineState.from_state(row["engine_state"])
    scores = interview_scores.scores_for_end(plan=list(state.plan), answers=answers)
    scores = coding.with_code_quality(user_id=user_id, interview_id=interview_id, plan=list(state.plan), scores=scores)
    if not scores:
        result: dict[str, Any] = {"status": "abandoned"}
    else:
        result = evaluation.evaluate_interview(plan=list(state.plan), answers=answers, scores=scores,
                                               brief=state.brief)
    supabase_client.interview_finish(user_id=user_id, interview_id=interview_id, result=result)
    return interview_evaluation(user_id=user_id, interview_id=interview_id)


def interview_evaluation(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """The finished interview's evaluation, as `end` answered it."""
    row = supabase_client.interview_get(user_id=user_id, interview_id=interview_id, with_answers=True,
                                        with_results=True)
    if row is None:
        raise InterviewNotFound()
    if row["status"] not in ("completed", "abandoned"):
        raise InvalidTransition(f"The interview is {row['status']}: it has no evaluation until it ends.",
                                status=row["status"], code="not_finished")
    return evaluation_view(row)


def evaluation_view(row: dict[str, Any]) -> dict[str, Any]:
    """The evaluation of an interview row read with its answers and skill gaps (what `end` answers)."""
    keys = ("id", "status", "overall_score", "communication_score", "technical_score", "problem_solving_score",
            "code_quality_score", "scoring_engine", "rubric_version", "scored_at", "feedback", "started_at",
            "completed_at", "duration_seconds", "answered_count", "planned_questions")
    positions = {answer["id"]: answer["position"] for answer in row.get("interview_answers") or []}
    answers = []
    for answer in row.get("interview_answers") or []:
        feedback = answer.get("feedback") or {}
        answers.append({
            **{key: answer.get(key) for key in ("position", "question_text", "question_type", "category",
                                                 "answer_text", "skipped", "score", "evidence", "follow_up_count",
                                                 "scoring_engine", "rubric_version")},
            "dimensions": feedback.get("dimensions") or {}, "guard": feedback.get("guard"),
            "rubric_points_covered": feedback.get("rubric_points_covered") or [],
            "rubric_points_missed": feedback.get("rubric_points_missed") or [],
            "delivery_metrics": answer.get("delivery_metrics") or None,  # a spoken answer's
        })
    gaps = [{"skill": gap["skill"], "severity": gap["severity"],
             "evidence": {"quote": gap.get("evidence"), "answer_position": positions.get(gap.get("answer_id"))},
             "recommendation": gap.get("recommendation"), "resources": gap.get("resources") or []}
            for gap in row.get("skill_gaps") or []]
    return {**{key: row.get(key) for key in keys}, "answers": answers, "skill_gaps": gaps}


def interview_state(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """What a front end needs to resume after a reload."""
    row = supabase_client.interview_get(user_id=user_id, interview_id=interview_id)
    if row is None:
        raise InterviewNotFound()
    state = EngineState.from_state(row["engine_state"])
    pending = (row["engine_state"] or {}).get("pending")
    last = supabase_client.interview_last_interviewer_message(user_id=user_id, interview_id=interview_id)
    question = state.question if row["status"] == "active" and state.phase == "asking" else None
    elapsed = None
    if row.get("started_at"):
        from datetime import UTC, datetime

        began = datetime.fromisoformat(row["started_at"])
        ended = datetime.fromisoformat(row["completed_at"]) if row.get("completed_at") else datetime.now(UTC)
        elapsed = max(0, int((ended - began).total_seconds()))
    awaiting = ("reply" if pending else "answer") if question else (
        "end" if row["status"] == "active" else "start" if row["status"] == "preparing" else None)
    return {
        "id": row["id"], "status": row["status"], "phase": state.phase, "awaiting": awaiting,
        "current_question": ({"position": question.position, "question": question.text,
                              "interview_type": question.interview_type, "category": question.category}
                             if question else None),
        "progress": _progress(state, int(settings.INTERVIEW_MAX_FOLLOW_UPS)),
        "elapsed_seconds": elapsed, "last_interviewer_message": last,
        "started_at": row.get("started_at"), "completed_at": row.get("completed_at"),
    }
