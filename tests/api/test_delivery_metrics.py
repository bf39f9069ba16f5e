"""Delivery metrics from word timestamps, against values worked out by hand (docs/delivery.md)."""

from __future__ import annotations

from backend.llm_api.services.delivery import answer_metrics, combined_metrics, filler_count


def words(*items):
    return [{"word": w, "start": s, "end": e} for w, s, e in items]


def evenly(texts: list[str], *, start: float, step: float, length: float = 0.3):
    return [{"word": t, "start": round(start + i * step, 3), "end": round(start + i * step + length, 3)}
            for i, t in enumerate(texts)]


def test_a_steady_answer_in_the_good_range():
    # 30 words, one every 0.4 s from 1.5 s: the last ends at 1.5 + 29 * 0.4 + 0.3 = 13.4 s,
    # so 11.9 s of speech: 30 / (11.9 / 60) = 151.3 words a minute; no gap reaches 2 s.
    metrics = answer_metrics(evenly(["word"] * 30, start=1.5, step=0.4))
    assert metrics == {"word_count": 30, "speaking_seconds": 11.9, "words_per_minute": 151.3, "pace": "good",
                       "filler_count": 0, "fillers_per_minute": 0.0, "pause_count": 0, "pause_seconds": 0.0,
                       "longest_pause_seconds": 0.0, "silence_count": 0, "time_to_first_word_seconds": 1.5,
                       "flags": []}


def test_pauses_silences_fillers_and_a_slow_pace():
    # 0.0-0.4 "um", 0.5-0.9 "so", 3.0-3.4 "I" (gap 2.1 s: a pause), 3.5-3.9 "like",
    # 9.0-9.4 "you" (gap 5.1 s: a pause and a silence), 9.5-9.9 "know", 10.0-10.5 "databases."
    # 7 words over 10.5 s = 40.0 wpm (slow); fillers: um, like (after "I": a verb, not counted),
    # "you know" = 2 -> 2 / (10.5 / 60) = 11.4 a minute (flagged).
    metrics = answer_metrics(words(("Um,", 0.0, 0.4), ("so", 0.5, 0.9), ("I", 3.0, 3.4), ("like", 3.5, 3.9),
                                   ("you", 9.0, 9.4), ("know", 9.5, 9.9), ("databases.", 10.0, 10.5)))
    assert metrics == {"word_count": 7, "speaking_seconds": 10.5, "words_per_minute": 40.0, "pace": "slow",
                       "filler_count": 2, "fillers_per_minute": 11.4, "pause_count": 2, "pause_seconds": 7.2,
                       "longest_pause_seconds": 5.1, "silence_count": 1, "time_to_first_word_seconds": 0.0,
                       "flags": ["slow_pace", "many_fillers", "long_silences"]}


def test_fast_speech_is_flagged_and_the_boundaries_hold():
    # 40 words 0.3 s apart: 39 * 0.3 + 0.2 = 11.9 s -> 201.7 wpm
    fast = answer_metrics(evenly(["go"] * 40, start=0.0, step=0.3, length=0.2))
    assert (fast["words_per_minute"], fast["pace"], fast["flags"]) == (201.7, "fast", ["fast_pace"])
    # exactly 2.0 s between words is a pause, 1.99 s is not; 5.0 s is a silence
    gaps = answer_metrics(words(("a", 0, 1), ("b", 3.0, 4.0), ("c", 5.99, 6.5), ("d", 11.5, 12.0)))
    assert (gaps["pause_count"], gaps["silence_count"], gaps["longest_pause_seconds"]) == (2, 1, 5.0)
    # 100-120 and 170-180 are acceptable, neither good nor flagged
    assert answer_metrics(evenly(["w"] * 11, start=0, step=0.55, length=0.5))["pace"] == "acceptable"


def test_filler_rules():
    tokens = "um i would like to say it was kind of like basically what kind of thing you know".split()
    # um, kind of (hedge), like (after "of"), basically, you know = 5; "would like" and "what kind of" are not
    assert filler_count(tokens) == 5
    assert filler_count(["uh", "uhh", "erm", "i", "mean"]) == 4


def test_no_words_and_combining_answers():
    assert answer_metrics([])["words_per_minute"] is None
    first = answer_metrics(evenly(["w"] * 20, start=1.0, step=0.5))   # 9.8 s
    second = answer_metrics(evenly(["um"] * 10, start=3.0, step=0.5))  # 4.8 s, 10 fillers
    both = combined_metrics([first, second])
    # 30 words over 14.6 s = 123.3 wpm; 10 fillers over 14.6 s = 41.1 a minute; first words at 1.0 and 3.0 s
    assert both == {"spoken_parts": 2, "word_count": 30, "speaking_seconds": 14.6, "words_per_minute": 123.3,
                    "pace": "good", "filler_count": 10, "fillers_per_minute": 41.1, "pause_count": 0,
                    "pause_seconds": 0.0, "longest_pause_seconds": 0.0, "silence_count": 0,
                    "time_to_first_word_seconds": 2.0, "flags": ["many_fillers"]}
