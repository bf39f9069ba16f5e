"""The local code runner: runs per second and p95 latency for a trivial and a CPU-bound solution in
each language, and the sandbox's overhead over a bare subprocess running the same harness, files and
cases (no launcher, namespaces, limits, uid or clean-up), measured in the same run.

Needs only the repository (no Supabase). Run from the repo root:
    .venv/bin/python bench/code_runs.py [N]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

import django  # noqa: E402

django.setup()

from backend.llm_api.services.code_runner import LANGUAGES, Limits, RunRequest  # noqa: E402
from backend.llm_api.services.code_runner.local import LocalRunner  # noqa: E402

CASES = [{"name": f"case {i}", "args": [i, i + 1]} for i in range(3)]
SOLUTIONS = {
    ("python", "trivial"): "def solve(a, b):\n    return a + b\n",
    ("python", "cpu-bound"): "def solve(a, b):\n    return sum(i * i % 7 for i in range(400_000)) + a + b\n",
    ("javascript", "trivial"): "function solve(a, b) { return a + b; }\n",
    ("javascript", "cpu-bound"): ("function solve(a, b) { let t = 0;\n"
                                  "  for (let i = 0; i < 2_000_000; i++) t += i * i % 7;\n  return t + a + b; }\n"),
}


def bare(runner: LocalRunner, language: str, source: str) -> None:
    """The same harness and files in a temporary directory, run by a plain subprocess."""
    spec = LANGUAGES[language]
    work = Path(tempfile.mkdtemp(prefix="bench-bare-"))
    try:
        harness = "main.py" if language == "python" else "main.js"
        (work / harness).write_text(spec.harness)
        (work / spec.solution_file).write_text(source)
        (work / "cases.json").write_text(json.dumps(CASES))
        request = RunRequest(language=language, source=source, function="solve", cases=CASES,
                             limits=Limits.from_settings())
        argv = runner._argv(spec, runner.interpreters[language], request)
        done = subprocess.run(argv, cwd=work, capture_output=True, env={}, check=True, timeout=30)
        assert done.stdout.count(b"\x1e") == len(CASES), done
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sandboxed(runner: LocalRunner, language: str, source: str) -> None:
    result = runner.run(RunRequest(language=language, source=source, function="solve", cases=CASES,
                                   limits=Limits.from_settings()))
    assert result.status == "ok" and all(case.error is None for case in result.cases), result


def timed(run, runner: LocalRunner, language: str, source: str, n: int) -> list[float]:
    run(runner, language, source)  # warm-up
    seconds = []
    for _ in range(n):
        started = time.perf_counter()
        run(runner, language, source)
        seconds.append(time.perf_counter() - started)
    return seconds


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    runner = LocalRunner()
    sandboxed(runner, "python", SOLUTIONS[("python", "trivial")])
    print(f"isolation on this machine: {json.dumps(runner.isolation.as_json())}")
    print(f"{'language':<11}{'solution':<11}{'runner':<9}{'runs/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'sandbox/bare':>14}")
    for (language, kind), source in SOLUTIONS.items():
        count = n if kind == "trivial" else max(5, n // 3)
        base = timed(bare, runner, language, source, count)
        boxed = timed(sandboxed, runner, language, source, count)
        for name, seconds in (("bare", base), ("sandbox", boxed)):
            ratio = f"{statistics.median(boxed) / statistics.median(base):.2f}x" if name == "sandbox" else ""
            print(f"{language:<11}{kind:<11}{name:<9}{len(seconds) / sum(seconds):>8.1f}"
                  f"{statistics.median(seconds) * 1000:>9.1f}{p95(seconds) * 1000:>9.1f}{ratio:>14}")
    workers = os.cpu_count() or 2
    source = SOLUTIONS[("python", "trivial")]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        started = time.perf_counter()
        list(pool.map(lambda _: sandboxed(runner, "python", source), range(n)))
        elapsed = time.perf_counter() - started
    print(f"python trivial, {workers} runs at once: {n / elapsed:.1f} runs/s")


if __name__ == "__main__":
    main()
