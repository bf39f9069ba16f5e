"""A 20-question interview against the fake model server, turn by turn, streamed.

Starts a LocalSupabase in a child process (no GIL shared with the API), serves the API over
real HTTP in this process (the threaded WSGI server), and runs a 20-question technical
interview with `Accept: text/event-stream` against tests/api/fake_openai.py's server, which
streams JSON replies in 4-character chunks 2 ms apart. Per turn it prints:
  prompt      characters sent to the model (and ~tokens, at 4 characters a token)
  api ms      the turn's wall time minus the time the fake model spent answering
  trips       HTTP round trips from the API to Supabase for the turn (the answer's scoring, done
              in the background once its question closes, is not counted)
  first ms    time from the fake model sending the reply's first character to the client
              receiving the first `token` event
Baseline, measured in the same run: one bare round trip to Supabase (HEAD /rest/v1/), so the
API's own time per turn is also given as a multiple of it.
Goals: prompt at turn 20 <= 1.5x turn 3; <= 3 Supabase round trips per turn besides the
model call; first event within 30 ms of the model's first token.
Run from the repo root:  .venv/bin/python bench/interview_turns.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.local_stack import count_round_trips, django_on_stack, serve_wsgi, sign_up, stack_in_child  # noqa: E402
from tests.api.fake_openai import FakeOpenAI, Streamed  # noqa: E402

QUESTIONS = 20
ANSWERS = (
    "I would start by measuring: compare the traces before and after the deploy, find which span grew, and check "
    "the query plan of any database call in it. Often a missing index turns a lookup into a full scan.",
    "At my last job I did exactly that: I found the slow query, added the index instead of a cache because the "
    "cache would have cost us consistency, and p99 went from 900 ms to 180 ms. The trade-off was slower writes, "
    "which we measured at about 3% and accepted. I also added an alert so it would not regress silently.",
)


JUDGE_DELAY = {"seconds": 0.0}  # how long the fake judge takes per answer


def judged(body: dict):
    """The fake judge: level 4 on every dimension, quoting the answer's first sentence."""
    time.sleep(JUDGE_DELAY["seconds"])
    schema = body["response_format"]["json_schema"]["schema"]
    prompt = body["messages"][1]["content"]
    answer = prompt.split("<candidate_answer>\n", 1)[1].split("\n</candidate_answer>", 1)[0]
    quote = answer.split(". ")[0]
    levels = {name: {"level": 4, "quotes": [quote]} for name in schema["required"]}
    return 200, {"id": "judge", "object": "chat.completion", "created": 0, "model": "fake-model",
                 "choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": json.dumps(levels)}}]}


def fake_reply(body: dict):
    if (body.get("response_format") or {}).get("json_schema", {}).get("name") == "answer_levels":
        return judged(body)
    prompt = body["messages"][1]["content"]
    gaps = [line[2:].split(":")[0] for line in prompt.splitlines() if line.startswith("- ") and ": " in line
            and line[2:].split(":")[0].replace("_", "").isalpha() and "_" in line.split(":")[0]]
    if "follow-up question" in prompt:
        content = {"target": gaps[0] if gaps else "none",
                   "reply": "What would you measure to be sure the fix worked, and what does it cost?"}
    else:
        content = {"target": "none", "reply": "Thank you, that is clear."}
    return 200, Streamed(json.dumps(content), chunk_size=4, chunk_delay=0.002)


def read_events(response: httpx.Response, marks: dict) -> list[tuple[str, dict]]:
    events, block = [], []
    for line in response.iter_lines():
        if line:
            block.append(line)
            continue
        if block:
            fields = dict(item.split(": ", 1) for item in block)
            if fields["event"] == "token" and "first" not in marks:
                marks["first"] = time.perf_counter()
            events.append((fields["event"], json.loads(fields["data"])))
            block = []
    return events


def first_reply_char_sent(chunks: list[tuple[float, str]]) -> float | None:
    """When the chunk holding the reply string's first character was sent."""
    text = ""
    for sent_at, content in chunks:
        text += content
        start = text.find('"reply": "')
        if start != -1 and len(text) > start + len('"reply": "'):
            return sent_at
    return None


def main() -> None:
    fake = FakeOpenAI(fake_reply)
    with stack_in_child("interview-bench-") as stack_settings:
        with fake:
            django_on_stack({**stack_settings.as_env(), "LLM_PROVIDER": "openai", "OPENAI_API_KEY": "bench",
                             "OPENAI_BASE_URL": fake.base_url, "OPENAI_MODEL": "fake-model",
                             "INTERVIEW_MAX_FOLLOW_UPS": "1", "LOG_LEVEL": "WARNING", "SCORING_WORKERS": "4",
                             "ACCOUNT_THROTTLE_PER_IP": "1000", "ACCOUNT_THROTTLE_PER_EMAIL": "1000"})
            trips = count_round_trips()  # the turn's own round trips: not the background scoring's
            from django.core.wsgi import get_wsgi_application

            server = serve_wsgi(get_wsgi_application())
            api = httpx.Client(base_url=f"http://127.0.0.1:{server.server_port}/api", timeout=60)
            run(api, fake, trips, stack_settings)
            server.shutdown()


def run(api: httpx.Client, fake: FakeOpenAI, trips: dict, stack_settings) -> None:
    _, auth = sign_up(api)
    created = api.post("/interviews", headers=auth, json={"job_role": "Backend Engineer", "experience_level": "mid",
                                                          "interview_type": "technical", "num_questions": QUESTIONS})
    assert created.status_code == 201, created.text
    interview_id = created.json()["id"]
    assert api.post(f"/interviews/{interview_id}/start", headers=auth).status_code == 200

    baseline = []
    for _ in range(30):
        started = time.perf_counter()
        httpx.head(f"{stack_settings.url}/rest/v1/", headers={"apikey": stack_settings.service_key})
        baseline.append((time.perf_counter() - started) * 1000)
    round_trip = statistics.median(baseline[5:])

    print(f"{'turn':>4} {'kind':<10} {'prompt':>7} {'~tokens':>8} {'api ms':>8} {'trips':>6} {'first ms':>9}")
    rows = []
    turn = 0
    while True:
        turn += 1
        spans_before, chunks_before, trips_before = len(fake.spans), len(fake.chunk_times), trips["count"]
        marks: dict = {}
        started = time.perf_counter()
        with api.stream("POST", f"/interviews/{interview_id}/messages", headers={**auth, "Accept": "text/event-stream"},
                        json={"content": ANSWERS[turn % 2]}) as response:
            events = read_events(response, marks)
        wall = (time.perf_counter() - started) * 1000
        name, final = events[-1]
        assert name == "message", events[-1]
        model_ms = sum((end - begin) * 1000 for begin, end in fake.spans[spans_before:])
        prompt = sum(len(m["content"]) for m in fake.requests[-1]["messages"]) if len(fake.spans) > spans_before else 0
        sent = first_reply_char_sent(fake.chunk_times[-1]) if len(fake.chunk_times) > chunks_before else None
        first = (marks["first"] - sent) * 1000 if sent and "first" in marks else float("nan")
        row = (turn, final["kind"], prompt, prompt // 4, wall - model_ms, trips["count"] - trips_before, first)
        rows.append(row)
        print(f"{row[0]:>4} {row[1]:<10} {row[2]:>7} {row[3]:>8} {row[4]:>8.1f} {row[5]:>6} {row[6]:>9.1f}")
        if final["kind"] == "closing":
            break
    prompts = [row[2] for row in rows]
    third, last = prompts[2], prompts[-1]
    api_ms = [row[4] for row in rows]
    print(f"\nbaseline: one Supabase round trip (HEAD /rest/v1/) median {round_trip:.2f} ms")
    print(f"turns: {len(rows)}; prompt at the last turn / turn 3: {last / third:.2f}x (goal <= 1.5x)")
    print(f"API's own time per turn: median {statistics.median(api_ms):.1f} ms = "
          f"{statistics.median(api_ms) / round_trip:.1f}x a bare round trip; max {max(api_ms):.1f} ms")
    print(f"Supabase round trips per turn: max {max(row[5] for row in rows)} (goal <= 3)")
    firsts = [row[6] for row in rows if row[6] == row[6]]
    print(f"first token event after the model's first reply character: median {statistics.median(firsts):.1f} ms, "
          f"max {max(firsts):.1f} ms (goal <= 30 ms)")
    print(f"end, answers already scored as their questions closed: {time_end(api, auth, interview_id, stack_settings):.0f} ms"
          " (goal <= 2000 ms)")
    from_scratch(api, auth, stack_settings)


def wait_until_scored(stack_settings, interview_id: str) -> None:
    import psycopg

    with psycopg.connect(stack_settings.database_url, autocommit=True) as db:
        for _ in range(600):
            missing = db.execute("select count(*) from public.interview_answers where interview_id = %s and "
                                 "answer_text is not null and score is null", (interview_id,)).fetchone()[0]
            if not missing:
                return
            time.sleep(0.05)
    raise SystemExit("answers were never scored")


def time_end(api: httpx.Client, auth: dict, interview_id: str, stack_settings) -> float:
    wait_until_scored(stack_settings, interview_id)
    started = time.perf_counter()
    ended = api.post(f"/interviews/{interview_id}/end", headers=auth)
    assert ended.status_code == 200, ended.text
    return (time.perf_counter() - started) * 1000


def from_scratch(api: httpx.Client, auth: dict, stack_settings) -> None:
    """A 10-question interview whose scores are lost before `end`, judged by a model taking 1 s an answer."""
    import psycopg

    created = api.post("/interviews", headers=auth, json={"job_role": "Backend Engineer", "experience_level": "mid",
                                                          "interview_type": "technical", "num_questions": 10})
    interview_id = created.json()["id"]
    api.post(f"/interviews/{interview_id}/start", headers=auth)
    for turn in range(40):
        reply = api.post(f"/interviews/{interview_id}/messages", headers=auth, json={"content": ANSWERS[turn % 2]})
        if reply.json()["kind"] == "closing":
            break
    wait_until_scored(stack_settings, interview_id)
    with psycopg.connect(stack_settings.database_url, autocommit=True) as db:
        db.execute("update public.interview_answers set score = null, scoring_engine = null, rubric_version = null, "
                   "feedback = '{}' where interview_id = %s", (interview_id,))
    JUDGE_DELAY["seconds"] = 1.0
    started = time.perf_counter()
    ended = api.post(f"/interviews/{interview_id}/end", headers=auth)
    elapsed = time.perf_counter() - started
    JUDGE_DELAY["seconds"] = 0.0
    assert ended.status_code == 200, ended.text
    engines = {answer["scoring_engine"] for answer in ended.json()["answers"]}
    print(f"end from scratch, 10 answers judged by a model taking 1 s each ({', '.join(sorted(engines))}): "
          f"{elapsed:.1f} s (goal <= 30 s; answers scored in parallel, SCORING_WORKERS)")


if __name__ == "__main__":
    main()
