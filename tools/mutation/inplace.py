"""pytest plugin of the policy mutation run's default mode: one session, one stack, every mutant.

tools/mutation/policies.py writes the plan (MUTATION_PLAN: a JSON list of mutants, each with
the original and the mutated `create policy` statement) and starts pytest once with this
plugin. The test loop then runs the selected tests once unmutated (all must pass), and once
per mutant, fail-fast, tests naming the mutant's table first. Before each test an autouse
fixture makes the database hold exactly the current mutant: the original policy is dropped
and the mutated one created (or none, for a dropped policy), as the migrations would have
left it, and put back before the next mutant. Policies have no dependants, so swapping one
in place is the same schema the mutated migrations build on a fresh database (`--fresh`).
Each verdict is appended as a JSON line to MUTATION_RESULTS.
"""

from __future__ import annotations

import json
import os
import time

import psycopg
import pytest
from _pytest.runner import runtestprotocol

PLAN: list[dict] = []
CURRENT: dict | None = None  # the mutant the next test must see (None: the migrations as written)
APPLIED: dict | None = None  # the mutant the database holds now
STILLBORN: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    PLAN.extend(json.loads(open(os.environ["MUTATION_PLAN"]).read()))


def _swap(dsn: str, remove: dict | None, put: dict | None) -> None:
    """Undo `remove` (back to its original policy) and apply `put`, in one transaction."""
    with psycopg.connect(dsn, autocommit=True) as conn, conn.transaction():
        for mutant, statement in ((remove, "original"), (put, "mutated")):
            if mutant is None:
                continue
            conn.execute(f'drop policy if exists "{mutant["name"]}" on {mutant["table"]}')
            if mutant[statement] is not None:
                conn.execute(mutant[statement], prepare=False)


@pytest.fixture(autouse=True)
def _policy_mutant(stack_settings) -> None:
    global APPLIED
    if CURRENT is not APPLIED:
        try:
            _swap(stack_settings.database_url, APPLIED, CURRENT)
        except psycopg.Error as exc:
            STILLBORN.append(str(exc).strip())
            raise
        APPLIED = CURRENT


def _one_pass(session: pytest.Session, items: list[pytest.Item]) -> tuple[str | None, str]:
    """(the first failing test or None, its short reason); everything torn down but the session."""
    for item in items:
        reports = runtestprotocol(item, nextitem=session, log=False)  # type: ignore[arg-type]
        failed = [r for r in reports if r.failed]
        if failed:
            reason = str(failed[0].longrepr).strip().splitlines()
            return item.nodeid, reason[-1][:200] if reason else ""
    return None, ""


def _focused(items: list[pytest.Item], focus: str) -> list[pytest.Item]:
    words = focus.split(",")
    return sorted(items, key=lambda item: not any(word in item.nodeid for word in words))


def pytest_runtestloop(session: pytest.Session) -> bool:
    global CURRENT
    results = open(os.environ["MUTATION_RESULTS"], "a")
    began = time.monotonic()
    failing, reason = _one_pass(session, session.items)
    results.write(json.dumps({"baseline": True, "failed": failing, "reason": reason,
                              "seconds": time.monotonic() - began, "tests": len(session.items)}) + "\n")
    results.flush()
    if failing:
        return True
    for mutant in PLAN:
        began = time.monotonic()
        CURRENT = mutant
        STILLBORN.clear()
        killer, reason = _one_pass(session, _focused(session.items, mutant["focus"]))
        verdict = "stillborn" if STILLBORN else ("killed" if killer else "survived")
        results.write(json.dumps({"number": mutant["number"], "verdict": verdict, "killer": killer,
                                  "reason": STILLBORN[0] if STILLBORN else reason,
                                  "seconds": time.monotonic() - began}) + "\n")
        results.flush()
    results.close()
    return True
