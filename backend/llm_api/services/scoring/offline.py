"""The offline scorer: each dimension's level from what can be observed in the answer's words.

Deterministic (the same answer always gets the same levels) and fast. Each level above 1 is
backed by the sentences that earned it; those are the evidence quotes. What each level asks:

  communication    sentences, linking words, a sensible length, few fillers
  structure        situation, task, the candidate's actions, result (one level per part)
  ownership        first-person actions, and decisions said to be the candidate's own
  impact           an outcome; measured; with a lesson or follow-up
  technical_depth  the share of the question's rubric points covered, and specifics
  problem_solving  steps, trade-offs or alternatives, edge cases, verification
  code_quality     code or exact pseudo-code, complexity, edge cases and tests
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend.llm_api.services.interview_engine.assessment import points_covered, words

from .evidence import first_matching, sentences

_CONNECTIVE = re.compile(r"\b(because|so that|so|therefore|then|first|second|finally|which meant|as a result|"
                         r"however|instead|after that|that's why|this means)\b", re.I)
_FILLER = re.compile(r"\b(um+|uh+|erm|like,|you know|kind of|sort of|basically|i guess)\b", re.I)
_SITUATION = re.compile(r"\b(when i|when we|at my (last|previous|current|first)|in my (last|previous|current)|"
                        r"last (year|month|quarter|summer)|(19|20)\d\d|there was a time|one time|we had a|"
                        r"i was (working|on|leading|responsible)|our (team|company|product|service)|a customer|"
                        r"a client|on a project|the project)\b", re.I)
_TASK = re.compile(r"\b(my (goal|job|task|role) was|i needed to|i had to|i was (asked|responsible|supposed)|"
                   r"we had to|we needed to|the goal was|the task was|was to|needed to|had to|deadline)\b", re.I)
_ACTION = re.compile(r"\bi (\w+ed|built|wrote|led|made|ran|took|set|found|chose|drove|got|gave|met|told|spoke|"
                     r"sent|began|brought|put|sat|did|rewrote|split|kept|held|dug|went|added|moved|paired)\b", re.I)
_DECISION = re.compile(r"\bi (decided|chose|proposed|suggested|pushed|convinced|insisted|owned|took ownership|"
                       r"recommended|made the call|volunteered|initiated|negotiated|designed|led)\b", re.I)
_I = re.compile(r"\b(i|my|me|i'm|i've|i'd)\b", re.I)
_OUTCOME = re.compile(r"\b(result(ed|s)?|outcome|ended up|in the end|eventually|led to|which meant|reduc(ed|ing)|"
                      r"increas(ed|ing)|improv(ed|ing)|cut|saved|shipped|launched|delivered|fixed|resolved|"
                      r"succeed(ed)?|went live|dropped|grew|doubled|halved|afterwards|went (down|up)|"
                      r"no longer|stopped)\b", re.I)
_MEASURE = re.compile(r"\d|%|\b(percent|twice|double|half|halved|doubled|hundreds?|thousands?|millions?)\b", re.I)
_LESSON = re.compile(r"\b(learn(ed|t)|lesson|next time|now i|since then|ever since|would do differently|"
                     r"changed how|taught me|in hindsight|retrospective|postmortem|post-mortem)\b", re.I)
_STEPS = re.compile(r"\b(first(ly)?|then|next|after that|finally|step|start by|begin by|once that)\b", re.I)
_TRADEOFF = re.compile(r"trade-?offs?|downside|drawback|instead of|alternative|on the other hand|at the cost|"
                       r"cost of|versus|\bvs\.?\b|however|the risk|pros and cons|it depends|depends on|"
                       r"compared (to|with)|rather than|weigh", re.I)
_EDGE = re.compile(r"edge cases?|corner cases?|\bempty\b|\bnull\b|\bnone\b|\bzero\b|negative|overflow|duplicates?|"
                   r"boundar(y|ies)|invalid|off-by-one|failure modes?|what if|worst case|timeouts?", re.I)
_VERIFY = re.compile(r"\b(test(s|ed|ing)?|measur(e|ed|ing)|monitor(ing)?|verif(y|ied)|benchmark|alert(s|ing)?|"
                     r"metrics?|assert|check(ed)? (that|whether)|load test|canary|dashboards?)\b", re.I)
_COMPLEXITY = re.compile(r"\bo\([^)]{1,20}\)|\b(linear|logarithmic|quadratic|constant) time\b|\bbig[- ]o\b|"
                         r"\bn log n\b|time complexity|space complexity", re.I)
# code, not prose about code: definitions, calls with brackets, statements ending in ':' or ';'
_CODE = re.compile(r"```|\bdef \w+\(|\bfunction\s*\w*\(|^\s*return\b|=>|\bfor\s*\(|^\s*(for|while|if) [^\n]*:\s*$|"
                   r"\bwhile\s*\(|\bif\s*\(|\w+\[\w*\]|\w+\.append\(|\bclass \w+|[;{}]\s*$", re.I | re.M)
_SPECIFIC = re.compile(r"\d|\b[A-Z][a-zA-Z]+(DB|SQL|QL)\b|\b(PostgreSQL|MySQL|Redis|Kafka|Kubernetes|Docker|AWS|"
                       r"GCP|Azure|React|Python|Java|Go|Rust|TypeScript|JavaScript|Linux|HTTP|TCP|DNS|TLS|CDN|"
                       r"SQL|gRPC|REST|GraphQL|S3|Lambda|Spark|Airflow|Terraform|Prometheus|Grafana)\b")


@dataclass(frozen=True)
class Level:
    level: int
    quotes: tuple[str, ...]


def _capped(level: int, quotes: list[str]) -> Level:
    unique: list[str] = []
    for quote in quotes:
        if quote not in unique:
            unique.append(quote)
    return Level(max(1, min(5, level)), tuple(unique[:3]))


def communication(answer: str) -> Level:
    count = len(words(answer))
    full = sentences(answer)
    if count < 15 or not full:
        return Level(1, ())
    points = 0
    points += len(full) >= 3
    linked = first_matching(answer, _CONNECTIVE)
    points += len(_CONNECTIVE.findall(answer)) >= 2
    points += 50 <= count <= 450
    average = count / max(1, len(full))
    fillers = len(_FILLER.findall(answer)) / max(1, count)
    points += average <= 32 and fillers < 0.04
    return _capped(1 + points, linked or full[:1])


def structure(answer: str) -> Level:
    parts = [first_matching(answer, pattern, 1) for pattern in (_SITUATION, _TASK, _ACTION, _OUTCOME)]
    present = [quote for quote in parts if quote]
    return _capped(1 + len(present), [quote[0] for quote in present])


def ownership(answer: str) -> Level:
    decisions = first_matching(answer, _DECISION)
    actions = first_matching(answer, _ACTION)
    mine = len(_I.findall(answer))
    if decisions and len(_DECISION.findall(answer)) >= 2:
        return _capped(5, decisions)
    if decisions:
        return _capped(4, decisions + actions)
    if actions and mine >= 3:
        return _capped(3, actions)
    if mine:
        return _capped(2, first_matching(answer, _I))
    return Level(1, ())  # only "we", or nobody at all


def impact(answer: str) -> Level:
    outcomes = first_matching(answer, _OUTCOME, 3)
    if not outcomes:
        return Level(1, ())
    measured = [sentence for sentence in outcomes if _MEASURE.search(sentence)]
    lessons = first_matching(answer, _LESSON)
    if measured and lessons:
        return _capped(5, measured + lessons)
    if measured:
        return _capped(4, measured)
    return _capped(3 if lessons or len(outcomes) > 1 else 2, outcomes + lessons)


def covered_quotes(answer: str, rubric: dict) -> tuple[list[bool], list[str]]:
    covered = points_covered(rubric, answer)
    quotes = []
    for point, hit in zip(rubric.get("points") or [], covered, strict=True):
        if not hit:
            continue
        keywords = [str(keyword).casefold() for keyword in point.get("keywords") or []]
        quote = next((s for s in sentences(answer) if any(k in " ".join(s.casefold().split()) for k in keywords)),
                     None)
        if quote:
            quotes.append(quote)
    return covered, quotes


def technical_depth(answer: str, rubric: dict) -> Level:
    if not rubric.get("points"):  # a question without a rubric (practice): specifics and substance only
        specifics = first_matching(answer, _SPECIFIC, 3)
        if len(words(answer)) < 25:
            return _capped(1 + bool(specifics), specifics)
        return _capped(2 + bool(specifics) + (len(specifics) >= 2 and len(words(answer)) >= 80), specifics)
    covered, quotes = covered_quotes(answer, rubric)
    if not covered or not any(covered):
        return Level(1, ())
    share = sum(covered) / len(covered)
    specific = len(_SPECIFIC.findall(answer)) >= 2
    level = 2 if share < 0.34 else 3 if share < 0.6 else 4
    if level == 4 and share >= 0.75 and specific:
        level = 5
    elif level < 4 and specific and len(words(answer)) >= 60:
        level += 1
    return _capped(level, quotes)


def problem_solving(answer: str) -> Level:
    found = [first_matching(answer, pattern, 1) for pattern in (_STEPS, _TRADEOFF, _EDGE, _VERIFY)]
    present = [quote[0] for quote in found if quote]
    if len(words(answer)) < 25:
        return _capped(min(2, 1 + len(present)), present)
    return _capped(1 + len(present), present)


def code_lines(answer: str, limit: int = 2) -> list[str]:
    """Lines of code in the answer, verbatim (code is quoted by line, not by sentence)."""
    return [line.strip() for line in answer.splitlines() if _CODE.search(line) and len(line.strip()) >= 8][:limit]


def code_quality(answer: str) -> Level:
    code = code_lines(answer)
    steps = first_matching(answer, _STEPS, 1)
    if not code:
        return _capped(2, steps) if len(steps) and len(_STEPS.findall(answer)) >= 3 else Level(1, ())
    extra = [first_matching(answer, pattern, 1) for pattern in (_COMPLEXITY, _EDGE, _VERIFY)]
    present = [quote[0] for quote in extra if quote]
    return _capped(3 + min(2, len(present)), code + present)


def levels(*, question_type: str, answer: str, rubric: dict, dimensions: list[str]) -> dict[str, Level]:
    scored = {
        "communication": lambda: communication(answer),
        "structure": lambda: structure(answer),
        "ownership": lambda: ownership(answer),
        "impact": lambda: impact(answer),
        "technical_depth": lambda: technical_depth(answer, rubric),
        "problem_solving": lambda: problem_solving(answer),
        "code_quality": lambda: code_quality(answer),
    }
    return {name: scored[name]() for name in dimensions}
