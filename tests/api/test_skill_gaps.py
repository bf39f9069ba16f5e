"""Coaching across interviews: `GET /api/skill-gaps` (per skill over time, with its trend),
`GET /api/interviews/{id}/skill-gaps` and `GET /api/interviews/{id}/coverage`, against the local
stack. Interviews are created through the API; they end through the API (offline scorer) or,
where the scorer's output would be hard to steer, through `finish_interview` over RPC with the
service key, which is how the API writes them too."""

from __future__ import annotations

import pytest

from tests.api.interview_helpers import STRONG, WEAK, create, say, started

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")


@pytest.fixture(autouse=True)
def offline(settings):
    settings.LLM_PROVIDER = "offline"
    settings.INTERVIEW_MAX_FOLLOW_UPS = 2


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


# GET /api/skill-gaps ------------------------------------------------------------------------------

T1, T2, T3 = "2026-03-02T09:00:00+00:00", "2026-03-09T09:00:00+00:00", "2026-03-16T09:00:00+00:00"


def gap(skill: str, severity: str, **extra) -> dict:
    return {"skill": skill, "severity": severity, **extra}


def page_of(api, who, query: str = "") -> dict:
    answer = api.get(f"/api/skill-gaps{query}", **who.auth)
    assert answer.status_code == 200, answer.content
    return answer.json()


@pytest.fixture
def history(api, alice, bob, db, service_client):
    """Three of alice's interviews a week apart, and one of bob's; what each skill's trend must be."""
    i1, i2, i3 = (create(api, alice, num_questions=3)["id"] for _ in range(3))
    # the skill the bank question asked first in the third interview probes (not its category)
    category, skills = db.execute(
        "select a.category, q.skills from public.interview_answers a join public.questions q on q.id = a.question_id"
        " where a.interview_id = %s and a.position = 1", (i3,)).fetchone()
    probed_by_bank = next(s for s in skills if s.strip().lower() != (category or "").strip().lower())
    finish(service_client, i1, completed_at=T1, answers=[{"position": 1, "answer_text": "Not sure."}], skill_gaps=[
        gap("Cache invalidation", "high", evidence="I would cache it", recommendation="Study TTLs",
            resources=[{"title": "Caching", "url": "https://example.org/caching"}], answer_position=1),
        gap("Query planning", "medium", evidence="EXPLAIN?"),
        gap("Pod scheduling", "low"),
        gap("Test doubles", "medium", evidence="I test in production"),
        gap(probed_by_bank.upper(), "high"),
    ])
    finish(service_client, i2, completed_at=T2, answers=[
        {"position": 1, "category": "Query planning", "answer_text": "I read the plan and add an index."},
    ], skill_gaps=[
        gap("cache invalidation", "medium", evidence="Maybe a TTL", recommendation="Study write-through",
            resources=[]),
        gap("Pod scheduling", "critical", evidence="No idea"),
        gap("Lock ordering", "high"),
    ])
    finish(service_client, i3, completed_at=T3, answers=[
        {"position": 1, "answer_text": STRONG},
        {"position": 2, "category": "TEST DOUBLES", "answer_text": "I use a fake clock and a stub gateway."},
        {"position": 3, "category": "Lock ordering", "skipped": True},
    ], skill_gaps=[gap("Query planning", "medium", evidence="Still guessing")])
    # an abandoned interview (not completed) that answered about pod scheduling resolves nothing
    abandoned = create(api, alice, num_questions=1)["id"]
    finish(service_client, abandoned, status="abandoned", completed_at="2026-03-20T09:00:00+00:00",
           answers=[{"position": 1, "category": "Pod scheduling", "answer_text": "Taints and tolerations."}])
    other = create(api, bob, num_questions=1)["id"]
    finish(service_client, other, skill_gaps=[gap("Cache invalidation", "critical")])
    return {"i1": i1, "i2": i2, "i3": i3, "bob": other, "probed_by_bank": probed_by_bank,
            "at": {name: completed_at(service_client, iid) for name, iid in (("i1", i1), ("i2", i2), ("i3", i3))}}


def expected_history(h: dict) -> list[dict]:
    at, i1, i2, i3 = h["at"], h["i1"], h["i2"], h["i3"]

    def seen(interview_id, severity, evidence=None):
        return {"interview_id": interview_id, "severity": severity,
                "seen_at": at[{i1: "i1", i2: "i2", i3: "i3"}[interview_id]], "evidence": evidence}

    return [
        # seen again in the last interview at the same severity; probed in between, which was before
        {"skill": "Query planning", "skill_key": "query planning", "times_seen": 2, "first_seen_at": at["i1"],
         "last_seen_at": at["i3"], "latest_severity": "medium", "worst_severity": "medium", "trend": "persisting",
         "interviews": [seen(i3, "medium", "Still guessing"), seen(i1, "medium", "EXPLAIN?")],
         "recommendation": None, "resources": []},
        # high, then medium
        {"skill": "cache invalidation", "skill_key": "cache invalidation", "times_seen": 2,
         "first_seen_at": at["i1"], "last_seen_at": at["i2"], "latest_severity": "medium",
         "worst_severity": "high", "trend": "improving",
         "interviews": [seen(i2, "medium", "Maybe a TTL"), seen(i1, "high", "I would cache it")],
         "recommendation": "Study write-through", "resources": []},
        # a later interview asked about it, but the question was skipped
        {"skill": "Lock ordering", "skill_key": "lock ordering", "times_seen": 1, "first_seen_at": at["i2"],
         "last_seen_at": at["i2"], "latest_severity": "high", "worst_severity": "high", "trend": "persisting",
         "interviews": [seen(i2, "high")], "recommendation": None, "resources": []},
        # low, then critical: worse is not better (and an abandoned interview probing it counts for nothing)
        {"skill": "Pod scheduling", "skill_key": "pod scheduling", "times_seen": 2, "first_seen_at": at["i1"],
         "last_seen_at": at["i2"], "latest_severity": "critical", "worst_severity": "critical",
         "trend": "persisting", "interviews": [seen(i2, "critical", "No idea"), seen(i1, "low")],
         "recommendation": None, "resources": []},
        # answered in the third interview, by the bank question's skills / by the answer's category, no gap there
        *sorted([
            {"skill": h["probed_by_bank"].upper(), "skill_key": h["probed_by_bank"].strip().lower(),
             "times_seen": 1, "first_seen_at": at["i1"], "last_seen_at": at["i1"], "latest_severity": "high",
             "worst_severity": "high", "trend": "resolved", "interviews": [seen(i1, "high")],
             "recommendation": None, "resources": []},
            {"skill": "Test doubles", "skill_key": "test doubles", "times_seen": 1, "first_seen_at": at["i1"],
             "last_seen_at": at["i1"], "latest_severity": "medium", "worst_severity": "medium", "trend": "resolved",
             "interviews": [seen(i1, "medium", "I test in production")], "recommendation": None, "resources": []},
        ], key=lambda skill: skill["skill_key"]),
    ]


def test_skill_gaps_across_interviews_with_their_trends(api, alice, bob, history, service_client):
    assert history["at"]["i1"].startswith("2026-03-02T09:00:00")
    body = page_of(api, alice)
    expected = expected_history(history)
    assert body == {"count": 6, "next": None, "previous": None, "results": expected}
    # the same counts and severities as the skill_gap_history view
    view = service_client.table("skill_gap_history").select("skill_key,interviews,latest_severity,worst_severity") \
        .eq("user_id", alice.id).execute().data
    assert sorted((r["skill_key"], r["interviews"], r["latest_severity"], r["worst_severity"]) for r in view) == \
        sorted((s["skill_key"], s["times_seen"], s["latest_severity"], s["worst_severity"]) for s in expected)

    assert page_of(api, bob) == {"count": 1, "next": None, "previous": None, "results": [{
        "skill": "Cache invalidation", "skill_key": "cache invalidation", "times_seen": 1,
        "first_seen_at": completed_at(service_client, history["bob"]),
        "last_seen_at": completed_at(service_client, history["bob"]), "latest_severity": "critical",
        "worst_severity": "critical", "trend": "persisting",
        "interviews": [{"interview_id": history["bob"], "severity": "critical",
                        "seen_at": completed_at(service_client, history["bob"]), "evidence": None}],
        "recommendation": None, "resources": []}]}
    anonymous = api.get("/api/skill-gaps")
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "not_authenticated"


def test_skill_gaps_filter_by_trend_and_latest_severity(api, alice, bob, history):
    expected = expected_history(history)
    for trend in ("improving", "persisting", "resolved"):
        wanted = [s for s in expected if s["trend"] == trend]
        assert page_of(api, alice, f"?trend={trend}") == {"count": len(wanted), "next": None, "previous": None,
                                                         "results": wanted}
    assert page_of(api, alice, "?severity=medium") == {"count": 3, "next": None, "previous": None,
                                                       "results": [expected[0], expected[1], expected[5]]}
    assert page_of(api, alice, "?severity=high&trend=resolved")["results"] == [expected[4]]
    assert page_of(api, alice, "?severity=&trend=")["count"] == 6
    assert page_of(api, bob, "?trend=resolved") == {"count": 0, "next": None, "previous": None, "results": []}
    for query in ("?severity=severe", "?trend=better", "?page=0", "?page_size=101"):
        answer = api.get(f"/api/skill-gaps{query}", **alice.auth)
        assert answer.status_code == 422, (query, answer.content)
        assert answer.json()["error"]["code"] == "validation_error"
    assert api.get("/api/skill-gaps?trend=resolved").status_code == 401


def test_skill_gaps_are_paginated(api, alice, bob, history):
    expected = expected_history(history)
    first = page_of(api, alice, "?page_size=4")
    assert first == {"count": 6, "next": "http://testserver/api/skill-gaps?page=2&page_size=4", "previous": None,
                     "results": expected[:4]}
    second = page_of(api, alice, "?page=2&page_size=4")
    assert second == {"count": 6, "next": None, "previous": "http://testserver/api/skill-gaps?page_size=4",
                      "results": expected[4:]}
    assert page_of(api, alice, "?page=3&page_size=4") == {
        "count": 6, "next": None, "previous": "http://testserver/api/skill-gaps?page=2&page_size=4", "results": []}
    assert page_of(api, bob, "?page_size=4")["count"] == 1


def test_a_skill_lists_its_ten_latest_interviews_and_counts_them_all(api, alice, bob, db, service_client):
    ids = []
    for day in range(1, 12):
        iid = create(api, alice, num_questions=1)["id"]
        finish(service_client, iid, completed_at=f"2026-04-{day:02d}T12:00:00+00:00",
               skill_gaps=[gap("Lock ordering", "low" if day % 2 else "high", evidence=f"day {day}",
                               recommendation=f"advice {day}", resources=[{"day": day}])])
        ids.append(iid)
    seen = [completed_at(service_client, iid) for iid in ids]
    body = page_of(api, alice)
    assert body == {"count": 1, "next": None, "previous": None, "results": [{
        "skill": "Lock ordering", "skill_key": "lock ordering", "times_seen": 11, "first_seen_at": seen[0],
        "last_seen_at": seen[10], "latest_severity": "low", "worst_severity": "high", "trend": "improving",
        "interviews": [{"interview_id": ids[day - 1], "severity": "low" if day % 2 else "high",
                        "seen_at": seen[day - 1], "evidence": f"day {day}"} for day in range(11, 1, -1)],
        "recommendation": "advice 11", "resources": [{"day": 11}]}]}
    assert page_of(api, bob) == {"count": 0, "next": None, "previous": None, "results": []}


def test_trends_of_interviews_run_through_the_api_follow_the_stored_rows(api, alice, bob, db):
    """Through the API only (the offline scorer decides the gaps): weak answers leave gaps, all
    persisting; after a second interview each skill's trend is what the definition gives on the
    stored rows (resolved: answered there, by its question's skills or category, and no gap)."""
    first, _ = started(api, alice, num_questions=2)
    answer_everything(api, alice, first["id"], WEAK)
    api.post(f"/api/interviews/{first['id']}/end", **alice.auth)
    before = page_of(api, alice)
    assert before["count"] >= 1 and {s["trend"] for s in before["results"]} == {"persisting"}
    assert all(s["times_seen"] == 1 and s["interviews"][0]["interview_id"] == first["id"]
               for s in before["results"])

    second, _ = started(api, alice, num_questions=3)
    answer_everything(api, alice, second["id"], STRONG)
    assert api.post(f"/api/interviews/{second['id']}/end", **alice.auth).json()["status"] == "completed"
    severities = {}
    for key, interview_id, severity in db.execute(
            "select skill_key, interview_id, severity from public.skill_gaps where user_id = %s", (alice.id,)):
        severities.setdefault(key, {})[str(interview_id)] = severity
    probed = {s.strip().lower() for (skills, category) in db.execute(
        "select coalesce(q.skills, '{}'), a.category from public.interview_answers a "
        "left join public.questions q on q.id = a.question_id "
        "where a.interview_id = %s and not a.skipped and coalesce(btrim(a.answer_text), '') <> ''",
        (second["id"],)).fetchall() for s in [*skills, category or ""] if s}
    rank = ["low", "medium", "high", "critical"].index
    expected = {}
    for key, seen in severities.items():
        if set(seen) == {first["id"]} and key in probed:
            expected[key] = "resolved"
        elif len(seen) == 2 and rank(seen[second["id"]]) < rank(seen[first["id"]]):
            expected[key] = "improving"
        else:
            expected[key] = "persisting"
    after = page_of(api, alice, "?page_size=100")
    assert {s["skill_key"]: s["trend"] for s in after["results"]} == expected
    assert {s["skill_key"]: s["times_seen"] for s in after["results"]} == {k: len(v) for k, v in severities.items()}
    assert page_of(api, bob)["count"] == 0
