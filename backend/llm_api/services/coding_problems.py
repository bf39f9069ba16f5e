"""Runnable coding problems: shipped in `data/coding_problems/`, one per curated coding question
(by its bank key), loaded into `coding_problems` with the question bank.

A problem has a statement, examples, constraints, a function name and starter code per language,
visible tests (shown, run by `code/run`) and hidden tests (only their names and results are
ever shown), each `{name, args, expected}`, hidden ones with a `kind` (basic, edge, large) that
the code-quality score reads. Large arguments are written as generators so the files stay small:
`{"$range": [start, stop, step?]}`, `{"$repeat": [value, count]}`, `{"$concat": [part, ...]}` (its parts
may themselves be generated: `{"$concat": {"$repeat": [["db"], 3]}}` is `["db", "db", "db"]`),
`{"$format": [template, values]}` (one copy of the template per value, `{}` in its strings replaced by
the value: names like `"pkg-{}"`), `{"$zip": [list, ...]}` (lists of the i-th items: rows of a table)
and `{"$object": pairs}` (an object from `[key, value]` pairs). A hidden test's expected value may be
generated too (a long result), judged against what it makes.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from backend.llm_api import supabase_client
from backend.llm_api.services.code_runner import LANGUAGES

PROBLEMS_DIR = Path(__file__).resolve().parents[1] / "data" / "coding_problems"
KEYS = {"question_key", "title", "statement", "functions", "starter", "examples", "constraints", "limits", "tests",
        "hidden_tests"}
TEST_KINDS = ("basic", "edge", "large")
MAX_EXPANDED = 1_000_000  # items a generator may make


class ProblemError(ValueError):
    """A shipped problem file breaks the format (a bug in the shipped data, caught by the tests)."""


def expand(value: Any) -> Any:
    """An argument with its generators replaced by what they make."""
    if isinstance(value, list):
        return [expand(item) for item in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"$range"}:
        made = list(range(*value["$range"]))
    elif set(value) == {"$repeat"}:
        item, count = expand(value["$repeat"][0]), int(value["$repeat"][1])
        made = item * count if isinstance(item, str) else [item] * count
    elif set(value) == {"$concat"}:
        parts = expand(value["$concat"])
        made = "".join(parts) if all(isinstance(p, str) for p in parts) else [x for p in parts for x in p]
    elif set(value) == {"$format"}:
        template, values = value["$format"][0], expand(value["$format"][1])
        made = [_formatted(template, item) for item in values]
    elif set(value) == {"$zip"}:
        made = [list(row) for row in zip(*expand(value["$zip"]), strict=True)]
    elif set(value) == {"$object"}:
        made = {str(key): item for key, item in expand(value["$object"])}
    else:
        return {key: expand(item) for key, item in value.items()}
    if len(made) > MAX_EXPANDED:
        raise ProblemError(f"a generator makes {len(made)} items (at most {MAX_EXPANDED})")
    return made


def _formatted(template: Any, item: Any) -> Any:
    """The template with `{}` in each of its strings replaced by the item."""
    if isinstance(template, str):
        return template.replace("{}", str(item))
    if isinstance(template, list):
        return [_formatted(part, item) for part in template]
    if isinstance(template, dict):
        return {key: _formatted(part, item) for key, part in template.items()}
    return template


def _tests(raw: Any, where: str, *, hidden: bool) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not raw:
        raise ProblemError(f"{where}: a non-empty list")
    names = set()
    for test in raw:
        wanted = {"name", "args", "expected", "kind"} if hidden else {"name", "args", "expected"}
        if not isinstance(test, dict) or set(test) != wanted or not isinstance(test["args"], list):
            raise ProblemError(f"{where}: each test is {sorted(wanted)} with a list of args")
        if hidden and test["kind"] not in TEST_KINDS:
            raise ProblemError(f"{where} ({test['name']}): kind must be one of {TEST_KINDS}")
        if test["name"] in names:
            raise ProblemError(f"{where}: duplicate test name {test['name']!r}")
        names.add(test["name"])
    return raw


def _problem(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) != KEYS:
        raise ProblemError(f"{where}: keys must be {sorted(KEYS)}")
    where = f"{where} ({raw['question_key']})"
    for field in ("functions", "starter"):
        if not isinstance(raw[field], dict) or set(raw[field]) != set(LANGUAGES):
            raise ProblemError(f"{where}.{field}: one per language {sorted(LANGUAGES)}")
    if not isinstance(raw["limits"], dict) or not isinstance(raw["limits"].get("efficient_ms"), int):
        raise ProblemError(f"{where}.limits: {{efficient_ms}}")
    _tests(raw["tests"], f"{where}.tests", hidden=False)
    _tests(raw["hidden_tests"], f"{where}.hidden_tests", hidden=True)
    if {t["name"] for t in raw["tests"]} & {t["name"] for t in raw["hidden_tests"]}:
        raise ProblemError(f"{where}: a visible and a hidden test share a name")
    return raw


@functools.cache
def coding_problem_entries(directory: Path = PROBLEMS_DIR) -> tuple[dict[str, Any], ...]:
    """Every shipped problem, validated; one per question key."""
    problems = []
    for path in sorted(directory.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        problems.extend(_problem(raw, f"{path.name}[{index}]") for index, raw in enumerate(document["problems"]))
    keys = [problem["question_key"] for problem in problems]
    if len(keys) != len(set(keys)):
        raise ProblemError("two problems for one question key")
    return tuple(problems)


def coding_problems_load(*, question_keys: set[str], directory: Path = PROBLEMS_DIR) -> int:
    """Write the shipped problems of the loaded questions into `coding_problems` (by bank key)."""
    rows = []
    for problem in coding_problem_entries(directory):
        if problem["question_key"] not in question_keys:
            continue
        public = {key: value for key, value in problem.items() if key not in ("question_key", "hidden_tests")}
        version = hashlib.sha256(json.dumps(problem, sort_keys=True).encode()).hexdigest()[:12]
        rows.append({"bank_key": problem["question_key"], "problem": public, "hidden_tests": problem["hidden_tests"],
                     "version": f"problem-{version}"})
    return supabase_client.coding_problems_upsert(rows=rows)
