"""How much /rest/v1 adds on top of plain SQL for a typical filtered, ordered, paged read.

Starts a LocalSupabase on a temp dir (in a child process, so the client and the server do
not share a GIL: bench/local_stack.py), creates a 10,000-row table and runs the same query (a) as plain SQL with
psycopg and (b) through /rest/v1 with the official supabase client, N iterations each
after a warm-up, in the same run. Prints median and p95 latencies and
the ratio b/a. Run from the repo root:  .venv/bin/python bench/rest_overhead.py [N]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from supabase import ClientOptions, create_client  # noqa: E402

from bench.local_stack import stack_in_child  # noqa: E402

ROWS = 10_000
WARMUP = 30
PAGE_OFFSET, PAGE_SIZE = 40, 20

SETUP_SQL = f"""
create table bench_items (
  id int primary key,
  category int not null,
  score numeric(6, 2) not null,
  name text not null,
  created_at timestamptz not null default now()
);
insert into bench_items (id, category, score, name)
  select g, g % 10, ((g * 7919) % 10000) / 100.0, 'item ' || g from generate_series(1, {ROWS}) g;
create index on bench_items (category, score desc, id);
analyze bench_items;
"""

PLAIN_SQL = (
    "select id, name, score from bench_items where category = %s and score > %s"
    " order by score desc, id asc limit %s offset %s"
)


def measure(label: str, run: Callable[[], object], iterations: int) -> list[float]:
    for _ in range(WARMUP):
        run()
    timings = []
    for _ in range(iterations):
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def describe(label: str, timings: list[float]) -> float:
    median = statistics.median(timings)
    p95 = sorted(timings)[int(len(timings) * 0.95) - 1]
    print(f"{label:<34} median {median:7.3f} ms   p95 {p95:7.3f} ms   (n={len(timings)})")
    return median


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with stack_in_child("rest-bench-") as settings:
        with psycopg.connect(settings.database_url, autocommit=True) as conn:
            conn.execute(SETUP_SQL)
        client = create_client(settings.url, settings.service_key,
                               options=ClientOptions(auto_refresh_token=False, persist_session=False))

        def via_rest() -> list:
            return (
                client.table("bench_items").select("id, name, score")
                .eq("category", 3).gt("score", 50)
                .order("score", desc=True).order("id")
                .range(PAGE_OFFSET, PAGE_OFFSET + PAGE_SIZE - 1)
                .execute().data
            )

        with psycopg.connect(settings.database_url, autocommit=True) as conn:
            def via_sql() -> list:
                return conn.execute(PLAIN_SQL, (3, 50, PAGE_SIZE, PAGE_OFFSET)).fetchall()

            expected = [row[0] for row in via_sql()]
            got = [row["id"] for row in via_rest()]
            assert got == expected and len(got) == PAGE_SIZE, "REST and SQL disagree"
            plain = measure("plain SQL (psycopg)", via_sql, iterations)
        rest = measure("/rest/v1 (supabase client)", via_rest, iterations)
        print(f"table rows: {ROWS}, page: offset {PAGE_OFFSET} limit {PAGE_SIZE}, warm-up {WARMUP}")
        a = describe("(a) plain SQL with psycopg", plain)
        b = describe("(b) /rest/v1 via official client", rest)
        print(f"ratio b/a: {b / a:.1f}x   (overhead {b - a:.3f} ms per request)")


if __name__ == "__main__":
    main()
