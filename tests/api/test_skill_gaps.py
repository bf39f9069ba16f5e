"""Coaching across interviews: `GET /api/skill-gaps` (per skill over time, with its trend),
`GET /api/interviews/{id}/skill-gaps` and `GET /api/interviews/{id}/coverage`, against the local
stack. Interviews are created through the API; they end through the API (offline scorer) or,
where the scorer's output would be hard to steer, through `finish_interview` over RPC with the
service key, which is how the API writes them too."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.interview_helpers import STRONG, WEAK, candidate, create, say, started

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")


@pytest.fixture(autouse=True)
def offline(settings):
    settings.LLM_PROVIDER = "offline"
    settings.INTERVIEW_MAX_FOLLOW_UPS = 2


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def alice(make_user):
    return candidate(make_user)


@pytest.fixture
def bob(make_user):
    return candidate(make_user)


def finish(service_client, interview_id: str, **result) -> dict:
    return service_client.rpc("finish_interview", {"p_interview_id": interview_id, "p_result": result}).execute().data


def completed_at(service_client, interview_id: str) -> str:
    """As PostgREST answers it (the API passes the stored value through)."""
    return service_client.table("interviews").select("completed_at").eq("id", interview_id).execute() \
        .data[0]["completed_at"]


def answer_everything(api, who, interview_id: str, text: str) -> None:
    for _ in range(60):
        reply = say(api, who, interview_id, text)
        assert reply.status_code == 200, reply.content
        if reply.json()["kind"] == "closing":
            return
    raise AssertionError("the interview never closed")


def refused_to_others(api, bob, url: str) -> None:
    other = api.get(url, **bob.auth)
    assert other.status_code == 404, other.content
    assert other.json() == {"error": {"code": "interview_not_found", "message": "No such interview.",
                                      "details": {}}}
    anonymous = api.get(url)
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "not_authenticated"


# GET /api/interviews/{id}/skill-gaps --------------------------------------------------------

def test_an_interview_ended_through_the_api_answers_its_stored_gaps(api, alice, bob, db):
    interview, _ = started(api, alice, num_questions=2)
    iid = interview["id"]
    answer_everything(api, alice, iid, WEAK)
    assert api.post(f"/api/interviews/{iid}/end", **alice.auth).json()["status"] == "completed"
    stored = db.execute(
        "select g.skill, g.severity, g.evidence, g.recommendation, g.resources, a.position "
        "from public.skill_gaps g left join public.interview_answers a on a.id = g.answer_id "
        "where g.interview_id = %s", (iid,)).fetchall()
    assert stored, "weak answers leave skill gaps"
    rank = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    expected = [{"skill": skill, "severity": severity, "evidence": evidence, "recommendation": recommendation,
                 "resources": resources, "answer_position": position}
                for skill, severity, evidence, recommendation, resources, position
                in sorted(stored, key=lambda row: (rank[row[1]], row[0].lower()))]
    assert all(gap["answer_position"] in (1, 2) for gap in expected)

    url = f"/api/interviews/{iid}/skill-gaps"
    answer = api.get(url, **alice.auth)
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"interview_id": iid, "skill_gaps": expected}
    refused_to_others(api, bob, url)


def test_an_interviews_gaps_most_severe_first_then_by_skill(api, alice, bob, service_client):
    iid = create(api, alice, num_questions=3)["id"]
    finish(service_client, iid, answers=[{"position": 1, "answer_text": "Not sure."}], skill_gaps=[
        {"skill": "query planning", "severity": "high", "evidence": "Not sure.", "answer_position": 1,
         "recommendation": "Read EXPLAIN output.", "resources": [{"title": "Use the index", "url": "https://use-the-index-luke.com"}]},
        {"skill": "Cache invalidation", "severity": "high", "answer_position": 2},
        {"skill": "Lock ordering", "severity": "low", "answer_position": 3, "evidence": "We just retry."},
        {"skill": "Test doubles", "severity": "critical"},
        {"skill": "Pod scheduling", "severity": "medium", "answer_position": 2},
    ])
    answer = api.get(f"/api/interviews/{iid}/skill-gaps", **alice.auth)
    assert answer.status_code == 200, answer.content
    none = {"evidence": None, "recommendation": None, "resources": []}
    assert answer.json() == {"interview_id": iid, "skill_gaps": [
        {"skill": "Test doubles", "severity": "critical", **none, "answer_position": None},
        {"skill": "Cache invalidation", "severity": "high", **none, "answer_position": 2},
        {"skill": "query planning", "severity": "high", "evidence": "Not sure.",
         "recommendation": "Read EXPLAIN output.",
         "resources": [{"title": "Use the index", "url": "https://use-the-index-luke.com"}], "answer_position": 1},
        {"skill": "Pod scheduling", "severity": "medium", **none, "answer_position": 2},
        {"skill": "Lock ordering", "severity": "low", "evidence": "We just retry.", "recommendation": None,
         "resources": [], "answer_position": 3},
    ]}
    refused_to_others(api, bob, f"/api/interviews/{iid}/skill-gaps")


def test_an_interview_without_gaps_or_coverage_answers_empty_lists(api, alice, bob):
    iid = create(api, alice, num_questions=1)["id"]
    gaps = api.get(f"/api/interviews/{iid}/skill-gaps", **alice.auth)
    assert gaps.status_code == 200 and gaps.json() == {"interview_id": iid, "skill_gaps": []}
    coverage = api.get(f"/api/interviews/{iid}/coverage", **alice.auth)
    assert coverage.status_code == 200 and coverage.json() == {
        "interview_id": iid, "items": [],
        "summary": {"covered": 0, "partial": 0, "not_covered": 0, "not_probed": 0, "total": 0}}
    refused_to_others(api, bob, f"/api/interviews/{iid}/coverage")


def test_a_missing_interview_is_404(api, alice):
    missing = "00000000-0000-4000-8000-000000000000"
    for url in (f"/api/interviews/{missing}/skill-gaps", f"/api/interviews/{missing}/coverage"):
        answer = api.get(url, **alice.auth)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "interview_not_found"


# GET /api/interviews/{id}/coverage ------------------------------------------------------------

def test_coverage_shows_every_item_the_question_that_probed_it_and_the_counts(api, alice, bob, service_client):
    interview = create(api, alice, num_questions=3)
    iid, plan = interview["id"], interview["plan"]
    finish(service_client, iid, answers=[{"position": 1, "answer_text": STRONG}], coverage=[
        {"source": "resume", "item": "Led the move to Kubernetes", "status": "partial",
         "evidence": "I measured it first", "answer_position": 1},
        {"source": "job_description", "item": "Solid PostgreSQL and SQL skills", "status": "demonstrated",
         "evidence": "a new query doing a full scan", "answer_position": 1},
        {"source": "job_description", "item": "Experience with Kafka", "status": "not_probed"},
        {"source": "job_description", "item": "3+ years building APIs with Python", "status": "not_demonstrated",
         "evidence": None, "answer_position": 2},
        {"source": "resume", "item": "Cut p95 latency by 40%", "status": "demonstrated",
         "evidence": "latency dropped from 900 ms back to 180 ms", "answer_position": 1},
        {"source": "job_description", "item": "AWS", "status": "not_probed"},
        {"source": "resume", "item": "Mentored two engineers", "status": "not_probed"},
        {"source": "job_description", "item": "api design", "status": "partial", "answer_position": 3},
    ])

    def asked(position: int) -> dict:
        return {"position": position, "question_text": plan[position - 1]["question"]}

    answer = api.get(f"/api/interviews/{iid}/coverage", **alice.auth)
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"interview_id": iid, "items": [
        {"source": "job_description", "item": "AWS", "status": "not_probed", "evidence": None, "question": None},
        {"source": "job_description", "item": "Experience with Kafka", "status": "not_probed", "evidence": None,
         "question": None},
        {"source": "job_description", "item": "3+ years building APIs with Python", "status": "not_covered",
         "evidence": None, "question": asked(2)},
        {"source": "job_description", "item": "api design", "status": "partial", "evidence": None,
         "question": asked(3)},
        {"source": "job_description", "item": "Solid PostgreSQL and SQL skills", "status": "covered",
         "evidence": "a new query doing a full scan", "question": asked(1)},
        {"source": "resume", "item": "Mentored two engineers", "status": "not_probed", "evidence": None,
         "question": None},
        {"source": "resume", "item": "Led the move to Kubernetes", "status": "partial",
         "evidence": "I measured it first", "question": asked(1)},
        {"source": "resume", "item": "Cut p95 latency by 40%", "status": "covered",
         "evidence": "latency dropped from 900 ms back to 180 ms", "question": asked(1)},
    ], "summary": {"covered": 2, "partial": 2, "not_covered": 1, "not_probed": 3, "total": 8}}
    refused_to_others(api, bob, f"/api/interviews/{iid}/coverage")


def test_coverage_of_an_interview_ended_through_the_api(api, alice, bob, db):
    job = ("About the role\nRequirements:\n- 3+ years building APIs with Python\n- Solid PostgreSQL and SQL skills\n"
           "- Experience running Kafka in production\n")
    interview, _ = started(api, alice, num_questions=2, interview_type="mixed", job_description=job)
    iid = interview["id"]
    answer_everything(api, alice, iid, STRONG)
    assert api.post(f"/api/interviews/{iid}/end", **alice.auth).json()["status"] == "completed"
    stored = db.execute(
        "select c.source, c.item, c.status, c.evidence, a.position, a.question_text "
        "from public.interview_coverage c left join public.interview_answers a on a.id = c.answer_id "
        "where c.interview_id = %s", (iid,)).fetchall()
    assert {row[0] for row in stored} == {"job_description"} and len(stored) >= 3
    shown = {"demonstrated": "covered", "partial": "partial", "not_demonstrated": "not_covered",
             "not_probed": "not_probed"}
    order = ["not_probed", "not_covered", "partial", "covered"]
    items = sorted(({"source": source, "item": item, "status": shown[status], "evidence": evidence,
                     "question": {"position": position, "question_text": text} if position else None}
                    for source, item, status, evidence, position, text in stored),
                   key=lambda i: (i["source"], order.index(i["status"]), i["item"].lower()))
    assert any(i["question"] for i in items) and any(i["status"] == "not_probed" for i in items)
    summary = {status: sum(1 for i in items if i["status"] == status) for status in
               ("covered", "partial", "not_covered", "not_probed")}
    answer = api.get(f"/api/interviews/{iid}/coverage", **alice.auth)
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"interview_id": iid, "items": items, "summary": {**summary, "total": len(items)}}
    refused_to_others(api, bob, f"/api/interviews/{iid}/coverage")
