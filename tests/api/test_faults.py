"""Faults in the middle of an interview: Supabase gone (its stand-in stopped, then started again on
the same data and port), a worker killed while it produced a reply, and slow clients holding
connections open (gunicorn with the production configuration).

Each outage test stops a throwaway stack of its own (not the session's): the API answers 503
with a message, nothing is half-written, and once Supabase is back the candidate's retry with
the same `client_message_id` continues the interview with no answer lost or doubled.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from django.test import override_settings

from backend.local_supabase.postgres import free_port
from backend.local_supabase.server import LocalSupabase
from tests.api.fake_openai import FakeOpenAI, Streamed, completion
from tests.api.gunicorn_helpers import gunicorn_serving, worker_pids
from tests.api.interview_helpers import STRONG, WEAK, Candidate, say, started
from tests.conftest import insert_user_with_minted_token, migrations_dir, suite_stack_config


class RestartableStack:
    """A throwaway local Supabase that can be stopped and started again: same data, port and keys."""

    def __init__(self) -> None:
        self.data_dir = Path(tempfile.mkdtemp(prefix="local-supabase-faults-"))
        self.port = free_port()
        self.stack = self._new()

    def _new(self) -> LocalSupabase:
        return LocalSupabase(self.data_dir, port=self.port, durable=False, config=suite_stack_config(),
                             migrations_dir=migrations_dir())

    def start(self) -> None:
        self.stack.start()

    def stop(self) -> None:
        self.stack.stop()
        self.stack = self._new()

    def destroy(self) -> None:
        self.stack.stop()
        if self.stack.postgres is not None:
            self.stack.postgres.destroy()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def rows(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(self.stack.settings.database_url, autocommit=True) as conn:
            return conn.execute(query, params).fetchall()


@pytest.fixture(scope="module")
def outage_stack() -> Iterator[RestartableStack]:
    from backend.llm_api import supabase_client
    from backend.llm_api.services.question_bank import question_bank_load

    stack = RestartableStack()
    stack.start()
    try:
        with override_settings(**stack.stack.settings.as_env()):
            question_bank_load()
        supabase_client.reset_client()
        yield stack
    finally:
        from backend.llm_api.services.interview_scores import scoring_drain

        scoring_drain()
        stack.destroy()
        supabase_client.reset_client()


@pytest.fixture
def on_outage_stack(outage_stack: RestartableStack, settings) -> RestartableStack:
    if outage_stack.stack.ctx is None:  # a failed test left it stopped
        outage_stack.start()
    for key, value in outage_stack.stack.settings.as_env().items():
        setattr(settings, key, value)
    settings.LLM_PROVIDER = "offline"
    settings.SUPABASE_TIMEOUT = 2.0
    return outage_stack


@pytest.fixture
def carol(on_outage_stack: RestartableStack) -> Candidate:
    made = insert_user_with_minted_token(on_outage_stack.stack, None, None)
    return Candidate(made.id, {"HTTP_AUTHORIZATION": f"Bearer {made.access_token}"})


def candidate_messages(stack: RestartableStack, interview_id: str) -> list[tuple[str, str]]:
    return stack.rows("select role, coalesce(metadata ->> 'client_message_id', '') from public.interview_messages"
                      " where interview_id = %s order by seq", interview_id)


def test_supabase_down_between_turns_is_503_and_the_retry_continues(api, on_outage_stack, carol):
    interview, _ = started(api, carol, num_questions=2)
    assert say(api, carol, interview["id"], WEAK, client_message_id="a-1").status_code == 200
    on_outage_stack.stop()
    down = say(api, carol, interview["id"], STRONG, client_message_id="a-2")
    assert down.status_code == 503, down.content
    assert down.json()["error"]["code"] in ("supabase_unavailable", "supabase_timeout")
    assert "Supabase" in down.json()["error"]["message"]
    on_outage_stack.start()
    assert [cid for role, cid in candidate_messages(on_outage_stack, interview["id"])
            if role == "candidate"] == ["a-1"]  # nothing of the failed request was written
    retried = say(api, carol, interview["id"], STRONG, client_message_id="a-2")
    assert retried.status_code == 200, retried.content
    assert retried.json()["replayed"] is False and retried.json()["answer"]["content"] == STRONG
    again = say(api, carol, interview["id"], STRONG, client_message_id="a-2")
    assert again.json()["replayed"] is True and again.json()["message"] == retried.json()["message"]
    roles = candidate_messages(on_outage_stack, interview["id"])
    assert [role for role, _ in roles] == ["interviewer", "candidate", "interviewer", "candidate", "interviewer"]
    assert [cid for role, cid in roles if role == "candidate"] == ["a-1", "a-2"]


def test_supabase_down_while_the_reply_is_produced_keeps_the_answer_and_the_retry_completes(
        api, on_outage_stack, carol, settings):
    """The answer is stored, then Supabase goes away while the model words the reply: 503; the
    answer is kept once and the retried request (after the reply lease) stores the reply once."""

    def reply_then_outage(body):
        on_outage_stack.stop()
        content = '{"target": "too_short", "reply": "Could you give me an example?"}'
        return 200, (Streamed(content) if body.get("stream") else completion(content))

    interview, _ = started(api, carol, num_questions=2)
    with FakeOpenAI(reply_then_outage) as fake:
        settings.LLM_PROVIDER = "openai"
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = fake.base_url
        settings.OPENAI_MODEL = "fake-model"
        settings.SCORING_WITH_MODEL = False
        down = say(api, carol, interview["id"], WEAK, client_message_id="b-1")
    assert down.status_code == 503, down.content
    on_outage_stack.start()
    settings.LLM_PROVIDER = "offline"
    assert [role for role, _ in candidate_messages(on_outage_stack, interview["id"])] == [
        "interviewer", "candidate"]  # the answer is kept, the reply is not half-stored
    busy = say(api, carol, interview["id"], WEAK, client_message_id="b-1")
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "reply_in_progress"
    settings.INTERVIEW_REPLY_LEASE_SECONDS = 0  # the failed request's lease has run out
    retried = say(api, carol, interview["id"], WEAK, client_message_id="b-1")
    assert retried.status_code == 200, retried.content
    assert retried.json()["answer"]["content"] == WEAK
    assert [role for role, _ in candidate_messages(on_outage_stack, interview["id"])] == [
        "interviewer", "candidate", "interviewer"]
    answer_text = on_outage_stack.rows("select answer_text from public.interview_answers"
                                       " where interview_id = %s and position = 1", interview["id"])
    assert answer_text == [(WEAK,)]


def test_postgres_restarted_under_load_fails_in_flight_requests_with_503_then_recovers(on_outage_stack, carol,
                                                                                   settings):
    """Candidates reading and answering while Postgres restarts: every answer is 200 or 503 (never
    500), the stand-in's pool reconnects by itself, and no answer is lost or doubled."""
    from rest_framework.test import APIClient

    # One candidate per interview, answering in turn: a retry after a 503 may take over the failed
    # request's reply at once (its lease is what keeps two live requests apart, tested elsewhere).
    settings.INTERVIEW_REPLY_LEASE_SECONDS = 0
    interviews = [started(APIClient(), carol, num_questions=5)[0]["id"] for _ in range(3)]
    statuses: list[int] = []
    sent: dict[str, list[str]] = {interview_id: [] for interview_id in interviews}
    unanswered: dict[str, str] = {}  # the answer a candidate got 503 for and had not retried yet
    stop = threading.Event()

    def candidate_loop(interview_id: str) -> None:
        api = APIClient()
        turn = 0
        while not stop.is_set():
            message_id = f"{interview_id[:8]}-{turn}"
            answered = say(api, carol, interview_id, WEAK, client_message_id=message_id)
            statuses.append(answered.status_code)
            unanswered[interview_id] = message_id
            if answered.status_code == 200:
                sent[interview_id].append(message_id)
                del unanswered[interview_id]
                turn += 1
                if answered.json()["kind"] == "closing":
                    return
            statuses.append(api.get(f"/api/interviews/{interview_id}/state", **carol.auth).status_code)

    threads = [threading.Thread(target=candidate_loop, args=(interview_id,)) for interview_id in interviews]
    for thread in threads:
        thread.start()
    while len(statuses) < 6:
        time.sleep(0.01)
    postgres = on_outage_stack.stack.postgres
    postgres.stop()
    while statuses.count(503) < 1 and all(thread.is_alive() for thread in threads):
        time.sleep(0.01)
    postgres.start()
    seen_at_restart = len(statuses)
    deadline = time.monotonic() + 30
    while len(statuses) < seen_at_restart + 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert set(statuses) <= {200, 409, 503}, statuses
    assert 503 in statuses and statuses[-4:] == [200] * 4, statuses
    for interview_id, message_id in unanswered.items():  # the candidate's retry, as after any 503
        assert say(APIClient(), carol, interview_id, WEAK, client_message_id=message_id).status_code == 200
        sent[interview_id].append(message_id)
    for interview_id, message_ids in sent.items():
        kept = on_outage_stack.rows(
            "select metadata ->> 'client_message_id', count(*) from public.interview_messages"
            " where interview_id = %s and role = 'candidate' group by 1", interview_id)
        assert sorted(kept) == sorted((message_id, 1) for message_id in message_ids)


# gunicorn with the production configuration ------------------------------------------------


def slow_reply(body):
    """A model that words its reply slowly, so a worker can be killed in the middle of it."""
    content = '{"target": "too_short", "reply": "What did you personally change, and how did you measure it?"}'
    if body.get("stream"):
        return 200, Streamed(content, chunk_size=2, chunk_delay=0.05)
    return 200, completion(content)


def test_a_worker_killed_while_replying_leaves_a_turn_the_retry_completes(stack_settings, question_bank, make_user,
                                                                         db):
    who = make_user()
    auth = {"Authorization": f"Bearer {who.access_token}"}
    with FakeOpenAI(slow_reply) as fake, gunicorn_serving(
            stack_settings.as_env(), WEB_CONCURRENCY="1", GUNICORN_THREADS="4", LLM_PROVIDER="openai",
            OPENAI_API_KEY="sk-test", OPENAI_BASE_URL=fake.base_url, SCORING_WITH_MODEL="false",
            INTERVIEW_REPLY_LEASE_SECONDS="2") as (base, server):
        with httpx.Client(base_url=base, timeout=30) as http:
            made = http.post("/api/interviews", headers=auth, json={
                "job_role": "Backend Engineer", "experience_level": "mid", "interview_type": "behavioral",
                "difficulty": "medium", "num_questions": 2})
            interview_id = made.json()["id"]
            assert http.post(f"/api/interviews/{interview_id}/start", headers=auth).status_code == 200
            body = {"content": WEAK, "client_message_id": "k-1"}
            [worker] = worker_pids(server)
            with pytest.raises(httpx.TransportError), http.stream(
                    "POST", f"/api/interviews/{interview_id}/messages", json=body,
                    headers={**auth, "Accept": "text/event-stream"}) as stream:
                for line in stream.iter_lines():
                    if line == "event: token":
                        os.kill(worker, signal.SIGKILL)  # the answer is stored, the reply half-streamed
            retried = None
            deadline = time.monotonic() + 30
            while retried is None or retried.status_code != 200:  # a new worker; the dead one's lease runs out
                assert time.monotonic() < deadline, retried.text if retried is not None else "no answer"
                with contextlib.suppress(httpx.TransportError):
                    retried = http.post(f"/api/interviews/{interview_id}/messages", json=body, headers=auth)
                    if retried.status_code != 200:
                        assert retried.status_code == 409, retried.text
                        assert retried.json()["error"]["code"] == "reply_in_progress"
                time.sleep(0.3)
            assert worker not in worker_pids(server)
    turn = retried.json()
    assert turn["answer"]["content"] == WEAK and turn["message"]["metadata"]["reply_to"] == turn["answer"]["id"]
    rows = db.execute("select role from public.interview_messages where interview_id = %s order by seq",
                      (interview_id,)).fetchall()
    assert [r[0] for r in rows] == ["interviewer", "candidate", "interviewer"]


def test_slow_clients_do_not_starve_the_workers(stack_settings, question_bank, make_user):
    """More half-sent requests (slowloris) and undrained event streams than the server has threads:
    everyone else is still answered."""
    who = make_user()
    auth = {"Authorization": f"Bearer {who.access_token}"}
    threads = 2
    with gunicorn_serving(stack_settings.as_env(), WEB_CONCURRENCY="1", GUNICORN_THREADS=str(threads),
                          GUNICORN_CLIENT_STALL_TIMEOUT="1", LLM_PROVIDER="offline") as (base, server):
        host, port = base.removeprefix("http://").split(":")
        hogs: list[socket.socket] = []
        try:
            for index in range(threads * 2):
                hog = socket.create_connection((host, int(port)))
                hog.sendall(b"POST /api/interviews HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n")
                if index % 2:
                    hog.sendall(b"\r\n{")  # the headers, then one byte of a 1000-byte body
                hogs.append(hog)
            with httpx.Client(base_url=base, timeout=30) as http:
                made = http.post("/api/interviews", headers=auth, json={
                    "job_role": "Backend Engineer", "experience_level": "mid", "interview_type": "behavioral",
                    "difficulty": "medium", "num_questions": 2})
                interview_id = made.json()["id"]
                http.post(f"/api/interviews/{interview_id}/start", headers=auth)
                # readers that ask for a stream and never read it
                for _ in range(threads * 2):
                    reader = socket.create_connection((host, int(port)))
                    reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
                    request = (f"POST /api/interviews/{interview_id}/skip HTTP/1.1\r\nHost: x\r\n"
                               f"Authorization: {auth['Authorization']}\r\nAccept: text/event-stream\r\n"
                               "Content-Length: 0\r\n\r\n")
                    reader.sendall(request.encode())
                    hogs.append(reader)
                for _ in range(5):
                    assert http.get("/api/health").status_code == 200
                state = http.get(f"/api/interviews/{interview_id}/state", headers=auth)
                assert state.status_code == 200, state.text
        finally:
            for hog in hogs:
                hog.close()
