"""What an answer lacks, decided by rules the candidate's text cannot steer.

The checks are deterministic and cheap (they run on every turn, with or without a model):
no concrete example, no outcome, no numbers, "we" but never "I", no trade-off, too short,
off the question (including text that tries to instruct the interviewer), and rubric points
none of whose keywords appear. Which checks apply depends on the question's type, in order
of how much a follow-up on them helps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

LACK_KINDS = ("off_topic", "too_short", "no_example", "we_not_i", "no_outcome", "no_numbers", "no_tradeoff",
              "missing_point")
CHECKS_BY_TYPE = {
    "behavioral": ("off_topic", "too_short", "no_example", "we_not_i", "no_outcome", "missing_point", "no_numbers"),
    "mixed": ("off_topic", "too_short", "no_example", "we_not_i", "no_outcome", "missing_point"),
    "technical": ("off_topic", "too_short", "missing_point", "no_tradeoff"),
    "system_design": ("off_topic", "too_short", "missing_point", "no_tradeoff", "no_numbers"),
    "coding": ("off_topic", "too_short", "missing_point", "no_tradeoff"),
}
MIN_WORDS = {"coding": 25}
DEFAULT_MIN_WORDS = 35

_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
STOP_WORDS = frozenset(
    "a an the and or but if then so of to in on at by for with from as is are was were be been being it its "
    "this that these those i me my we our us you your they them their he she his her what which who whom how "
    "why when where do does did done have has had can could would should will shall may might must not no "
    "yes there here about into over under than too very just also more most some any each every all both few "
    "other such only own same tell me time describe explain walk through one two three four five six seven "
    "eight nine ten first second third year years before after without within while until again still then "
    "start started starting line lines make made making get got getting take took good well better best need "
    "needs needed thing things way ways really much many lot lots every around always never often usually "
    "something someone anything nothing because since though although however whether day days week weeks "
    "month months back just like want wanted know knew think thought come came going went keep kept look see "
    "seen used using use new old long short big small last next same different part parts people".split()
)
_INJECTION = re.compile(
    r"ignore (all |any |the |your )?(previous |prior |above |earlier )?(instructions|prompts?|rules)|"
    r"disregard (the |your |all )?(previous |prior )?(instructions|rules)|you are now|system prompt|"
    r"(give|award) me (full|maximum|max|perfect|100|10/10|top) (marks|score|points)|"
    r"end the interview|skip to the (end|last question)|mark (this|me|my answer) as|as an ai|"
    r"new instructions|developer mode",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(
    r"\b(when i|when we|at my (last|previous|current|first)|in my (last|previous|current|first)|"
    r"last (year|month|quarter|week|summer|spring)|(19|20)\d\d|for example|for instance|one time|once,|"
    r"there was a time|on (a|one|my) (project|team)|we had|i had|i was (working|leading|asked|responsible)|"
    r"i worked|i joined|our team|a customer|a client)\b",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"\b(result(ed|s)?|outcome|ended up|in the end|eventually|led to|so that|which meant|reduc(ed|ing)|"
    r"increas(ed|ing)|improv(ed|ing)|cut|saved|shipped|launched|delivered|learn(ed|t)|lesson|fixed|resolved|"
    r"succeed(ed)?|success(ful)?|fail(ed|ure)|went live|dropped|grew|doubled|halved|afterwards)\b|%",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|hundred|thousand|million|"
    r"billion|percent|twice|double|half|dozen)\b",
    re.IGNORECASE,
)
_TRADEOFF = re.compile(
    r"trade-?offs?|downside|drawback|instead of|alternative|on the other hand|at the cost|cost of|versus|"
    r"\bvs\.?\b|however|the risk|pros and cons|it depends|depends on|but (it|that|this|then)|the price|"
    r"would rather|compared (to|with)|weigh",
    re.IGNORECASE,
)
_WE = re.compile(r"\b(we|our|us|ours)\b", re.IGNORECASE)
_I = re.compile(r"\b(i|my|me|mine|i'm|i've|i'd|myself)\b", re.IGNORECASE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _stems(text: str) -> set[str]:
    return {word[:5] for word in words(text) if word not in STOP_WORDS and len(word) > 2}


@dataclass(frozen=True)
class Lack:
    kind: str
    point: str | None = None  # the rubric point, for missing_point

    def as_state(self) -> dict[str, Any]:
        return {"kind": self.kind, "point": self.point}


def points_covered(rubric: dict[str, Any], text: str) -> list[bool]:
    """Per rubric point: does the text contain any of its keywords (case-insensitive)?"""
    lowered = " ".join(text.casefold().split())
    return [any(str(keyword).casefold() in lowered for keyword in point.get("keywords") or [])
            for point in rubric.get("points") or []]


def looks_like_instructions(text: str) -> bool:
    return bool(_INJECTION.search(text))


def off_topic(*, question_text: str, rubric: dict[str, Any], skills: tuple[str, ...], category: str,
              answer: str) -> bool:
    """Instructions to the interviewer, or a substantial answer sharing nothing with the question."""
    if looks_like_instructions(answer):
        return True
    if len(words(answer)) < 12:
        return False
    if any(points_covered(rubric, answer)):
        return False
    topic = _stems(" ".join([question_text, category, *skills, *_rubric_texts(rubric)]))
    shared = _stems(answer) & topic
    # a long answer needs more than one word in common: one can be chance
    return len(shared) < (2 if len(words(answer)) >= 40 else 1)


def _rubric_texts(rubric: dict[str, Any]) -> list[str]:
    """Every text of the rubric: points and their keywords, signals, red flags, anchors."""
    texts = []
    for point in rubric.get("points") or []:
        texts.append(str(point.get("text", "")))
        texts.extend(str(keyword) for keyword in point.get("keywords") or [])
    texts.extend(str(item) for key in ("strong_signals", "red_flags") for item in rubric.get(key) or [])
    texts.extend(str(text) for text in (rubric.get("anchors") or {}).values())
    return texts


def assess(*, question_type: str, question_text: str, rubric: dict[str, Any], skills: tuple[str, ...],
           category: str, answer: str) -> list[Lack]:
    """What the answer (everything said so far on this question) lacks, most useful first."""
    lacks: list[Lack] = []
    count = len(words(answer))
    for kind in CHECKS_BY_TYPE.get(question_type, CHECKS_BY_TYPE["mixed"]):
        if kind == "off_topic":
            missing = off_topic(question_text=question_text, rubric=rubric, skills=skills, category=category,
                                answer=answer)
        elif kind == "too_short":
            missing = count < MIN_WORDS.get(question_type, DEFAULT_MIN_WORDS)
        elif kind == "no_example":
            missing = not _EXAMPLE.search(answer)
        elif kind == "we_not_i":
            missing = len(_WE.findall(answer)) >= 3 and not _I.search(answer)
        elif kind == "no_outcome":
            missing = not _OUTCOME.search(answer)
        elif kind == "no_numbers":
            missing = not _NUMBER.search(answer)
        elif kind == "no_tradeoff":
            missing = not _TRADEOFF.search(answer)
        else:  # missing_point: the first rubric point the answer never touches
            covered = points_covered(rubric, answer)
            points = rubric.get("points") or []
            first = next((point for point, hit in zip(points, covered, strict=True) if not hit), None)
            if first is not None:
                lacks.append(Lack("missing_point", str(first.get("text"))))
            continue
        if missing:
            lacks.append(Lack(kind))
    return lacks
