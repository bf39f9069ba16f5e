"""`/api/interviews...` with the offline interviewer, end to end against the local stack: plan,
start, answers, follow-ups (capped), skip, end, state; retries, races, transitions, other users."""

from __future__ import annotations

import threading

import pytest
from rest_framework.test import APIClient

from backend.llm_api.services import interviews
from tests.api.interview_helpers import INJECTION, STRONG, WEAK, create, events, say, started

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")


@pytest.fixture(autouse=True)
def offline(settings):
    settings.LLM_PROVIDER = "offline"
    settings.INTERVIEW_MAX_FOLLOW_UPS = 2


def messages(db, interview_id: str) -> list[tuple[str, str, dict]]:
    return db.execute("select role, content, metadata from public.interview_messages where interview_id = %s "
                      "order by seq", (interview_id,)).fetchall()


def answer_rows(db, interview_id: str) -> list[tuple]:
    return db.execute("select position, answer_text, skipped, follow_up_count, asked_at is not null "
                      "from public.interview_answers where interview_id = %s order by position",
                      (interview_id,)).fetchall()


def test_create_plans_the_interview(api, alice, db):
    interview = create(api, alice, num_questions=4)
    assert interview["status"] == "preparing" and interview["user_id"] == alice.id
    assert [q["position"] for q in interview["plan"]] == [1, 2, 3, 4]
    assert len({q["question"] for q in interview["plan"]}) == 4
    assert all(q["interview_type"] == "technical" and q["targets"] for q in interview["plan"])
    assert "engine_state" not in interview
    rows = answer_rows(db, interview["id"])
    assert [(r[0], r[1], r[4]) for r in rows] == [(1, None, False), (2, None, False), (3, None, False),
                                                  (4, None, False)]


def test_seed_labels_are_normalised(api, alice):
    interview = create(api, alice, experience_level="Mid-level", interview_type="System Design", num_questions=2)
    assert (interview["experience_level"], interview["interview_type"]) == ("mid", "system_design")
    assert {q["interview_type"] for q in interview["plan"]} == {"system_design"}


@pytest.mark.parametrize("field,value", [
    ("experience_level", "expert"), ("interview_type", "chat"), ("difficulty", "extreme"), ("num_questions", 0),
    ("num_questions", 21), ("job_description", "x" * 20_001), ("job_role", ""),
])
def test_bad_setup_is_422(api, alice, field, value):
    body = {"job_role": "Backend Engineer", "experience_level": "mid", "interview_type": "technical", field: value}
    answer = api.post("/api/interviews", body, format="json", **alice.auth)
    assert answer.status_code == 422, answer.content
    assert field in answer.json()["error"]["details"]


def test_a_full_interview(api, alice, db):
    interview, opening = started(api, alice, num_questions=2)
    iid = interview["id"]
    first, second = interview["plan"]
    assert opening["interview"]["status"] == "active" and opening["interview"]["started_at"]
    assert opening["message"]["content"].endswith(f"Question 1 of 2: {first['question']}")
    assert opening["progress"] == {"question": 1, "of": 2, "follow_ups_left": 2}

    reply = say(api, alice, iid, WEAK)
    assert reply.status_code == 200, reply.content
    body = reply.json()
    assert body["kind"] == "follow_up" and body["engine"] == "offline" and body["status"] == "active"
    assert body["progress"] == {"question": 1, "of": 2, "follow_ups_left": 1}
    assert body["answer"]["content"] == WEAK and body["message"]["role"] == "interviewer"

    moved = say(api, alice, iid, STRONG).json()
    assert moved["kind"] in ("follow_up", "question")
    if moved["kind"] == "follow_up":
        moved = say(api, alice, iid, STRONG).json()
    assert moved["kind"] == "question"
    assert moved["message"]["content"].endswith(f"Question 2 of 2: {second['question']}")
    assert moved["progress"]["question"] == 2 and moved["progress"]["follow_ups_left"] == 2

    state = api.get(f"/api/interviews/{iid}/state", **alice.auth).json()
    assert state["status"] == "active" and state["awaiting"] == "answer"
    assert state["current_question"]["position"] == 2
    assert state["last_interviewer_message"]["id"] == moved["message"]["id"]

    closing = say(api, alice, iid, STRONG).json()
    while closing["kind"] == "follow_up":
        closing = say(api, alice, iid, STRONG).json()
    assert closing["kind"] == "closing" and closing["progress"]["follow_ups_left"] == 0
    refused = say(api, alice, iid, "one more thing")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "interview_closed"
    assert api.get(f"/api/interviews/{iid}/state", **alice.auth).json()["awaiting"] == "end"

    ended = api.post(f"/api/interviews/{iid}/end", **alice.auth)
    assert ended.status_code == 200, ended.content
    result = ended.json()
    assert result["status"] == "completed" and result["completed_at"] and result["duration_seconds"] >= 0
    assert 0 <= result["overall_score"] <= 100 and result["scoring_engine"] == "offline-scorer-1"
    assert [a["position"] for a in result["answers"]] == [1, 2]
    assert all(a["score"] is not None for a in result["answers"])
    assert api.post(f"/api/interviews/{iid}/end", **alice.auth).json() == result  # the same result again

    stored = messages(db, iid)
    roles = [role for role, _, _ in stored]
    assert roles[0] == "interviewer" and roles.count("candidate") == len(roles) // 2
    assert answer_rows(db, iid)[0][1].startswith(WEAK)  # every answer to the question, kept in order


def test_follow_ups_are_capped(api, alice, settings):
    interview, _ = started(api, alice, num_questions=2)
    kinds = [say(api, alice, interview["id"], WEAK).json()["kind"] for _ in range(3)]
    assert kinds == ["follow_up", "follow_up", "question"]
    settings.INTERVIEW_MAX_FOLLOW_UPS = 0
    assert say(api, alice, interview["id"], WEAK).json()["kind"] == "closing"


def test_each_follow_up_aims_at_a_different_gap(api, alice, db):
    interview, _ = started(api, alice, num_questions=1)
    say(api, alice, interview["id"], WEAK)
    say(api, alice, interview["id"], WEAK)
    lacks = [meta["lack"]["kind"] for role, _, meta in messages(db, interview["id"])
             if role == "interviewer" and meta.get("kind") == "follow_up"]
    assert len(lacks) == 2 and len(set(lacks)) == 2


def test_skip_records_the_question_and_moves_on(api, alice, db):
    interview, _ = started(api, alice, num_questions=2)
    skipped = api.post(f"/api/interviews/{interview['id']}/skip", **alice.auth)
    assert skipped.status_code == 200, skipped.content
    assert skipped.json()["kind"] == "question" and skipped.json()["progress"]["question"] == 2
    rows = answer_rows(db, interview["id"])
    assert rows[0][:3] == (1, None, True) and rows[1][4] is True
    assert api.post(f"/api/interviews/{interview['id']}/skip", **alice.auth).json()["kind"] == "closing"
    # nothing was answered: ending abandons the interview
    ended = api.post(f"/api/interviews/{interview['id']}/end", **alice.auth).json()
    assert ended["status"] == "abandoned" and ended["overall_score"] is None


def test_early_end_scores_what_was_answered(api, alice):
    interview, _ = started(api, alice, num_questions=3)
    say(api, alice, interview["id"], STRONG)
    ended = api.post(f"/api/interviews/{interview['id']}/end", **alice.auth).json()
    assert ended["status"] == "completed" and ended["answered_count"] == 1
    assert [a["position"] for a in ended["answers"] if a["score"] is not None] == [1]


def test_invalid_transitions_are_409_naming_the_status(api, alice):
    interview = create(api, alice, num_questions=1)
    iid = interview["id"]
    early = say(api, alice, iid, STRONG)
    assert early.status_code == 409 and early.json()["error"]["details"]["status"] == "preparing"
    assert api.post(f"/api/interviews/{iid}/end", **alice.auth).status_code == 409
    assert api.post(f"/api/interviews/{iid}/start", **alice.auth).status_code == 200
    twice = api.post(f"/api/interviews/{iid}/start", **alice.auth)
    assert twice.status_code == 409 and twice.json()["error"] == {
        "code": "invalid_transition", "message": "Cannot start an interview that is active.",
        "details": {"status": "active", "turn": None}}
    say(api, alice, iid, STRONG)
    api.post(f"/api/interviews/{iid}/end", **alice.auth)
    after = say(api, alice, iid, STRONG)
    assert after.status_code == 409 and after.json()["error"]["details"]["status"] == "completed"
    assert api.post(f"/api/interviews/{iid}/skip", **alice.auth).status_code == 409


def test_other_users_interviews_are_404(api, alice, bob, db):
    interview, _ = started(api, alice, num_questions=1)
    iid = interview["id"]
    before = messages(db, iid)
    for method, path, body in [("get", "", None), ("get", "/state", None), ("post", "/start", None),
                               ("post", "/messages", {"content": STRONG}), ("post", "/skip", None),
                               ("post", "/end", None)]:
        answer = getattr(api, method)(f"/api/interviews/{iid}{path}", body, format="json", **bob.auth)
        assert answer.status_code == 404, (path, answer.content)
        assert answer.json()["error"]["code"] == "interview_not_found"
    assert messages(db, iid) == before
    assert api.get(f"/api/interviews/{iid}").status_code == 401


def test_a_resume_that_is_not_yours_is_404(api, alice, bob, service_client):
    [resume] = service_client.table("resumes").insert({
        "user_id": bob.id, "file_name": "cv.txt", "parsed": {"skills": ["Python"]}}).execute().data
    answer = api.post("/api/interviews", {"job_role": "Backend Engineer", "experience_level": "mid",
                                          "interview_type": "technical", "resume_id": resume["id"]},
                      format="json", **alice.auth)
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "resume_not_found"


def test_the_plan_probes_resume_claims_and_the_job_description(api, alice, service_client):
    claim = "Cut p95 latency of the payments API by 40% by moving hot reads to Redis"
    [resume] = service_client.table("resumes").insert({
        "user_id": alice.id, "file_name": "cv.txt",
        "parsed": {"skills": ["Python", "Redis", "PostgreSQL"],
                   "claims": [{"text": claim, "kind": "quantified", "source": claim, "skills": ["Redis"]}]},
    }).execute().data
    job = "About the role\nRequirements:\n- 3+ years building APIs with Python\n- Solid PostgreSQL and SQL skills\n"
    interview = create(api, alice, interview_type="mixed", num_questions=5, resume_id=resume["id"],
                       job_description=job)
    targets = [target for q in interview["plan"] for target in q["targets"]]
    assert {"kind": "resume_claim", "text": claim} in targets
    probe = next(q for q in interview["plan"] if {"kind": "resume_claim", "text": claim} in q["targets"])
    assert claim in probe["question"]
    assert any(t["kind"] == "job_requirement" for t in targets)
    assert interview["resume_id"] == resume["id"]


def test_the_injection_answer_changes_nothing_but_the_conversation(api, alice, db):
    interview, _ = started(api, alice, num_questions=2)
    reply = say(api, alice, interview["id"], INJECTION).json()
    assert reply["kind"] == "follow_up" and reply["status"] == "active"
    assert reply["message"]["content"].startswith("Let's come back to the question")
    assert reply["progress"] == {"question": 1, "of": 2, "follow_ups_left": 1}
    row = db.execute("select status, overall_score from public.interviews where id = %s",
                     (interview["id"],)).fetchone()
    assert row == ("active", None)


def test_a_retried_message_returns_the_original_turn(api, alice, db):
    interview, _ = started(api, alice, num_questions=2)
    first = say(api, alice, interview["id"], STRONG, client_message_id="m-1")
    again = say(api, alice, interview["id"], STRONG, client_message_id="m-1")
    assert again.status_code == 200
    assert again.json()["message"] == first.json()["message"] and again.json()["replayed"] is True
    assert sum(role == "candidate" for role, _, _ in messages(db, interview["id"])) == 1


def test_a_retry_completes_a_reply_a_crashed_request_left_unfinished(api, alice, db, settings):
    interview, _ = started(api, alice, num_questions=2)
    # the answer is stored, then the process dies before replying
    pending = interviews.interview_answer_begin(user_id=alice.id, interview_id=interview["id"], kind="answer",
                                                content=STRONG, client_message_id="lost-1")
    assert isinstance(pending, interviews.PendingTurn)
    busy = say(api, alice, interview["id"], STRONG, client_message_id="lost-1")
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "reply_in_progress"
    settings.INTERVIEW_REPLY_LEASE_SECONDS = 0
    retried = say(api, alice, interview["id"], STRONG, client_message_id="lost-1")
    assert retried.status_code == 200, retried.content
    assert retried.json()["message"]["metadata"]["reply_to"] == retried.json()["answer"]["id"]
    stored = messages(db, interview["id"])
    assert [role for role, _, _ in stored] == ["interviewer", "candidate", "interviewer"]
    # the crashed request's late reply is refused, not stored twice
    late = pending.finish()
    assert late.replayed is True and late.message["id"] == retried.json()["message"]["id"]
    assert len(messages(db, interview["id"])) == 3


def test_a_new_answer_completes_a_stale_pending_reply_first(api, alice, db, settings):
    interview, _ = started(api, alice, num_questions=3)
    interviews.interview_answer_begin(user_id=alice.id, interview_id=interview["id"], kind="answer",
                                      content=STRONG)
    settings.INTERVIEW_REPLY_LEASE_SECONDS = 0
    reply = say(api, alice, interview["id"], STRONG)
    assert reply.status_code == 200, reply.content
    roles = [role for role, _, _ in messages(db, interview["id"])]
    assert roles == ["interviewer", "candidate", "interviewer", "candidate", "interviewer"]


def test_concurrent_answers_one_is_accepted(api, alice, db):
    interview, _ = started(api, alice, num_questions=3)
    pending = interviews.interview_answer_begin(user_id=alice.id, interview_id=interview["id"], kind="answer",
                                                content=STRONG)
    second = say(api, alice, interview["id"], "a second answer at the same time")
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "reply_in_progress"
    assert second.json()["error"]["details"] == {"status": "active", "turn": 1}
    pending.finish()
    results: list[int] = []

    def answer(text: str) -> None:
        results.append(say(APIClient(), alice, interview["id"], text).status_code)

    threads = [threading.Thread(target=answer, args=(f"{STRONG} ({n})",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results).count(200) >= 1 and set(results) <= {200, 409}
    candidates = [c for role, c, _ in messages(db, interview["id"]) if role == "candidate"]
    assert len(candidates) == 1 + results.count(200)


def test_streaming_sends_tokens_then_the_stored_message(api, alice):
    interview, _ = started(api, alice, num_questions=2)
    response = api.post(f"/api/interviews/{interview['id']}/messages", {"content": STRONG}, format="json",
                        HTTP_ACCEPT="text/event-stream", **alice.auth)
    assert response.status_code == 200 and response["Content-Type"] == "text/event-stream"
    stream = events(response)
    assert [name for name, _ in stream[:-1]] == ["token"] * (len(stream) - 1) and stream[-1][0] == "message"
    final = stream[-1][1]
    assert "".join(data["text"] for _, data in stream[:-1]) == final["message"]["content"]
    state = api.get(f"/api/interviews/{interview['id']}/state", **alice.auth).json()
    assert state["last_interviewer_message"]["id"] == final["message"]["id"]


def test_streaming_errors_are_an_error_event_with_the_status(api, alice):
    interview = create(api, alice, num_questions=1)
    response = api.post(f"/api/interviews/{interview['id']}/messages", {"content": STRONG}, format="json",
                        HTTP_ACCEPT="text/event-stream", **alice.auth)
    assert response.status_code == 409
    assert response.content.startswith(b"event: error\ndata: {")
    assert b'"invalid_transition"' in response.content


def test_a_failure_inside_finish_interview_leaves_the_interview_unchanged(api, alice, db):
    interview, _ = started(api, alice, num_questions=2)
    say(api, alice, interview["id"], STRONG)
    before = db.execute("select status, overall_score, completed_at, feedback from public.interviews where id = %s",
                        (interview["id"],)).fetchone()
    db.execute("create function public.test_refuse_finish() returns trigger language plpgsql as "
               "$$ begin raise exception 'refused by the test' using errcode = 'XX000'; end $$")
    db.execute("create trigger test_refuse_finish before update of status on public.interviews for each row "
               "when (new.status = 'completed') execute function public.test_refuse_finish()")
    try:
        failed = api.post(f"/api/interviews/{interview['id']}/end", **alice.auth)
        assert failed.status_code == 502, failed.content
        after = db.execute("select status, overall_score, completed_at, feedback from public.interviews "
                           "where id = %s", (interview["id"],)).fetchone()
        assert after == before and before[0] == "active"
        scores = db.execute("select count(*) from public.interview_answers where interview_id = %s and score is "
                            "not null", (interview["id"],)).fetchone()[0]
        assert scores == 0
    finally:
        db.execute("drop trigger test_refuse_finish on public.interviews")
        db.execute("drop function public.test_refuse_finish()")
    assert api.post(f"/api/interviews/{interview['id']}/end", **alice.auth).json()["status"] == "completed"
