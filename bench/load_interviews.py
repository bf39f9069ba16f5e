"""Many candidates at once against the production configuration, then a census in Postgres.

Starts a LocalSupabase in a child process and the API under gunicorn with backend/gunicorn.conf.py
(WEB_CONCURRENCY worker processes, GUNICORN_THREADS threads each: 2 x 8 unless set). Each
simulated candidate, in a thread of its own: registers and signs in, uploads a resume, runs a
5-question interview (every answer with its own client_message_id), ends it, and reads its history
and dashboard. Runs at 1, 10 and 50 candidates on the offline engine, then once at 10 on the fake
model server (tests/api/fake_openai.py: 300 ms before the first token, then streamed in 8-character
chunks 20 ms apart; the background judge answers after 300 ms).

Per run it prints throughput (requests per second), p50/p95/p99 per endpoint, errors, and the
census: answers sent vs. stored (every one exactly once), interviews completed with an overall
score, answers scored. Baseline, measured in the same run by one client alone: GET /api/health,
so each endpoint's p50 is also given as a multiple of it.
Goal: 0 errors, 0 lost or duplicated answers, every interview completed and scored.
Run from the repo root:  .venv/bin/python bench/load_interviews.py [--candidates 1,10,50] [--model 10]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psycopg  # noqa: E402

from bench.local_stack import BENCH_PASSWORD, django_on_stack, stack_in_child  # noqa: E402
from tests.api.fake_openai import FakeOpenAI, Streamed  # noqa: E402
from tests.api.gunicorn_helpers import gunicorn_serving  # noqa: E402

QUESTIONS = 5
RESUME = (b"Dana Bench\nBackend engineer, 6 years.\nExperience: Acme Corp, 2019-2025: built the checkout service in "
          b"Python and PostgreSQL, cut p99 latency from 900 ms to 180 ms.\nSkills: Python, Django, PostgreSQL, Redis, "
          b"Kubernetes\nEducation: BSc Computer Science, 2018\n")
ANSWERS = (
    "I would start by measuring: compare the traces before and after the deploy, find which span grew, and check "
    "the query plan of any database call in it.",
    "At my last job I found the slow query, added the index instead of a cache because the cache would have cost "
    "us consistency, and p99 went from 900 ms to 180 ms; writes got about 3% slower, which we accepted.",
)
# Sign-ups and sign-ins all come from 127.0.0.1: far above the per-IP limits (the limits are tested elsewhere).
UNLIMITED = {"LOCAL_AUTH_RATE_LIMIT_TOKEN_REFRESH": "1000000", "LOCAL_AUTH_RATE_LIMIT_VERIFY": "1000000",
             "LOCAL_AUTH_RATE_LIMIT_OTP": "1000000", "LOCAL_AUTH_RATE_LIMIT_ANONYMOUS_USERS": "1000000",
             "LOCAL_AUTH_RATE_LIMIT_BURST": "1000000", "ACCOUNT_THROTTLE_PER_IP": "1000000",
             "ACCOUNT_THROTTLE_PER_EMAIL": "1000000"}


def model_reply(body: dict):
    """The fake model, with realistic delays: an interviewer's streamed reply, or the judge's levels."""
    if (body.get("response_format") or {}).get("json_schema", {}).get("name") == "answer_levels":
        time.sleep(0.3)
        schema = body["response_format"]["json_schema"]["schema"]
        levels = {name: {"level": 3, "quotes": []} for name in schema["required"]}
        return 200, {"id": "judge", "object": "chat.completion", "created": 0, "model": "fake-model",
                     "choices": [{"index": 0, "finish_reason": "stop",
                                  "message": {"role": "assistant", "content": json.dumps(levels)}}]}
    content = {"target": "none", "reply": "Thank you, that is clear. Let us move on to the next topic."}
    return 200, Streamed(json.dumps(content), chunk_size=8, chunk_delay=0.02)


class Recorder:
    """Latencies per endpoint and errors, from every candidate thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def call(self, http: httpx.Client, label: str, method: str, url: str, *, expect: int = 200,
             stream: bool = False, **kwargs) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            if stream:
                with http.stream(method, url, **kwargs) as response:
                    response.read()
            else:
                response = http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            with self.lock:
                self.errors.append(f"{label}: {type(exc).__name__}: {exc}")
            return None
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latencies[label].append(elapsed)
            if response.status_code != expect:
                self.errors.append(f"{label}: {response.status_code} {response.text[:200]}")
        return response if response.status_code == expect else None


def last_event(body: str) -> dict:
    """The data of a server-sent stream's last event (the stored `message`, or an `error`)."""
    blocks = [block for block in body.strip().split("\n\n") if block]
    fields = dict(line.split(": ", 1) for line in blocks[-1].splitlines())
    return {"event": fields["event"], **json.loads(fields["data"])}


def candidate(base: str, index: int, record: Recorder, sent: dict, streamed: bool) -> None:
    """One candidate's whole visit; `sent[interview_id]` collects the client_message_ids it sent."""
    with httpx.Client(base_url=f"{base}/api", timeout=120) as http:
        stamp = f"load{index}x{uuid.uuid4().hex[:8]}"
        email = f"{stamp}@example.test"
        if record.call(http, "POST /auth/register", "POST", "/auth/register", expect=201, json={
                "email": email, "username": stamp, "password": BENCH_PASSWORD, "full_name": "Load"}) is None:
            return
        session = record.call(http, "POST /auth/login", "POST", "/auth/login",
                              json={"email": email, "password": BENCH_PASSWORD})
        if session is None:
            return
        auth = {"Authorization": f"Bearer {session.json()['access_token']}"}
        resume = record.call(http, "POST /resumes", "POST", "/resumes", expect=201, headers=auth,
                             files={"file": ("resume.txt", RESUME, "text/plain")})
        made = record.call(http, "POST /interviews", "POST", "/interviews", expect=201, headers=auth, json={
            "job_role": "Backend Engineer", "experience_level": "mid", "interview_type": "technical",
            "num_questions": QUESTIONS, "resume_id": resume.json()["resume_id"] if resume is not None else None})
        if made is None:
            return
        interview_id = made.json()["id"]
        ids = sent.setdefault(interview_id, [])
        if record.call(http, "POST /interviews/{id}/start", "POST", f"/interviews/{interview_id}/start",
                       headers=auth) is None:
            return
        for turn in range(QUESTIONS * 4):
            message_id = f"{interview_id[:8]}-{turn}"
            ids.append(message_id)
            body = {"content": ANSWERS[turn % 2], "client_message_id": message_id}
            if streamed:
                reply = record.call(http, "POST /interviews/{id}/messages (SSE)", "POST",
                                    f"/interviews/{interview_id}/messages", stream=True, json=body,
                                    headers={**auth, "Accept": "text/event-stream"})
                final = last_event(reply.text) if reply is not None else None
                if final is not None and final["event"] != "message":
                    record.errors.append(f"SSE error event: {final}")
                    return
            else:
                reply = record.call(http, "POST /interviews/{id}/messages", "POST",
                                    f"/interviews/{interview_id}/messages", json=body, headers=auth)
                final = reply.json() if reply is not None else None
            if final is None:
                return
            if final["kind"] == "closing":
                break
        record.call(http, "POST /interviews/{id}/end", "POST", f"/interviews/{interview_id}/end", headers=auth)
        record.call(http, "GET /interviews (history)", "GET", "/interviews", headers=auth)
        record.call(http, "GET /dashboard", "GET", "/dashboard", headers=auth)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def census(database_url: str, sent: dict[str, list[str]]) -> dict[str, int]:
    """What Postgres holds for the run's interviews, once background scoring is done (60 s at most)."""
    ids = list(sent)
    with psycopg.connect(database_url, autocommit=True) as db:
        for _ in range(300):
            unscored = db.execute("select count(*) from public.interview_answers where interview_id = any(%s)"
                                  " and answer_text is not null and score is null", (ids,)).fetchone()[0]
            if not unscored:
                break
            time.sleep(0.2)
        stored = db.execute(
            "select interview_id::text, metadata ->> 'client_message_id', count(*) from public.interview_messages"
            " where interview_id = any(%s) and role = 'candidate' group by 1, 2", (ids,)).fetchall()
        interviews = db.execute("select count(*) filter (where status = 'completed' and overall_score is not null)"
                                " from public.interviews where id = any(%s)", (ids,)).fetchone()[0]
        answers = db.execute("select count(*), count(score) from public.interview_answers where interview_id = any(%s)"
                             " and answer_text is not null", (ids,)).fetchone()
    kept = {(interview_id, message_id): count for interview_id, message_id, count in stored}
    wanted = {(interview_id, message_id) for interview_id, message_ids in sent.items() for message_id in message_ids}
    return {"answers sent": len(wanted), "stored": sum(kept.values()),
            "lost": len(wanted - kept.keys()), "duplicated": sum(count - 1 for count in kept.values() if count > 1),
            "interviews": len(ids), "completed with a score": interviews,
            "answers to score": answers[0], "scored": answers[1]}


def run(base: str, database_url: str, candidates: int, streamed: bool, baseline: float) -> None:
    record, sent = Recorder(), {}
    started = time.perf_counter()
    threads = [threading.Thread(target=candidate, args=(base, index, record, sent, streamed))
               for index in range(candidates)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    requests = sum(len(values) for values in record.latencies.values())
    engine = "fake model, streamed" if streamed else "offline engine"
    print(f"\n== {candidates} candidate(s), {engine}: {requests} requests in {wall:.1f} s = "
          f"{requests / wall:.1f} req/s; errors: {len(record.errors)}")
    print(f"{'endpoint':<40} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p50/base':>9}")
    for label, values in record.latencies.items():
        p50 = statistics.median(values)
        print(f"{label:<40} {len(values):>5} {p50:>8.1f} {percentile(values, 0.95):>8.1f} "
              f"{percentile(values, 0.99):>8.1f} {p50 / baseline:>8.1f}x")
    for error in record.errors[:10]:
        print(f"  error: {error}")
    counts = census(database_url, sent)
    print("census: " + ", ".join(f"{name} {value}" for name, value in counts.items()))


def health_baseline(base: str) -> float:
    with httpx.Client(base_url=base, timeout=30) as http:
        samples = []
        for _ in range(40):
            started = time.perf_counter()
            http.get("/api/health")
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples[10:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", default="1,10,50", help="candidates per offline run, comma-separated")
    parser.add_argument("--model", type=int, default=10, help="candidates in the fake model run (0: none)")
    args = parser.parse_args()
    os.environ.update(UNLIMITED)
    with stack_in_child("load-bench-") as stack_settings, FakeOpenAI(model_reply, delay=0.3) as fake:
        django_on_stack({**stack_settings.as_env(), "LOG_LEVEL": "WARNING"})
        serving = {"WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
                   "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "8"), "LOG_LEVEL": "WARNING",
                   **UNLIMITED}
        print(f"gunicorn: {serving['WEB_CONCURRENCY']} workers x {serving['GUNICORN_THREADS']} threads")
        with gunicorn_serving(stack_settings.as_env(), LLM_PROVIDER="offline", **serving) as (base, _):
            baseline = health_baseline(base)
            print(f"baseline: GET /api/health alone, median {baseline:.2f} ms")
            for count in (int(value) for value in args.candidates.split(",") if value.strip()):
                run(base, stack_settings.database_url, count, streamed=False, baseline=baseline)
        if args.model:
            with gunicorn_serving(stack_settings.as_env(), LLM_PROVIDER="openai", OPENAI_API_KEY="bench",
                                  OPENAI_BASE_URL=fake.base_url, OPENAI_MODEL="fake-model", **serving) as (base, _):
                run(base, stack_settings.database_url, args.model, streamed=True, baseline=baseline)


if __name__ == "__main__":
    main()
