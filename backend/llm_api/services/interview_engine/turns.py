"""One interface for both interviewers: given the turn the server decided on, word the reply.

An interviewer yields the reply's text in pieces (a model streams them as they arrive) and
never changes state: the kind of reply, the question that comes next and the closing line
are the server's. It may raise `EngineFailed`; the service then uses the offline
interviewer for that turn.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any, Protocol

from .brief import Brief
from .flow import Decision
from .planner import PlannedQuestion


class EngineFailed(Exception):
    pass


@dataclass(frozen=True)
class CodeSubmission:
    """Code the candidate submitted on the current question, with its test results (the server's facts)."""

    language: str
    seq: int  # 1 for the question's first submission
    passed_visible: int
    total_visible: int
    passed_hidden: int
    total_hidden: int
    solved: bool
    failed: tuple[str, ...]  # the failing hidden tests as "kind: failure", e.g. "edge: wrong_answer"
    source: str

    @property
    def result(self) -> str:
        """The result as every reply to a submission states it."""
        return f"{self.passed_hidden} of {self.total_hidden} hidden tests passed"


@dataclass(frozen=True)
class Turn:
    number: int
    brief: Brief
    question: PlannedQuestion  # the question the candidate just answered (or skipped)
    total_questions: int
    decision: Decision
    answer_text: str  # everything the candidate said on this question so far
    latest: str | None  # the message just received (None for a skip)
    skipped: bool
    summary: tuple[str, ...]  # one line per earlier question
    recent: tuple[dict[str, Any], ...] = field(default=())  # the last few messages: {role, content}
    asked_follow_ups: tuple[str, ...] = ()  # follow-ups already asked on this question
    submission: CodeSubmission | None = None  # the code just submitted (a code_review turn)


class Interviewer(Protocol):
    name: str

    def reply(self, turn: Turn) -> Generator[Any, None, str]:
        """Yields the reply's text in pieces (or a reset marker); returns the whole reply."""
        ...
