"""The scoring rubric: dimensions, their 1-5 anchors, which dimensions each question type is
scored on, and the weights that make an answer's score. Versioned: every stored score carries
RUBRIC_VERSION, and docs/scoring.md is this file in prose (a test keeps them in step).

A level maps to 0-100 as (level - 1) * 25. Anchors are written for levels 1, 3 and 5 in
observable terms; 2 and 4 lie between their neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

RUBRIC_VERSION = "scoring-v1"
GUARD_CAP = 10  # an answer the guard recognises as no answer scores at most this (0-100)
NO_EVIDENCE_CAP = 2  # a dimension level no verified quote supports is capped at this level
OFF_RUBRIC_CAP = 3  # an answer touching none of its question's rubric points: at most this level anywhere


@dataclass(frozen=True)
class Dimension:
    name: str
    label: str
    anchors: dict[int, str]  # 1, 3, 5
    advice: str  # how to reach the next level, for feedback


DIMENSIONS: dict[str, Dimension] = {d.name: d for d in (
    Dimension("communication", "Communication", {
        1: "Hard to follow: fragments, no clear point, or far too short to judge.",
        3: "Understandable and on the question, in a reasonable order, with loose or vague parts.",
        5: "Clear and ordered throughout: a stated point, reasons linked (because, so, then), a conclusion.",
    }, "State your point first, then the reasons in order, linking them (because, so, then), and close."),
    Dimension("structure", "Structure (situation, task, action, result)", {
        1: "No situation, task, action or result can be told apart.",
        3: "Two or three of situation, task, action and result; followable but incomplete.",
        5: "Situation, task, the candidate's own actions and the result, each specific, in order.",
    }, "Tell it as a story: where and when (situation), what you had to achieve (task), what you did "
       "(action), how it ended (result)."),
    Dimension("ownership", "Ownership", {
        1: "Only 'we' or 'the team': the candidate's own part cannot be told.",
        3: "Some first-person actions, but the decisions are someone else's or left vague.",
        5: "Clear first-person decisions and actions ('I decided', 'I proposed'), credit given where due.",
    }, "Say which decisions and actions were yours: 'I proposed', 'I decided', 'I wrote'."),
    Dimension("impact", "Impact", {
        1: "No outcome is stated.",
        3: "An outcome in general terms (it worked, we shipped it), without a measure.",
        5: "A measured outcome (numbers, before and after) and what was learned or changed afterwards.",
    }, "Close with the result, measured if you can (before and after, how many, how much), and the lesson."),
    Dimension("technical_depth", "Technical depth", {
        1: "Wrong, or no technical content that bears on the question.",
        3: "Right about the main mechanism; covers some of the points a strong answer covers, in general terms.",
        5: "Covers most of the points a strong answer covers, accurately and specifically (mechanisms, limits, numbers).",
    }, "Go one level deeper: how it works underneath, its limits, and concrete names and numbers."),
    Dimension("problem_solving", "Problem solving", {
        1: "No approach: restates the problem or jumps to an unexplained answer.",
        3: "A workable approach with some reasoning; trade-offs, edge cases or verification missing.",
        5: "A reasoned approach in steps, alternatives weighed with their trade-offs, edge cases, and how to verify it.",
    }, "Lay out your approach in steps, weigh an alternative and its trade-off, name edge cases and how you "
       "would check the result."),
    Dimension("code_quality", "Code quality", {
        1: "No code or precise pseudo-code, or code that cannot solve the problem.",
        3: "Code or precise pseudo-code for a working approach; complexity or edge cases not addressed.",
        5: "Working code with clear names, its time and space complexity, edge cases handled and tests described.",
    }, "Write the code (or exact pseudo-code), state its complexity, handle edge cases and say how you would test it."),
)}

# The dimensions each question type is scored on, and their weights in the answer's score.
WEIGHTS: dict[str, dict[str, float]] = {
    "behavioral": {"structure": 0.30, "impact": 0.25, "ownership": 0.20, "communication": 0.25},
    "mixed": {"communication": 0.30, "structure": 0.20, "ownership": 0.20, "technical_depth": 0.30},
    "technical": {"technical_depth": 0.50, "problem_solving": 0.30, "communication": 0.20},
    "system_design": {"technical_depth": 0.40, "problem_solving": 0.40, "communication": 0.20},
    "coding": {"problem_solving": 0.35, "code_quality": 0.30, "technical_depth": 0.20, "communication": 0.15},
}

# The interview's stored scores: each is the mean, over the answers scored on it, of one dimension
# (overall: of the answers' scores). Skipped questions count 0 in the overall score.
INTERVIEW_SCORES = {
    "communication_score": ("communication",),
    "technical_score": ("technical_depth",),
    "problem_solving_score": ("problem_solving",),
    "code_quality_score": ("code_quality",),
}


def level_score(level: int) -> float:
    return float((level - 1) * 25)


def anchor(name: str, level: int) -> str:
    """The anchor a level reached: its own for 1, 3, 5; 'between' for 2 and 4."""
    anchors = DIMENSIONS[name].anchors
    if level in anchors:
        return anchors[level]
    return f"Between: {anchors[level - 1]} / {anchors[level + 1]}"


def dimensions_for(question_type: str) -> dict[str, float]:
    return WEIGHTS.get(question_type, WEIGHTS["mixed"])
