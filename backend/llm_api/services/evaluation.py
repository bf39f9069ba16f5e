"""A finished interview's evaluation: `finish_interview`'s `p_result`, from the answers' scores.

`end` is mostly an aggregation: answers are scored as their questions close
(services/interviews.py), and `evaluate_interview` scores only what is still missing. The five
stored scores are computed here from the per-answer dimension scores (rubric.INTERVIEW_SCORES),
never taken from a model. Feedback items each name the answer (position) they come from and
quote it; skill gaps carry a quote, the answer's position, a recommendation and resources
from the curated list (data/learning_resources.json).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from backend.llm_api.services.interview_engine import Brief, PlannedQuestion
from backend.llm_api.services.scoring import AnswerScore
from backend.llm_api.services.scoring.rubric import DIMENSIONS, INTERVIEW_SCORES, RUBRIC_VERSION

RESOURCES_FILE = Path(__file__).resolve().parents[1] / "data" / "learning_resources.json"
# Competencies that become skill gaps when their dimension is weak across the interview.
DIMENSION_SKILLS = {
    "communication": "Communication", "structure": "Structured answers (STAR)", "ownership": "Ownership",
    "impact": "Quantifying impact", "problem_solving": "Problem solving", "code_quality": "Code quality",
}
GAP_BELOW = 50.0  # an answer or dimension under this (0-100) is a gap


@functools.cache
def _resources() -> tuple[dict[str, Any], ...]:
    if not RESOURCES_FILE.exists():
        return ()
    return tuple(json.loads(RESOURCES_FILE.read_text(encoding="utf-8"))["resources"])


def resources_for(*names: str, limit: int = 3) -> list[dict[str, str]]:
    """Curated resources whose skills name any of `names` (case-insensitive), best matches first."""
    wanted = [name.casefold() for name in names if name]
    found = []
    for resource in _resources():
        skills = [str(skill).casefold() for skill in resource.get("skills") or []]
        rank = next((index for index, name in enumerate(wanted) if name in skills), None)
        if rank is not None:
            found.append((rank, resource))
    found.sort(key=lambda item: item[0])
    return [{"title": r["title"], "url": r["url"], "kind": r.get("kind", "docs")} for _, r in found[:limit]]


def _severity(score: float) -> str:
    return "high" if score < 25 else "medium" if score < 40 else "low"


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _feedback(plan: dict[int, PlannedQuestion], scores: list[AnswerScore], skipped: list[int]) -> dict[str, Any]:
    pairs = [(s, d) for s in scores for d in s.dimensions if s.guard is None]
    strengths = [{"text": f"{DIMENSIONS[d.name].label}: {_lower_first(d.anchor)}", "answer_position": s.position,
                  "quote": d.quotes[0] if d.quotes else None}
                 for s, d in sorted(pairs, key=lambda p: (-p[1].level, p[0].position)) if d.level >= 4][:3]
    areas = []
    for s in sorted(scores, key=lambda s: (s.score, s.position)):
        if s.guard:
            areas.append({"text": f"Question {s.position} was not answered in substance ({s.guard.replace('_', ' ')}).",
                          "answer_position": s.position, "quote": None})
        elif s.missed:
            areas.append({"text": f"Question {s.position}: not covered: {_lower_first(s.missed[0])}",
                          "answer_position": s.position, "quote": None})
    weakest = sorted(pairs, key=lambda p: (p[1].level, p[0].position))
    recommendations, seen = [], set()
    for s, d in weakest:
        if d.level <= 3 and d.name not in seen:
            seen.add(d.name)
            recommendations.append({"text": DIMENSIONS[d.name].advice, "answer_position": s.position,
                                    "dimension": d.name})
    details = []
    for s in sorted(scores, key=lambda s: s.position):
        question = plan[s.position]
        line = f"Question {s.position} ({question.category}): {s.score:g}/100."
        if s.guard:
            line += f" Not scored on substance: {s.guard.replace('_', ' ')}."
        else:
            if s.covered:
                line += f" You covered: {'; '.join(_lower_first(point) for point in s.covered[:2])}."
            if s.missed:
                line += f" Missing: {_lower_first(s.missed[0])}."
        details.append(line)
    if skipped:
        details.append("Skipped: question " + ", ".join(str(position) for position in skipped) + ".")
    return {"strengths": strengths, "areas_for_improvement": areas[:3], "recommendations": recommendations[:3],
            "detailed_feedback": " ".join(details)}


def _skill_gaps(plan: dict[int, PlannedQuestion], scores: list[AnswerScore]) -> list[dict[str, Any]]:
    gaps: dict[str, dict[str, Any]] = {}
    for s in sorted(scores, key=lambda s: s.score):
        if s.score >= GAP_BELOW:
            continue
        question = plan[s.position]
        for skill in question.skills or (question.category,):
            key = skill.strip().casefold()
            if key and key not in gaps:
                gaps[key] = {
                    "skill": skill.strip(), "severity": _severity(s.score),
                    "evidence": s.evidence[0] if s.evidence else None,
                    "recommendation": (f"Review {skill.strip()}: " + _lower_first(s.missed[0])) if s.missed
                    else f"Practise answering in depth on {skill.strip()}.",
                    "resources": resources_for(skill, question.category), "answer_position": s.position,
                }
    for name, skill in DIMENSION_SKILLS.items():
        rated = [(s, s.dimension(name)) for s in scores if s.dimension(name) is not None and s.guard is None]
        mean = _mean([d.score for _, d in rated])
        if mean is None or mean >= GAP_BELOW or skill.casefold() in gaps:
            continue
        worst, dimension = min(rated, key=lambda pair: (pair[1].score, pair[0].position))
        gaps[skill.casefold()] = {
            "skill": skill, "severity": _severity(mean), "evidence": dimension.quotes[0] if dimension.quotes else None,
            "recommendation": DIMENSIONS[name].advice, "resources": resources_for(skill, DIMENSIONS[name].label),
            "answer_position": worst.position,
        }
    return list(gaps.values())


def _coverage(plan: dict[int, PlannedQuestion], scores: dict[int, AnswerScore], brief: Brief | None
              ) -> list[dict[str, Any]]:
    """Each job requirement and resume claim, and the answer that probed it (if any)."""
    items: dict[tuple[str, str], dict[str, Any]] = {}
    if brief is not None:
        for source, texts in (("job_description", brief.requirements),
                              ("resume", tuple(str(claim["text"]) for claim in brief.claims))):
            for text in texts:
                items[(source, text.strip().casefold())] = {"source": source, "item": text.strip()[:1000],
                                                            "status": "not_probed", "evidence": None}
    for question in plan.values():
        for target in question.targets:
            source = {"resume_claim": "resume", "job_requirement": "job_description"}.get(target.get("kind", ""))
            if not source:
                continue
            scored = scores.get(question.position)
            status = "not_probed" if scored is None else (
                "demonstrated" if scored.score >= 70 else "partial" if scored.score >= 40 else "not_demonstrated")
            key = (source, target["text"].strip().casefold())
            if key not in items or items[key]["status"] == "not_probed":
                items[key] = {"source": source, "item": target["text"].strip()[:1000], "status": status,
                              "evidence": scored.evidence[0] if scored and scored.evidence else None,
                              "answer_position": question.position}
    return list(items.values())


def evaluate_interview(*, plan: list[PlannedQuestion], answers: dict[int, dict[str, Any]],
                       scores: dict[int, AnswerScore], brief: Brief | None = None) -> dict[str, Any]:
    """`finish_interview`'s p_result: `scores` holds every answered question's score, by position."""
    by_position = {question.position: question for question in plan}
    skipped = [position for position, row in sorted(answers.items())
               if position not in scores and row.get("asked_at")]
    scored = [scores[position] for position in sorted(scores)]
    totals: dict[str, Any] = {"overall_score": _mean([s.score for s in scored] + [0.0] * len(skipped))}
    for column, names in INTERVIEW_SCORES.items():
        totals[column] = _mean([d.score for s in scored for d in s.dimensions if d.name in names])
    rows = []
    for position, row in sorted(answers.items()):
        kept = {"position": position, "follow_up_count": row.get("follow_up_count") or 0,
                "delivery_metrics": row.get("delivery_metrics") or {}}
        if position in scores:
            s = scores[position]
            rows.append({**kept, "score": s.score, "feedback": s.feedback(), "evidence": s.evidence,
                         "scoring_engine": s.engine, "rubric_version": s.rubric_version, "skipped": False})
        else:
            rows.append({**kept, "skipped": bool(row.get("asked_at"))})
    engines = sorted({s.engine for s in scored})
    return {
        "status": "completed", **totals,
        "scoring_engine": "+".join(engines) if engines else "offline-scorer-1", "rubric_version": RUBRIC_VERSION,
        "feedback": _feedback(by_position, scored, skipped),
        "answers": rows,
        "skill_gaps": _skill_gaps(by_position, scored),
        "coverage": _coverage(by_position, scores, brief),
    }
