"""The guard in front of every scorer: answers that are no answer at all, recognised by rules.

Empty, a handful of words, gibberish, a copy of the question, keywords without sentences,
an answer about something else, or text that instructs the scorer. Whatever engine scores,
these are capped at GUARD_CAP and flagged with the reason; a model never sees them.
"""

from __future__ import annotations

import re

from backend.llm_api.services.interview_engine.assessment import looks_like_instructions, off_topic, words

_SCORER_INSTRUCTIONS = re.compile(
    r"\b(give|award|assign|rate|grade|mark|score)\s+(me|this|my answer|this answer|the candidate|it|him|her)\b"
    r".{0,40}\b(100|10/10|ten|perfect|full|maximum|highest|top)\b|"
    r"\b(deserves?|worth)\s+(a\s+)?(100|10/10|full marks|perfect)|"
    r"\bnote to the (grader|scorer|evaluator|reviewer|assessor|ai)\b|"
    r"(^|\n|\.\s)\s*(system|assistant)\s*:|\[\s*system\s*\]",
    re.IGNORECASE,
)
_STOPWORDS = frozenset("a an the and or but to of in on at for with is are was were be it this that i we my our "
                       "you they so then because as by from if when which who how what".split())


def reason(*, question_text: str, rubric: dict, skills: tuple[str, ...], category: str, answer: str) -> str | None:
    """Why the answer is no answer at all, or None."""
    tokens = words(answer)
    if not tokens:
        return "empty"
    if looks_like_instructions(answer) or _SCORER_INSTRUCTIONS.search(answer):
        return "instructions"
    if len(tokens) < 6:
        return "too_few_words"
    question_tokens = set(words(question_text))
    if question_tokens and sum(token in question_tokens for token in tokens) / len(tokens) > 0.75:
        return "copy_of_question"
    vowelless = sum(1 for token in tokens if len(token) > 3 and not re.search(r"[aeiouy]", token))
    consonant_runs = len(re.findall(r"[bcdfghjklmnpqrstvwxz]{5,}", answer.casefold()))
    if (vowelless + consonant_runs) / len(tokens) > 0.25:
        return "gibberish"
    if sum(token in _STOPWORDS for token in tokens) / len(tokens) < 0.08:
        return "keywords_only"
    if off_topic(question_text=question_text, rubric=rubric, skills=skills, category=category, answer=answer):
        return "off_topic"
    return None
