"""`make mutation`: mutmut on the security-relevant Python modules, each against the tests that cover it.

    .venv/bin/python tools/mutation/modules.py [--module PATH] [--tests "FILE ..."] [--jobs N] [--mutants "NAME ..."]

mutmut copies `backend/` into `mutants/` with every mutant compiled in behind a trampoline,
records once which tests call which function, then forks one child per mutant that runs only
those tests (`-x`). The stack a child talks to depends on the module: for code the tests call
directly, one shared stack (MUTATION_SHARED_STACK); for the local stack's own modules, whose
mutants must run inside the stack, each child starts its own HTTP server, but all of them on one
embedded Postgres started here for the whole run (tools/mutation/shared_postgres.py), each on a
fresh copy of a migrated template database. The base configuration is `[tool.mutmut]` in
pyproject.toml; this script narrows it to one module and its covering tests, starts from an
empty `mutants/` (no stale results), and prints the score and the surviving mutants (`.venv/bin/mutmut show NAME` shows one).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Each module and the test files that exercise it (the default test selection).
MODULES: dict[str, list[str]] = {
    "backend/llm_api/authentication.py": [
        "tests/api/test_authentication.py", "tests/api/test_errors.py", "tests/api/test_docs.py",
    ],
    "backend/llm_api/jwks.py": ["tests/api/test_authentication.py"],
    "backend/llm_api/supabase_client/errors.py": [
        "tests/api/test_supabase_client.py", "tests/api/test_errors.py", "tests/api/test_health.py",
    ],
    "backend/llm_api/supabase_client/connection.py": [
        "tests/api/test_supabase_client.py", "tests/api/test_errors.py", "tests/api/test_health.py",
    ],
    "backend/llm_api/supabase_client/health.py": [
        "tests/api/test_supabase_client.py", "tests/api/test_errors.py", "tests/api/test_health.py",
    ],
    "backend/llm_api/exceptions.py": [
        "tests/api/test_errors.py", "tests/api/test_authentication.py", "tests/api/test_health.py",
    ],
    "backend/llm_api/services/accounts.py": ["tests/api/test_accounts.py", "tests/api/test_profile.py"],
    "backend/llm_api/services/profiles.py": ["tests/api/test_profile.py"],
    "backend/llm_api/services/avatar_images.py": ["tests/api/test_avatar_images.py", "tests/api/test_profile.py"],
    "backend/llm_api/services/throttles.py": ["tests/api/test_accounts.py", "tests/api/test_resumes.py"],
    "backend/llm_api/services/resumes.py": ["tests/api/test_resumes.py"],
    "backend/llm_api/services/interview_engine/flow.py": ["tests/api/test_interview_engine.py"],
    "backend/llm_api/services/interview_engine/assessment.py": ["tests/api/test_interview_engine.py"],
    "backend/llm_api/services/interview_engine/planner.py": ["tests/api/test_interview_engine.py"],
    "backend/llm_api/services/interview_engine/model.py": [
        "tests/api/test_interview_engine.py", "tests/api/test_interview_model.py",
    ],
    "backend/llm_api/services/interviews.py": [
        "tests/api/test_interviews.py", "tests/api/test_interview_model.py",
    ],
    "backend/llm_api/services/scheduled_interviews.py": ["tests/api/test_recruiter.py"],
    "backend/llm_api/services/scoring/offline.py": [
        "tests/api/test_scoring_offline.py", "tests/api/test_scoring.py", "tests/api/test_scoring_bench.py",
    ],
    "backend/llm_api/services/scoring/guard.py": [
        "tests/api/test_scoring_offline.py", "tests/api/test_scoring.py", "tests/api/test_scoring_bench.py",
    ],
    "backend/llm_api/services/scoring/evidence.py": ["tests/api/test_scoring_offline.py", "tests/api/test_scoring.py"],
    "backend/local_supabase/storage/paths.py": [
        "tests/local_supabase/test_storage_paths.py", "tests/local_supabase/test_storage.py",
    ],
    "backend/local_supabase/rest/sql.py": [
        "tests/local_supabase/test_rest.py", "tests/local_supabase/test_rest_writes.py",
        "tests/local_supabase/test_rest_rls.py",
    ],
}
# The shared stack answers from mutmut's own process, where no mutant is active: fine for code the
# tests call directly, wrong for the stack's own modules (their mutants must run inside the stack).
SHARED_STACK_UNSAFE = "backend/local_supabase/"


def mutant_prefix(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".") + "."


def results(module: str) -> dict[str, str]:
    """Mutant name -> status ("killed", "survived", ...) from mutmut's record for the module."""
    from mutmut.stats import status_by_exit_code

    meta = json.loads((REPO / "mutants" / f"{module}.meta").read_text())
    return {name: status_by_exit_code[code] for name, code in meta["exit_code_by_key"].items()
            if code is not None}  # None: not run (a --mutants run)


def run(module: str, tests: list[str], jobs: int, names: list[str]) -> dict[str, str]:
    shutil.rmtree(REPO / "mutants", ignore_errors=True)
    if not module.startswith(SHARED_STACK_UNSAFE):
        os.environ["MUTATION_SHARED_STACK"] = "1"  # one local stack for all mutants (tests/conftest.py)
        return run_mutmut(module, tests, jobs, names)
    # each mutant starts its own stack, but all of them on one Postgres (tools/mutation/shared_postgres.py)
    data_dir = Path(tempfile.mkdtemp(prefix="local-supabase-mutation-pg-"))
    command = [sys.executable, "-m", "tools.mutation.shared_postgres"]
    try:
        dsn = subprocess.run([*command, "start", str(data_dir)], check=True, capture_output=True, text=True,
                             cwd=REPO).stdout.strip().splitlines()[-1]
        os.environ["MUTATION_SHARED_POSTGRES_DSN"] = dsn
        return run_mutmut(module, tests, jobs, names)
    finally:
        subprocess.run([*command, "stop", str(data_dir)], check=False, cwd=REPO)


def run_mutmut(module: str, tests: list[str], jobs: int, names: list[str]) -> dict[str, str]:
    from mutmut import configuration
    from mutmut.__main__ import cli

    configuration.reset_config()
    base = configuration.config()
    configuration._config = dataclasses.replace(
        base, only_mutate=[module], pytest_add_cli_args_test_selection=tests
    )
    try:
        cli(["run", "--max-children", str(jobs), *(names or [mutant_prefix(module) + "*"])], standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            raise
    return results(module)


def report(module: str, statuses: dict[str, str]) -> None:
    killed = sum(status in ("killed", "timeout") for status in statuses.values())
    survivors = sorted(name for name, status in statuses.items() if status not in ("killed", "timeout"))
    score = 100 * killed / len(statuses) if statuses else 100.0
    print(f"\n{module}: {killed}/{len(statuses)} mutants killed ({score:.1f}%)")
    for name in survivors:
        print(f"  {statuses[name]}: {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", help="one of: " + ", ".join(MODULES) + " (default: each in turn)")
    parser.add_argument("--tests", help="space-separated test files or node ids (default: the module's own)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run in parallel (default 2)")
    parser.add_argument("--mutants", help="space-separated mutant names or globs, e.g. a run's survivors"
                                          " (default: all of the module's; the score counts only these)")
    args = parser.parse_args(argv)
    if args.module and args.module not in MODULES and not args.tests:
        parser.error(f"{args.module} has no default tests: pass --tests")
    if args.mutants and not args.module:
        parser.error("--mutants needs --module")
    if not args.module:  # one process per module: mutmut keeps its state in module globals
        for module in MODULES:
            command = [sys.executable, __file__, "--module", module, "--jobs", str(args.jobs)]
            subprocess.run(command, check=True)
        return 0
    os.chdir(REPO)  # mutmut works relative to the repository root
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so atexit stops the shared stack
    tests = args.tests.split() if args.tests else MODULES[args.module]
    names = args.mutants.split() if args.mutants else []
    report(args.module, run(args.module, tests, args.jobs, names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
