"""Scoring a finished interview: the one interface `end` calls, and the offline scorer behind it.

`evaluate_interview(plan=..., answers=...)` returns `finish_interview`'s `p_result` (scores on
0-100, per-answer scores with the evidence quoted from the candidate's own words, feedback
that names the answer it is about, skill gaps and the coverage map), so the interview, its
answers, gaps and coverage are written in one transaction. Deterministic: the same answers
always get the same scores.

Per answer: rubric points covered (their keywords present), the specifics the question type
calls for (an example, an outcome, numbers, one's own part, trade-offs: the assessment's
checks), and enough substance to judge. A guard caps at 10 what is no answer at all: empty,
a handful of words, gibberish, a copy of the question, or instructions to the scorer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from backend.llm_api.services.interview_engine import (
    Brief,
    PlannedQuestion,
    assess,
    looks_like_instructions,
    points_covered,
)
from backend.llm_api.services.interview_engine.assessment import words

SCORING_ENGINE = "offline-scorer-1"
RUBRIC_VERSION = "interview-rubric-1"
GUARD_CAP = 10
SIGNAL_KINDS = ("no_example", "we_not_i", "no_outcome", "no_numbers", "no_tradeoff")
TECHNICAL_TYPES = ("technical", "system_design", "coding")
RECOMMENDATIONS = {
    "no_example": "Anchor answers in one specific situation you were in: where, when, what was at stake.",
    "we_not_i": "Say what you did yourself: the decisions and actions that were yours, not only the team's.",
    "no_outcome": "Close each story with its result and how you knew: the outcome, and what you learned.",
    "no_numbers": "Quantify: sizes, percentages, time saved, users affected.",
    "no_tradeoff": "Name the trade-offs: what your approach costs and when an alternative would be better.",
    "too_short": "Give fuller answers: walk through your reasoning step by step before concluding.",
    "off_topic": "Answer the question asked; restate it to yourself before you start.",
}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True)
class AnswerScore:
    position: int
    score: float
    communication: float
    technical: float
    problem_solving: float
    guard: str | None
    covered: list[str]
    missed: list[str]
    lacks: list[str]
    evidence: list[str]


def guard_reason(*, question_text: str, answer: str) -> str | None:
    """Why an answer is no answer at all (capped at GUARD_CAP), or None."""
    tokens = words(answer)
    if not tokens:
        return "empty"
    if len(tokens) < 6:
        return "too_few_words"
    if looks_like_instructions(answer):
        return "instructions_to_the_scorer"
    question_tokens = set(words(question_text))
    if question_tokens and sum(token in question_tokens for token in tokens) / len(tokens) > 0.8:
        return "copy_of_the_question"
    vowelless = sum(1 for token in tokens if len(token) > 3 and not re.search(r"[aeiouy]", token))
    long_runs = len(re.findall(r"[bcdfghjklmnpqrstvwxz]{5,}", answer.casefold()))
    if (vowelless + long_runs) / len(tokens) > 0.3:
        return "gibberish"
    if not _SENTENCE.search(answer) or max(len(words(s)) for s in _SENTENCE.findall(answer)) < 4:
        return "no_sentences"
    return None


def _quotes(answer: str, rubric: dict[str, Any]) -> list[str]:
    """Up to three sentences of the answer, verbatim, that touch a rubric point."""
    keywords = [str(k).casefold() for point in rubric.get("points") or [] for k in point.get("keywords") or []]
    quotes = []
    for sentence in _SENTENCE.findall(answer):
        text = sentence.strip()
        if len(text) > 15 and any(keyword in text.casefold() for keyword in keywords):
            quotes.append(text[:300])
        if len(quotes) == 3:
            break
    return quotes


def score_answer(*, question: PlannedQuestion, answer: str) -> AnswerScore:
    rubric = question.rubric
    covered_flags = points_covered(rubric, answer)
    points = [str(point.get("text")) for point in rubric.get("points") or []]
    covered = [text for text, hit in zip(points, covered_flags, strict=True) if hit]
    missed = [text for text, hit in zip(points, covered_flags, strict=True) if not hit]
    lacks = [lack.kind for lack in assess(question_type=question.interview_type, question_text=question.text,
                                          rubric=rubric, skills=question.skills, category=question.category,
                                          answer=answer) if lack.kind != "missing_point"]
    checks = [kind for kind in SIGNAL_KINDS if kind in _applicable(question.interview_type)]
    signals = 1 - (sum(kind in lacks for kind in checks) / len(checks)) if checks else 1.0
    coverage = len(covered) / len(points) if points else 0.0
    count = len(words(answer))
    substance = min(1.0, count / 120)
    sentences = [s for s in _SENTENCE.findall(answer) if len(words(s)) >= 3]
    structure = min(1.0, len(sentences) / 4) if sentences else 0.0
    score = 100 * (0.55 * coverage + 0.30 * signals + 0.15 * substance)
    if "off_topic" in lacks:
        score = min(score, 25.0)
    communication = 100 * (0.5 * structure + 0.3 * substance + 0.2 * (0 if "off_topic" in lacks else 1))
    technical = 100 * (0.8 * coverage + 0.2 * substance)
    problem_solving = 100 * (0.5 * coverage + 0.5 * (0 if "no_tradeoff" in lacks else 1)) \
        if question.interview_type in TECHNICAL_TYPES else 100 * (0.5 * coverage + 0.5 * signals)
    guard = guard_reason(question_text=question.text, answer=answer)
    if guard:
        score, communication, technical, problem_solving = (min(value, GUARD_CAP) for value in
                                                            (score, communication, technical, problem_solving))
    return AnswerScore(
        position=question.position, score=round(score, 1), communication=round(communication, 1),
        technical=round(technical, 1), problem_solving=round(problem_solving, 1), guard=guard,
        covered=covered, missed=missed, lacks=lacks, evidence=[] if guard else _quotes(answer, rubric),
    )


def _applicable(interview_type: str) -> tuple[str, ...]:
    from backend.llm_api.services.interview_engine.assessment import CHECKS_BY_TYPE

    return CHECKS_BY_TYPE.get(interview_type, CHECKS_BY_TYPE["mixed"])


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _severity(score: float) -> str:
    return "high" if score < 25 else "medium" if score < 45 else "low"


def evaluate_interview(*, plan: list[PlannedQuestion], answers: dict[int, dict[str, Any]],
                       brief: Brief | None = None) -> dict[str, Any]:
    """`finish_interview`'s p_result for these answers (by position); skipped questions score 0."""
    scored: list[AnswerScore] = []
    result_answers: list[dict[str, Any]] = []
    skipped_positions: list[int] = []
    for question in plan:
        row = answers.get(question.position) or {}
        text = str(row.get("answer_text") or "")
        if row.get("skipped") or not text.strip():
            if row.get("asked_at"):
                skipped_positions.append(question.position)
            continue
        answer_score = score_answer(question=question, answer=text)
        scored.append(answer_score)
        result_answers.append({
            "position": question.position, "score": answer_score.score, "evidence": answer_score.evidence,
            "feedback": {
                "communication": answer_score.communication, "technical": answer_score.technical,
                "problem_solving": answer_score.problem_solving, "rubric_points_covered": answer_score.covered,
                "rubric_points_missed": answer_score.missed, "lacks": answer_score.lacks,
                "guard": answer_score.guard,
            },
        })
    by_position = {question.position: question for question in plan}
    counted = [a.score for a in scored] + [0.0] * len(skipped_positions)
    technical_answers = [a for a in scored if by_position[a.position].interview_type in TECHNICAL_TYPES] or scored
    coding = [a for a in scored if by_position[a.position].interview_type == "coding"]
    strengths = [f"Question {a.position}: {a.covered[0][0].lower() + a.covered[0][1:]}"
                 for a in sorted(scored, key=lambda a: -a.score) if a.score >= 60 and a.covered][:3]
    areas = [f"Question {a.position}: {a.missed[0][0].lower() + a.missed[0][1:]}"
             for a in sorted(scored, key=lambda a: a.score) if a.missed][:3]
    lack_counts: dict[str, int] = {}
    for answer_score in scored:
        for kind in answer_score.lacks:
            lack_counts[kind] = lack_counts.get(kind, 0) + 1
    recommendations = [RECOMMENDATIONS[kind] for kind, _ in sorted(lack_counts.items(), key=lambda kv: -kv[1])
                       if kind in RECOMMENDATIONS][:3]
    gaps: dict[str, dict[str, Any]] = {}
    for answer_score in sorted(scored, key=lambda a: a.score):
        question = by_position[answer_score.position]
        if answer_score.score >= 50:
            continue
        for skill in question.skills or (question.category,):
            key = skill.strip().casefold()
            if key and key not in gaps:
                gaps[key] = {
                    "skill": skill.strip(), "severity": _severity(answer_score.score),
                    "evidence": (answer_score.evidence[0] if answer_score.evidence else None),
                    "recommendation": (f"Practise questions on {skill.strip()}: "
                                       + (answer_score.missed[0] if answer_score.missed else "answer in depth")),
                    "resources": [], "answer_position": answer_score.position,
                }
    coverage = _coverage(plan, {a.position: a for a in scored}, brief)
    overall = _mean(counted)
    detailed = (f"You answered {len(scored)} of {len(plan)} questions"
                + (f" and skipped {len(skipped_positions)}" if skipped_positions else "")
                + (f"; overall {overall:g} of 100." if overall is not None else "."))
    return {
        "status": "completed",
        "overall_score": overall,
        "communication_score": _mean([a.communication for a in scored]),
        "technical_score": _mean([a.technical for a in technical_answers]),
        "problem_solving_score": _mean([a.problem_solving for a in scored]),
        "code_quality_score": _mean([a.technical for a in coding]),
        "scoring_engine": SCORING_ENGINE, "rubric_version": RUBRIC_VERSION,
        "feedback": {"strengths": strengths, "areas_for_improvement": areas, "recommendations": recommendations,
                     "detailed_feedback": detailed},
        "answers": result_answers + [{"position": position, "skipped": True} for position in skipped_positions],
        "skill_gaps": list(gaps.values()),
        "coverage": coverage,
    }


def _coverage(plan: list[PlannedQuestion], scored: dict[int, AnswerScore], brief: Brief | None) -> list[dict[str, Any]]:
    """Each job requirement and resume claim of the brief, and the answer that probed it (if any)."""
    items: dict[tuple[str, str], dict[str, Any]] = {}
    if brief is not None:
        for source, texts in (("job_description", brief.requirements),
                              ("resume", tuple(str(claim["text"]) for claim in brief.claims))):
            for text in texts:
                items[(source, text.strip().casefold())] = {"source": source, "item": text.strip()[:1000],
                                                            "status": "not_probed", "evidence": None}
    for question in plan:
        for target in question.targets:
            source = {"resume_claim": "resume", "job_requirement": "job_description"}.get(target.get("kind", ""))
            if not source:
                continue
            answer_score = scored.get(question.position)
            status = "not_probed" if answer_score is None else (
                "demonstrated" if answer_score.score >= 70 else "partial" if answer_score.score >= 40
                else "not_demonstrated")
            key = (source, target["text"].strip().casefold())
            if key not in items or items[key]["status"] == "not_probed":
                items[key] = {"source": source, "item": target["text"].strip()[:1000], "status": status,
                              "evidence": answer_score.evidence[0] if answer_score and answer_score.evidence else None,
                              "answer_position": question.position}
    return list(items.values())
