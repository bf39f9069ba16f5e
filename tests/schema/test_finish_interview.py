"""public.finish_interview: the all-or-nothing write that ends an interview (called over
RPC with the service key). Run here as the service_role, as PostgREST would."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from threading import Barrier

import psycopg
import pytest

from tests.schema.seed_rows import ANON_CLAIMS, FINISH_RESULT, SERVICE_CLAIMS, create_auth_user, user_claims

RESULT = FINISH_RESULT


def finish(stack, interview_id: str, result: dict, claims: dict = SERVICE_CLAIMS) -> dict:
    with stack.ctx.db.as_role(claims) as cur:
        cur.execute("select * from public.finish_interview(%s, %s::jsonb)", (interview_id, json.dumps(result)))
        return cur.fetchone()


@pytest.fixture
def active_interview(db) -> tuple[str, str]:
    user_id = create_auth_user(db)
    interview_id = str(db.execute(
        "insert into public.interviews (user_id, job_role, interview_type, status, started_at, planned_questions)"
        " values (%s, 'Data engineer', 'technical', 'active', now() - interval '25 minutes', 3) returning id",
        (user_id,),
    ).fetchone()[0])
    # the first two questions were written while the interview ran
    for position, question in ((1, "What is a join?"), (2, "Explain idempotency.")):
        db.execute(
            "insert into public.interview_answers (interview_id, position, question_text, answer_text)"
            " values (%s, %s, %s, %s)", (interview_id, position, question, f"answer {position}"))
    return user_id, interview_id


def state(db, interview_id: str) -> dict:
    row = db.execute(
        "select status, overall_score, answered_count, completed_at, duration_seconds, scoring_engine,"
        " rubric_version, feedback, scored_at from public.interviews where id = %s", (interview_id,)
    ).fetchone()
    answers = db.execute(
        "select position, question_text, answer_text, score, skipped, rubric_version, evidence"
        " from public.interview_answers where interview_id = %s order by position", (interview_id,)
    ).fetchall()
    gaps = db.execute(
        "select skill, severity, user_id::text, answer_id is not null from public.skill_gaps"
        " where interview_id = %s order by skill", (interview_id,)
    ).fetchall()
    coverage = db.execute(
        "select source, item, status, answer_id is not null from public.interview_coverage"
        " where interview_id = %s order by source", (interview_id,)
    ).fetchall()
    return {"interview": row, "answers": answers, "gaps": gaps, "coverage": coverage}


def test_finishes_interview_answers_gaps_and_coverage_together(local_stack, db, active_interview):
    user_id, interview_id = active_interview
    returned = finish(local_stack, interview_id, RESULT)
    assert str(returned["id"]) == interview_id
    assert returned["status"] == "completed" and returned["overall_score"] == Decimal("72.5")

    now = state(db, interview_id)
    status, overall, answered, completed_at, duration, engine, rubric, feedback, scored_at = now["interview"]
    assert (status, overall, answered, engine, rubric) == ("completed", Decimal("72.5"), 2, "offline", "2026-11")
    assert completed_at is not None and scored_at is not None and 24 * 60 <= duration <= 26 * 60
    assert feedback == RESULT["feedback"]
    assert now["answers"] == [
        (1, "What is a join?", "answer 1", Decimal("80"), False, "2026-11", ["an inner join keeps matching rows"]),
        (2, "Explain idempotency.", "answer 2", Decimal("60"), False, "2026-11", []),
        (3, "Design a queue.", None, None, True, None, []),
    ]
    assert now["gaps"] == [("Distributed systems", "high", user_id, True), ("SQL window functions", "low", user_id, False)]
    assert now["coverage"] == [("job_description", "Kafka", "not_probed", False),
                               ("resume", "Built ETL in Airflow", "demonstrated", True)]


def test_retrying_the_same_call_changes_nothing(local_stack, db, active_interview):
    _, interview_id = active_interview
    finish(local_stack, interview_id, RESULT)
    first = state(db, interview_id)
    finish(local_stack, interview_id, RESULT)
    assert state(db, interview_id) == first


def test_a_later_call_replaces_gaps_and_coverage(local_stack, db, active_interview):
    user_id, interview_id = active_interview
    finish(local_stack, interview_id, RESULT)
    finish(local_stack, interview_id, {**RESULT, "skill_gaps": [{"skill": "sql window functions", "severity": "medium"}],
                                       "coverage": []})
    after = state(db, interview_id)
    assert after["gaps"] == [("sql window functions", "medium", user_id, False)]
    assert after["coverage"] == []


def test_abandoning_is_a_finish_without_scores(local_stack, db, active_interview):
    _, interview_id = active_interview
    row = finish(local_stack, interview_id, {"status": "abandoned"})
    assert row["status"] == "abandoned" and row["overall_score"] is None and row["answered_count"] == 2
    with pytest.raises(psycopg.errors.RaiseException, match="already abandoned"):
        finish(local_stack, interview_id, {"status": "completed"})


@pytest.mark.parametrize(
    ("result", "message"),
    [
        ({"overall_score": 101, "scoring_engine": "x", "rubric_version": "1"}, "overall_score must be a number"),
        ({"technical_score": "90", "scoring_engine": "x", "rubric_version": "1"}, "technical_score must be a number"),
        ({"overall_score": 50}, "scoring_engine and rubric_version are required"),
        ({"status": "paused"}, "status must be completed or abandoned"),
        ({"surprise": 1}, "unknown field"),
        ({"feedback": [1]}, "feedback must be a JSON object"),
        ({"duration_seconds": -5}, "duration_seconds must be a non-negative integer"),
        ({"completed_at": "yesterday-ish"}, "ISO 8601"),
        ({"answers": {"position": 1}}, "must be JSON arrays"),
        ({"answers": [{"position": 0}]}, "position must be a positive integer"),
        ({"answers": [{"position": 1, "score": 50}]}, "no scoring_engine/rubric_version"),
        ({"answers": [{"position": 1, "score": -3, "scoring_engine": "x", "rubric_version": "1"}]},
         "score must be a number between 0 and 100"),
        ({"answers": [{"position": 1}, {"position": 1}]}, "must not repeat a position"),
        ({"answers": [{"position": 9}]}, "position 9 need question_text"),
        ({"answers": [{"position": 1, "question_id": "not-a-uuid"}]}, "invalid interview result"),
        ({"skill_gaps": [{"skill": "Go", "severity": "apocalyptic"}]}, "severity must be one of"),
        ({"skill_gaps": [{"severity": "low"}]}, "skill is required"),
        ({"skill_gaps": [{"skill": "Go", "severity": "low"}, {"skill": " go ", "severity": "high"}]},
         "invalid interview result"),
        ({"coverage": [{"source": "rumour", "item": "x"}]}, "source must be job_description or resume"),
        ({"coverage": [{"source": "resume", "item": "x", "status": "kinda"}]}, "invalid interview result"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(local_stack, db, active_interview, result, message):
    _, interview_id = active_interview
    before = state(db, interview_id)
    # a valid part alongside the bad one proves nothing is half-written
    payload = {"skill_gaps": [{"skill": "Kubernetes", "severity": "low"}], **result}
    with pytest.raises(psycopg.errors.InvalidParameterValue, match=message):
        finish(local_stack, interview_id, payload)
    assert state(db, interview_id) == before


def test_missing_and_cancelled_interviews_are_refused(local_stack, db, active_interview):
    _, interview_id = active_interview
    with pytest.raises(psycopg.errors.RaiseException, match="not found"):
        finish(local_stack, "00000000-0000-0000-0000-000000000000", {})
    db.execute("update public.interviews set status = 'cancelled' where id = %s", (interview_id,))
    with pytest.raises(psycopg.errors.RaiseException, match="cancelled"):
        finish(local_stack, interview_id, RESULT)
    assert state(db, interview_id)["gaps"] == []


@pytest.mark.parametrize("who", ["owner", "anon"])
def test_only_the_service_role_may_call_it(local_stack, db, active_interview, who):
    user_id, interview_id = active_interview
    claims = user_claims(user_id) if who == "owner" else ANON_CLAIMS
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for function"):
        finish(local_stack, interview_id, RESULT, claims)
    assert state(db, interview_id)["interview"][0] == "active"


def test_anonymous_interview_can_be_finished(local_stack, db):
    interview_id = str(db.execute(
        "insert into public.interviews (job_role, status) values ('Anonymous', 'active') returning id"
    ).fetchone()[0])
    row = finish(local_stack, interview_id, {**RESULT, "answers": [{"position": 1, "question_text": "Hi?",
                                                                      "answer_text": "Hello", "score": 70}]})
    assert row["status"] == "completed" and row["user_id"] is None and row["answered_count"] == 1
    assert [g[2] for g in state(db, interview_id)["gaps"]] == [None, None]


def test_concurrent_retries_finish_once(local_stack, db, active_interview):
    """Two workers finishing the same interview at once: the row lock serialises them."""
    _, interview_id = active_interview
    barrier = Barrier(4)

    def worker(_: int) -> str:
        barrier.wait()
        return finish(local_stack, interview_id, RESULT)["status"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(worker, range(4))) == ["completed"] * 4
    after = state(db, interview_id)
    assert len(after["answers"]) == 3 and len(after["gaps"]) == 2 and len(after["coverage"]) == 2
