"""Evidence: quotes of the candidate's own words, checked against the answer in code.

A quote counts only if it appears in the answer once whitespace and case are normalised
(curly quotes and dashes too); whatever a scorer claims beyond that is dropped.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^.!?\n;]+[.!?;]?")
_TRANSLATE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
MAX_QUOTE = 300


def normalise(text: str) -> str:
    return " ".join(text.translate(_TRANSLATE).casefold().split())


def verified(quote: str, answer: str) -> bool:
    quote = normalise(quote).strip(" .,;:!?\"'")
    return len(quote) >= 8 and quote in normalise(answer)


def sentences(answer: str) -> list[str]:
    """The answer's sentences (and lines), verbatim, trimmed; fragments of under three words left out."""
    found = []
    for match in _SENTENCE.finditer(answer):
        text = match.group(0).strip()
        if len(text.split()) >= 3:
            found.append(text[:MAX_QUOTE])
    return found


def first_matching(answer: str, pattern: re.Pattern[str], limit: int = 2) -> list[str]:
    return [sentence for sentence in sentences(answer) if pattern.search(sentence)][:limit]
