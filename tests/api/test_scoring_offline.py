"""The offline scorer's levels, dimension by dimension, at their thresholds (docstring of
backend/llm_api/services/scoring/offline.py): what each level asks, and the quotes it cites;
the guard's thresholds and the evidence checks."""

from __future__ import annotations

import pytest

from backend.llm_api.services.scoring import evidence, guard, offline
from backend.llm_api.services.scoring.offline import Level


def plain(count: int) -> str:
    """`count` neutral words as one sentence (no cue any dimension looks for)."""
    return " ".join(["alpha"] * count) + "."


def text(*sentences: str) -> str:
    return " ".join(sentences)


# communication: 1 under 15 words; then one point each for 3+ sentences, 2+ linking words,
# 50-450 words, and sentences averaging <= 32 words with under 4% fillers ---------------------

@pytest.mark.parametrize("answer,level", [
    (plain(14), 1),
    (plain(15), 2),  # short sentences only
    (plain(33), 1 + 0),  # one sentence of 33 words: too long on average
    (plain(32), 2),
    (text(plain(10), plain(10), plain(10)), 3),  # three sentences, short
    (text(plain(17), plain(17), plain(16)), 4),  # ... and 50 words
    (text(plain(17), plain(17), plain(15)), 3),  # 49 words
    (text(plain(10), "So alpha alpha alpha, because alpha alpha.", plain(33)), 5),
    (text(plain(10), "So alpha alpha alpha alpha alpha.", plain(35)), 4),  # one linking word only
])
def test_communication_levels(answer, level):
    assert offline.communication(answer).level == level


def test_communication_counts_words_up_to_450_and_fillers_under_four_percent():
    long = [plain(30)] * 15  # 450 words, 15 sentences
    assert offline.communication(text(*long)).level == 4
    assert offline.communication(text(*long, "alpha.")).level == 3  # 451 words
    fillers = "um " * 2 + " ".join(["alpha"] * 28) + "."  # 2 fillers in 50 words: 4%
    assert offline.communication(text(fillers, plain(10), plain(10))).level == 3
    fewer = "um " + " ".join(["alpha"] * 29) + "."
    assert offline.communication(text(fewer, plain(10), plain(10))).level == 4


def test_communication_quotes_a_linked_sentence_or_the_first():
    linked = "So alpha alpha alpha, because alpha alpha."
    assert offline.communication(text(plain(20), linked)).quotes == (linked,)
    assert offline.communication(text(plain(20), plain(10))).quotes == (plain(20),)


# structure: one level per part found (situation, task, action, result) ----------------------

SITUATION = "Last year at my previous company the checkout was slow."
TASK = "My goal was to make it fast before the sale."
ACTION = "I profiled the service and found the slow query."
RESULT = "As a result the page loaded twice as fast."


@pytest.mark.parametrize("parts,level", [
    ((), 1), ((SITUATION,), 2), ((SITUATION, TASK), 3), ((SITUATION, TASK, ACTION), 4),
    ((SITUATION, TASK, ACTION, RESULT), 5), ((ACTION, RESULT), 3),
])
def test_structure_levels_and_quotes(parts, level):
    found = offline.structure(text(plain(5), *parts))
    assert found.level == level and found.quotes == tuple(parts)[:3]


# ownership ------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer,level", [
    ("We built it and we shipped it together as a team.", 1),
    ("The service was rebuilt by the platform group.", 1),
    ("My part was small in that project.", 2),
    ("I profiled it. I found the query. I fixed it with my team.", 3),
    ("I profiled it. I found the query.", 2),  # actions, but too few first-person words
    ("I decided to add the index. It worked.", 4),
    ("I decided to add the index. Then I proposed a review rule.", 5),
])
def test_ownership_levels(answer, level):
    assert offline.ownership(answer).level == level


def test_ownership_quotes_the_decisions_first():
    found = offline.ownership("I profiled it carefully. I decided to add the index.")
    assert found.quotes == ("I decided to add the index.", "I profiled it carefully.")


# impact ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer,level", [
    (plain(10), 1),
    ("It eventually worked out fine for everyone.", 2),
    ("It eventually worked out fine. We shipped it on time.", 3),  # two outcomes
    ("It eventually worked out fine. I learned to test first.", 3),  # an outcome and a lesson
    ("Latency dropped to 180 ms after the change.", 4),
    ("Latency dropped to 180 ms after the change. I learned to check plans.", 5),
    ("I learned to check plans in review every time.", 1),  # a lesson without an outcome
])
def test_impact_levels(answer, level):
    assert offline.impact(answer).level == level


def test_impact_quotes_the_measured_outcome():
    found = offline.impact("It eventually worked. Latency dropped to 180 ms. I learned a lot there.")
    assert found.quotes == ("Latency dropped to 180 ms.", "I learned a lot there.")


# technical depth: the share of rubric points covered, and specifics -------------------------

RUBRIC = {"points": [{"text": f"Point {n}", "keywords": [f"kw{n}"]} for n in "abcd"]}


@pytest.mark.parametrize("covered,extra,level", [
    (0, "", 1),
    (1, "", 2),  # a quarter
    (2, "", 3),  # a half
    (3, "", 4),  # three quarters, no specifics
    (4, "", 4),
    (3, " PostgreSQL and Redis.", 5),  # three quarters with specifics
    (2, " PostgreSQL and Redis. " + plain(60), 4),  # a half with specifics and substance
    (2, " PostgreSQL and Redis.", 3),  # specifics but under 60 words
    (1, " PostgreSQL and Redis. " + plain(60), 3),
])
def test_technical_depth_levels(covered, extra, level):
    answer = " ".join(f"We use kw{n} here." for n in "abcd"[:covered]) + extra
    found = offline.technical_depth(answer, RUBRIC)
    assert found.level == level
    assert found.quotes == tuple(f"We use kw{n} here." for n in "abcd"[:min(covered, 3)])


def test_technical_depth_without_a_rubric_looks_at_specifics_and_substance():
    assert offline.technical_depth(plain(10), {}).level == 1
    assert offline.technical_depth("We run PostgreSQL there. " + plain(5), {}).level == 2
    assert offline.technical_depth(plain(30), {}).level == 2
    assert offline.technical_depth("We run PostgreSQL there. " + plain(30), {}).level == 3
    found = offline.technical_depth("We run PostgreSQL there. We cache in Redis. " + plain(80), {})
    assert found.level == 4 and found.quotes == ("We run PostgreSQL there.", "We cache in Redis.")


# problem solving: steps, trade-offs, edge cases, verification -------------------------------

STEPS, TRADEOFF, EDGE, VERIFY = ("First I would look at the traces.", "The trade-off is slower writes.",
                                 "An empty list is an edge case.", "I would measure it with a benchmark.")


@pytest.mark.parametrize("parts,level", [
    ((), 1), ((STEPS,), 2), ((STEPS, TRADEOFF), 3), ((STEPS, TRADEOFF, EDGE), 4),
    ((STEPS, TRADEOFF, EDGE, VERIFY), 5),
])
def test_problem_solving_levels(parts, level):
    found = offline.problem_solving(text(plain(25), *parts))
    assert found.level == level and found.quotes == tuple(parts)[:3]


def test_problem_solving_needs_25_words_to_go_past_2():
    short = text(STEPS, TRADEOFF, EDGE)
    assert offline.problem_solving(short).level == 2
    assert offline.problem_solving(text(plain(8), short)).level == 4


# code quality ---------------------------------------------------------------------------------

@pytest.mark.parametrize("answer,level", [
    (plain(10), 1),
    ("First sort it. Then scan it. Finally return the best pair.", 2),  # exact steps, no code
    ("First sort it. Then scan it.", 1),
    ("def best(items):\n    return max(items)", 3),
    ("def best(items):\n    return max(items)\nIt runs in O(n) time.", 4),
    ("def best(items):\n    return max(items)\nIt runs in O(n) time.\nAn empty list is an edge case.", 5),
    ("def best(items):\n    return max(items)\nIt runs in O(n) time.\nEmpty input.\nI would test it.", 5),
])
def test_code_quality_levels(answer, level):
    assert offline.code_quality(answer).level == level


def test_code_quality_quotes_the_code_then_the_rest():
    answer = "def best(items):\n    return max(items)\nIt runs in O(n) time."
    assert offline.code_quality(answer).quotes == ("def best(items):", "return max(items)", "It runs in O(n) time.")
    prose = "For people in the team I would return the favour while they learn."
    assert offline.code_quality(prose).level == 1  # words that look like code in prose are not code


def test_levels_are_clamped_and_quotes_deduplicated_and_at_most_three():
    assert offline._capped(0, []) == Level(1, ())
    assert offline._capped(9, ["a", "a", "b", "c", "d"]) == Level(5, ("a", "b", "c"))


def test_covered_quotes_pair_each_covered_point_with_its_sentence():
    covered, quotes = offline.covered_quotes("We use kwc here. Nothing else. And KWA too.", RUBRIC)
    assert covered == [True, False, True, False] and quotes == ["And KWA too.", "We use kwc here."]


# the guard's thresholds and the evidence checks ------------------------------------------------


QUESTION = "How would you speed up a slow search endpoint?"
TOPIC = {"points": [{"text": "Profiles the endpoint", "keywords": ["profile"]}]}


def reason(answer: str) -> str | None:
    return guard.reason(question_text=QUESTION, rubric=TOPIC, skills=(), category="", answer=answer)


def test_guard_thresholds():
    assert reason("I would profile the endpoint first") is None  # six words
    assert reason("I would profile the endpoint") == "too_few_words"
    # a copy: more than three quarters of the words are the question's
    assert reason("how would you speed up a profile tool") is None  # 6 of 8: three quarters exactly
    assert reason("how would you speed up a slow profile") == "copy_of_question"  # 7 of 8
    assert reason("profile the endpoint now please xkcd bcdf alpha") is None  # 2 odd words in 8: a quarter
    assert reason("profile the endpoint now xkcd bcdf ghjk alpha") == "gibberish"  # 3 in 8
    assert reason("profile the endpoint now xyz bcd alpha alpha") is None  # three letters: not counted
    assert reason("profile the qwrtzp endpoint now and alpha alpha") is None  # no vowels + a run: 2 in 8
    assert reason("profile the qwrtzp endpoint qwrtzpq and alpha alpha") == "gibberish"  # 4 in 8


def test_keywords_only_needs_almost_no_small_words():
    keywords = ["profile", "endpoint", "cache", "index", "latency", "shard", "replica", "queue", "trace",
                "pool", "batch", "limit"] * 2  # 24 words
    assert reason(" ".join(keywords) + " the") == "keywords_only"  # 1 small word in 25: 4%
    assert reason(" ".join(keywords[:23]) + " the and") is None  # 2 in 25: 8%, a sentence's worth
    assert reason("the profile") == "too_few_words"


def test_quotes_are_verified_after_normalising():
    answer = "I profiled   the endpoint\n first, and \u201cfixed\u201d it."
    assert evidence.verified("i PROFILED the endpoint first", answer)
    assert evidence.verified('"fixed" it.', answer)
    assert evidence.verified("  the endpoint first,  ", answer)
    assert not evidence.verified("profile", answer)  # under 8 characters
    assert evidence.verified("profiled", answer)  # 8 are enough
    assert not evidence.verified(" profile.", answer)  # 7 once trimmed
    assert evidence.normalise("A  b\n\tC") == "a b c"
    assert evidence.sentences("One two three. Four five. Six seven eight nine.") == [
        "One two three.", "Six seven eight nine."]


def test_more_thresholds():
    assert offline.problem_solving(text(STEPS, TRADEOFF, plain(13))).level == 3  # 25 words
    assert offline.problem_solving(text(STEPS, TRADEOFF, plain(12))).level == 2  # 24 words
    assert offline.technical_depth(plain(25), {}).level == 2
    assert offline.technical_depth(plain(24), {}).level == 1
    two = "We run PostgreSQL there. We cache in Redis. "  # 8 words, two specifics
    assert offline.technical_depth(two + plain(72), {}).level == 4  # 80 words
    assert offline.technical_depth(two + plain(71), {}).level == 3
    thirds = {"points": [{"text": f"P{n}", "keywords": [f"kw{n}"]} for n in "abc"]}
    assert offline.technical_depth("We use kwa here.", thirds).level == 2  # a third
    fifths = {"points": [{"text": f"P{n}", "keywords": [f"kw{n}"]} for n in "abcde"]}
    assert offline.technical_depth("We use kwa, kwb and kwc here.", fifths).level == 4  # three fifths
    specific = "We use kwa and kwb with PostgreSQL and Redis. "  # a half, specific
    assert offline.technical_depth(specific + plain(51), RUBRIC).level == 4  # 60 words
    assert offline.technical_depth(specific + plain(50), RUBRIC).level == 3
    assert offline.ownership("I profiled it. I found the query. I shipped it.").level == 3
    assert offline.ownership("I profiled it. I found the query. It shipped.").level == 2
    assert reason("profile the endpoint xyz bcd dfg alpha alpha") is None  # three-letter words never count
