"""The interview plan: questions from the bank (and probes of the resume's claims), chosen for the
role, level, type, difficulty, the job description, the resume and the candidate's open skill
gaps, each with why it was chosen (`targets`). Deterministic: the same inputs give the same plan.

Plans come from the bank in both engines: every planned question carries a rubric, which
is what the answer is assessed and scored against; a question invented by a model has none.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .assessment import STOP_WORDS, words
from .brief import Brief

DIFFICULTY_RANK = {"easy": 0, "medium": 1, "hard": 2}
# Share of each question type in a mixed interview (juniors get no system design).
MIXED_SHARES = {"behavioral": 0.4, "technical": 0.35, "coding": 0.1, "system_design": 0.1, "mixed": 0.05}
GENERIC_FAMILIES = ("backend", "fullstack", "frontend")  # what "Software Engineer" draws on


@dataclass(frozen=True)
class PlannedQuestion:
    position: int
    text: str
    interview_type: str
    category: str
    difficulty: str
    question_id: str | None
    bank_key: str | None
    skills: tuple[str, ...]
    rubric: dict[str, Any]
    follow_ups: tuple[str, ...]
    targets: tuple[dict[str, str], ...] = field(default=())

    def as_state(self) -> dict[str, Any]:
        data = asdict(self)
        return {key: list(value) if isinstance(value, tuple) else value for key, value in data.items()}

    @classmethod
    def from_state(cls, data: dict[str, Any]) -> PlannedQuestion:
        return cls(**{key: tuple(value) if isinstance(value, list) else value for key, value in data.items()})


class EmptyBank(Exception):
    """No question fits at all: the bank was never loaded."""


def _fits_role(question: dict[str, Any], family: str | None) -> bool:
    tags = question.get("role_tags") or []
    if not tags:
        return True
    if family is None:
        return any(tag in GENERIC_FAMILIES for tag in tags)
    return family in tags


def _tiebreak(key: str, brief: Brief) -> int:
    digest = hashlib.sha256(f"{key}|{brief.job_role.casefold()}|{brief.experience_level}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


@dataclass
class _Candidate:
    question: dict[str, Any]
    score: float
    targets: list[dict[str, str]]
    tiebreak: int


def _score(question: dict[str, Any], brief: Brief, recent: set[str], gaps: list[dict[str, Any]],
           runnable: frozenset[str] = frozenset()) -> _Candidate:
    """How a question earns its place, and the targets that say why.

    Difficulty: +4 the interview's own, +1 one step away, -3 two. The role's own question: +2.
    It probes an open skill gap (one of its skills, or its category): +4. Each job requirement
    naming one of its skills: +1.5, for at most two; otherwise skills the job description or
    the resume names: +1.5 each, at most +3. A coding question with code to run (`runnable`
    bank keys): +3. Asked in a recent interview: -10.
    """
    score = 3.0 if question.get("bank_key") in runnable else 0.0
    targets: list[dict[str, str]] = []
    distance = abs(DIFFICULTY_RANK[question["difficulty"]] - DIFFICULTY_RANK[brief.difficulty])
    score += (4, 1, -3)[distance]
    if brief.role_family and brief.role_family in (question.get("role_tags") or []):
        score += 2
    skills = {str(skill).casefold(): str(skill) for skill in question.get("skills") or []}
    for gap in gaps:
        gap_key = str(gap.get("skill_key") or gap.get("skill") or "").casefold()
        topic = " ".join([*skills, str(question.get("category") or "").casefold()])
        if gap_key and gap_key in topic:
            score += 4
            targets.append({"kind": "skill_gap", "text": str(gap.get("skill") or gap_key)})
            break
    matched = 0
    for requirement in brief.requirements:
        hit = next((name for key, name in skills.items() if key in requirement.casefold()), None)
        if hit and matched < 2:
            matched += 1
            score += 1.5
            targets.append({"kind": "job_requirement", "text": requirement})
    wanted = {skill.casefold() for skill in (*brief.job_skills, *brief.resume_skills)}
    overlap = [name for key, name in skills.items() if key in wanted]
    if overlap and not matched:
        score += min(3.0, 1.5 * len(overlap))
        if {skill.casefold() for skill in brief.job_skills} & set(skills):
            targets.append({"kind": "job_requirement", "text": ", ".join(overlap[:3])})
    if question.get("id") in recent:  # asked in a recent interview: only when nothing fresh fits
        score -= 10
    if not targets:
        targets.append({"kind": "core_competency", "text": str(question.get("category") or ", ".join(skills.values()))})
    return _Candidate(question, score, targets, _tiebreak(str(question.get("bank_key") or question["id"]), brief))


# Probing the resume's own claims ------------------------------------------------------------

_CLAIM_TEMPLATES: dict[str, dict[str, Any]] = {
    "quantified": {
        "type": "behavioral", "category": "Resume claim",
        "text": "Your resume says: \u201c{claim}\u201d. Walk me through how that happened: where things stood "
                "before, what you did yourself, and how the result was measured.",
        "points": [
            ("Describes the starting point or baseline before the change", ["before", "baseline", "originally", "used to"]),
            ("Explains the concrete actions they took personally", ["i ", "my ", "i'd", "myself"]),
            ("States how the result was measured", ["measur", "metric", "dashboard", "monitor", "tracked"]),
            ("Names obstacles or trade-offs met along the way", ["problem", "challenge", "trade", "risk", "hard"]),
        ],
        "follow_ups": ["How do you know the improvement came from your change and not something else?"],
    },
    "technology": {
        "type": "technical", "category": "Resume claim",
        "text": "Your resume mentions \u201c{claim}\u201d. Why was that the right choice there, what problems did "
                "you run into with it, and what would you do differently today?",
        "points": [
            ("Explains why the technology fit the problem", ["because", "chose", "needed", "fit", "reason"]),
            ("Compares it with an alternative that was considered", ["instead", "alternative", "compared", "versus", "vs"]),
            ("Describes a concrete problem met in production or development", ["problem", "issue", "bug", "incident", "broke"]),
            ("Reflects on what they would change", ["differently", "today", "again", "lesson", "learned"]),
        ],
        "follow_ups": ["What was the hardest bug you hit with it, and how did you find it?"],
    },
    "leadership": {
        "type": "behavioral", "category": "Resume claim",
        "text": "Your resume says: \u201c{claim}\u201d. Tell me about a hard decision you made in that role and "
                "how the people involved responded.",
        "points": [
            ("Sets out the team and their own responsibility", ["team", "responsib", "led", "lead", "owned"]),
            ("Describes a specific hard decision", ["decid", "decision", "chose", "call"]),
            ("Explains how they brought people along or handled disagreement", ["disagree", "convinc", "explain", "listen", "align"]),
            ("States the outcome for the team or the work", ["result", "outcome", "delivered", "shipped", "improved"]),
        ],
        "follow_ups": ["Looking back, would you make the same decision? Why?"],
    },
}


def _claim_question(claim: dict[str, Any]) -> dict[str, Any]:
    template = _CLAIM_TEMPLATES.get(str(claim.get("kind")), _CLAIM_TEMPLATES["technology"])
    text = str(claim["text"]).strip().rstrip(".")
    return {
        "id": None, "bank_key": None, "question_text": template["text"].format(claim=text),
        "interview_type": template["type"], "category": template["category"], "difficulty": "medium",
        "skills": [], "follow_ups": template["follow_ups"],
        "rubric": {
            "points": [{"text": point, "keywords": keywords} for point, keywords in template["points"]],
            "strong_signals": ["Specific numbers and names from the real situation", "Clear about their own part"],
            "red_flags": ["Cannot explain the claim beyond repeating it", "Credits only the team or only themselves"],
            "anchors": {
                "weak": "Repeats the claim without detail or cannot say what they did.",
                "adequate": "Explains what was done and roughly how it turned out.",
                "strong": "Gives the baseline, their own actions, the measured result and what they learned.",
            },
        },
    }


def _claim_count(brief: Brief, total: int) -> int:
    if not brief.claims or brief.interview_type == "coding" or total < 2:
        return 0
    return min(len(brief.claims), max(1, total // 4))


def _quotas(brief: Brief, total: int) -> dict[str, int]:
    if brief.interview_type != "mixed":
        return {brief.interview_type: total}
    shares = dict(MIXED_SHARES)
    if brief.experience_level == "junior":
        shares.pop("system_design")
    quotas = {kind: int(total * share) for kind, share in shares.items()}
    for kind in sorted(shares, key=lambda kind: -shares[kind]):  # hand out what rounding left over
        if sum(quotas.values()) >= total:
            break
        quotas[kind] += 1
    return quotas


def candidate_types(interview_type: str) -> list[str]:
    return list(MIXED_SHARES) if interview_type == "mixed" else [interview_type]


def plan_interview(*, brief: Brief, candidates: list[dict[str, Any]], num_questions: int,
                   recent_question_ids: set[str], skill_gaps: list[dict[str, Any]],
                   runnable: frozenset[str] = frozenset()) -> list[PlannedQuestion]:
    """`num_questions` questions (fewer only if the bank has fewer that fit), no duplicates."""
    claims = [_claim_question(claim) for claim in brief.claims[:_claim_count(brief, num_questions)]]
    bank_total = num_questions - len(claims)
    quotas = _quotas(brief, bank_total)
    scored = sorted(
        (_score(question, brief, recent_question_ids, skill_gaps, runnable) for question in candidates
         if question["interview_type"] in quotas),
        key=lambda candidate: (-candidate.score, candidate.tiebreak),
    )
    chosen: list[_Candidate] = []
    texts: set[str] = set()
    categories: dict[str, int] = {}
    for strict in (True, False):  # the role's questions first; any role when they run out
        for kind, quota in quotas.items():
            pool = [c for c in scored if c.question["interview_type"] == kind and c not in chosen
                    and (_fits_role(c.question, brief.role_family) or not strict)]
            while sum(c.question["interview_type"] == kind for c in chosen) < quota and pool:
                # prefer a category not used yet, so the plan covers different competencies
                best = max(pool, key=lambda c: (c.score - 2 * categories.get(str(c.question.get("category")), 0),
                                                -c.tiebreak))
                pool.remove(best)
                text = " ".join(str(best.question["question_text"]).casefold().split())
                if text in texts:
                    continue
                texts.add(text)
                chosen.append(best)
                category = str(best.question.get("category"))
                categories[category] = categories.get(category, 0) + 1
    spare = [c for c in scored if c not in chosen]  # a type that ran out: fill from the others
    while len(chosen) < bank_total and spare:
        best = spare.pop(0)
        text = " ".join(str(best.question["question_text"]).casefold().split())
        if text not in texts:
            texts.add(text)
            chosen.append(best)
    if not chosen and not claims:
        raise EmptyBank("no question in the bank fits this interview")
    chosen.sort(key=lambda c: (DIFFICULTY_RANK[c.question["difficulty"]], -c.score, c.tiebreak))
    ordered: list[tuple[dict[str, Any], list[dict[str, str]]]] = [(c.question, c.targets) for c in chosen]
    for index, (question, claim) in enumerate(zip(claims, brief.claims, strict=False)):
        # a claim probe after the warm-up question, then every few questions
        at = min(len(ordered), 1 + index * 3)
        ordered.insert(at, (question, [{"kind": "resume_claim", "text": str(claim["text"])}]))
    return [
        PlannedQuestion(
            position=position, text=str(question["question_text"]), interview_type=str(question["interview_type"]),
            category=str(question.get("category") or ""), difficulty=str(question["difficulty"]),
            question_id=question.get("id"), bank_key=question.get("bank_key"),
            skills=tuple(str(skill) for skill in question.get("skills") or []),
            rubric=dict(question.get("rubric") or {}), follow_ups=tuple(question.get("follow_ups") or []),
            targets=tuple(targets),
        )
        for position, (question, targets) in enumerate(ordered, start=1)
    ]


# An interviewer's own questions (recruiter mode) -------------------------------------------------

_POINT_SPLIT = re.compile(r"(?:\n+|(?<=[.;!?])\s+|^\s*[-*\u2022]\s*)", re.MULTILINE)
_CATEGORY_TYPES = (
    ("system_design", ("system design", "architecture", "design")),
    ("coding", ("coding", "algorithm", "programming")),
    ("behavioral", ("behavio", "introduction", "motivation", "culture", "leadership", "teamwork", "strength",
                    "weakness", "career")),
)


def rubric_from_expected_answer(expected_answer: str | None) -> dict[str, Any]:
    """The rubric of an interviewer's question: one point per sentence (or bullet) of the expected
    answer, matched by that sentence's distinctive words (a long word by its first six letters, so
    `indexes` and `indexing` both count). No expected answer: no points (scored on substance)."""
    points = []
    for sentence in _POINT_SPLIT.split(expected_answer or ""):
        text = sentence.strip()
        keywords = []
        for word in words(text):
            if word in STOP_WORDS or len(word) < 4:
                continue
            keyword = word[:6]
            if keyword not in keywords:
                keywords.append(keyword)
        if keywords:
            points.append({"text": text, "keywords": keywords[:8]})
    return {"points": points[:12]} if points else {}


def question_type_for(category: str | None, session_type: str) -> str:
    """The type an interviewer's question is assessed as: the session's, unless it is mixed and the
    category says which (technical when it says nothing)."""
    if session_type != "mixed":
        return session_type
    lowered = (category or "").casefold()
    for kind, markers in _CATEGORY_TYPES:
        if any(marker in lowered for marker in markers):
            return kind
    return "technical"


def session_plan(*, questions: list[dict[str, Any]], interview_type: str) -> list[PlannedQuestion]:
    """The plan of a scheduled interview whose interviewer wrote its questions, in their order."""
    return [
        PlannedQuestion(
            position=position, text=str(row["question_text"]).strip(),
            interview_type=question_type_for(row.get("category"), interview_type),
            category=str(row.get("category") or "General"), difficulty=str(row.get("difficulty") or "medium"),
            question_id=str(row["id"]), bank_key=None, skills=(), follow_ups=(),
            rubric=rubric_from_expected_answer(row.get("expected_answer")),
            targets=({"kind": "interviewer_question", "text": "Written by the interviewer for this session"},),
        )
        for position, row in enumerate(questions, start=1)
    ]
