"""The offline scorer meets its goals on the labelled answers (bench/scoring_answers.json)."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "scoring_bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("scoring_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["scoring_bench"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_labelled_set_is_spread_across_types_bands_and_guard_kinds(bench):
    items = bench.labelled()
    questions = bench.questions_by_key()
    assert len(items) >= 60 and all(item["question_key"] in questions for item in items)
    types = Counter(questions[item["question_key"]].interview_type for item in items)
    assert set(types) == {"behavioral", "technical", "system_design", "coding", "mixed"}
    assert set(Counter(item["band"] for item in items)) == set(bench.BANDS)
    guards = Counter(item["guard"] for item in items if item["band"] == "guard")
    assert set(guards) == {"empty", "gibberish", "copy_of_question", "keywords_only", "off_topic", "instructions"}


def test_the_offline_scorer_meets_its_goals(bench):
    from backend.llm_api.services.scoring import OfflineScorer

    figures = bench.measure(OfflineScorer())
    assert figures.spearman >= 0.70
    assert figures.strong_minus_weak >= 40
    assert figures.worst_guard <= 10
    assert figures.identical


def test_spearman_handles_ties(bench):
    assert bench.ranks([3, 1, 3, 2]) == [3.5, 1.0, 3.5, 2.0]
    assert bench.spearman([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert bench.spearman([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)
