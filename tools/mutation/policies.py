"""Mutation testing of the RLS and storage policies in supabase_migrations/.

Each mutant is one small deliberate bug in one `create policy` statement of the migrations
(its USING or WITH CHECK made `true` or `false`, one term of an and/or made `true`/`false`,
a role or a bucket taken out of its list, the whole policy dropped). For each mutant the
migrations are copied with that one change, and the schema tests run fail-fast against a
fresh stack built from the copy (SUPABASE_MIGRATIONS_DIR, read by tests/conftest.py): a
failing test kills the mutant, a green run means no test would notice that bug.

    .venv/bin/python -m tools.mutation.policies             # every mutant, then the score
    .venv/bin/python -m tools.mutation.policies --list      # what would run
    .venv/bin/python -m tools.mutation.policies --only interviews --only storage.objects
    .venv/bin/python -m tools.mutation.policies --tests tests/schema/test_rls.py -j 2

Only policies still in force after the last migration are mutated (one dropped later is
skipped). Tests naming the mutant's table run first (tools/mutation/focus.py), so most
mutants die within a second or two of their stack starting.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "supabase_migrations"

# -- reading the migrations ----------------------------------------------------------------


def statements(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each top-level statement, `end` just past its `;`.

    Skips quotes ('..', "..", $tag$..$tag$) and comments, so a function body's semicolons
    do not end a statement.
    """
    i, start, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("--", i):
            i = text.find("\n", i) if "\n" in text[i:] else n
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
        elif c in "'\"":
            i = text.index(c, i + 1) + 1
            while i < n and text[i] == c:  # doubled quote inside a literal
                i = text.index(c, i + 1) + 1
        elif c == "$" and (tag := re.match(r"\$[A-Za-z_]*\$", text[i:])):
            i = text.index(tag.group(), i + len(tag.group())) + len(tag.group())
        elif c == ";":
            yield start, i + 1
            start = i = i + 1
        else:
            i += 1


def strip_comments(text: str) -> str:
    return re.sub(r"--[^\n]*", "", text)


CREATE = re.compile(
    r'^\s*create\s+policy\s+"(?P<name>[^"]+)"\s+on\s+(?P<table>[\w.]+)\s+'
    r"(?:as\s+(?P<kind>permissive|restrictive)\s+)?(?:for\s+(?P<cmd>\w+)\s+)?"
    r"to\s+(?P<roles>[\w\s,]+?)\s*(?=using|with\s+check|;)",
    re.I | re.S,
)
DROP = re.compile(r'^\s*drop\s+policy\s+(?:if\s+exists\s+)?"(?P<name>[^"]+)"\s+on\s+(?P<table>[\w.]+)', re.I)


@dataclass(frozen=True)
class Policy:
    file: str
    start: int
    end: int
    name: str
    table: str
    cmd: str
    roles: tuple[str, ...]
    text: str  # the whole statement, comments removed, ending with `;`


def qualified(table: str) -> str:
    return table if "." in table else f"public.{table}"


def policies(directory: Path = MIGRATIONS) -> list[Policy]:
    """The policies in force after the last migration, in file order."""
    live: dict[tuple[str, str], Policy] = {}
    for path in sorted(directory.glob("*.sql")):
        body = path.read_text()
        for start, end in statements(body):
            text = strip_comments(body[start:end]).strip()
            if dropped := DROP.match(text):
                live.pop((dropped["name"], qualified(dropped["table"])), None)
            elif made := CREATE.match(text):
                table = qualified(made["table"])
                roles = tuple(r.strip() for r in made["roles"].split(","))
                live[(made["name"], table)] = Policy(
                    path.name, start, end, made["name"], table, (made["cmd"] or "all").lower(), roles, text)
    return list(live.values())


# -- making mutants -----------------------------------------------------------------------


def closing_paren(text: str, open_at: int) -> int:
    depth = 0
    i = open_at
    while True:
        c = text[i]
        if c == "'":
            i = text.index("'", i + 1)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1


def clause(text: str, keyword: str) -> tuple[int, int] | None:
    """Span of the expression inside `using (...)` or `with check (...)`, parentheses excluded."""
    found = re.search(rf"\b{keyword}\s*\(", text, re.I)
    if not found:
        return None
    open_at = found.end() - 1
    return open_at + 1, closing_paren(text, open_at)


def top_level_terms(expr: str) -> tuple[str, list[tuple[int, int]]]:
    """('and'|'or'|'', spans of the terms) for `expr` split at its outermost and/or."""
    depth, i, cuts, op = 0, 0, [], ""
    while i < len(expr):
        c = expr[i]
        if c == "'":
            i = expr.index("'", i + 1)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and (word := re.match(r"\s(and|or)\s", expr[i:], re.I)):
            if op and word.group(1).lower() != op:
                return "", [(0, len(expr))]  # mixed and/or without parentheses: not split
            op = word.group(1).lower()
            cuts.append((i, i + len(word.group())))
            i += len(word.group())
            continue
        i += 1
    if not cuts:
        return "", [(0, len(expr))]
    spans, at = [], 0
    for cut_start, cut_end in cuts:
        spans.append((at, cut_start))
        at = cut_end
    spans.append((at, len(expr)))
    return op, spans


def term_mutants(expr: str, offset: int) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, replacement, what) for each and-term made true and each or-term made false."""
    op, spans = top_level_terms(expr)
    for start, end in spans:
        term = expr[start:end].strip()
        lead = len(expr[start:end]) - len(expr[start:end].lstrip())
        s, e = offset + start + lead, offset + start + lead + len(term)
        if op == "and":
            yield s, e, "true", f"term `{shorten(term)}` -> true"
        elif op == "or":
            yield s, e, "false", f"term `{shorten(term)}` -> false"
        if term.startswith("(") and closing_paren(term, 0) == len(term) - 1:
            yield from term_mutants(term[1:-1], s + 1)
        for bucket_list in re.finditer(r"bucket_id\s+in\s+\(([^)]*)\)", term, re.I):
            buckets = [b.strip() for b in bucket_list.group(1).split(",")]
            for dropped in buckets:
                kept = ", ".join(b for b in buckets if b != dropped)
                yield (s + bucket_list.start(1), s + bucket_list.end(1), kept,
                       f"bucket {dropped} taken out of ({', '.join(b.strip(chr(39)) for b in buckets)})")


def shorten(term: str, width: int = 60) -> str:
    flat = " ".join(term.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


@dataclass(frozen=True)
class Mutant:
    number: int
    policy: Policy
    what: str
    text: str | None  # the mutated statement, None when the policy is dropped

    @property
    def label(self) -> str:
        return f'#{self.number} {self.policy.table} "{self.policy.name}": {self.what}'


def mutants_of(policy: Policy) -> Iterator[tuple[str, str | None]]:
    text = policy.text
    yield "policy dropped", None
    for keyword, label in (("using", "USING"), (r"with\s+check", "WITH CHECK")):
        span = clause(text, keyword)
        if span is None:
            continue
        start, end = span
        for value in ("true", "false"):
            yield f"{label} -> {value}", text[:start] + value + text[end:]
        for s, e, replacement, what in term_mutants(text[start:end], start):
            yield f"{label} {what}", text[:s] + replacement + text[e:]
    roles = CREATE.match(text)
    r_start, r_end = roles.span("roles")
    if len(policy.roles) > 1:
        for dropped in policy.roles:
            kept = ", ".join(r for r in policy.roles if r != dropped)
            yield f"role {dropped} taken out of ({', '.join(policy.roles)})", text[:r_start] + kept + " " + text[r_end:]
    else:
        yield f"roles ({policy.roles[0]}) -> (anon)", text[:r_start] + "anon " + text[r_end:]


def all_mutants(directory: Path = MIGRATIONS) -> list[Mutant]:
    found, seen = [], set()
    for policy in policies(directory):
        for what, text in mutants_of(policy):
            key = (policy.name, policy.table, " ".join(text.split()) if text else None)
            if key in seen or (text is not None and " ".join(text.split()) == " ".join(policy.text.split())):
                continue  # the same statement twice, or no change at all (e.g. `using (true)` -> true)
            seen.add(key)
            found.append(Mutant(len(found) + 1, policy, what, text))
    return found


def write_mutated(mutant: Mutant, source: Path, target: Path) -> None:
    """`source`'s migrations into `target`, with the mutant's statement replaced."""
    shutil.copytree(source, target, dirs_exist_ok=True)
    path = target / mutant.policy.file
    body = path.read_text()
    replacement = mutant.text if mutant.text is not None else f"-- mutant: {mutant.policy.name} dropped\n"
    path.write_text(body[: mutant.policy.start] + "\n" + replacement + body[mutant.policy.end:])


# -- running -------------------------------------------------------------------------------


# Schema tests that cannot see a policy: the migration runner's own (they apply the project's
# files, not the mutated copy), and those that only ever write and read as the superuser.
BLIND_TO_POLICIES = ("migration", "constraints", "signup")


def default_tests() -> list[str]:
    """The schema tests (tests/schema/) that act as a role RLS applies to."""
    found = sorted(ROOT.glob("tests/schema/test_*.py"))
    return [str(p.relative_to(ROOT)) for p in found if not any(word in p.name for word in BLIND_TO_POLICIES)]


def focus_of(table: str) -> str:
    """Words of the test ids to run first: the table's name, or what storage tests are named by."""
    return "storage,object,bucket,avatar" if table.startswith("storage.") else table.split(".", 1)[1]


def run_tests(tests: list[str], migrations: Path | None, focus: str = "") -> tuple[str, float, str]:
    """('passed'|'failed'|'stillborn', seconds, last lines of output) of one fail-fast run."""
    env = {**os.environ, "MUTATION_FOCUS": focus}
    if migrations is not None:
        env["SUPABASE_MIGRATIONS_DIR"] = str(migrations)
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *tests, "-x", "-q", "--no-header", "-p", "no:cacheprovider",
         "-p", "tools.mutation.focus", "-o", "addopts=", "--tb=line"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    took = time.monotonic() - began
    output = done.stdout + done.stderr
    if "MigrationError" in output:
        return "stillborn", took, output
    if done.returncode == 0:
        return "passed", took, output
    if done.returncode == 1:
        return "failed", took, output
    return f"error (pytest exit {done.returncode})", took, output


def killer(output: str) -> str:
    failed = re.search(r"^(?:FAILED|ERROR) (\S+)", output, re.M)
    return failed.group(1) if failed else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print the mutants and exit")
    parser.add_argument("--only", action="append", default=[], metavar="TABLE",
                        help="mutate only this table's policies (e.g. interviews, storage.objects); repeatable")
    parser.add_argument("--mutant", action="append", type=int, default=[], metavar="N",
                        help="run only mutant number N (as --list numbers them); repeatable")
    parser.add_argument("--tests", nargs="+", help="pytest paths to run (default: the schema tests)")
    parser.add_argument("--fresh", action="store_true",
                        help="apply each mutant's migrations to a fresh stack of its own (exact, slower)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="with --fresh: mutants run at once (default 1)")
    parser.add_argument("--migrations", type=Path, default=MIGRATIONS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    mutants = all_mutants(args.migrations)
    if args.only:
        wanted = {qualified(t) for t in args.only}
        mutants = [m for m in mutants if m.policy.table in wanted]
    if args.mutant:
        mutants = [m for m in mutants if m.number in args.mutant]
    if args.list or not mutants:
        for mutant in mutants:
            print(mutant.label)
        print(f"{len(mutants)} mutants")
        return 0

    tests = args.tests or default_tests()
    began = time.monotonic()
    if args.fresh:
        results = run_fresh(mutants, tests, args.migrations, args.jobs)
    else:
        results = run_in_place(mutants, tests)
    if results is None:
        return 2

    killed = [m for m, v in results if v == "killed"]
    survived = [m for m, v in results if v == "SURVIVED"]
    other = [(m, v) for m, v in results if v not in ("killed", "SURVIVED")]
    print(f"\n{len(killed)} killed, {len(survived)} survived, {len(other)} not run to a verdict,"
          f" of {len(results)} mutants in {time.monotonic() - began:.0f}s")
    for mutant in survived:
        print(f"  survived: {mutant.label}")
    for mutant, verdict in other:
        print(f"  {verdict}: {mutant.label}")
    scored = len(killed) + len(survived)
    if scored:
        print(f"score: {100 * len(killed) / scored:.1f}% killed ({len(killed)}/{scored})")
    return 0 if not other else 1


def report(mutant: Mutant, verdict: str, took: float, killed_by: str) -> None:
    by = f" by {killed_by}" if verdict == "killed" else ""
    print(f"{verdict:9} {mutant.label} ({took:.1f}s){by}", flush=True)


def run_in_place(mutants: list[Mutant], tests: list[str]) -> list[tuple[Mutant, str]] | None:
    """One pytest session and one stack for every mutant (tools/mutation/inplace.py)."""
    workspace = Path(tempfile.mkdtemp(prefix="policy-mutants-"))
    plan, results_path = workspace / "plan.json", workspace / "results.jsonl"
    plan.write_text(json.dumps([
        {"number": m.number, "table": m.policy.table, "name": m.policy.name, "original": m.policy.text,
         "mutated": m.text, "focus": focus_of(m.policy.table)} for m in mutants]))
    results_path.touch()
    by_number = {m.number: m for m in mutants}
    verdicts: list[tuple[Mutant, str]] = []
    env = {**os.environ, "MUTATION_PLAN": str(plan), "MUTATION_RESULTS": str(results_path)}
    env.pop("SUPABASE_MIGRATIONS_DIR", None)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "pytest", *tests, "-q", "--no-header", "-p", "no:cacheprovider",
             "-p", "tools.mutation.inplace", "-o", "addopts="],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        with open(results_path) as lines:
            while True:
                line = lines.readline()
                if not line:
                    if process.poll() is not None:
                        break
                    time.sleep(0.2)
                    continue
                result = json.loads(line)
                if result.get("baseline"):
                    if result["failed"]:
                        print(f"the unmutated schema tests must pass first: {result['failed']} {result['reason']}")
                        process.wait()
                        return None
                    print(f"baseline: {result['tests']} tests of {' '.join(tests)} pass in"
                          f" {result['seconds']:.1f}s; {len(mutants)} mutants, one stack", flush=True)
                    continue
                mutant = by_number[result["number"]]
                verdict = {"survived": "SURVIVED"}.get(result["verdict"], result["verdict"])
                report(mutant, verdict, result["seconds"], result["killer"])
                verdicts.append((mutant, verdict))
        output = process.stdout.read() if process.stdout else ""
        if len(verdicts) < len(mutants):
            print(output[-3000:])
            print(f"pytest ended after {len(verdicts)} of {len(mutants)} mutants")
            return None
        return verdicts
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def run_fresh(mutants: list[Mutant], tests: list[str], migrations: Path, jobs: int) -> list[tuple[Mutant, str]] | None:
    """Each mutant's migrations applied to a fresh stack (SUPABASE_MIGRATIONS_DIR): exact, slower."""
    status, took, output = run_tests(tests, None if migrations == MIGRATIONS else migrations)
    if status != "passed":
        print(output[-3000:])
        print(f"the unmutated schema tests must pass first ({status})")
        return None
    print(f"baseline: {' '.join(tests)} pass in {took:.1f}s; {len(mutants)} mutants, a stack each", flush=True)
    workspace = Path(tempfile.mkdtemp(prefix="policy-mutants-"))

    def run(mutant: Mutant) -> tuple[Mutant, str]:
        target = workspace / f"m{mutant.number}"
        write_mutated(mutant, migrations, target)
        try:
            status, took, output = run_tests(tests, target, focus_of(mutant.policy.table))
        finally:
            shutil.rmtree(target, ignore_errors=True)
        verdict = {"failed": "killed", "passed": "SURVIVED"}.get(status, status)
        report(mutant, verdict, took, killer(output))
        return mutant, verdict

    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            return list(pool.map(run, mutants))
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
