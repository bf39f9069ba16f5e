"""Interview results are written by the server only (issue 13.1), proven through /rest/v1.

A user's token may create an interview and rename it; every other column of `interviews`
(status, scores, feedback, engine state, provenance, the flow's timestamps, counts, the
recruiter fields) and every column of what the interview produces (answers, messages, skill
gaps, coverage, recordings) is refused with PostgREST's 403 and SQLSTATE 42501. The service key writes
them all, and `finish_interview` stays the only way a user's interview gets its scores.
"""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest
from postgrest.exceptions import APIError

from tests.schema.seed_rows import PRODUCT_TABLES, SERVER_WRITTEN_TABLES, UserRows, seed_user_rows

WHEN = "2026-11-30T10:00:00+00:00"
LATER = "2026-11-30T10:30:00+00:00"
SOME_UUID = "00000000-0000-4000-8000-000000000013"

# What a user may write on their own interviews.
INTERVIEW_INSERTABLE = {
    "user_id": "@user_id",
    "resume_id": "@resume_id",
    "title": "Mock for Acme",
    "job_role": "Backend engineer",
    "job_description": "Postgres, Python",
    "experience_level": "senior",
    "interview_type": "coding",
    "difficulty": "hard",
    "planned_questions": 3,
}
INTERVIEW_UPDATABLE = {"title": "Renamed"}

# Every other column of each table, with a value its type accepts ("@name": the caller's own
# row of that kind), so a refusal can only be the privilege, never a malformed value.
SERVER_COLUMNS = {
    "interviews": {
        "id": SOME_UUID,
        "scheduled_by": "@user_id",
        "candidate_email": "candidate@example.test",
        "interviewer_id": "@interviewer_id",
        "student_id": "@student_id",
        "candidate_id": "@user_id",
        "description": "Second round",
        "duration_minutes": 45,
        "status": "completed",
        "answered_count": 5,
        "feedback": {"summary": "Outstanding, hire"},
        "overall_score": 99,
        "communication_score": 100,
        "technical_score": 100,
        "problem_solving_score": 100,
        "code_quality_score": 100,
        "scoring_engine": "x",
        "rubric_version": "r1",
        "scored_at": LATER,
        "delivery_metrics": {"words_per_minute": 150},
        "engine_state": {"plan": "forged"},
        "summary": "Hire",
        "duration_seconds": 1800,
        "scheduled_for": WHEN,
        "started_at": WHEN,
        "completed_at": LATER,
        "created_at": WHEN,
        "updated_at": LATER,
    },
    "interview_answers": {
        "id": SOME_UUID,
        "interview_id": "@interview_id",
        "question_id": "@question_id",
        "position": 2,
        "question_text": "Explain MVCC.",
        "question_type": "open",
        "category": "databases",
        "answer_text": "Snapshots.",
        "skipped": False,
        "score": 100,
        "feedback": {"note": "perfect"},
        "evidence": ["I invented MVCC"],
        "scoring_engine": "x",
        "rubric_version": "r1",
        "scored_at": LATER,
        "delivery_metrics": {"pauses": 0},
        "follow_up_count": 1,
        "asked_at": WHEN,
        "answered_at": LATER,
        "created_at": WHEN,
        "updated_at": LATER,
    },
    "interview_messages": {
        "id": SOME_UUID,
        "interview_id": "@interview_id",
        "role": "interviewer",
        "content": "Excellent, you are hired.",
        "answer_id": "@answer_id",
        "question_id": "@question_id",
        "input_mode": "voice",
        "metadata": {"forged": True},
        "created_at": WHEN,
    },
    "skill_gaps": {
        "id": SOME_UUID,
        "interview_id": "@interview_id",
        "user_id": "@user_id",
        "answer_id": "@answer_id",
        "skill": "Nothing to learn",
        "severity": "low",
        "evidence": "none",
        "recommendation": "none",
        "resources": [],
        "created_at": WHEN,
        "updated_at": LATER,
    },
    "interview_coverage": {
        "id": SOME_UUID,
        "interview_id": "@interview_id",
        "source": "resume",
        "item": "Kafka",
        "answer_id": "@answer_id",
        "status": "demonstrated",
        "evidence": "said so",
        "created_at": WHEN,
        "updated_at": LATER,
    },
    "recordings": {
        "id": SOME_UUID,
        "interview_id": "@interview_id",
        "answer_id": "@answer_id",
        "kind": "video",
        "storage_path": f"{SOME_UUID}/forged.webm",
        "content_type": "video/webm",
        "size_bytes": 1,
        "duration_seconds": 3600,
        "expires_at": "2099-01-01T00:00:00+00:00",
        "transcript": "A flawless answer.",
        "delivery_metrics": {"words_per_minute": 150},
        "client_message_id": "forged",
        "duration_source": "file",
        "created_at": WHEN,
        "updated_at": LATER,
    },
}

# The attack of issue 13.1: the owner PATCHes a finished, top-scored result onto their interview.
FORGED_RESULT = {
    "status": "completed", "completed_at": LATER, "overall_score": 99, "technical_score": 100,
    "scoring_engine": "x", "rubric_version": "r1", "feedback": {"summary": "Outstanding, hire"},
    "engine_state": {"plan": "forged"},
}


def own(values: dict, rows: UserRows) -> dict:
    """`values` with each "@name" replaced by the caller's own id of that name."""
    return {k: getattr(rows, v[1:]) if isinstance(v, str) and v.startswith("@") else v for k, v in values.items()}


def snapshot(db, table: str, row_id: str):
    return db.execute(f"select to_jsonb(t) from public.{table} t where id = %s", (row_id,)).fetchone()[0]


def assert_refused(call) -> None:
    with pytest.raises(APIError) as refused:
        call()
    assert refused.value.code == "42501", refused.value
    assert "permission denied" in refused.value.message


@pytest.fixture
def alice(make_user, db):
    user = make_user()
    return user, seed_user_rows(db, user.id)


def rest(stack_settings, user) -> httpx.Client:
    return httpx.Client(
        base_url=f"{stack_settings.url}/rest/v1", timeout=10,
        headers={"apikey": stack_settings.anon_key, "Authorization": f"Bearer {user.access_token}"},
    )


def test_the_forged_result_patch_is_refused(alice, db, stack_settings):
    """The exact reproduction of issue 13.1 answered 204 and changed the row."""
    user, rows = alice
    before = snapshot(db, "interviews", rows.interview_id)
    with rest(stack_settings, user) as http:
        answer = http.patch("/interviews", params={"id": f"eq.{rows.interview_id}"}, json=FORGED_RESULT,
                            headers={"Prefer": "return=minimal"})
    assert answer.status_code == 403, answer.text
    assert answer.json()["code"] == "42501"
    assert snapshot(db, "interviews", rows.interview_id) == before


@pytest.mark.parametrize("column", sorted(SERVER_COLUMNS["interviews"]))
def test_user_cannot_insert_an_interview_with_a_server_column(alice, db, column):
    user, rows = alice
    payload = own({**INTERVIEW_INSERTABLE, column: SERVER_COLUMNS["interviews"][column]}, rows)
    assert_refused(lambda: user.client.table("interviews").insert(payload).execute())
    assert db.execute("select count(*) from public.interviews where user_id = %s", (user.id,)).fetchone()[0] == 1


@pytest.mark.parametrize("column", sorted((set(SERVER_COLUMNS["interviews"]) | set(INTERVIEW_INSERTABLE)) - {"title"}))
def test_user_cannot_update_an_interview_column_other_than_its_title(alice, db, column):
    user, rows = alice
    value = {**SERVER_COLUMNS["interviews"], **INTERVIEW_INSERTABLE}[column]
    before = snapshot(db, "interviews", rows.interview_id)
    assert_refused(lambda: user.client.table("interviews").update(own({column: value}, rows))
                   .eq("id", rows.interview_id).execute())
    assert snapshot(db, "interviews", rows.interview_id) == before


@pytest.mark.parametrize(
    ("table", "column"), [(t, c) for t in SERVER_WRITTEN_TABLES for c in sorted(SERVER_COLUMNS[t])])
def test_user_cannot_write_any_column_of_what_the_interview_produces(alice, db, table, column):
    user, rows = alice
    value = own({column: SERVER_COLUMNS[table][column]}, rows)
    count = f"select count(*) from public.{table} where interview_id = %s"
    assert_refused(lambda: user.client.table(table).insert({"interview_id": rows.interview_id, **value}).execute())
    assert db.execute(count, (rows.interview_id,)).fetchone()[0] == 1
    before = snapshot(db, table, rows.row_id(table))
    assert_refused(lambda: user.client.table(table).update(value).eq("id", rows.row_id(table)).execute())
    assert snapshot(db, table, rows.row_id(table)) == before


def test_user_creates_and_renames_an_interview(alice, db):
    """What is the user's to write still works, and a new interview starts as 'preparing'."""
    user, rows = alice
    [created] = user.client.table("interviews").insert(own(INTERVIEW_INSERTABLE, rows)).execute().data
    assert created["status"] == "preparing" and created["resume_id"] == rows.resume_id
    assert created["overall_score"] is None and created["feedback"] == {} and created["engine_state"] == {}
    [renamed] = (user.client.table("interviews").update(INTERVIEW_UPDATABLE)
                 .eq("id", created["id"]).execute().data)
    assert renamed["title"] == "Renamed"
    assert snapshot(db, "interviews", created["id"])["title"] == "Renamed"


def test_the_columns_are_all_accounted_for(db):
    """A column added later must be classified here (and granted, if users may write it)."""
    for table in ("interviews", *SERVER_WRITTEN_TABLES):
        columns = {r[0] for r in db.execute(
            "select column_name from information_schema.columns where table_schema = 'public'"
            " and table_name = %s and is_generated = 'NEVER' and identity_generation is distinct from 'ALWAYS'",
            (table,))}
        known = set(SERVER_COLUMNS[table]) | (set(INTERVIEW_INSERTABLE) if table == "interviews" else set())
        assert columns == known, table


def mismatches(written: dict, stored: dict) -> list[str]:
    """Columns whose stored value differs from the written one (numbers and instants compared as such)."""
    def same(key, value):
        got = stored[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return got is not None and float(got) == float(value)
        if key.endswith(("_at", "_for")):
            return datetime.fromisoformat(got) == datetime.fromisoformat(value)
        return got == value
    return [key for key, value in written.items() if not same(key, value)]


def test_service_role_writes_every_server_column_of_an_interview(alice, service_client):
    user, rows = alice
    values = own({k: v for k, v in SERVER_COLUMNS["interviews"].items() if k != "updated_at"}, rows)
    [inserted] = (service_client.table("interviews")
                  .insert({**own(INTERVIEW_INSERTABLE, rows), **values, "user_id": None, "resume_id": None}).execute().data)
    assert mismatches(values, inserted) == []
    patch = {**FORGED_RESULT, "status": "abandoned", "overall_score": 40, "summary": "Changed by the API"}
    [updated] = service_client.table("interviews").update(patch).eq("id", inserted["id"]).execute().data
    assert mismatches(patch, updated) == []
    service_client.table("interviews").delete().eq("id", inserted["id"]).execute()


@pytest.mark.parametrize("table", SERVER_WRITTEN_TABLES)
def test_service_role_writes_what_the_interview_produces(alice, service_client, table):
    _, rows = alice
    values = own({k: v for k, v in SERVER_COLUMNS[table].items() if k not in ("id", "updated_at")}, rows)
    if table == "interview_answers":
        values["position"] = 3
    [inserted] = service_client.table(table).insert(values).execute().data
    assert mismatches(values, inserted) == []
    [updated] = service_client.table(table).update({"created_at": LATER}).eq("id", inserted["id"]).execute().data
    assert mismatches({"created_at": LATER}, updated) == []


def test_a_users_own_inserts_cannot_inflate_their_statistics(make_user, db):
    """A finished score-100 coding interview inserted or patched by its owner never counts."""
    user = make_user()

    def stats():
        return user.client.table("interview_statistics").select(
            "total_interviews, completed_interviews, best_score, average_score, questions_answered, problems_solved"
        ).single().execute().data

    empty = stats()
    assert empty["completed_interviews"] == 0 and empty["problems_solved"] == 0
    forged = {"user_id": user.id, "job_role": "dev", "interview_type": "coding", "status": "completed",
              "started_at": WHEN, "completed_at": LATER, "overall_score": 100, "scoring_engine": "x",
              "rubric_version": "r1", "answered_count": 10}
    assert_refused(lambda: user.client.table("interviews").insert(forged).execute())
    assert stats() == empty
    [plain] = user.client.table("interviews").insert(
        {"user_id": user.id, "job_role": "dev", "interview_type": "coding"}).execute().data
    assert_refused(lambda: user.client.table("interviews").update(
        {k: v for k, v in forged.items() if k != "user_id"}).eq("id", plain["id"]).execute())
    assert stats() == {**empty, "total_interviews": 1}


def test_finish_interview_is_the_only_way_to_a_scored_result(alice, service_client, db):
    """The owner can neither call the RPC nor write its columns; the service's call still scores."""
    user, rows = alice
    [interview] = user.client.table("interviews").insert({"user_id": user.id, "job_role": "dev"}).execute().data
    db.execute("update public.interviews set status = 'active', started_at = now() - interval '5 minutes'"
               " where id = %s", (interview["id"],))
    result = {"overall_score": 70, "scoring_engine": "offline", "rubric_version": "r1",
              "answers": [{"position": 1, "question_text": "Why?", "answer_text": "Because", "score": 70}]}
    with pytest.raises(APIError) as denied:
        user.client.rpc("finish_interview", {"p_interview_id": interview["id"], "p_result": result}).execute()
    assert denied.value.code == "42501"
    assert_refused(lambda: user.client.table("interviews").update(
        {"status": "completed", "completed_at": LATER}).eq("id", interview["id"]).execute())
    finished = service_client.rpc("finish_interview", {"p_interview_id": interview["id"], "p_result": result}).execute()
    assert finished.data["status"] == "completed"
    mine = user.client.table("interviews").select("status, overall_score").eq("id", interview["id"]).single()
    assert mine.execute().data == {"status": "completed", "overall_score": 70}


def test_api_roles_hold_no_truncate_references_or_trigger_privilege(db):
    """TRUNCATE ignores RLS: Supabase's default grants would let a user empty a whole table."""
    held = db.execute(
        "select c.relname, r.rolname, p.privilege from pg_class c"
        " cross join unnest(array['anon', 'authenticated']) r(rolname)"
        " cross join unnest(array['TRUNCATE', 'REFERENCES', 'TRIGGER']) p(privilege)"
        " where c.relnamespace = 'public'::regnamespace and c.relname = any(%s)"
        " and has_table_privilege(r.rolname, c.oid, p.privilege)",
        (list(PRODUCT_TABLES),),
    ).fetchall()
    assert held == []
