"""Delivery metrics of a spoken answer, computed in code from the transcript's word timestamps
(never by a model) and kept apart from the content score. Definitions and thresholds are in
docs/delivery.md.

- words per minute: words / speaking time, speaking time = last word's end - first word's start;
  120-170 is reported as a good range, under 100 (`slow`) or over 180 (`fast`) flagged.
- filler words per minute: fillers / speaking time; over 6 a minute flagged.
- pauses: gaps of 2 s or more between one word's end and the next word's start;
  silences: gaps of 5 s or more (each silence is also a pause).
- time to first word: the first word's start (seconds from the start of the audio).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

GOOD_WPM = (120.0, 170.0)
SLOW_WPM = 100.0
FAST_WPM = 180.0
MAX_FILLERS_PER_MINUTE = 6.0
PAUSE_SECONDS = 2.0
SILENCE_SECONDS = 5.0

FILLERS = frozenset({"um", "umm", "uh", "uhh", "uh-huh", "er", "erm", "ah", "hmm", "mm", "like", "basically",
                     "literally", "actually"})
FILLER_PAIRS = frozenset({("you", "know"), ("i", "mean"), ("sort", "of"), ("kind", "of")})
# "like" after these is a verb or a comparison ("I would like to", "it looks like"), not a filler.
NOT_FILLER_LIKE_AFTER = frozenset({"i", "you", "we", "they", "would", "i'd", "you'd", "we'd", "they'd", "don't",
                                   "didn't", "look", "looks", "looked", "feel", "feels", "felt", "seems", "just",
                                   "something", "things", "would've", "not"})
# "kind of"/"sort of" after these name a kind ("what kind of", "a sort of"), not a hedge.
NOT_FILLER_KIND_AFTER = frozenset({"what", "a", "the", "this", "that", "any", "some", "every", "which", "one"})


def _token(word: str) -> str:
    return re.sub(r"[^\w'-]+", "", word.lower().replace("\u2019", "'")).strip("'-")


def filler_count(tokens: Sequence[str]) -> int:
    count = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        previous = tokens[index - 1] if index else ""
        pair = (token, tokens[index + 1]) if index + 1 < len(tokens) else None
        if pair in FILLER_PAIRS and not (token in ("kind", "sort") and previous in NOT_FILLER_KIND_AFTER):
            count += 1
            index += 2
            continue
        if token in FILLERS and not (token == "like" and previous in NOT_FILLER_LIKE_AFTER):
            count += 1
        index += 1
    return count


def _pace(wpm: float | None) -> str | None:
    if wpm is None:
        return None
    if wpm < SLOW_WPM:
        return "slow"
    if wpm > FAST_WPM:
        return "fast"
    if GOOD_WPM[0] <= wpm <= GOOD_WPM[1]:
        return "good"
    return "acceptable"


def _flags(wpm: float | None, fillers_per_minute: float | None, silences: int) -> list[str]:
    flags = []
    if wpm is not None and wpm < SLOW_WPM:
        flags.append("slow_pace")
    if wpm is not None and wpm > FAST_WPM:
        flags.append("fast_pace")
    if fillers_per_minute is not None and fillers_per_minute > MAX_FILLERS_PER_MINUTE:
        flags.append("many_fillers")
    if silences:
        flags.append("long_silences")
    return flags


def answer_metrics(words: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The delivery metrics of one spoken answer from its words' `start`/`end` (seconds)."""
    timed = sorted(({"word": str(w["word"]), "start": float(w["start"]), "end": float(w["end"])} for w in words),
                   key=lambda w: (w["start"], w["end"]))
    tokens = [t for t in (_token(w["word"]) for w in timed) if t]
    if not timed:
        return {"word_count": 0, "speaking_seconds": 0.0, "words_per_minute": None, "pace": None,
                "filler_count": 0, "fillers_per_minute": None, "pause_count": 0, "pause_seconds": 0.0,
                "longest_pause_seconds": 0.0, "silence_count": 0, "time_to_first_word_seconds": None,
                "flags": []}
    speaking = max(0.0, timed[-1]["end"] - timed[0]["start"])
    gaps = [later["start"] - earlier["end"] for earlier, later in zip(timed, timed[1:], strict=False)]
    pauses = [gap for gap in gaps if gap >= PAUSE_SECONDS - 1e-9]
    silences = [gap for gap in gaps if gap >= SILENCE_SECONDS - 1e-9]
    fillers = filler_count(tokens)
    minutes = speaking / 60.0
    wpm = round(len(tokens) / minutes, 1) if minutes > 0 else None
    fpm = round(fillers / minutes, 1) if minutes > 0 else None
    return {"word_count": len(tokens), "speaking_seconds": round(speaking, 2), "words_per_minute": wpm,
            "pace": _pace(wpm), "filler_count": fillers, "fillers_per_minute": fpm,
            "pause_count": len(pauses), "pause_seconds": round(sum(pauses), 2),
            "longest_pause_seconds": round(max(pauses), 2) if pauses else 0.0, "silence_count": len(silences),
            "time_to_first_word_seconds": round(timed[0]["start"], 2), "flags": _flags(wpm, fpm, len(silences))}


def combined_metrics(parts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Several spoken parts (an answer's follow-ups, or every answer of an interview) as one:
    rates over the summed speaking time, counts summed, time to first word averaged."""
    parts = [part for part in parts if part and part.get("word_count") is not None]
    words = sum(int(p["word_count"]) for p in parts)
    speaking = sum(float(p["speaking_seconds"]) for p in parts)
    fillers = sum(int(p["filler_count"]) for p in parts)
    minutes = speaking / 60.0
    wpm = round(words / minutes, 1) if minutes > 0 else None
    fpm = round(fillers / minutes, 1) if minutes > 0 else None
    firsts = [float(p["time_to_first_word_seconds"]) for p in parts if p.get("time_to_first_word_seconds") is not None]
    silences = sum(int(p["silence_count"]) for p in parts)
    return {"spoken_parts": len(parts), "word_count": words, "speaking_seconds": round(speaking, 2),
            "words_per_minute": wpm, "pace": _pace(wpm), "filler_count": fillers, "fillers_per_minute": fpm,
            "pause_count": sum(int(p["pause_count"]) for p in parts),
            "pause_seconds": round(sum(float(p["pause_seconds"]) for p in parts), 2),
            "longest_pause_seconds": max((float(p["longest_pause_seconds"]) for p in parts), default=0.0),
            "silence_count": silences,
            "time_to_first_word_seconds": round(sum(firsts) / len(firsts), 2) if firsts else None,
            "flags": _flags(wpm, fpm, silences)}


THRESHOLDS = {"good_words_per_minute": list(GOOD_WPM), "slow_words_per_minute_below": SLOW_WPM,
              "fast_words_per_minute_above": FAST_WPM, "max_fillers_per_minute": MAX_FILLERS_PER_MINUTE,
              "pause_seconds": PAUSE_SECONDS, "silence_seconds": SILENCE_SECONDS}
