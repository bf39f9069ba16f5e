"""pytest plugin of the policy mutation run: tests whose id names MUTATION_FOCUS (the
mutated table, or words naming the storage tests; comma-separated) run first, the rest keep their order. With `-x` the first
failing test ends the run, so a mutant dies as soon as a test of its own table catches it."""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    focus = os.environ.get("MUTATION_FOCUS", "").strip()
    if focus:
        words = focus.split(",")
        items.sort(key=lambda item: not any(word in item.nodeid for word in words))
