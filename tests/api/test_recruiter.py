"""Recruiter mode (seed 003): an interviewer schedules interviews for candidates, who take them
signed in or through an invitation link; the interviewer reads the results. Real HTTP through the
API, real rows in Postgres, RLS tried through /rest/v1 with each party's token."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.api.interview_helpers import STRONG, WEAK, Candidate, candidate

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")

EXPECTED = ("I would add a composite index on the filtered columns. I would check the query plan with EXPLAIN "
            "ANALYZE before and after.")
GOOD_ANSWER = ("At my last job a report query took nine seconds. I ran EXPLAIN ANALYZE and saw a sequential scan, "
               "so I added a composite index on customer and created date; afterwards the query plan used the "
               "index and the report took 40 ms. The trade-off was slower writes, which we measured as negligible.")


@pytest.fixture(autouse=True)
def offline(settings):
    settings.LLM_PROVIDER = "offline"
    settings.INTERVIEW_MAX_FOLLOW_UPS = 0  # every answer closes its question


def soon(hours: int = 24) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat()


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.content
    return response.json() if response.content else {}


def invited(token: str) -> dict:
    return {"HTTP_X_INVITATION_TOKEN": token}


@pytest.fixture
def recruiter_user(make_user):
    return make_user()


@pytest.fixture
def recruiter(recruiter_user) -> Candidate:
    return Candidate(recruiter_user.id, {"HTTP_AUTHORIZATION": f"Bearer {recruiter_user.access_token}"})


@pytest.fixture
def team(api, recruiter):
    """The recruiter's interviewer profile and one student."""
    interviewer = ok(api.post("/api/interviewers/", {"name": "John Doe", "email": "john@example.com"},
                              format="json", **recruiter.auth), 201)
    student = ok(api.post("/api/students/", {"name": "Jane Smith", "email": f"Jane.{uuid.uuid4().hex[:8]}@example.test"},
                          format="json", **recruiter.auth), 201)
    return interviewer, student


def schedule(api, recruiter, interviewer, student, **extra) -> dict:
    body = {"title": "Software Engineer Interview", "interviewer_id": interviewer["id"], "student_id": student["id"],
            "duration_minutes": 30, "scheduled_at": soon(), "job_role": "Backend Engineer",
            "job_description": "PostgreSQL performance tuning, Python services", "interview_type": "technical",
            **extra}
    return ok(api.post("/api/sessions/", body, format="json", **recruiter.auth), 201)


def add_questions(api, recruiter, session_id: str) -> list[dict]:
    body = {"questions": [
        {"session": session_id, "question_text": "How would you speed up a slow reporting query?",
         "category": "Databases", "difficulty": "medium", "order": 1, "expected_answer": EXPECTED},
        {"session": session_id, "question_text": "What are your strengths?", "category": "Behavioral",
         "difficulty": "easy", "order": 2},
    ]}
    return ok(api.post("/api/questions/bulk_create/", body, format="json", **recruiter.auth), 201)


def test_seed_003_usage_flow_end_to_end(api, recruiter, team, db):
    interviewer, student = team                                                # steps 1 and 2
    assert set(interviewer) == {"id", "user", "name", "email", "created_at"} and interviewer["user"] == recruiter.id
    assert set(student) == {"id", "name", "email", "created_at"}
    session = schedule(api, recruiter, interviewer, student)                   # step 3
    assert session["status"] == "scheduled" and session["session_id"] == session["id"]
    assert session["interviewer_id"] == interviewer["id"] and session["student_id"] == student["id"]
    assert session["candidate_email"] == student["email"].lower()
    questions = add_questions(api, recruiter, session["id"])                   # step 4
    assert [q["order"] for q in questions] == [1, 2] and questions[0]["session"] == session["id"]
    listed = ok(api.get(f"/api/questions/?session_id={session['id']}", **recruiter.auth))
    assert [q["question_text"] for q in listed["results"]] == [q["question_text"] for q in questions]

    started = ok(api.post(f"/api/sessions/{session['id']}/start/", **recruiter.auth))  # step 5
    assert started["session"]["status"] == "in_progress" and started["session"]["started_at"]
    assert "speed up a slow reporting query" in started["message"]["content"]
    opening = ok(api.post("/api/ai-interview/", {"action": "initialize", "session_id": session["id"]},
                          format="json", **recruiter.auth))                    # step 6: the same opening, once
    assert opening["message"] == started["message"]["content"]
    assert opening["conversation"][0]["speaker"] == "ai"

    first = ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                               "student_response": GOOD_ANSWER}, format="json", **recruiter.auth))
    assert "What are your strengths?" in first["message"]                      # step 7
    assert [entry["speaker"] for entry in first["conversation"]] == ["student", "ai"]
    last = ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                              "student_response": STRONG}, format="json", **recruiter.auth))
    assert last["interview_complete"] is True
    ended = ok(api.post("/api/ai-interview/", {"action": "end", "session_id": session["id"]}, format="json",
                        **recruiter.auth))                                     # step 8
    assert ended["status"] == "completed" and ended["evaluation"]["overall_score"] is not None
    again = ok(api.post(f"/api/sessions/{session['id']}/end/", **recruiter.auth))  # step 9: idempotent
    assert again["session"]["status"] == "completed" and again["session"]["ended_at"]
    assert again["evaluation"]["overall_score"] == ended["evaluation"]["overall_score"]
    report = ok(api.post("/api/reports/generate/", {"session_id": session["id"]}, format="json",
                         **recruiter.auth))                                    # step 10
    assert report["interview_id"] == session["id"] and report["report_url"]
    assert ok(api.get(f"/api/reports/{report['id']}/", **recruiter.auth))["id"] == report["id"]

    # the expected answer fed the first question's rubric: the answer is credited with its points
    answer = ended["evaluation"]["answers"][0]
    assert any("composite index" in point for point in answer["rubric_points_covered"])
    # the scheduled interview is nobody's practice: it is not in the recruiter's own history
    assert ok(api.get("/api/interviews", **recruiter.auth))["count"] == 0
    stored = db.execute("select user_id, scheduled_by::text, status from public.interviews where id = %s",
                        (session["id"],)).fetchone()
    assert stored == (None, recruiter.id, "completed")


def test_the_adapter_stores_the_same_conversation_as_the_engines_endpoints(api, recruiter, team):
    session = schedule(api, recruiter, *team)
    ok(api.post("/api/ai-interview/", {"action": "initialize", "session_id": session["id"]}, format="json",
                **recruiter.auth))
    ok(api.post("/api/conversations/", {"session": session["id"], "speaker": "student", "message": GOOD_ANSWER},
                format="json", **recruiter.auth), 201)
    conversation = ok(api.get(f"/api/conversations/?session_id={session['id']}", **recruiter.auth))
    detail = ok(api.get(f"/api/interviews/{session['id']}", **recruiter.auth))
    engine_view = [("student" if m["role"] == "candidate" else "ai", m["content"]) for m in detail["messages"]]
    assert [(entry["speaker"], entry["message"]) for entry in conversation] == engine_view
    assert [entry["speaker"] for entry in conversation] == ["ai", "student", "ai"]
    one = ok(api.get(f"/api/conversations/{conversation[1]['id']}/?session_id={session['id']}", **recruiter.auth))
    assert one["message"] == GOOD_ANSWER
    # the AI's messages are the engine's: they cannot be posted
    refused = api.post("/api/conversations/", {"session": session["id"], "speaker": "ai", "message": "hired"},
                       format="json", **recruiter.auth)
    assert refused.status_code == 400 and "speaker" in refused.json()["error"]["details"]


def test_a_candidate_takes_the_interview_through_the_invitation_link(api, recruiter, team):
    interviewer, student = team
    session = schedule(api, recruiter, interviewer, student)
    add_questions(api, recruiter, session["id"])
    link = ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    assert link["token"] in link["url"] and link["emailed"] is False
    assert len(link["token"]) >= 40
    landing = ok(api.get("/api/invitation/", **invited(link["token"])))
    assert landing["title"] == session["title"] and landing["interviewer_name"] == "John Doe"
    assert "job_description" not in landing and "PostgreSQL performance" not in str(landing)

    opening = ok(api.post("/api/ai-interview/", {"action": "initialize", "session_id": session["id"]},
                          format="json", **invited(link["token"])))
    assert "slow reporting query" in opening["message"]
    turn = ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                              "student_response": GOOD_ANSWER, "client_message_id": "m-1"},
                       format="json", **invited(link["token"])))
    retried = ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                                 "student_response": GOOD_ANSWER, "client_message_id": "m-1"},
                          format="json", **invited(link["token"])))
    assert retried["replayed"] is True and retried["message"] == turn["message"]
    history = ok(api.get(f"/api/conversations/?session_id={session['id']}", **invited(link["token"])))
    assert [entry["speaker"] for entry in history] == ["ai", "student", "ai"]  # the retry is kept once
    # what the candidate is shown never carries the expected answer, the job description or the plan
    for shown in (opening, turn, history):
        assert "EXPLAIN ANALYZE before and after" not in str(shown) and "performance tuning" not in str(shown)

    # the token opens this one interview and nothing else
    other = schedule(api, recruiter, interviewer, student, title="Another round")
    assert api.get(f"/api/conversations/?session_id={other['id']}", **invited(link["token"])).status_code == 404
    assert api.get(f"/api/sessions/{session['id']}/", **invited(link["token"])).status_code == 401
    assert api.post("/api/ai-interview/", {"action": "initialize", "session_id": other["id"]}, format="json",
                    **invited(link["token"])).status_code == 404

    ended = ok(api.post("/api/ai-interview/", {"action": "end", "session_id": session["id"]}, format="json",
                        **invited(link["token"])))
    assert ended == {"session_id": session["id"], "status": "completed",  # the scores are the interviewer's
                     "message": "Thank you for your time: the interview is over, and your interviewer will be in "
                                "touch."}
    reused = api.post("/api/ai-interview/", {"action": "initialize", "session_id": session["id"]}, format="json",
                      **invited(link["token"]))
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "invitation_used"  # not "revoked": the candidate is told it is over
    assert api.get("/api/invitation/", **invited(link["token"])).status_code == 401
    results = ok(api.get(f"/api/sessions/{session['id']}/results/", **recruiter.auth))
    assert results["evaluation"]["answers"][0]["answer_text"] == GOOD_ANSWER


def test_revoked_reissued_expired_and_unknown_invitations_are_refused(api, recruiter, team, db):
    session = schedule(api, recruiter, *team)
    first = ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    second = ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    assert first["token"] != second["token"]
    body = {"action": "initialize", "session_id": session["id"]}
    replaced = api.post("/api/ai-interview/", body, format="json", **invited(first["token"]))
    assert replaced.status_code == 401 and replaced.json()["error"]["code"] == "invitation_revoked"
    assert ok(api.get(f"/api/sessions/{session['id']}/invite/", **recruiter.auth))["invitation"]["expires_at"]

    assert api.delete(f"/api/sessions/{session['id']}/invite/", **recruiter.auth).status_code == 204
    revoked = api.post("/api/ai-interview/", body, format="json", **invited(second["token"]))
    assert revoked.status_code == 401 and revoked.json()["error"]["code"] == "invitation_revoked"
    assert api.delete(f"/api/sessions/{session['id']}/invite/", **recruiter.auth).status_code == 404

    third = ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    db.execute("update public.interview_invitations set created_at = now() - interval '8 days',"
               " expires_at = now() - interval '1 day' where interview_id = %s and revoked_at is null",
               (session["id"],))
    expired = api.post("/api/ai-interview/", body, format="json", **invited(third["token"]))
    assert expired.status_code == 401 and expired.json()["error"]["code"] == "invitation_expired"
    unknown = api.post("/api/ai-interview/", body, format="json", **invited("not-a-token"))
    assert unknown.status_code == 401 and unknown.json()["error"]["code"] == "invitation_invalid"
    # nothing started on any of those attempts, and only a hash of each token is stored
    assert db.execute("select status from public.interviews where id = %s", (session["id"],)).fetchone()[0] \
        == "scheduled"
    hashes = [row[0] for row in db.execute("select token_hash from public.interview_invitations"
                                           " where interview_id = %s", (session["id"],))]
    assert len(hashes) == 3 and not {first["token"], second["token"], third["token"]} & set(hashes)


def test_the_invitation_expires_after_the_configured_days(api, recruiter, team, settings):
    settings.INVITATION_TTL_DAYS = 2
    session = schedule(api, recruiter, *team)
    link = ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    lifetime = datetime.fromisoformat(link["expires_at"]) - datetime.now(UTC)
    assert timedelta(days=1, hours=23) < lifetime <= timedelta(days=2)


def test_a_signed_in_candidate_accepts_and_takes_the_interview(api, recruiter, team, make_user):
    interviewer, student = team
    session = schedule(api, recruiter, interviewer, student)
    jane = make_user(email=student["email"].upper())  # the student's address (any case), verified
    jane_auth = {"HTTP_AUTHORIZATION": f"Bearer {jane.access_token}"}
    offered = ok(api.get("/api/candidate/sessions/", **jane_auth))
    assert [s["id"] for s in offered["results"]] == [session["id"]] and offered["results"][0]["accepted"] is False
    assert "job_description" not in offered["results"][0]
    shown = ok(api.get(f"/api/candidate/sessions/{session['id']}/", **jane_auth))  # readable before accepting
    assert shown["accepted"] is False and shown["title"] == session["title"] and "job_description" not in shown
    # before accepting, the candidate cannot drive it; a stranger never can
    body = {"action": "initialize", "session_id": session["id"]}
    assert api.post("/api/ai-interview/", body, format="json", **jane_auth).status_code == 404
    stranger = candidate(make_user)
    taken = api.post(f"/api/candidate/sessions/{session['id']}/accept/", **stranger.auth)
    assert (taken.status_code, taken.json()["error"]["message"]) == (
        404, "No interview scheduled for your e-mail address has this id (or it is over, or someone else took it).")
    assert api.get(f"/api/candidate/sessions/{session['id']}/", **stranger.auth).status_code == 404

    accepted = ok(api.post(f"/api/candidate/sessions/{session['id']}/accept/", **jane_auth))
    assert accepted["accepted"] is True
    mine = ok(api.get("/api/interviews", **jane_auth))
    assert [(row["id"], row["scheduled"]) for row in mine["results"]] == [(session["id"], True)]  # in her history
    assert ok(api.get("/api/interviews?search=PostgreSQL", **jane_auth))["count"] == 0  # the JD stays hidden
    assert api.get(f"/api/interviews/{session['id']}", **jane_auth).status_code == 404  # no plan, no rubric
    ok(api.post("/api/ai-interview/", body, format="json", **jane_auth))
    turn = ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                              "student_response": WEAK}, format="json", **jane_auth))
    assert turn["conversation"][0]["message"] == WEAK
    assert ok(api.get(f"/api/candidate/sessions/{session['id']}/", **jane_auth))["status"] == "in_progress"
    # the interviewer's own endpoints stay theirs
    for path in (f"/api/sessions/{session['id']}/", f"/api/sessions/{session['id']}/results/",
                 f"/api/questions/?session_id={session['id']}"):
        got = api.get(path, **jane_auth)
        assert got.status_code == 404 or got.json().get("count") == 0, path


def test_an_unverified_address_matches_no_interview(api, recruiter, team, db, make_user):
    student = team[1]
    session = schedule(api, recruiter, *team)
    jane = make_user(email=student["email"].lower())
    db.execute("update auth.users set email_confirmed_at = null where id = %s", (jane.id,))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {jane.access_token}"}
    assert api.get("/api/candidate/sessions/", **auth).status_code == 403
    assert api.post(f"/api/candidate/sessions/{session['id']}/accept/", **auth).status_code == 403


def test_scheduling_rules_answer_400_naming_the_field(api, recruiter, team, make_user):
    interviewer, student = team
    base = {"title": "Round 1", "interviewer_id": interviewer["id"], "student_id": student["id"],
            "duration_minutes": 30, "scheduled_at": soon()}
    cases = [({"scheduled_at": (datetime.now(UTC) - timedelta(hours=2)).isoformat()}, "scheduled_at"),
             ({"duration_minutes": 4}, "duration_minutes"), ({"duration_minutes": 181}, "duration_minutes")]
    other = candidate(make_user)
    foreign = ok(api.post("/api/students/", {"name": "Not yours", "email": "x@example.test"}, format="json",
                          **other.auth), 201)
    foreign_interviewer = ok(api.post("/api/interviewers/", {"name": "Not yours", "email": "y@example.test"},
                                      format="json", **other.auth), 201)
    cases += [({"student_id": foreign["id"]}, "student_id"), ({"interviewer_id": foreign_interviewer["id"]},
                                                               "interviewer_id")]
    for change, field in cases:
        answer = api.post("/api/sessions/", {**base, **change}, format="json", **recruiter.auth)
        assert answer.status_code == 400, (change, answer.content)
        assert field in answer.json()["error"]["details"], (change, answer.json())
    duplicate = api.post("/api/students/", {"name": "Jane again", "email": student["email"].upper()},
                         format="json", **recruiter.auth)
    assert duplicate.status_code == 400 and "email" in duplicate.json()["error"]["details"]
    # another recruiter may have the same student address
    ok(api.post("/api/students/", {"name": "Jane", "email": student["email"]}, format="json",
                **other.auth), 201)
    # and nothing of another recruiter's is reachable: 404, never 403
    for path in (f"/api/students/{foreign['id']}/", f"/api/interviewers/{foreign_interviewer['id']}/"):
        assert api.get(path, **recruiter.auth).status_code == 404


def test_sessions_change_only_before_they_start(api, recruiter, team):
    session = schedule(api, recruiter, *team)
    moved = ok(api.patch(f"/api/sessions/{session['id']}/", {"duration_minutes": 45, "title": "Round 2"},
                         format="json", **recruiter.auth))
    assert (moved["duration_minutes"], moved["title"]) == (45, "Round 2")
    question = ok(api.post("/api/questions/", {"session": session["id"], "question_text": "Why this team?"},
                           format="json", **recruiter.auth), 201)
    ok(api.post(f"/api/sessions/{session['id']}/start/", **recruiter.auth))
    for fixed in (api.patch(f"/api/questions/{question['id']}/", {"order": 3}, format="json", **recruiter.auth),
                  api.delete(f"/api/questions/{question['id']}/", **recruiter.auth)):
        assert fixed.status_code == 409 and fixed.json()["error"] == {
            "code": "invalid_transition", "message": "The session is in_progress: its questions are fixed.",
            "details": {"status": "in_progress"}}
    assert api.patch(f"/api/sessions/{session['id']}/", {"title": "Late"}, format="json",
                     **recruiter.auth).status_code == 409
    late = api.post("/api/questions/", {"session": session["id"], "question_text": "Too late?"}, format="json",
                    **recruiter.auth)
    assert late.status_code == 400 and "session" in late.json()["error"]["details"]
    cancelled = schedule(api, recruiter, *team, title="Cancelled one")
    link = ok(api.post(f"/api/sessions/{cancelled['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    assert ok(api.patch(f"/api/sessions/{cancelled['id']}/", {"status": "cancelled"}, format="json",
                        **recruiter.auth))["status"] == "cancelled"
    assert ok(api.get(f"/api/sessions/{cancelled['id']}/invite/", **recruiter.auth)) == {"invitation": None}
    assert api.get("/api/invitation/", **invited(link["token"])).status_code == 401
    assert api.post(f"/api/sessions/{cancelled['id']}/start/", **recruiter.auth).status_code == 409
    listed = ok(api.get("/api/sessions/?status=cancelled", **recruiter.auth))
    assert [row["id"] for row in listed["results"]] == [cancelled["id"]]
    assert api.delete(f"/api/sessions/{cancelled['id']}/", **recruiter.auth).status_code == 204
    assert api.get(f"/api/sessions/{cancelled['id']}/", **recruiter.auth).status_code == 404


def test_results_compare_the_candidates_of_one_role(api, recruiter, team):
    interviewer, first_student = team
    second_student = ok(api.post("/api/students/", {"name": "Raj Patel", "email": "raj@example.test"},
                                 format="json", **recruiter.auth), 201)
    sessions = []
    for student, answers in ((first_student, (GOOD_ANSWER, STRONG)), (second_student, (WEAK, WEAK))):
        session = schedule(api, recruiter, interviewer, student, title="Backend round")
        add_questions(api, recruiter, session["id"])
        ok(api.post(f"/api/sessions/{session['id']}/start/", **recruiter.auth))
        for answer in answers:
            ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                               "student_response": answer}, format="json", **recruiter.auth))
        ok(api.post(f"/api/sessions/{session['id']}/end/", **recruiter.auth))
        sessions.append(session)
    results = ok(api.get(f"/api/sessions/{sessions[1]['id']}/results/", **recruiter.auth))
    comparison = results["comparison"]
    assert comparison["questions"] == ["How would you speed up a slow reporting query?", "What are your strengths?"]
    names = [c["student"]["name"] for c in comparison["candidates"]]
    assert names == ["Jane Smith", "Raj Patel"]  # best first
    jane, raj = comparison["candidates"]
    assert jane["scores"]["overall"] > raj["scores"]["overall"] and raj["this_session"] is True
    assert set(jane["answers"]) == set(comparison["questions"])
    assert results["coverage"]["items"]  # the job description's requirements, each probed or not
    not_yet = schedule(api, recruiter, interviewer, first_student)
    assert api.get(f"/api/sessions/{not_yet['id']}/results/", **recruiter.auth).status_code == 409


# RLS: owner / interviewer / candidate / outsider through /rest/v1 -------------------------------------------


def test_row_level_security_matrix(api, recruiter, recruiter_user, team, make_user, service_client):
    interviewer, student = team
    session = schedule(api, recruiter, interviewer, student)
    questions = add_questions(api, recruiter, session["id"])
    ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    jane = make_user(email=student["email"].lower())
    jane_auth = {"HTTP_AUTHORIZATION": f"Bearer {jane.access_token}"}
    ok(api.post(f"/api/candidate/sessions/{session['id']}/accept/", **jane_auth))
    ok(api.post("/api/ai-interview/", {"action": "initialize", "session_id": session["id"]}, format="json",
                **jane_auth))
    ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                       "student_response": GOOD_ANSWER}, format="json", **jane_auth))
    owner = make_user()  # someone with a practice interview of their own
    practice = ok(api.post("/api/interviews", {"job_role": "Data Engineer", "experience_level": "mid",
                                               "interview_type": "technical", "num_questions": 2},
                           format="json", HTTP_AUTHORIZATION=f"Bearer {owner.access_token}"), 201)
    ok(api.post(f"/api/interviews/{practice['id']}/start", HTTP_AUTHORIZATION=f"Bearer {owner.access_token}"))
    outsider = make_user()
    recruiter_client = recruiter_user

    def visible(user, table: str, column: str, value: str) -> int:
        return len(user.client.table(table).select("*").eq(column, value).execute().data)

    scheduled = [("interviews", "id", session["id"]), ("interview_answers", "interview_id", session["id"]),
                 ("interview_messages", "interview_id", session["id"]),
                 ("questions", "session_id", session["id"]), ("interview_invitations", "interview_id", session["id"]),
                 ("students", "id", student["id"]), ("interviewers", "id", interviewer["id"])]
    expected = {  # rows each party sees of the recruiter's scheduled interview
        "interviews": (1, 0, 0), "interview_answers": (2, 0, 0), "interview_messages": (3, 3, 0),
        "questions": (2, 0, 0), "interview_invitations": (1, 0, 0), "students": (1, 0, 0), "interviewers": (1, 0, 0),
    }
    for table, column, value in scheduled:
        seen = (visible(recruiter_client, table, column, value), visible(jane, table, column, value),
                visible(outsider, table, column, value))
        assert seen == expected[table], table
    # the interviewer never sees a candidate's own practice interview, nor does anyone else
    for table, column in (("interviews", "id"), ("interview_answers", "interview_id"),
                          ("interview_messages", "interview_id")):
        assert visible(owner, table, column, practice["id"]) >= 1, table
        for other in (recruiter_client, jane, outsider):
            assert visible(other, table, column, practice["id"]) == 0, table
    # nobody writes the recruiter's rows through /rest/v1 but the recruiter, column by column
    for user in (jane, outsider):
        assert user.client.table("students").update({"name": "Hacked"}).eq("id", student["id"]).execute().data == []
        assert user.client.table("questions").update({"expected_answer": "x"}).eq("id", questions[0]["id"]) \
            .execute().data == []
    with pytest.raises(Exception, match="42501|permission denied"):
        recruiter_client.client.table("interviews").update({"candidate_id": outsider.id}) \
            .eq("id", session["id"]).execute()
    with pytest.raises(Exception, match="42501|permission denied"):
        recruiter_client.client.table("interview_invitations").update({"revoked_at": None}) \
            .eq("interview_id", session["id"]).execute()
    renamed = recruiter_client.client.table("students").update({"name": "Jane S."}).eq("id", student["id"]) \
        .execute().data
    assert renamed[0]["name"] == "Jane S."

    # what the finished session produced: the scheduling user reads all of it, no one else any
    ok(api.post(f"/api/sessions/{session['id']}/end/", **recruiter.auth))
    ok(api.post("/api/reports/generate/", {"session_id": session["id"]}, format="json", **recruiter.auth))
    for table in ("interview_coverage", "skill_gaps", "reports", "recordings", "answer_attempts"):
        stored = len(service_client.table(table).select("id").eq("interview_id", session["id"]).execute().data)
        if table in ("interview_coverage", "reports"):
            assert stored >= 1, table
        assert visible(recruiter_client, table, "interview_id", session["id"]) == stored, table
        assert visible(jane, table, "interview_id", session["id"]) == 0, table
        assert visible(outsider, table, "interview_id", session["id"]) == 0, table


def test_an_invited_candidate_answers_by_voice_through_voice_to_text(api, recruiter, team, settings):
    from tests.api.fake_openai import FakeOpenAI
    from tests.api.media_helpers import upload, webm_bytes

    session = schedule(api, recruiter, *team)
    link = ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    with FakeOpenAI(transcribe=lambda fields, data: (200, {"text": " I would add an index. ", "language": "en"})) \
            as fake:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "test-key", fake.base_url
        settings.TRANSCRIPTION_MODEL = "fake-whisper"
        heard = api.post("/api/conversations/voice_to_text/", {"audio_file": upload("a.webm", webm_bytes())},
                         format="multipart", **invited(link["token"]))
        stranger = api.post("/api/conversations/voice_to_text/", {"audio_file": upload("a.webm", webm_bytes())},
                            format="multipart")
        forged = api.post("/api/conversations/voice_to_text/", {"audio_file": upload("a.webm", webm_bytes())},
                          format="multipart", **invited("forged"))
    assert ok(heard)["text"] == "I would add an index."
    assert stranger.status_code == 401 and forged.status_code == 401
    assert len(fake.transcriptions) == 1  # refused requests never reached the speech model


def test_invitations_are_mailed_through_supabase_auth_when_configured(api, recruiter, team, settings, db):
    settings.INVITATION_EMAIL = "supabase"
    settings.INVITATION_URL = "https://app.example.test/join?t={token}"
    interviewer, student = team
    session = schedule(api, recruiter, interviewer, student)
    link = ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    assert link["emailed"] is True and link["url"] == f"https://app.example.test/join?t={link['token']}"
    invited_at, confirmed = db.execute("select invited_at, email_confirmed_at from auth.users"
                                       " where lower(email) = %s", (student["email"].lower(),)).fetchone()
    assert invited_at is not None and confirmed is None
    assert db.execute("select emailed_at is not null from public.interview_invitations where interview_id = %s"
                      " and revoked_at is null", (session["id"],)).fetchone()[0]
    quiet = ok(api.post(f"/api/sessions/{session['id']}/invite/", {"send_email": False}, format="json",
                        **recruiter.auth), 201)
    assert quiet["emailed"] is False


def test_the_recruiters_export_holds_their_team_and_the_interviews_they_scheduled(api, recruiter, team):
    interviewer, student = team
    session = schedule(api, recruiter, interviewer, student)
    add_questions(api, recruiter, session["id"])
    ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    finished = schedule(api, recruiter, interviewer, student, title="Finished round")
    ok(api.post(f"/api/sessions/{finished['id']}/start/", **recruiter.auth))
    ok(api.post(f"/api/sessions/{finished['id']}/end/", **recruiter.auth))  # nothing answered: abandoned
    ok(api.post("/api/ai-interview/", {"action": "initialize", "session_id": session["id"]}, format="json",
                **recruiter.auth))
    for answer in (GOOD_ANSWER, STRONG):
        ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                           "student_response": answer}, format="json", **recruiter.auth))
    ok(api.post(f"/api/sessions/{session['id']}/end/", **recruiter.auth))
    report = ok(api.post("/api/reports/generate/", {"session_id": session["id"]}, format="json", **recruiter.auth))
    data = ok(api.get("/api/user/export", **recruiter.auth))
    [exported_report] = data["reports"]
    assert exported_report["id"] == report["id"]
    assert httpx.get(exported_report["download_url"]).content.startswith(b"%PDF")
    assert [row["id"] for row in data["interviewers"]] == [interviewer["id"]]
    assert [row["email"] for row in data["students"]] == [student["email"]]
    scheduled, _ = data["scheduled_interviews"]
    assert scheduled["id"] == session["id"] and len(scheduled["interview_invitations"]) == 1
    assert sorted(m["content"] for m in scheduled["interview_messages"] if m["role"] == "candidate") == \
        sorted([GOOD_ANSWER, STRONG])
    assert "token_hash" not in scheduled["interview_invitations"][0]
    assert sorted(q["question_text"] for q in data["questions"]) == [
        "How would you speed up a slow reporting query?", "What are your strengths?"]
    assert data["interviews"] == []  # none of the caller's own practice


def test_interviewers_students_and_session_questions_are_listed_changed_and_deleted(api, recruiter, team, db,
                                                                                    make_user):
    interviewer, student = team
    second = ok(api.post("/api/interviewers/", {"name": "Ann Lee", "email": "ann@example.com"}, format="json",
                         **recruiter.auth), 201)
    page = ok(api.get("/api/interviewers/?page_size=1", **recruiter.auth))
    assert (page["count"], [row["id"] for row in page["results"]]) == (2, [interviewer["id"]])
    assert page["next"].endswith("page=2&page_size=1") or "page=2" in page["next"]
    assert ok(api.get(f"/api/interviewers/{second['id']}/", **recruiter.auth)) == second
    renamed = ok(api.patch(f"/api/interviewers/{second['id']}/", {"name": "Ann Lee-Park"}, format="json",
                           **recruiter.auth))
    assert (renamed["name"], renamed["email"]) == ("Ann Lee-Park", "ann@example.com")
    replaced = ok(api.put(f"/api/interviewers/{second['id']}/", {"name": "Ann", "email": "ann@corp.example"},
                          format="json", **recruiter.auth))
    assert (replaced["name"], replaced["email"]) == ("Ann", "ann@corp.example")
    assert api.put(f"/api/interviewers/{second['id']}/", {"name": "Ann"}, format="json",
                   **recruiter.auth).status_code == 400  # PUT takes every field
    assert ok(api.patch(f"/api/interviewers/{second['id']}/", {}, format="json", **recruiter.auth)) == replaced
    assert api.delete(f"/api/interviewers/{second['id']}/", **recruiter.auth).status_code == 204
    assert api.get(f"/api/interviewers/{second['id']}/", **recruiter.auth).status_code == 404
    assert api.delete(f"/api/interviewers/{second['id']}/", **recruiter.auth).status_code == 404

    session = schedule(api, recruiter, interviewer, student)
    assert ok(api.get(f"/api/students/{student['id']}/", **recruiter.auth))["email"] == student["email"]
    moved = ok(api.patch(f"/api/students/{student['id']}/", {"email": "Jane.New@example.test"}, format="json",
                         **recruiter.auth))
    assert moved["email"] == "Jane.New@example.test"
    # her interview not yet taken now waits for the new address
    assert ok(api.get(f"/api/sessions/{session['id']}/", **recruiter.auth))["candidate_email"] == \
        "jane.new@example.test"
    assert ok(api.get("/api/students/", **recruiter.auth))["count"] == 1
    assert ok(api.patch(f"/api/students/{student['id']}/", {}, format="json", **recruiter.auth)) == moved

    [question, _] = add_questions(api, recruiter, session["id"])
    assert ok(api.get(f"/api/questions/{question['id']}/", **recruiter.auth)) == question
    changed = ok(api.patch(f"/api/questions/{question['id']}/", {
        "order": 5, "expected_answer": "Use an index.", "question_text": "How do you find a slow query?",
        "category": "Performance", "difficulty": "hard"}, format="json", **recruiter.auth))
    assert {key: changed[key] for key in ("order", "expected_answer", "question_text", "category", "difficulty",
                                          "session")} == {
        "order": 5, "expected_answer": "Use an index.", "question_text": "How do you find a slow query?",
        "category": "Performance", "difficulty": "hard", "session": session["id"]}
    listed = ok(api.get(f"/api/questions/?session_id={session['id']}", **recruiter.auth))["results"]
    assert [q["order"] for q in listed] == [2, 5]  # in their order
    assert api.delete(f"/api/questions/{question['id']}/", **recruiter.auth).status_code == 204
    assert api.get(f"/api/questions/{question['id']}/", **recruiter.auth).status_code == 404
    # an outsider reaches none of it, and a question of the bank is not a session question
    outsider = candidate(make_user)
    for path in (f"/api/students/{student['id']}/", f"/api/questions/{listed[0]['id']}/",
                 f"/api/sessions/{session['id']}/"):
        assert api.get(path, **outsider.auth).status_code == 404, path
        assert api.delete(path, **outsider.auth).status_code == 404, path
    bank_question = db.execute("select id::text from public.questions where session_id is null limit 1").fetchone()[0]
    assert api.get(f"/api/questions/{bank_question}/", **recruiter.auth).status_code == 404
    # deleting the student keeps the session, unlinked
    assert api.delete(f"/api/students/{student['id']}/", **recruiter.auth).status_code == 204
    assert ok(api.get(f"/api/sessions/{session['id']}/", **recruiter.auth))["student_id"] is None


def test_a_spoken_answers_audio_is_its_conversation_entrys_audio_file(api, recruiter, team, settings):
    from tests.api.fake_openai import FakeOpenAI
    from tests.api.media_helpers import upload, wav_bytes

    session = schedule(api, recruiter, *team)
    ok(api.post(f"/api/sessions/{session['id']}/start/", **recruiter.auth))
    audio = wav_bytes(2.0)
    with FakeOpenAI(transcribe=lambda fields, data: (200, {"text": GOOD_ANSWER, "language": "en"})) as fake:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "test-key", fake.base_url
        settings.TRANSCRIPTION_MODEL, settings.SCORING_WITH_MODEL = "fake-whisper", False
        spoken = api.post(f"/api/interviews/{session['id']}/messages",  # proctored: the interviewer's room
                          {"audio": upload("answer.wav", audio), "client_message_id": "voice-1"},
                          format="multipart", **recruiter.auth)
    assert spoken.status_code == 200, spoken.content
    ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                       "student_response": STRONG}, format="json", **recruiter.auth))
    conversation = ok(api.get(f"/api/conversations/?session_id={session['id']}", **recruiter.auth))
    said = [entry for entry in conversation if entry["speaker"] == "student"]
    assert [entry["message"] for entry in said] == [GOOD_ANSWER, STRONG]
    assert httpx.get(said[0]["audio_file"]).content == audio and said[1]["audio_file"] is None


def test_session_changes_are_checked_like_scheduling(api, recruiter, team, make_user):
    interviewer, student = team
    other_student = ok(api.post("/api/students/", {"name": "Raj Patel", "email": "Raj.P@example.test"},
                                format="json", **recruiter.auth), 201)
    session = schedule(api, recruiter, interviewer, student)
    path = f"/api/sessions/{session['id']}/"

    def refused(body: dict, field: str) -> list[str]:
        answer = api.patch(path, body, format="json", **recruiter.auth)
        assert answer.status_code == 400, (body, answer.content)
        assert list(answer.json()["error"]["details"]) == [field], answer.json()
        return answer.json()["error"]["details"][field]

    refused({"scheduled_at": (datetime.now(UTC) - timedelta(days=1)).isoformat()}, "scheduled_at")
    assert refused({"status": "completed"}, "status") == [
        "Only `cancelled` can be set; start and end a session through its actions."]
    refused({"duration_minutes": 200}, "duration_minutes")
    stranger = candidate(make_user)
    foreign = ok(api.post("/api/students/", {"name": "X", "email": "x@example.test"}, format="json",
                          **stranger.auth), 201)
    refused({"student_id": foreign["id"]}, "student_id")
    refused({"interviewer_id": foreign["id"]}, "interviewer_id")
    assert ok(api.patch(path, {}, format="json", **recruiter.auth)) == ok(api.get(path, **recruiter.auth))

    later = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    moved = ok(api.put(path, {"scheduled_at": later.isoformat(), "student_id": other_student["id"],
                              "status": "scheduled"}, format="json", **recruiter.auth))
    assert datetime.fromisoformat(moved["scheduled_at"]) == later
    assert (moved["student_id"], moved["candidate_email"]) == (other_student["id"], "raj.p@example.test")
    assert ok(api.patch(path, {"scheduled_at": None}, format="json", **recruiter.auth))["scheduled_at"] is None
    listed = ok(api.get(f"/api/sessions/?student_id={other_student['id']}", **recruiter.auth))
    assert [row["id"] for row in listed["results"]] == [session["id"]]
    assert ok(api.get(f"/api/sessions/?student_id={student['id']}", **recruiter.auth))["count"] == 0
    assert ok(api.get(f"/api/sessions/?interviewer_id={interviewer['id']}&status=scheduled",
                      **recruiter.auth))["count"] == 1
    assert api.get("/api/sessions/?status=over", **recruiter.auth).status_code == 400

    ok(api.post(f"/api/sessions/{session['id']}/start/", **recruiter.auth))
    late = api.patch(path, {"title": "Renamed"}, format="json", **recruiter.auth)
    assert late.status_code == 409
    assert late.json()["error"] == {"code": "invalid_transition", "details": {"status": "in_progress"},
                                    "message": "The session is in_progress: only a scheduled session can change."}
    assert ok(api.get(path, **recruiter.auth))["title"] == session["title"]


def test_refusals_say_what_was_not_found(api, recruiter, team):
    session = schedule(api, recruiter, *team)
    missing = "00000000-0000-4000-8000-000000000001"
    for path, message in ((f"/api/interviewers/{missing}/", "No such interviewer."),
                          (f"/api/students/{missing}/", "No such student."),
                          (f"/api/questions/{missing}/", "No such question."),
                          (f"/api/sessions/{missing}/", "No such interview session.")):
        answer = api.get(path, **recruiter.auth)
        assert (answer.status_code, answer.json()["error"]["message"]) == (404, message), path
    for path, message in ((f"/api/interviewers/{missing}/", "No such interviewer."),
                          (f"/api/students/{missing}/", "No such student."),
                          (f"/api/questions/{missing}/", "No such question.")):
        for answer in (api.patch(path, {"name": "x", "question_text": "x"}, format="json", **recruiter.auth),
                       api.delete(path, **recruiter.auth)):
            assert (answer.status_code, answer.json()["error"]["message"]) == (404, message), path
    revoke = api.delete(f"/api/sessions/{session['id']}/invite/", **recruiter.auth)
    assert (revoke.status_code, revoke.json()["error"]["message"]) == (404, "The session has no live invitation.")
    ai = api.post("/api/conversations/", {"session": session["id"], "speaker": "ai", "message": "x"},
                  format="json", **recruiter.auth)
    assert ai.json()["error"]["details"] == {"speaker": [
        "Only `student` messages can be added: the AI interviewer's come from the interview itself."]}
    ok(api.post(f"/api/sessions/{session['id']}/start/", **recruiter.auth))
    first = ok(api.post("/api/conversations/", {"session": session["id"], "speaker": "student", "message": WEAK,
                                                "client_message_id": "c-1"}, format="json", **recruiter.auth), 201)
    again = ok(api.post("/api/conversations/", {"session": session["id"], "speaker": "student", "message": WEAK,
                                                "client_message_id": "c-1"}, format="json", **recruiter.auth), 201)
    assert again["replayed"] is True and again["conversation"] == first["conversation"]
    ok(api.post(f"/api/interviews/{session['id']}/skip", **recruiter.auth))  # a skip is the engine's marker
    entries = ok(api.get(f"/api/conversations/?session_id={session['id']}", **recruiter.auth))
    assert {entry["session"] for entry in entries} == {session["id"]}
    assert [entry["speaker"] for entry in entries] == ["ai", "student", "ai", "ai"]  # no entry for the skip
    roles = [m["role"] for m in ok(api.get(f"/api/interviews/{session['id']}", **recruiter.auth))["messages"]]
    assert roles == ["interviewer", "candidate", "interviewer", "system", "interviewer"]


def test_a_scheduled_coding_interviews_candidate_runs_and_submits_code(api, recruiter, team, make_user, settings):
    from backend.llm_api.services.question_bank import question_bank_entries
    from tests.api.coding_solutions import CORRECT

    settings.CODE_RUN_CPU_SECONDS, settings.CODE_RUN_WALL_SECONDS = 1, 3
    interviewer, student = team
    session = schedule(api, recruiter, interviewer, student, interview_type="coding", difficulty="easy",
                       num_questions=1, job_description=None)
    link = ok(api.post(f"/api/sessions/{session['id']}/invite/", {}, format="json", **recruiter.auth), 201)
    ok(api.post("/api/ai-interview/", {"action": "initialize", "session_id": session["id"]}, format="json",
                **invited(link["token"])))
    asked = ok(api.get(f"/api/interviews/{session['id']}/code", **invited(link["token"])))["question"]
    source = CORRECT[next(q.key for q in question_bank_entries() if q.question == asked)]["python"]
    ran = ok(api.post(f"/api/interviews/{session['id']}/code/run", {"language": "python", "source": source},
                      format="json", **invited(link["token"])))
    assert ran["passed"] == ran["total"] > 0
    submitted = ok(api.post(f"/api/interviews/{session['id']}/code/submit", {"language": "python", "source": source},
                            format="json", **invited(link["token"])), 201)
    assert submitted["solved"] is True
    # a turn of the session's conversation: the AI states the results and asks about the approach
    result = f"{submitted['total_hidden']} of {submitted['total_hidden']} hidden tests passed"
    *_, code, reply = ok(api.get(f"/api/conversations/?session_id={session['id']}", **invited(link["token"])))
    assert (code["speaker"], reply["speaker"], reply["message"]) == ("student", "ai", submitted["message"]["content"])
    assert result in code["message"] and result in reply["message"] and "complexity" in reply["message"]
    # a scheduled interview is nobody's practice: the scheduler's statistics count no solved problem
    assert ok(api.get("/api/statistics", **recruiter.auth))["problems_solved"] == 0
    # the interviewer sees the submission; the link opens this interview's code only, a stranger none
    assert len(ok(api.get(f"/api/interviews/{session['id']}/code", **recruiter.auth))["submissions"]) == 1
    other = schedule(api, recruiter, interviewer, student, interview_type="coding", title="Other")
    assert api.get(f"/api/interviews/{other['id']}/code", **invited(link["token"])).status_code == 404
    stranger = candidate(make_user)
    assert api.get(f"/api/interviews/{session['id']}/code", **stranger.auth).status_code == 404
    assert api.get(f"/api/interviews/{session['id']}/code").status_code == 401


def test_an_interviewers_own_coding_question_has_no_runnable_problem_and_says_so(api, recruiter, team):
    interviewer, student = team
    session = schedule(api, recruiter, interviewer, student, interview_type="coding", job_description=None)
    ok(api.post("/api/questions/bulk_create/", {"questions": [
        {"session": session["id"], "question_text": "Write a function that merges two sorted lists.",
         "category": "Algorithms", "difficulty": "medium", "order": 1}]}, format="json", **recruiter.auth), 201)
    ok(api.post("/api/ai-interview/", {"action": "initialize", "session_id": session["id"]}, format="json",
                **recruiter.auth))
    body = {"language": "python", "source": "def merge(a, b):\n    return sorted(a + b)\n"}
    for refused in (api.get(f"/api/interviews/{session['id']}/code", **recruiter.auth),
                    api.post(f"/api/interviews/{session['id']}/code/submit", body, format="json", **recruiter.auth)):
        assert (refused.status_code, refused.json()["error"]["code"]) == (404, "no_runnable_problem")
    # it is answered in words, as any question
    answered = ok(api.post("/api/ai-interview/", {"action": "respond", "session_id": session["id"],
                                                  "student_response": "I would walk both lists with two indices."},
                           format="json", **recruiter.auth))
    assert answered["message"]
