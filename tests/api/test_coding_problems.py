"""The shipped coding problems: each has a correct solution per language passing every test, and an
incorrect one that passes the visible tests but not the hidden ones (the hidden tests matter)."""

from __future__ import annotations

import copy
import json

import pytest

from backend.llm_api.services import coding
from backend.llm_api.services.code_runner import LANGUAGES, Limits, RunRequest
from backend.llm_api.services.code_runner.local import LocalRunner
from backend.llm_api.services.coding_problems import (
    ProblemError,
    coding_problem_entries,
    expand,
    problem_entry,
)
from backend.llm_api.services.question_bank import question_bank_entries
from tests.api.coding_solutions import CORRECT, INCORRECT

PROBLEMS = {problem["question_key"]: problem for problem in coding_problem_entries()}


@pytest.fixture(autouse=True)
def _short_limits(settings):
    settings.CODE_RUN_CPU_SECONDS = 1  # the brute-force solutions stop sooner
    settings.CODE_RUN_WALL_SECONDS = 3


def judged(problem: dict, language: str, source: str) -> list[dict]:
    tests = [(t, False) for t in problem["tests"]] + [(t, True) for t in problem["hidden_tests"]]
    function, mode = problem_entry(problem, language)
    result = LocalRunner().run(RunRequest(
        language=language, source=source, function=function, mode=mode,
        cases=[{"name": t["name"], "args": expand(t["args"])} for t, _ in tests], limits=Limits.from_settings()))
    return [coding._judged(case, test, hidden=hidden) for case, (test, hidden) in zip(result.cases, tests, strict=True)]


def test_every_coding_question_of_the_bank_has_a_problem_with_solutions():
    coding_keys = {q.key for q in question_bank_entries() if q.interview_type == "coding"}
    assert set(PROBLEMS) == coding_keys  # a new coding question comes with its runnable problem
    assert set(PROBLEMS) == set(CORRECT) == set(INCORRECT)
    assert all(problem_entry(problem, language) for problem in PROBLEMS.values() for language in LANGUAGES)


@pytest.mark.parametrize("key", sorted(PROBLEMS))
@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_a_correct_solution_passes_every_test_and_an_incorrect_one_fails_a_hidden_one(key, language):
    problem = PROBLEMS[key]
    right = judged(problem, language, CORRECT[key][language])
    assert [r["name"] for r in right if not r["passed"]] == []
    wrong = judged(problem, language, INCORRECT[key][language])
    assert all(r["passed"] for r in wrong if not r["hidden"])
    assert not all(r["passed"] for r in wrong if r["hidden"])


def test_generators_expand_and_refuse_what_is_too_big():
    assert expand({"$concat": [{"$range": [1, 4]}, {"$repeat": [[0], 2]}]}) == [1, 2, 3, [0], [0]]
    assert expand({"$concat": [{"$repeat": ["ab", 2]}, "c"]}) == "ababc"
    assert expand({"$concat": [{"$copies": ["ab", 2]}, {"$copies": [None, 1]}]}) == ["ab", "ab", None]
    assert expand({"$zip": ["put", {"$range": [0, 2]}, {"$range": [5, 7]}]}) == [["put", 0, 5], ["put", 1, 6]]
    with pytest.raises(ProblemError):
        expand({"$range": [0, 10_000_000]})


def test_generators_make_flat_lists_names_rows_and_objects():
    assert expand({"$concat": {"$repeat": [["db", 1], 2]}}) == ["db", 1, "db", 1]
    assert expand({"$format": [["pkg-{}", 7], {"$range": [0, 2]}]}) == [["pkg-0", 7], ["pkg-1", 7]]
    assert expand({"$zip": [{"$range": [0, 2]}, ["a", "b"]]}) == [[0, "a"], [1, "b"]]
    assert expand({"$object": {"$zip": [{"$format": ["e{}", [1, 2]]}, ["a", "e1"]]}}) == {"e1": "a", "e2": "e1"}
    with pytest.raises(ValueError):
        expand({"$zip": [[1, 2], [1]]})


def test_values_are_judged_strictly():
    assert coding.same_value([1, 2.0000000001], [1, 2]) and coding.same_value({"a": [True]}, {"a": [True]})
    assert not coding.same_value(1, True) and not coding.same_value([1], [1, 2]) and not coding.same_value("1", 1)


def test_tests_whose_calls_do_not_fit_what_they_call_are_refused(tmp_path):
    lru = copy.deepcopy(PROBLEMS["coding/lru-cache"])
    lru["tests"][0]["args"] = [[["put", 1, "a"]]]  # no constructor arguments
    runs = copy.deepcopy(PROBLEMS["coding/sensor-run-length"])
    runs["hidden_tests"][0]["args"] = [[["compress", "AAB"]]]  # not one of its functions
    for number, broken in enumerate((lru, runs)):
        (tmp_path / str(number)).mkdir()
        (tmp_path / str(number) / "problems.json").write_text(json.dumps({"problems": [broken]}))
        with pytest.raises(ProblemError):
            coding_problem_entries(tmp_path / str(number))
