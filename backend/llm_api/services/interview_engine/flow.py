"""The interview's state and the server's rules for what comes next.

The state lives in `interviews.engine_state` (any API process can serve any turn). The rules
here are the only place that moves an interview on: a follow-up only while the question has
follow-ups left and its answer lacks something not already asked about (each kind of lack
at most once per question, and a few times per interview); otherwise the next planned
question, or the closing line after the last one. Engines only word the reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .assessment import Lack, assess, points_covered
from .brief import Brief
from .planner import PlannedQuestion

STATE_VERSION = 1
ReplyKind = Literal["follow_up", "question", "closing", "code_review"]


@dataclass(frozen=True)
class EngineState:
    plan: tuple[PlannedQuestion, ...]
    brief: Brief
    phase: str = "preparing"  # preparing | asking | closed
    current: int = 1  # position of the question being asked; len(plan) + 1 once closed
    turn: int = 0
    follow_ups_used: int = 0  # on the current question
    kinds_asked: tuple[str, ...] = ()  # lack kinds already followed up on the current question
    kind_totals: dict[str, int] = field(default_factory=dict)  # per interview
    summary: tuple[str, ...] = ()  # one line per closed question

    def as_state(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION, "plan": [question.as_state() for question in self.plan],
            "brief": self.brief.as_state(), "phase": self.phase, "current": self.current, "turn": self.turn,
            "follow_ups_used": self.follow_ups_used, "kinds_asked": list(self.kinds_asked),
            "kind_totals": dict(self.kind_totals), "summary": list(self.summary),
        }

    @classmethod
    def from_state(cls, data: dict[str, Any]) -> EngineState:
        """The state `as_state` wrote (every key is required: a missing one is a bug, not a default)."""
        return cls(
            plan=tuple(PlannedQuestion.from_state(item) for item in data["plan"]),
            brief=Brief.from_state(data["brief"]), phase=data["phase"], current=int(data["current"]),
            turn=int(data["turn"]), follow_ups_used=int(data["follow_ups_used"]),
            kinds_asked=tuple(data["kinds_asked"]), kind_totals=dict(data["kind_totals"]),
            summary=tuple(data["summary"]),
        )

    @property
    def question(self) -> PlannedQuestion | None:
        return self.plan[self.current - 1] if 1 <= self.current <= len(self.plan) else None


@dataclass(frozen=True)
class Decision:
    kind: ReplyKind
    lack: Lack | None  # the follow-up's target (the server's first choice)
    allowed: tuple[Lack, ...]  # what a follow-up may target (a model may pick among these)
    next_question: PlannedQuestion | None
    state: EngineState  # the state once this reply is stored


def _summary_line(question: PlannedQuestion, answer_text: str, skipped: bool) -> str:
    if skipped:
        return f"Q{question.position} ({question.category}): skipped"
    covered = points_covered(question.rubric, answer_text)
    missed = [point["text"] for point, hit in zip(question.rubric.get("points") or [], covered, strict=True)
              if not hit]
    line = f"Q{question.position} ({question.category}): covered {sum(covered)}/{len(covered)} rubric points"
    return line + (f"; missed: {missed[0][:80]}" if missed else "")


def decide(*, state: EngineState, answer_text: str, skipped: bool, max_follow_ups: int,
           max_per_kind: int) -> Decision:
    """The next step after the candidate answered (or skipped) the current question."""
    question = state.question
    if question is None:
        raise ValueError("the interview has no current question")
    if not skipped and state.follow_ups_used < max_follow_ups:
        lacks = assess(question_type=question.interview_type, question_text=question.text, rubric=question.rubric,
                       skills=question.skills, category=question.category, answer=answer_text)
        allowed = tuple(lack for lack in lacks if lack.kind not in state.kinds_asked
                        and state.kind_totals.get(lack.kind, 0) < max_per_kind)
        if allowed:
            return Decision("follow_up", allowed[0], allowed, None, state)
    summary = (*state.summary, _summary_line(question, answer_text, skipped))
    moved = replace(state, follow_ups_used=0, kinds_asked=(), summary=summary, current=state.current + 1)
    if moved.question is None:
        return Decision("closing", None, (), None, replace(moved, phase="closed"))
    return Decision("question", None, (), moved.question, moved)


def after_submission(state: EngineState) -> Decision:
    """Code was submitted on the current question: the interviewer answers it (the results, then the
    approach and complexity), and the question stays open for that discussion. Not a follow-up: the
    discussion is the answer itself, so no follow-up is used up."""
    if state.question is None:
        raise ValueError("the interview has no current question")
    return Decision("code_review", None, (), None, state)


def after_follow_up(state: EngineState, lack: Lack) -> EngineState:
    """The state once a follow-up on `lack` is stored."""
    totals = dict(state.kind_totals)
    totals[lack.kind] = totals.get(lack.kind, 0) + 1
    return replace(state, follow_ups_used=state.follow_ups_used + 1, kinds_asked=(*state.kinds_asked, lack.kind),
                   kind_totals=totals)


def question_heading(question: PlannedQuestion, total: int) -> str:
    return f"Question {question.position} of {total}: {question.text}"


CLOSING_LINE = ("That was the last question. Thank you for your time. End the interview when you are ready "
                "to see your feedback.")
