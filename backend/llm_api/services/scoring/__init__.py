"""Scoring one answer: the guard, a scorer's dimension levels, evidence checked in code, weights.

    scored = score_answer(question=..., answer=..., scorer=OfflineScorer() or ModelScorer(...))
    scored.score, scored.dimensions, scored.evidence, scored.guard, scored.engine

Both scorers propose levels with quotes; this module keeps only quotes found in the answer,
caps a level above NO_EVIDENCE_CAP that no quote supports, caps guarded answers at
GUARD_CAP, and computes the score from the levels with the question type's weights. So no
scorer's whole-answer opinion is ever stored as the score. Nothing here touches Supabase.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from backend.llm_api.services.interview_engine import PlannedQuestion, points_covered

from . import guard, offline
from .evidence import verified
from .rubric import (
    DIMENSIONS,
    GUARD_CAP,
    NO_EVIDENCE_CAP,
    OFF_RUBRIC_CAP,
    RUBRIC_VERSION,
    anchor,
    dimensions_for,
    level_score,
)

logger = logging.getLogger(__name__)

OFFLINE_ENGINE = "offline-scorer-1"


@dataclass(frozen=True)
class DimensionScore:
    name: str
    level: int
    score: float
    anchor: str
    quotes: tuple[str, ...]
    capped: str | None = None  # "no_evidence" or "guard" when a cap lowered it


@dataclass(frozen=True)
class AnswerScore:
    position: int
    score: float
    dimensions: tuple[DimensionScore, ...]
    guard: str | None
    covered: tuple[str, ...]
    missed: tuple[str, ...]
    engine: str
    rubric_version: str = RUBRIC_VERSION
    fallback: str | None = None  # why the model scorer's levels were not used
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def evidence(self) -> list[str]:
        quotes: list[str] = []
        for dimension in self.dimensions:
            for quote in dimension.quotes:
                if quote not in quotes:
                    quotes.append(quote)
        return quotes

    def dimension(self, name: str) -> DimensionScore | None:
        return next((d for d in self.dimensions if d.name == name), None)

    def feedback(self) -> dict[str, Any]:
        """What interview_answers.feedback stores: every dimension with its anchor and quotes."""
        return {
            "dimensions": {d.name: {"level": d.level, "score": d.score, "anchor": d.anchor, "quotes": list(d.quotes),
                                    "capped": d.capped} for d in self.dimensions},
            "rubric_points_covered": list(self.covered), "rubric_points_missed": list(self.missed),
            "guard": self.guard, "fallback": self.fallback, **self.notes,
        }

    @classmethod
    def from_stored(cls, *, position: int, row: dict[str, Any]) -> AnswerScore | None:
        """The score stored on an answer row, if it was made with this rubric version."""
        feedback = row.get("feedback") or {}
        if row.get("score") is None or row.get("rubric_version") != RUBRIC_VERSION or "dimensions" not in feedback:
            return None
        dimensions = tuple(DimensionScore(name=name, level=int(d["level"]), score=float(d["score"]),
                                          anchor=str(d["anchor"]), quotes=tuple(d.get("quotes") or ()),
                                          capped=d.get("capped"))
                           for name, d in feedback["dimensions"].items())
        return cls(position=position, score=float(row["score"]), dimensions=dimensions, guard=feedback.get("guard"),
                   covered=tuple(feedback.get("rubric_points_covered") or ()),
                   missed=tuple(feedback.get("rubric_points_missed") or ()), engine=str(row.get("scoring_engine")),
                   fallback=feedback.get("fallback"))

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = self.evidence
        return data


@dataclass(frozen=True)
class Proposal:
    """A scorer's levels, with the quotes it says support them."""

    levels: dict[str, tuple[int, tuple[str, ...]]]
    engine: str


class Scorer(Protocol):
    name: str

    def propose(self, *, question: PlannedQuestion, answer: str, dimensions: list[str]) -> Proposal: ...


class ScorerFailed(Exception):
    pass


class OfflineScorer:
    name = OFFLINE_ENGINE

    def propose(self, *, question: PlannedQuestion, answer: str, dimensions: list[str]) -> Proposal:
        found = offline.levels(question_type=question.interview_type, answer=answer, rubric=question.rubric,
                               dimensions=dimensions)
        return Proposal({name: (level.level, level.quotes) for name, level in found.items()}, self.name)


def _settle(name: str, level: int, quotes: tuple[str, ...], answer: str, guarded: bool,
            relevant: bool) -> DimensionScore:
    kept = tuple(quote for quote in quotes if verified(quote, answer))
    capped = None
    if level > NO_EVIDENCE_CAP and not kept:
        level, capped = NO_EVIDENCE_CAP, "no_evidence"
    if level > OFF_RUBRIC_CAP and not relevant:
        level, capped = OFF_RUBRIC_CAP, "no_rubric_point"
    score = level_score(level)
    if guarded:
        score, capped = min(score, float(GUARD_CAP)), "guard"
    return DimensionScore(name=name, level=level, score=score, anchor=anchor(name, level), quotes=kept, capped=capped)


def score_answer(*, question: PlannedQuestion, answer: str, scorer: Scorer | None = None) -> AnswerScore:
    """The answer's score on its question's dimensions; a failing scorer falls back to offline."""
    weights = dimensions_for(question.interview_type)
    names = list(weights)
    rubric = question.rubric
    covered_flags = points_covered(rubric, answer)
    points = [str(point.get("text")) for point in rubric.get("points") or []]
    covered = tuple(text for text, hit in zip(points, covered_flags, strict=True) if hit)
    missed = tuple(text for text, hit in zip(points, covered_flags, strict=True) if not hit)
    reason = guard.reason(question_text=question.text, rubric=rubric, skills=question.skills,
                          category=question.category, answer=answer)
    chosen = scorer or OfflineScorer()
    fallback = None
    if reason is not None:
        chosen = OfflineScorer()  # guarded answers never reach a model
    try:
        proposal = chosen.propose(question=question, answer=answer, dimensions=names)
    except ScorerFailed as exc:
        logger.warning("scorer %s failed, the offline scorer scores instead: %s", chosen.name, exc)
        fallback = str(exc)[:300]
        proposal = OfflineScorer().propose(question=question, answer=answer, dimensions=names)
    relevant = bool(covered) or not points
    dimensions = tuple(_settle(name, *proposal.levels[name], answer=answer, guarded=reason is not None,
                               relevant=relevant) for name in names)
    score = sum(d.score * weights[d.name] for d in dimensions) / sum(weights.values())
    if reason is not None:
        score = min(score, float(GUARD_CAP))
    return AnswerScore(position=question.position, score=round(score, 1), dimensions=dimensions, guard=reason,
                       covered=covered, missed=missed, engine=proposal.engine, fallback=fallback)


__all__ = ["DIMENSIONS", "RUBRIC_VERSION", "AnswerScore", "DimensionScore", "OfflineScorer", "Proposal", "Scorer",
           "ScorerFailed", "score_answer"]


def scorer_from_settings() -> Scorer:
    """The model judge when the interview engine uses a model (LLM_PROVIDER), else the offline scorer."""
    from django.conf import settings

    from backend.llm_api.services.interview_engine import provider

    from .model import JudgeSettings, ModelScorer

    if provider() == "offline" or not settings.SCORING_WITH_MODEL:
        return OfflineScorer()
    return ModelScorer(JudgeSettings(
        api_key=settings.OPENAI_API_KEY, base_url=settings.OPENAI_BASE_URL or None,
        model=settings.SCORING_MODEL or settings.OPENAI_MODEL, timeout=float(settings.SCORING_MODEL_TIMEOUT),
        max_retries=int(settings.INTERVIEW_MODEL_RETRIES)))
