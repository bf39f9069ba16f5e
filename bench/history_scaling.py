"""History, detail, statistics and dashboard at 10, 1,000 and 10,000 interviews.

Starts a LocalSupabase in a child process (no GIL shared with the API), serves the API over real
HTTP, and makes three users with 10, 1,000 and 10,000
interviews and a fourth with 50,000 (so the table is large), seeded with SQL (generate_series),
plus for each of the three one interview run through the API (offline interviewer, three answers,
ended) with a recording, so the detail has a conversation, evaluated answers, skill gaps, coverage
and a signed link to make. The table is then vacuumed and analysed, as autovacuum would.

For each size it times, through the API and the same queries made directly with supabase-py (the
service key) in the same run:
  list p1     GET /api/interviews?status=completed&search=engineer (first page)
  list deep   the same, last page
  detail      GET /api/interviews/{id}
  statistics  GET /api/statistics
  dashboard   GET /api/dashboard
and prints median and p95 (ms), the API / direct ratio (goal <= 1.3), the Supabase round trips
counted at the API's client, and the 10,000 / 10 ratio of the API's medians (goal <= 1.5 for
list p1, detail, statistics and dashboard).

The timed requests go to the API as deployed: gunicorn with backend/gunicorn.conf.py (one worker,
its threads, HTTP/1.1 keep-alive, TCP_NODELAY) in a process of its own, as the stack is; with
`--server wsgiref`, to the threaded wsgiref server in this process instead (HTTP/1.0: a new
connection and thread per request). Seeding and the round-trip count use the API in this process
(the same code). At each size the floor is timed through the same server (bench/floor_api.py): a
bare DRF view returning a constant, and the same behind the API's JWT authentication; `bound` is
(that authenticated floor + direct) / direct, the lowest API / direct a query could show if the
API did nothing but authenticate and make its one round trip. The load average is printed, as
the machine may be shared, and each query's API and direct timings are taken in turns.
Run from the repo root:  .venv/bin/python bench/history_scaling.py [--runs N] [--server gunicorn|wsgiref]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psycopg  # noqa: E402

from bench.local_stack import count_round_trips, django_on_stack, serve_wsgi, sign_up, stack_in_child  # noqa: E402
from tests.api.gunicorn_helpers import gunicorn_serving  # noqa: E402

SIZES = (10, 1_000, 10_000)
BIG = 50_000
LIST_QUERY = {"status": "completed", "search": "engineer"}
ANSWER = ("At my last job I found the slow query, added the index instead of a cache because the cache would have "
          "cost us consistency, and p99 went from 900 ms to 180 ms. I measured the write cost at about 3%.")
SEED_SQL = """
insert into public.interviews (user_id, title, job_role, job_description, experience_level, interview_type,
  difficulty, status, planned_questions, answered_count, overall_score, communication_score, technical_score,
  problem_solving_score, scoring_engine, rubric_version, duration_seconds, started_at, completed_at, created_at)
select %(user)s::uuid,
       case when n %% 3 = 0 then 'Practice ' || n end,
       (array['Backend Engineer', 'Platform Engineer', 'Data Scientist', 'Frontend Developer'])[1 + n %% 4],
       case when n %% 5 = 0 then 'Kafka streams and PostgreSQL; item ' || n end,
       (array['junior', 'mid', 'senior'])[1 + n %% 3],
       (array['behavioral', 'technical', 'system_design', 'coding', 'mixed'])[1 + n %% 5],
       (array['easy', 'medium', 'hard'])[1 + n %% 7 %% 3],
       case when n %% 10 < 7 then 'completed' when n %% 10 = 7 then 'active' else 'abandoned' end,
       5, case when n %% 10 < 7 then 5 else 0 end,
       case when n %% 10 < 7 then (n * 37) %% 101 end,
       case when n %% 10 < 7 then (n * 17) %% 101 end,
       case when n %% 10 < 7 then (n * 23) %% 101 end,
       case when n %% 10 < 7 then (n * 29) %% 101 end,
       case when n %% 10 < 7 then 'offline-scorer-1' end,
       case when n %% 10 < 7 then 'scoring-v1' end,
       case when n %% 10 < 7 then 1200 end,
       now() - n * interval '3 hours',
       case when n %% 10 < 7 then now() - n * interval '3 hours' + interval '20 minutes' end,
       now() - n * interval '3 hours' - interval '1 minute'
from generate_series(1, %(count)s) as n
"""


def timed(*calls, runs: int) -> list[list[float]]:
    """`runs` timings (ms) of each call, taken in turns (a, b, a, b, ...) after 3 warm-ups each, so a
    change of load on a shared machine falls on all of them alike."""
    for call in calls:
        for _ in range(3):
            call()
    samples: list[list[float]] = [[] for _ in calls]
    for _ in range(runs):
        for call, taken in zip(calls, samples, strict=True):
            started = time.perf_counter()
            call()
            taken.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed requests per query and size (default 30)")
    parser.add_argument("--server", choices=("gunicorn", "wsgiref"), default="gunicorn",
                        help="what serves the timed API requests (default gunicorn, as deployed)")
    args = parser.parse_args()
    print(f"load average at start: {load()}")
    with stack_in_child("history-bench-") as stack_settings:
        env = {**stack_settings.as_env(), "LLM_PROVIDER": "offline", "INTERVIEW_MAX_FOLLOW_UPS": "0",
               "LOG_LEVEL": "WARNING", "ACCOUNT_THROTTLE_PER_IP": "1000", "ACCOUNT_THROTTLE_PER_EMAIL": "1000",
               "SUPABASE_JWT_ISSUER": f"{stack_settings.url}/auth/v1"}
        django_on_stack(env)
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        settings.ROOT_URLCONF = "bench.floor_api"
        trips = count_round_trips()
        server = serve_wsgi(get_wsgi_application())
        here = f"http://127.0.0.1:{server.server_port}"
        api = httpx.Client(base_url=f"{here}/api", timeout=120)
        if args.server == "wsgiref":
            print("timed through: wsgiref, threaded, in this process (HTTP/1.0, a connection per request)")
            run(api, api, here, trips, stack_settings, args.runs)
        else:
            serving = {"WEB_CONCURRENCY": "1", "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "8")}
            with gunicorn_serving(env, app="bench.floor_api:wsgi_application()", **serving) as (base, _):
                print(f"timed through: gunicorn, backend/gunicorn.conf.py, 1 worker x {serving['GUNICORN_THREADS']} "
                      "threads, its own process (HTTP/1.1 keep-alive)")
                with httpx.Client(base_url=f"{base}/api", timeout=120) as timed_api:
                    run(api, timed_api, base, trips, stack_settings, args.runs)
        server.shutdown()
    print(f"load average at end: {load()}")


def full_interview(api: httpx.Client, auth: dict, db, user_id: str) -> str:
    made = api.post("/interviews", headers=auth, json={
        "job_role": "Backend Engineer", "experience_level": "mid", "interview_type": "technical",
        "num_questions": 3, "job_description": "Python, PostgreSQL and Kafka; on-call for the API."})
    assert made.status_code == 201, made.text
    interview_id = made.json()["id"]
    assert api.post(f"/interviews/{interview_id}/start", headers=auth).status_code == 200
    for _ in range(3):
        assert api.post(f"/interviews/{interview_id}/messages", headers=auth,
                        json={"content": ANSWER}).status_code == 200
    assert api.post(f"/interviews/{interview_id}/end", headers=auth).status_code == 200
    from backend.llm_api import supabase_client

    path = f"{user_id}/{interview_id}/answer-1.webm"
    supabase_client.get_client().storage.from_("interview-recordings").upload(
        path, b"\x1aE\xdf\xa3" + b"\x00" * 4096, {"content-type": "audio/webm"})
    db.execute("insert into public.recordings (interview_id, kind, storage_path, content_type, size_bytes) "
               "values (%s, 'audio', %s, 'audio/webm', 4100)", (interview_id, path))
    return interview_id


def run(api: httpx.Client, timed_api: httpx.Client, timed_root: str, trips: dict, stack_settings,
        runs: int) -> None:
    """Seed through `api` (this process), count round trips there, time through `timed_api`."""
    from supabase import create_client

    from backend.llm_api.supabase_client.history import RECORDING_COLUMNS, RESUME_REFERENCE_COLUMNS
    from backend.llm_api.supabase_client.interviews import ANSWER_COLUMNS, INTERVIEW_COLUMNS, MESSAGE_COLUMNS
    from backend.llm_api.supabase_client.skill_gaps import COVERAGE_COLUMNS, GAP_COLUMNS
    from bench.floor_api import FLOOR, FLOOR_AUTHENTICATED

    direct = create_client(stack_settings.url, stack_settings.service_key)
    detail_columns = (
        f"{INTERVIEW_COLUMNS},interview_answers({ANSWER_COLUMNS}),interview_messages({MESSAGE_COLUMNS}),"
        f"skill_gaps({GAP_COLUMNS},answer_id,interview_answers(position)),"
        f"interview_coverage({COVERAGE_COLUMNS},interview_answers(position,question_text)),"
        f"recordings({RECORDING_COLUMNS}),resumes({RESUME_REFERENCE_COLUMNS})")
    started = time.perf_counter()
    users = {}
    with psycopg.connect(stack_settings.database_url, autocommit=True) as db:
        big_id, _ = sign_up(api, "big")
        db.execute(SEED_SQL, {"user": big_id, "count": BIG})
        for size in SIZES:
            user_id, auth = sign_up(api, f"n{size}")
            db.execute(SEED_SQL, {"user": user_id, "count": size - 1})
            users[size] = (user_id, auth, full_interview(api, auth, db, user_id))
        db.execute("vacuum analyze public.interviews")
        total = db.execute("select count(*) from public.interviews").fetchone()[0]
    print(f"seeded {total:,} interviews in {time.perf_counter() - started:.1f} s "
          f"(users with {', '.join(f'{s:,}' for s in SIZES)} and {BIG:,}); {runs} timed runs each\n")

    def history_params(user_id: str, page: int) -> dict:
        return {"p_user_id": user_id, "p_filters": {"status": ["completed"], "search": "engineer"},
                "p_ordering": "-created_at", "p_limit": 20, "p_offset": (page - 1) * 20}

    rows = []
    floors = []
    medians: dict[tuple[str, int], float] = {}
    for size in SIZES:
        user_id, auth, interview_id = users[size]
        first = api.get("/interviews", headers=auth, params=LIST_QUERY).json()
        last_page = max(1, -(-first["count"] // 20))

        def detail_direct(uid=user_id, iid=interview_id):
            row = (direct.table("interviews").select(detail_columns).eq("id", iid).eq("user_id", uid)
                   .order("position", foreign_table="interview_answers")
                   .order("seq", foreign_table="interview_messages").limit(1).execute().data[0])
            paths = [r["storage_path"] for r in row["recordings"]]
            return direct.storage.from_("interview-recordings").create_signed_urls(paths, 300) if paths else row

        queries = [
            ("list p1", ("/interviews", {**LIST_QUERY}),
             lambda uid=user_id: direct.rpc("interview_history", history_params(uid, 1)).execute()),
            ("list deep", ("/interviews", {**LIST_QUERY, "page": last_page}),
             lambda uid=user_id, p=last_page: direct.rpc("interview_history", history_params(uid, p)).execute()),
            ("detail", (f"/interviews/{interview_id}", {}), detail_direct),
            ("statistics", ("/statistics", {}),
             lambda uid=user_id: direct.rpc("history_statistics", {"p_user_id": uid}).execute()),
            ("dashboard", ("/dashboard", {}),
             lambda uid=user_id: direct.rpc("history_dashboard", {"p_user_id": uid, "p_recent": 5,
                                                                  "p_gaps": 3}).execute()),
        ]
        size_rows = []
        for name, (path, params), direct_call in queries:
            def get(client: httpx.Client, path=path, params=params, auth=auth):
                answer = client.get(path, headers=auth, params=params)
                assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
                return answer

            get(api)
            before = trips["count"]
            get(api)
            round_trips = trips["count"] - before
            api_ms, direct_ms = timed(lambda get=get: get(timed_api), direct_call, runs=runs)
            medians[(name, size)] = statistics.median(api_ms)
            size_rows.append([size, name, statistics.median(api_ms), p95(api_ms), statistics.median(direct_ms),
                              p95(direct_ms), statistics.median(api_ms) / statistics.median(direct_ms), round_trips])
        def get_floor(path: str, headers: dict) -> None:
            answer = timed_api.get(f"{timed_root}{path}", headers=headers)
            assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])

        floor_ms = dict(zip(("floor", "floor auth"), timed(lambda: get_floor(FLOOR, {}),
                                                           lambda a=auth: get_floor(FLOOR_AUTHENTICATED, a),
                                                           runs=runs), strict=True))
        floors.append((size, {label: (statistics.median(ms), p95(ms)) for label, ms in floor_ms.items()}))
        auth_floor = statistics.median(floor_ms["floor auth"])
        rows.extend([*row, (auth_floor + row[4]) / row[4]] for row in size_rows)

    print(f"{'size':>7} {'query':<11} {'api med':>8} {'api p95':>8} {'direct med':>10} {'direct p95':>10} "
          f"{'api/direct':>10} {'bound':>6} {'trips':>6}")
    for size, name, a_med, a_p95, d_med, d_p95, ratio, round_trips, bound in rows:
        print(f"{size:>7,} {name:<11} {a_med:>8.1f} {a_p95:>8.1f} {d_med:>10.1f} {d_p95:>10.1f} {ratio:>10.2f} "
              f"{bound:>6.2f} {round_trips:>6}")
    print("\nfloor through the same server (median / p95 ms): a bare DRF view returning a constant; the same "
          "behind the API's JWT authentication")
    for size, floor in floors:
        print(f"  at {size:>6,}: floor {floor['floor'][0]:.2f} / {floor['floor'][1]:.2f}   "
              f"floor auth {floor['floor auth'][0]:.2f} / {floor['floor auth'][1]:.2f}")
    print("\n10,000 / 10 (API medians; goal <= 1.5 for list p1, detail, statistics, dashboard):")
    for name in ("list p1", "list deep", "detail", "statistics", "dashboard"):
        print(f"  {name:<11} {medians[(name, SIZES[-1])] / medians[(name, SIZES[0])]:.2f}")


if __name__ == "__main__":
    main()
