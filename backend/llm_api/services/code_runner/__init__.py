"""Running candidates' code against a problem's test cases: one interface, three back ends.

    runner = runner_from_settings()          # CODE_RUNNER: local (default), piston or judge0
    result = runner.run(RunRequest(language=..., source=..., function=..., cases=[...], limits=...,
                                   mode="function"))  # or "class", "functions": see the harnesses
    result.cases                             # per case: the returned value or the error, output, time, memory

A runner only executes: it never sees expected values (the caller judges, see `judging`), and it
never touches Supabase or DRF. The local back end runs a child process per run in a fresh
directory with limits and namespaces (`local.py`); the HTTP back ends hand the same harness and
files to a Piston or Judge0 server (`remote.py`), so the API servers run no candidate code at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings

HERE = Path(__file__).resolve().parent
MARK = "\x1e"


@dataclass(frozen=True)
class Language:
    name: str
    solution_file: str
    harness_file: str
    piston_name: str
    judge0_id: int  # the language's id on Judge0 CE

    @property
    def harness(self) -> str:
        return (HERE / self.harness_file).read_text(encoding="utf-8")


LANGUAGES = {
    "python": Language("python", "solution.py", "harness_python.py", "python", 71),
    "javascript": Language("javascript", "solution.js", "harness_javascript.js", "javascript", 63),
}


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int
    wall_seconds: float
    memory_mb: int
    output_bytes: int
    file_bytes: int
    processes: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(cpu_seconds=int(settings.CODE_RUN_CPU_SECONDS), wall_seconds=float(settings.CODE_RUN_WALL_SECONDS),
                   memory_mb=int(settings.CODE_RUN_MEMORY_MB), output_bytes=int(settings.CODE_RUN_OUTPUT_BYTES),
                   file_bytes=int(settings.CODE_RUN_FILE_BYTES), processes=int(settings.CODE_RUN_PROCESSES))


MODES = ("function", "class", "functions")
MAX_RUN_ITEMS = 1_000_000  # items a reported `runs` value may expand to


@dataclass(frozen=True)
class RunRequest:
    """`function` names what the cases call: a function, a class (mode `class`), or comma-separated
    functions (mode `functions`); the harnesses say how each mode reads a case's arguments."""

    language: str
    source: str
    function: str
    cases: list[dict[str, Any]]  # [{name, args}]
    limits: Limits
    mode: str = "function"

    @property
    def harness_args(self) -> list[str]:
        return [self.function, self.mode]


@dataclass(frozen=True)
class CaseRun:
    """What one case did: a returned `value`, or an `error` (the candidate's exception, or the limit hit)."""

    name: str
    value: Any = None
    error: str | None = None
    stdout: str = ""
    stderr: str = ""
    time_ms: float | None = None
    memory_kb: int | None = None


@dataclass(frozen=True)
class RunResult:
    cases: list[CaseRun]
    status: str  # ok, time_limit, memory_limit, output_limit, crashed
    stderr: str = ""  # the process's own stderr beyond the cases', trimmed
    isolation: dict[str, Any] = field(default_factory=dict)


class RunnerUnavailable(Exception):
    """The back end cannot run code at all (misconfigured, or the engine is down): the server's fault."""


class Runner(Protocol):
    name: str

    def run(self, request: RunRequest) -> RunResult: ...


def parse_case_lines(stdout: bytes, names: list[str], *, status: str, stderr: str) -> RunResult:
    """Turn the harness's `MARK` lines into case results; cases it never reached get the run's failure."""
    reported: dict[str, CaseRun] = {}
    for line in stdout.decode("utf-8", "replace").split("\n"):  # not splitlines: it splits at MARK
        if not line.startswith(MARK):
            continue
        try:
            data = json.loads(line[len(MARK):])
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("name") in names and data["name"] not in reported:
            value, error = data.get("value"), data.get("error")
            if "runs" in data and error is None:  # a list value, as the harnesses send it
                value, error = _expanded_runs(data["runs"])
            reported[data["name"]] = CaseRun(
                name=data["name"], value=value, error=error,
                stdout=str(data.get("stdout") or ""), stderr=str(data.get("stderr") or ""),
                time_ms=_number(data.get("time_ms")), memory_kb=_number(data.get("memory_kb"), integer=True))
    unreached = FAILURES.get(status, FAILURES["crashed"])
    cases = [reported.get(name) or CaseRun(name=name, error=unreached) for name in names]
    if status == "ok" and len(reported) < len(names):
        status = "crashed"
    return RunResult(cases=cases, status=status, stderr=stderr)


FAILURES = {
    "time_limit": "Time limit exceeded: the run used all its CPU or wall time before this test finished.",
    "memory_limit": "Memory limit exceeded before this test finished.",
    "output_limit": "Output limit exceeded: the run printed too much before this test finished.",
    "crashed": "The program stopped before this test finished.",
}


class _MalformedRuns(ValueError):
    pass


def _expanded_runs(runs: Any) -> tuple[Any, str | None]:
    """A list value the harness sent as [item, count] pairs (a list item as `{"$runs": pairs}`), or an
    error when the pairs are not such (the candidate's code can write to the same stdout) or would
    make more than MAX_RUN_ITEMS items in all (copies counted, so judging them stays cheap)."""
    try:
        value, _ = _decoded(runs, depth=0)
    except _MalformedRuns as exc:
        return None, str(exc)
    return value, None


def _decoded(runs: Any, *, depth: int) -> tuple[list[Any], int]:
    if depth > 20 or not isinstance(runs, list) or not all(
            isinstance(pair, list) and len(pair) == 2 and type(pair[1]) is int and pair[1] > 0 for pair in runs):
        raise _MalformedRuns("The program reported a malformed result.")
    items, size = [], 0
    for item, count in runs:
        weight = 1
        if isinstance(item, dict) and set(item) == {"$runs"}:
            item, weight = _decoded(item["$runs"], depth=depth + 1)
        size += count * max(weight, 1)
        if size > MAX_RUN_ITEMS:
            raise _MalformedRuns(f"The result has more than {MAX_RUN_ITEMS} items.")
        items.extend([item] * count)
    return items, size


def _number(value: Any, *, integer: bool = False) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if integer else round(float(value), 3)


def runner_from_settings() -> Runner:
    """The back end CODE_RUNNER names (local, piston, judge0), built on each call (no client at import)."""
    kind = (settings.CODE_RUNNER or "local").strip().lower()
    if kind == "local":
        from .local import LocalRunner

        return LocalRunner.shared()
    if kind in ("piston", "judge0"):
        from .remote import Judge0Runner, PistonRunner

        if not settings.CODE_RUNNER_URL:
            raise RunnerUnavailable(f"CODE_RUNNER={kind} needs CODE_RUNNER_URL")
        runner_class = PistonRunner if kind == "piston" else Judge0Runner
        return runner_class(base_url=settings.CODE_RUNNER_URL, token=settings.CODE_RUNNER_TOKEN,
                            timeout=float(settings.CODE_RUNNER_TIMEOUT))
    raise RunnerUnavailable(f"CODE_RUNNER must be local, piston or judge0, not {kind!r}")
