"""Evaluation through the API: answers scored as their questions close, `end` and
`GET /evaluation`, "why this score", retries, practice, skill gaps that steer the next plan,
the coverage map, and other users' interviews."""

from __future__ import annotations

import time

import pytest

from tests.api.interview_helpers import STRONG, WEAK, create, say, started
from tests.conftest import make_client

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")


@pytest.fixture(autouse=True)
def offline(settings):
    settings.LLM_PROVIDER = "offline"
    settings.INTERVIEW_MAX_FOLLOW_UPS = 0  # every answer closes its question


def stored_score(db, interview_id: str, position: int):
    return db.execute("select score, scoring_engine, rubric_version from public.interview_answers "
                      "where interview_id = %s and position = %s", (interview_id, position)).fetchone()


def wait_for_score(db, interview_id: str, position: int, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        row = stored_score(db, interview_id, position)
        if row[0] is not None:
            return row
        time.sleep(0.05)
    raise AssertionError("the answer was never scored")


def test_answers_are_scored_when_their_question_closes(api, alice, db):
    interview, _ = started(api, alice, num_questions=3)
    say(api, alice, interview["id"], STRONG)
    score, engine, version = wait_for_score(db, interview["id"], 1)
    assert engine == "offline-scorer-1" and version == "scoring-v1" and 0 <= score <= 100
    assert stored_score(db, interview["id"], 2)[0] is None  # not answered yet


def test_end_returns_the_evaluation_and_get_returns_the_same(api, alice, db):
    interview, _ = started(api, alice, num_questions=2)
    say(api, alice, interview["id"], STRONG)
    say(api, alice, interview["id"], WEAK)
    ended = api.post(f"/api/interviews/{interview['id']}/end", **alice.auth)
    assert ended.status_code == 200, ended.content
    result = ended.json()
    assert api.get(f"/api/interviews/{interview['id']}/evaluation", **alice.auth).json() == result
    first, second = result["answers"]
    assert set(first["dimensions"]) == {"technical_depth", "problem_solving", "communication"}
    assert first["score"] > second["score"] and second["score"] <= 10 and second["guard"] == "too_few_words"
    for dimension in first["dimensions"].values():
        assert dimension["anchor"] and (dimension["level"] == 1 or dimension["quotes"])
        assert all(" ".join(q.casefold().split()) in " ".join(STRONG.casefold().split()) for q in dimension["quotes"])
    assert result["overall_score"] == round((first["score"] + second["score"]) / 2, 1)
    assert result["code_quality_score"] is None
    feedback = result["feedback"]
    assert feedback["detailed_feedback"].startswith("Question 1 (")
    for item in feedback["strengths"] + feedback["areas_for_improvement"] + feedback["recommendations"]:
        assert item["answer_position"] in (1, 2) and item["text"]
    for gap in result["skill_gaps"]:
        assert gap["severity"] in ("low", "medium", "high")
        assert gap["evidence"]["answer_position"] in (1, 2, None) and gap["recommendation"]
    rows = db.execute("select position, score, rubric_version from public.interview_answers where interview_id = %s "
                      "order by position", (interview["id"],)).fetchall()
    assert [(p, float(s), v) for p, s, v in rows] == [(1, first["score"], "scoring-v1"),
                                                      (2, second["score"], "scoring-v1")]


def test_end_scores_what_was_never_scored(api, alice, db):
    interview, _ = started(api, alice, num_questions=2)
    say(api, alice, interview["id"], STRONG)
    wait_for_score(db, interview["id"], 1)
    # as if the process had died before scoring: the stored score is gone
    db.execute("update public.interview_answers set score = null, scoring_engine = null, rubric_version = null, "
               "feedback = '{}' where interview_id = %s", (interview["id"],))
    result = api.post(f"/api/interviews/{interview['id']}/end", **alice.auth).json()
    assert result["answers"][0]["score"] is not None and result["answers"][0]["dimensions"]


def test_why_this_score(api, alice):
    interview, _ = started(api, alice, num_questions=2)
    say(api, alice, interview["id"], STRONG)
    api.post(f"/api/interviews/{interview['id']}/end", **alice.auth)
    detail = api.get(f"/api/interviews/{interview['id']}/answers/1", **alice.auth)
    assert detail.status_code == 200, detail.content
    body = detail.json()
    assert body["answer_text"] == STRONG and body["position"] == 1 and body["attempts"] == []
    for dimension in body["dimensions"]:
        assert dimension["anchor"] and dimension["label"]
        if dimension["level"] < 5:
            assert dimension["to_raise_it"]["next_anchor"] and dimension["to_raise_it"]["advice"]
            assert dimension["to_raise_it"]["rubric_points"] == body["rubric_points_missed"]
    unanswered = api.get(f"/api/interviews/{interview['id']}/answers/2", **alice.auth)
    assert unanswered.status_code == 409 and unanswered.json()["error"]["code"] == "not_answered"
    assert api.get(f"/api/interviews/{interview['id']}/answers/9", **alice.auth).status_code == 404


def test_a_retry_is_kept_beside_the_earlier_attempts(api, alice, bob, db):
    interview, _ = started(api, alice, num_questions=1)
    say(api, alice, interview["id"], STRONG[:200])
    api.post(f"/api/interviews/{interview['id']}/end", **alice.auth)
    url = f"/api/interviews/{interview['id']}/answers/1/retry"
    first = api.post(url, {"content": STRONG}, format="json", **alice.auth)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["attempt"] == 1 and body["rubric_version"] == "scoring-v1"
    assert body["score_change"] == round(body["score"] - body["original_score"], 1)
    assert all(set(change) == {"before", "after", "change"} for change in body["dimensions"].values())
    second = api.post(url, {"content": WEAK}, format="json", **alice.auth).json()
    assert second["attempt"] == 2 and second["score"] <= 10
    detail = api.get(f"/api/interviews/{interview['id']}/answers/1", **alice.auth).json()
    assert [a["attempt"] for a in detail["attempts"]] == [1, 2] and detail["answer_text"] == STRONG[:200]
    assert db.execute("select count(*) from public.answer_attempts where interview_id = %s",
                      (interview["id"],)).fetchone()[0] == 2
    assert api.post(url, {"content": STRONG}, format="json", **bob.auth).status_code == 404


def test_answer_attempts_are_visible_to_their_owner_only(api, alice, bob, stack_settings, db):
    interview, _ = started(api, alice, num_questions=1)
    say(api, alice, interview["id"], STRONG)
    api.post(f"/api/interviews/{interview['id']}/end", **alice.auth)
    api.post(f"/api/interviews/{interview['id']}/answers/1/retry", {"content": STRONG}, format="json", **alice.auth)
    owner = make_client(stack_settings.url, stack_settings.anon_key, alice.auth["HTTP_AUTHORIZATION"][7:])
    other = make_client(stack_settings.url, stack_settings.anon_key, bob.auth["HTTP_AUTHORIZATION"][7:])
    assert len(owner.table("answer_attempts").select("id").eq("interview_id", interview["id"]).execute().data) == 1
    assert other.table("answer_attempts").select("id").execute().data == []
    other.table("answer_attempts").delete().eq("interview_id", interview["id"]).execute()
    assert db.execute("select count(*) from public.answer_attempts where interview_id = %s",
                      (interview["id"],)).fetchone()[0] == 1
    owner.table("answer_attempts").delete().eq("interview_id", interview["id"]).execute()
    assert db.execute("select count(*) from public.answer_attempts where interview_id = %s",
                      (interview["id"],)).fetchone()[0] == 0


def test_practice_scores_like_the_interview(api, alice, db):
    interview, _ = started(api, alice, num_questions=1)
    question_id = db.execute("select question_id from public.interview_answers where interview_id = %s",
                             (interview["id"],)).fetchone()[0]
    say(api, alice, interview["id"], STRONG)
    api.post(f"/api/interviews/{interview['id']}/end", **alice.auth)
    in_interview = api.get(f"/api/interviews/{interview['id']}/answers/1", **alice.auth).json()
    practised = api.post("/api/practice", {"question_id": str(question_id), "answer": STRONG}, format="json",
                         **alice.auth)
    assert practised.status_code == 200, practised.content
    body = practised.json()
    assert body["score"] == in_interview["score"] and body["dimensions"] == in_interview["dimensions"]
    free = api.post("/api/practice", {"question_text": "How would you make a slow API faster?",
                                      "interview_type": "Technical", "answer": STRONG}, format="json", **alice.auth)
    assert free.status_code == 200 and free.json()["interview_type"] == "technical"


@pytest.mark.parametrize("body,field", [
    ({"answer": STRONG}, "question_id"),
    ({"question_text": "Why?", "answer": STRONG}, "question_id"),
    ({"question_id": "00000000-0000-0000-0000-000000000000", "question_text": "Why?", "interview_type": "technical",
      "answer": STRONG}, "question_id"),
    ({"question_text": "Why?", "interview_type": "chat", "answer": STRONG}, "interview_type"),
])
def test_practice_needs_one_question(api, alice, body, field):
    answer = api.post("/api/practice", body, format="json", **alice.auth)
    assert answer.status_code == 422 and field in answer.json()["error"]["details"]


def test_practice_is_for_signed_in_users_and_throttled(api, alice, bob, settings):
    body = {"question_text": "How would you make a slow API faster?", "interview_type": "technical", "answer": STRONG}
    assert api.post("/api/practice", body, format="json").status_code == 401
    missing = api.post("/api/practice", {"question_id": "00000000-0000-0000-0000-000000000000", "answer": STRONG},
                       format="json", **alice.auth)
    assert missing.status_code == 404
    settings.PRACTICE_THROTTLE_PER_USER = 2
    codes = [api.post("/api/practice", body, format="json", **bob.auth).status_code for _ in range(2)]
    refused = api.post("/api/practice", body, format="json", **bob.auth)
    assert codes == [200, 200] and refused.status_code == 429 and int(refused["Retry-After"]) > 0


def test_skill_gaps_persist_and_the_next_plan_targets_them(api, alice, db):
    interview, _ = started(api, alice, interview_type="behavioral", num_questions=2)
    say(api, alice, interview["id"], "We did some things and it was okay I suppose, nothing special really.")
    say(api, alice, interview["id"], "We worked on it together as a team and we finished it at some point.")
    result = api.post(f"/api/interviews/{interview['id']}/end", **alice.auth).json()
    assert result["skill_gaps"], result
    gaps = {row[0] for row in db.execute("select skill from public.skill_gap_history where user_id = %s",
                                         (alice.id,)).fetchall()}
    assert {gap["skill"] for gap in result["skill_gaps"]} == gaps
    following = create(api, alice, interview_type="behavioral", num_questions=5)
    targeted = [target["text"] for q in following["plan"] for target in q["targets"] if target["kind"] == "skill_gap"]
    assert targeted and set(targeted) <= gaps


def test_the_coverage_map_marks_what_was_and_was_not_probed(api, alice, db):
    job = ("Requirements:\n- Deep PostgreSQL knowledge: indexes, query plans\n- Kubernetes in production\n"
           "- Mentoring junior engineers\n")
    interview, _ = started(api, alice, num_questions=2, job_description=job)
    say(api, alice, interview["id"], STRONG)
    api.post(f"/api/interviews/{interview['id']}/end", **alice.auth)
    rows = dict(db.execute("select item, status from public.interview_coverage where interview_id = %s "
                           "and source = 'job_description'", (interview["id"],)).fetchall())
    assert set(rows) >= {"Deep PostgreSQL knowledge: indexes, query plans", "Kubernetes in production",
                         "Mentoring junior engineers"}
    assert "not_probed" in rows.values()
    assert all(status in ("not_probed", "demonstrated", "partial", "not_demonstrated") for status in rows.values())


def test_evaluations_of_other_users_and_unfinished_interviews(api, alice, bob):
    interview = create(api, alice, num_questions=1)
    early = api.get(f"/api/interviews/{interview['id']}/evaluation", **alice.auth)
    assert early.status_code == 409 and early.json()["error"]["code"] == "not_finished"
    api.post(f"/api/interviews/{interview['id']}/start", **alice.auth)
    say(api, alice, interview["id"], STRONG)
    api.post(f"/api/interviews/{interview['id']}/end", **alice.auth)
    for path in ("evaluation", "answers/1"):
        answer = api.get(f"/api/interviews/{interview['id']}/{path}", **bob.auth)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "interview_not_found"
