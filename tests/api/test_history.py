"""History, interview detail, deletion, statistics, dashboard and the progress chart (issue 20),
through the API against the local stack: filters and their combinations against a seeded set whose
answers the tests compute from the rows they made, pagination edges, orderings, search, other users
and anonymous callers, deletion of rows and stored objects, statistics checked against independent
arithmetic, seed 001/002 paths and fields, Supabase round trips per request, and EXPLAIN plans at
10,000 interviews (no sequential scan of `interviews`)."""

from __future__ import annotations

import io
import json
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import httpx
import pytest
from PIL import Image

from backend.llm_api import supabase_client
from tests.api.interview_helpers import STRONG, WEAK, candidate, create, say, started

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")


@pytest.fixture(autouse=True)
def offline(settings):
    settings.LLM_PROVIDER = "offline"
    settings.INTERVIEW_MAX_FOLLOW_UPS = 0  # every answer closes its question


@pytest.fixture
def trips():
    """The Supabase requests made by this thread (the API's, not background scoring's)."""
    http = supabase_client.connection._get_connection().http
    me = threading.current_thread()
    seen: list[str] = []

    def count(request) -> None:
        if threading.current_thread() is me:
            seen.append(f"{request.method} {request.url.path}")

    http.event_hooks["request"].append(count)
    yield seen
    http.event_hooks["request"].remove(count)


# A seeded history ---------------------------------------------------------------------------------

NOW = datetime.now(UTC).replace(microsecond=0)
SCORES = ("overall_score", "communication_score", "technical_score", "problem_solving_score", "code_quality_score")


@dataclass
class Row:
    title: str | None
    job_role: str
    job_description: str | None
    experience_level: str
    interview_type: str
    difficulty: str
    status: str
    scores: tuple | None  # the five, or None
    created_days_ago: float
    completed_days_ago: float | None = None
    answered: int = 0
    duration: int | None = None
    skipped: int = 0
    id: str = ""

    @property
    def created_at(self) -> datetime:
        return NOW - timedelta(days=self.created_days_ago)

    @property
    def completed_at(self) -> datetime | None:
        return None if self.completed_days_ago is None else NOW - timedelta(days=self.completed_days_ago)

    @property
    def overall(self):
        return None if self.scores is None else self.scores[0]


def seeded_rows() -> list[Row]:
    """Alice's history: every status, type, level and difficulty, titles, descriptions, scores,
    completed days making a current streak of 3 and a longest of 4."""
    c = "completed"
    return [
        Row("Mock for Acme", "Backend Engineer", "Python, PostgreSQL and Kafka at scale", "mid", "technical",
            "medium", c, (82, 80, 85, 78, None), 0.2, 0.1, 5, 1500, 1),
        Row(None, "Frontend Developer", "React and TypeScript", "junior", "coding", "easy", c,
            (64.5, 60, 70, 65, 62), 1.2, 1.1, 4, 1200),
        Row("Staff prep", "Platform Engineer", "Kubernetes, 100% uptime_SLO", "senior", "system_design", "hard",
            c, (91, 88, 93, 90, None), 2.3, 2.2, 3, 2400, 2),
        Row("Behavioural warm-up", "Engineering Manager", None, "senior", "behavioral", "medium", c,
            (55, 58, 50, 52, None), 10.1, 10.0, 5, 900),
        Row(None, "Data Engineer", "Spark pipelines", "mid", "technical", "hard", c, (47, 45, 50, 44, None),
            11.1, 11.0, 5, 1000, 1),
        Row("Python deep dive", "Backend Engineer", "Django REST Framework", "mid", "coding", "hard", c,
            (73, 70, 75, 72, 74), 12.1, 12.0, 4, 1300),
        Row(None, "Site Reliability Engineer", "On-call, SLOs", "mid", "mixed", "medium", c, (68, 66, 70, 69, None),
            13.1, 13.0, 5, 1100),
        Row("Old one", "Backend Engineer", "Go services", "junior", "technical", "easy", c, (35, 40, 30, 33, None),
            40.1, 40.0, 2, 800),
        Row(None, "Mobile Developer", "Swift", "mid", "technical", "medium", "active", None, 0.5, None, 1),
        Row("Not started", "Backend Engineer", None, "mid", "behavioral", "easy", "preparing", None, 0.6),
        Row(None, "QA Engineer", "Selenium", "junior", "mixed", "medium", "abandoned", None, 3.4, None, 0, None, 3),
        Row("Cancelled call", "Backend Engineer", "python", "senior", "system_design", "hard", "cancelled", None,
            5.5),
    ]


def insert_rows(db, user_id: str, rows: list[Row]) -> list[Row]:
    for row in rows:
        scores = row.scores or (None,) * 5
        completed = row.completed_at
        started_at = (completed - timedelta(seconds=row.duration or 60)) if completed else (
            row.created_at if row.status in ("active", "abandoned") else None)
        row.id = str(db.execute(
            "insert into public.interviews (user_id, title, job_role, job_description, experience_level, "
            "interview_type, difficulty, status, planned_questions, answered_count, overall_score, "
            "communication_score, technical_score, problem_solving_score, code_quality_score, scoring_engine, "
            "rubric_version, duration_seconds, started_at, completed_at, created_at, updated_at) values "
            "(%s, %s, %s, %s, %s, %s, %s, %s, 5, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) returning id",
            (user_id, row.title, row.job_role, row.job_description, row.experience_level, row.interview_type,
             row.difficulty, row.status, row.answered, *scores,
             "offline-scorer-1" if row.scores else None, "scoring-v1" if row.scores else None, row.duration,
             started_at, completed, row.created_at, completed or row.created_at),
        ).fetchone()[0])
        for position in range(1, row.skipped + 1):
            db.execute("insert into public.interview_answers (interview_id, position, question_text, skipped) "
                       "values (%s, %s, 'A question?', true)", (row.id, position))
    return rows


@pytest.fixture
def seeded(db, alice, bob):
    """Alice's twelve interviews, and three of Bob's that must never show up in hers."""
    rows = insert_rows(db, alice.id, seeded_rows())
    insert_rows(db, bob.id, [
        Row("Bob's", "Backend Engineer", "python", "mid", "technical", "medium", "completed", (99, 99, 99, 99, None),
            0.1, 0.05, 5, 100),
        Row(None, "Backend Engineer", None, "mid", "technical", "hard", "active", None, 0.3),
        Row(None, "Data Engineer", None, "junior", "coding", "easy", "preparing", None, 0.4),
    ])
    return rows


def expected(rows: list[Row], *, status=None, difficulty=None, interview_type=None, experience_level=None,
             date_from=None, date_to=None, min_score=None, max_score=None, search=None,
             ordering="-created_at") -> list[str]:
    """The reference answer, computed from the rows the test made."""
    def keep(r: Row) -> bool:
        day = r.created_at.date()
        text = "\n".join([r.title or "", r.job_role, r.job_description or ""]).lower()
        return ((status is None or r.status in status) and (difficulty is None or r.difficulty == difficulty)
                and (interview_type is None or r.interview_type == interview_type)
                and (experience_level is None or r.experience_level == experience_level)
                and (date_from is None or day >= date_from) and (date_to is None or day <= date_to)
                and (min_score is None or (r.overall is not None and r.overall >= min_score))
                and (max_score is None or (r.overall is not None and r.overall <= max_score))
                and (search is None or search.lower() in text))

    kept = [r for r in rows if keep(r)]
    newest = sorted(kept, key=lambda r: (r.created_at, r.id), reverse=True)
    if ordering == "-created_at":
        return [r.id for r in newest]
    if ordering == "created_at":
        return [r.id for r in reversed(newest)]
    if ordering in ("-overall_score", "overall_score"):
        scored = [r for r in newest if r.overall is not None]
        scored.sort(key=lambda r: r.overall, reverse=ordering == "-overall_score")  # stable: newest first on ties
        return [r.id for r in scored] + [r.id for r in newest if r.overall is None]
    if ordering == "-completed_at":
        done = sorted((r for r in newest if r.completed_at), key=lambda r: r.completed_at, reverse=True)
        return [r.id for r in done] + [r.id for r in newest if r.completed_at is None]
    raise AssertionError(ordering)


def listed(api, who, path="/api/interviews", **params) -> dict:
    answer = api.get(path, params, **who.auth)
    assert answer.status_code == 200, answer.content
    return answer.json()


def summary(row: Row) -> dict:
    """The summary the list answers for a seeded row."""
    def when(value):
        return None if value is None else value.isoformat().replace("+00:00", "+00:00")

    started_at = (row.completed_at - timedelta(seconds=row.duration or 60)) if row.completed_at else (
        row.created_at if row.status in ("active", "abandoned") else None)
    return {
        "id": row.id, "title": row.title, "job_role": row.job_role, "interview_type": row.interview_type,
        "experience_level": row.experience_level, "difficulty": row.difficulty, "status": row.status,
        "planned_questions": 5, "answered_count": row.answered,
        **{name: (None if row.scores is None or row.scores[i] is None else float(row.scores[i]))
           for i, name in enumerate(SCORES)},
        "duration_seconds": row.duration, "started_at": when(started_at), "completed_at": when(row.completed_at),
        "created_at": when(row.created_at), "has_recordings": False, "scheduled": False,
    }


def same_instant(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return datetime.fromisoformat(a) == datetime.fromisoformat(b)


def test_the_list_answers_whole_summaries_newest_first(api, alice, seeded):
    page = listed(api, alice)
    assert page["count"] == 12 and page["next"] is None and page["previous"] is None
    by_id = {row.id: row for row in seeded}
    assert [item["id"] for item in page["results"]] == expected(seeded)
    for item in page["results"]:
        want = summary(by_id[item["id"]])
        for key in ("started_at", "completed_at", "created_at"):
            assert same_instant(item.pop(key), want.pop(key)), key
        assert item == want


FILTER_CASES = [
    ({"status": "completed"}, {"status": ["completed"]}),
    ({"status": "active,preparing"}, {"status": ["active", "preparing"]}),
    ({"difficulty": "hard"}, {"difficulty": "hard"}),
    ({"interview_type": "System Design"}, {"interview_type": "system_design"}),
    ({"experience_level": "Mid-level"}, {"experience_level": "mid"}),
    ({"min_score": "60"}, {"min_score": 60}),
    ({"max_score": "64.5"}, {"max_score": 64.5}),
    ({"min_score": "50", "max_score": "80"}, {"min_score": 50, "max_score": 80}),
    ({"search": "PYTHON"}, {"search": "python"}),  # description, title, any case
    ({"search": "backend eng"}, {"search": "backend eng"}),  # job role
    ({"search": "staff"}, {"search": "staff"}),  # title only
    ({"search": "100%"}, {"search": "100%"}),  # % is literal
    ({"search": "_slo"}, {"search": "_slo"}),  # _ is literal
    ({"search": "nothing like this"}, {"search": "nothing like this"}),
    ({"status": "completed", "difficulty": "hard", "experience_level": "mid"},
     {"status": ["completed"], "difficulty": "hard", "experience_level": "mid"}),
    ({"interview_type": "technical", "search": "engineer", "min_score": "40"},
     {"interview_type": "technical", "search": "engineer", "min_score": 40}),
    ({"status": "completed", "ordering": "-overall_score", "max_score": "90"},
     {"status": ["completed"], "ordering": "-overall_score", "max_score": 90}),
]


@pytest.mark.parametrize(("params", "reference"), FILTER_CASES)
def test_filters_and_their_combinations(api, alice, seeded, params, reference):
    page = listed(api, alice, page_size=100, **params)
    want = expected(seeded, **reference)
    assert [item["id"] for item in page["results"]] == want
    assert page["count"] == len(want)


def test_status_repeated_and_created_dates(api, alice, seeded):
    answer = api.get("/api/interviews?status=abandoned&status=cancelled", **alice.auth).json()
    assert [i["id"] for i in answer["results"]] == expected(seeded, status=["abandoned", "cancelled"])
    first, last = (NOW - timedelta(days=12.1)).date(), (NOW - timedelta(days=1.2)).date()
    page = listed(api, alice, **{"from": first.isoformat(), "to": last.isoformat()})
    assert [i["id"] for i in page["results"]] == expected(seeded, date_from=first, date_to=last)
    assert page["count"] >= 5


@pytest.mark.parametrize("ordering", ["-created_at", "created_at", "overall_score", "-overall_score",
                                      "-completed_at"])
def test_each_ordering(api, alice, seeded, ordering):
    page = listed(api, alice, ordering=ordering)
    assert [item["id"] for item in page["results"]] == expected(seeded, ordering=ordering)


def test_pagination_edges(api, alice, bob, seeded, make_user):
    everything = expected(seeded)
    first = listed(api, alice, page_size=5)
    assert [i["id"] for i in first["results"]] == everything[:5] and first["previous"] is None
    assert first["next"].endswith("page=2&page_size=5") or "page=2" in first["next"]
    last = listed(api, alice, page_size=5, page=3)
    assert [i["id"] for i in last["results"]] == everything[10:] and last["next"] is None
    assert "page=2" in last["previous"]
    second = listed(api, alice, page_size=5, page=2)
    assert "page=" not in second["previous"] and [i["id"] for i in second["results"]] == everything[5:10]
    exact = listed(api, alice, page_size=6, page=2)  # 12 = 2 x 6: the last page is full, no next
    assert [i["id"] for i in exact["results"]] == everything[6:] and exact["next"] is None
    past = api.get("/api/interviews", {"page_size": 6, "page": 3}, **alice.auth)
    assert past.status_code == 404
    assert past.json() == {"error": {"code": "not_found", "message": "Invalid page.", "details": {}}}
    assert listed(api, alice, page_size=100)["count"] == 12
    newcomer = candidate(make_user)
    assert listed(api, newcomer) == {"count": 0, "next": None, "previous": None, "results": []}
    assert api.get("/api/interviews", {"page": 2}, **newcomer.auth).status_code == 404


@pytest.mark.parametrize(("params", "field"), [
    ({"status": "finished"}, "status"), ({"status": "completed,nope"}, "status"), ({"difficulty": "extreme"},
                                                                                   "difficulty"),
    ({"interview_type": "chat"}, "interview_type"), ({"experience_level": "expert"}, "experience_level"),
    ({"from": "yesterday"}, "from"), ({"to": "2026-13-01"}, "to"), ({"from": "2026-12-02", "to": "2026-12-01"},
                                                                     "from"),
    ({"min_score": "high"}, "min_score"), ({"max_score": "101"}, "max_score"),
    ({"min_score": "80", "max_score": "20"}, "min_score"), ({"ordering": "title"}, "ordering"),
    ({"page": "0"}, "page"), ({"page": "x"}, "page"), ({"page_size": "0"}, "page_size"),
    ({"page_size": "101"}, "page_size"),
])
def test_an_unknown_value_is_400_naming_the_parameter(api, alice, seeded, params, field):
    answer = api.get("/api/interviews", params, **alice.auth)
    assert answer.status_code == 400, answer.content
    error = answer.json()["error"]
    assert error["code"] == "validation_error" and list(error["details"]) == [field]


def test_blank_filters_are_ignored(api, alice, seeded):
    page = listed(api, alice, status="", difficulty="", search="  ", ordering="", **{"from": ""})
    assert [i["id"] for i in page["results"]] == expected(seeded)


def test_other_users_and_anonymous_callers(api, alice, bob, seeded):
    mine = listed(api, bob)
    assert mine["count"] == 3 and not {i["id"] for i in mine["results"]} & {r.id for r in seeded}
    bobs = api.get("/api/statistics", **bob.auth).json()
    assert (bobs["total_interviews"], bobs["completed_interviews"], bobs["best_score"]) == (3, 1, 99.0)
    assert [i["id"] for i in api.get("/api/dashboard", **bob.auth).json()["recent_interviews"]] == \
        [i["id"] for i in mine["results"]]
    for path in ("/api/interviews", "/api/interviews/list", "/api/db/sessions", "/api/statistics",
                 "/api/interviews/stats", "/api/db/statistics", "/api/dashboard", "/api/db/dashboard",
                 "/api/statistics/progress.png", "/api/statistics/progress.svg", f"/api/interviews/{seeded[0].id}",
                 f"/api/db/sessions/{seeded[0].id}"):
        anonymous = api.get(path)
        assert anonymous.status_code == 401, path
        assert anonymous.json()["error"]["code"] == "not_authenticated", path
    assert api.delete(f"/api/interviews/{seeded[0].id}").status_code == 401
    for path in (f"/api/interviews/{seeded[0].id}", f"/api/db/sessions/{seeded[0].id}"):
        hidden = api.get(path, **bob.auth)
        assert hidden.status_code == 404 and hidden.json()["error"]["code"] == "interview_not_found"
    assert api.delete(f"/api/interviews/{seeded[0].id}", **bob.auth).status_code == 404
    assert api.get(f"/api/interviews/{seeded[0].id}", **alice.auth).status_code == 200  # still there


def test_seed_paths_and_the_user_id_parameter(api, alice, bob, seeded):
    reference = listed(api, alice)
    for path in ("/api/interviews/list", "/api/db/sessions"):
        assert listed(api, alice, path) == {**reference, "results": reference["results"]} | {
            "next": None, "previous": None}
        assert listed(api, alice, path, user_id=alice.id)["count"] == 12
        assert listed(api, alice, path, user_id=alice.id.upper())["count"] == 12
        foreign = api.get(path, {"user_id": bob.id}, **alice.auth)
        assert foreign.status_code == 403 and foreign.json()["error"]["code"] == "user_mismatch"
    for path in ("/api/interviews/stats", "/api/db/statistics", "/api/db/dashboard", "/api/statistics/progress.svg",
                 f"/api/interviews/{seeded[0].id}", f"/api/db/sessions/{seeded[0].id}"):
        assert api.get(path, {"user_id": alice.id}, **alice.auth).status_code == 200, path
        assert api.get(path, {"user_id": bob.id}, **alice.auth).status_code == 403, path
        assert api.get(path, {"user_id": "optional-user-uuid"}, **alice.auth).status_code == 403, path
    assert api.get("/api/interviews/stats", **alice.auth).json() == api.get("/api/statistics", **alice.auth).json()
    assert api.get("/api/db/sessions/" + seeded[0].id, **alice.auth).json() == \
        api.get("/api/interviews/" + seeded[0].id, **alice.auth).json()


# Statistics ----------------------------------------------------------------------------------------


def rounded(values) -> float | None:
    values = [Decimal(str(v)) for v in values if v is not None]
    if not values:
        return None
    return float((sum(values) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def best(values) -> float | None:
    values = [v for v in values if v is not None]
    return float(max(values)) if values else None


def streaks(days: set[date]) -> tuple[int, int]:
    runs, run, previous = [], 0, None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        previous = day
        runs.append((run, day))
    longest = max((r for r, _ in runs), default=0)
    today = NOW.date()
    current = max((r for r, d in runs if d >= today - timedelta(days=1)), default=0)
    return current, longest


def test_statistics_match_numbers_computed_from_the_rows(api, alice, seeded, db, trips):
    gaps = [(seeded[0].id, "Kafka", "high"), (seeded[3].id, "kafka ", "medium"), (seeded[4].id, "KAFKA", "low"),
            (seeded[3].id, "Ownership", "high"), (seeded[4].id, "SQL", "critical"), (seeded[5].id, "sql", "high")]
    for interview_id, skill, severity in gaps:
        db.execute("insert into public.skill_gaps (interview_id, skill, severity) values (%s, %s, %s)",
                   (interview_id, skill, severity))
    api.get("/api/statistics", **alice.auth)
    trips.clear()
    stats = api.get("/api/statistics", **alice.auth).json()
    assert len(trips) == 1, trips

    done = [r for r in seeded if r.status == "completed"]
    current, longest = streaks({r.completed_at.date() for r in done})
    assert (current, longest) == (3, 4)  # the seeded days: 0-2 and 10-13 days ago
    weeks = [(NOW.date() - timedelta(days=NOW.weekday())) - timedelta(weeks=11 - n) for n in range(12)]

    def week_of(r: Row) -> date:
        day = r.completed_at.date()
        return day - timedelta(days=day.weekday())

    def scores(rows, i):
        return [r.scores[i] for r in rows]

    def breakdown(key, value, name):
        rows = [r for r in seeded if getattr(r, key) == value]
        completed = [r for r in rows if r.status == "completed"]
        return {name: value, "total": len(rows), "completed": len(completed),
                "average_score": rounded(scores(completed, 0)), "best_score": best(scores(completed, 0))}

    last_activity = max(max(r.created_at, r.completed_at or r.created_at) for r in seeded)
    assert same_instant(stats.pop("last_activity_at"), last_activity.isoformat())
    trend = stats.pop("weekly_trend")
    top_gaps = stats.pop("top_skill_gaps")
    assert stats == {
        "total_interviews": 12, "completed_interviews": len(done),
        "by_status": {s: sum(1 for r in seeded if r.status == s) for s in
                      ("scheduled", "preparing", "active", "completed", "abandoned", "cancelled")},
        "completion_rate": float(Decimal(100 * len(done) / 12).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)),
        "average_score": rounded(scores(done, 0)), "best_score": best(scores(done, 0)),
        "scores": {name: {"average": rounded(scores(done, i)), "best": best(scores(done, i))}
                   for i, name in enumerate(("overall", "communication", "technical", "problem_solving",
                                             "code_quality"))},
        "by_interview_type": [breakdown("interview_type", t, "interview_type")
                              for t in ("behavioral", "technical", "system_design", "coding", "mixed")],
        "by_difficulty": [breakdown("difficulty", d, "difficulty") for d in ("easy", "medium", "hard")],
        "questions_answered": sum(r.answered for r in seeded),
        "questions_skipped": sum(r.skipped for r in seeded),
        "problems_solved": 0,  # no code submitted here (tests/api/test_coding.py counts them)
        "time_spent_seconds": sum(r.duration or 0 for r in seeded),
        "current_streak": current, "longest_streak": longest,
        "total_sessions": len(done), "total_questions_answered": sum(r.answered for r in seeded),
        "total_questions_skipped": sum(r.skipped for r in seeded),
    }
    assert [w["week_start"] for w in trend] == [w.isoformat() for w in weeks]
    for week, entry in zip(weeks, trend, strict=True):
        rows = [r for r in done if week_of(r) == week]
        assert entry == {
            "week_start": week.isoformat(), "completed_interviews": len(rows),
            "average_score": rounded(scores(rows, 0)), "best_score": best(scores(rows, 0)),
            "average_communication_score": rounded(scores(rows, 1)),
            "average_technical_score": rounded(scores(rows, 2)),
            "average_problem_solving_score": rounded(scores(rows, 3)),
            "average_code_quality_score": rounded(scores(rows, 4)),
        }
    assert [(g["skill_key"], g["times_seen"]) for g in top_gaps] == [("kafka", 3), ("sql", 2), ("ownership", 1)]
    assert top_gaps[0]["skill"] == "Kafka" or top_gaps[0]["skill"] in ("kafka ", "KAFKA")

    # GET /api/user/stats (the interview_statistics view) still agrees
    user_stats = api.get("/api/user/stats", **alice.auth).json()
    assert user_stats["total_interviews"] == 12 and user_stats["completed_interviews"] == len(done)
    assert user_stats["average_score"] == rounded(scores(done, 0))
    assert (user_stats["current_streak"], user_stats["longest_streak"]) == (3, 4)


def test_a_new_users_statistics_and_dashboard(api, make_user):
    newcomer = candidate(make_user)
    stats = api.get("/api/statistics", **newcomer.auth).json()
    assert stats["total_interviews"] == 0 and stats["completion_rate"] == 0
    assert stats["average_score"] is None and stats["scores"]["overall"] == {"average": None, "best": None}
    assert stats["current_streak"] == 0 and stats["top_skill_gaps"] == [] and len(stats["weekly_trend"]) == 12
    assert all(w["completed_interviews"] == 0 for w in stats["weekly_trend"])
    board = api.get("/api/dashboard", **newcomer.auth).json()
    assert board == {"statistics": stats, "recent_interviews": [], "recent_sessions": [], "resumes": [],
                     "open_skill_gaps": []}


# Dashboard -----------------------------------------------------------------------------------------


def test_the_dashboard(api, alice, bob, seeded, db, trips):
    for name, days in (("old.pdf", 3), ("new.pdf", 1)):
        db.execute("insert into public.resumes (user_id, file_name, content_type, size_bytes, created_at) "
                   "values (%s, %s, 'application/pdf', 100, now() - %s * interval '1 day')", (alice.id, name, days))
    db.execute("insert into public.resumes (user_id, file_name) values (%s, 'bobs.pdf')", (bob.id,))
    # gaps: SQL seen 11 days ago, then answered (category sql) 2 days ago without the gap: resolved
    old, later = seeded[4], seeded[2]
    for skill, severity, interview in (("SQL", "critical", old), ("Caching", "high", old), ("Testing", "medium", old),
                                       ("Kafka", "low", old), ("Ownership", "critical", seeded[3])):
        db.execute("insert into public.skill_gaps (interview_id, skill, severity, evidence, recommendation) "
                   "values (%s, %s, %s, 'a quote', 'practise')", (interview.id, skill, severity))
    db.execute("insert into public.interview_answers (interview_id, position, question_text, category, answer_text) "
               "values (%s, 10, 'Index a table?', 'SQL', 'I would add a btree index on the filtered column.')",
               (later.id,))
    api.get("/api/dashboard", **alice.auth)
    trips.clear()
    board = api.get("/api/dashboard", **alice.auth).json()
    assert len(trips) == 1, trips
    assert board["statistics"] == api.get("/api/statistics", **alice.auth).json()
    assert board["recent_interviews"] == listed(api, alice, page_size=5)["results"]
    assert board["recent_sessions"] == board["recent_interviews"]
    assert [r["file_name"] for r in board["resumes"]] == ["new.pdf", "old.pdf"]
    assert set(board["resumes"][0]) == {"id", "file_name", "content_type", "size_bytes", "page_count", "parser",
                                        "created_at", "updated_at"}
    assert [g["skill_key"] for g in board["open_skill_gaps"]] == ["ownership", "caching", "testing"]
    assert board["open_skill_gaps"][0]["interview_id"] == seeded[3].id
    assert board["open_skill_gaps"][0]["evidence"] == "a quote"
    # the same rule as GET /api/skill-gaps: resolved ones are not open
    trends = {g["skill_key"]: g["trend"] for g in
              api.get("/api/skill-gaps", {"page_size": 100}, **alice.auth).json()["results"]}
    assert trends["sql"] == "resolved" and {k for k, t in trends.items() if t != "resolved"} == {
        "ownership", "caching", "testing", "kafka"}
    # seed 002's fields
    seed = api.get("/api/db/dashboard", **alice.auth).json()
    assert seed["statistics"]["total_sessions"] == 8
    assert seed["statistics"]["average_score"] == board["statistics"]["average_score"]
    assert seed["recent_sessions"][0]["job_role"] == "Backend Engineer"
    assert seed["recent_sessions"][0]["overall_score"] == 82.0
    assert len(seed["resumes"]) == 2
    assert api.get("/api/dashboard", **bob.auth).json()["resumes"][0]["file_name"] == "bobs.pdf"


# The progress chart --------------------------------------------------------------------------------


def test_the_progress_chart(api, alice, bob, seeded, make_user, trips):
    png = api.get("/api/statistics/progress.png", HTTP_ACCEPT="image/avif,image/webp,*/*", **alice.auth)
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(png.content)).size == (800, 400)
    trips.clear()
    svg = api.get("/api/statistics/progress.svg", **alice.auth)
    assert len(trips) == 1, trips
    assert svg["Content-Type"] == "image/svg+xml"
    text = svg.content.decode()
    assert '<svg ' in text and 'width="800" height="400"' in text
    assert "Scores over your last 8 completed interviews" in text and "Overall" in text
    # bob's chart shows his one interview only; a new user gets the empty state
    assert "last 1 completed interview<" in api.get("/api/statistics/progress.svg", **bob.auth).content.decode()
    newcomer = candidate(make_user)
    empty = api.get("/api/statistics/progress.svg", **newcomer.auth).content.decode()
    assert "No completed interviews yet" in empty and "Finish an interview" in empty
    empty_png = api.get("/api/statistics/progress.png", **newcomer.auth)
    assert Image.open(io.BytesIO(empty_png.content)).size == (800, 400)
    assert empty_png.content != png.content


# One interview in full -----------------------------------------------------------------------------


def finished_interview(api, who) -> str:
    interview, _ = started(api, who, num_questions=2, title="Full detail",
                           job_description="We need Python and PostgreSQL; Kafka is a plus.")
    say(api, who, interview["id"], STRONG)
    say(api, who, interview["id"], WEAK)
    ended = api.post(f"/api/interviews/{interview['id']}/end", **who.auth)
    assert ended.status_code == 200, ended.content
    return interview["id"]


def add_recording(db, stack_settings, who, interview_id: str, name: str = "answer-1.webm") -> tuple[str, bytes]:
    path = f"{who.id}/{interview_id}/{name}"
    data = b"\x1aE\xdf\xa3" + b"\x00" * 64
    client = supabase_client.get_client()
    client.storage.from_("interview-recordings").upload(path, data, {"content-type": "audio/webm"})
    db.execute("insert into public.recordings (interview_id, answer_id, kind, storage_path, content_type, size_bytes, "
               "duration_seconds) values (%s, (select id from public.interview_answers where interview_id = %s "
               "and position = 1), 'audio', %s, 'audio/webm', %s, 12.5)",
               (interview_id, interview_id, path, len(data)))
    return path, data


def test_the_detail_has_everything(api, alice, db, stack_settings, trips):
    interview_id = finished_interview(api, alice)
    trips.clear()
    detail = api.get(f"/api/interviews/{interview_id}", **alice.auth).json()
    assert len(trips) == 1, trips  # no recordings: no signed links to make
    evaluation = api.get(f"/api/interviews/{interview_id}/evaluation", **alice.auth).json()
    gaps = api.get(f"/api/interviews/{interview_id}/skill-gaps", **alice.auth).json()
    coverage = api.get(f"/api/interviews/{interview_id}/coverage", **alice.auth).json()
    assert detail["answers"] == evaluation["answers"]
    assert detail["skill_gaps"] == gaps["skill_gaps"]
    assert detail["coverage"] == {"items": coverage["items"], "summary": coverage["summary"]}
    for key in ("status", "overall_score", "communication_score", "technical_score", "problem_solving_score",
                "code_quality_score", "feedback", "completed_at", "scoring_engine", "rubric_version"):
        assert detail[key] == evaluation[key], key
    assert detail["title"] == "Full detail" and detail["status"] == "completed"
    assert [q["position"] for q in detail["plan"]] == [1, 2] and detail["question_count"] == 2
    assert detail["resume"] is None and detail["recordings"] == []
    stored = db.execute("select seq, role, content from public.interview_messages where interview_id = %s "
                        "order by seq", (interview_id,)).fetchall()
    assert [(m["seq"], m["role"], m["content"]) for m in detail["messages"]] == [tuple(r) for r in stored]
    assert detail["conversation"] == [{"role": "user" if r[1] == "candidate" else r[1], "content": r[2]}
                                      for r in stored]
    assert detail["conversation"][1] == {"role": "user", "content": STRONG}
    assert "engine_state" not in detail and "interview_messages" not in detail

    path, data = add_recording(db, stack_settings, alice, interview_id)
    trips.clear()
    detail = api.get(f"/api/interviews/{interview_id}", **alice.auth).json()
    assert len(trips) == 2, trips  # the row with everything, then the signed links
    [recording] = detail["recordings"]
    url = recording.pop("url")
    recording.pop("id"), recording.pop("created_at")
    assert recording == {"kind": "audio", "content_type": "audio/webm", "size_bytes": len(data),
                         "duration_seconds": 12.5, "expires_at": None, "answer_position": 1, "url_expires_in": 900}
    fetched = httpx.get(url if url.startswith("http") else f"{stack_settings.url}/storage/v1{url}")
    assert fetched.status_code == 200 and fetched.content == data
    listing = listed(api, alice)
    assert [i["has_recordings"] for i in listing["results"] if i["id"] == interview_id] == [True]


def test_the_detail_of_a_seed_001_save(api, alice):
    body = {"user_id": alice.id, "job_role": "Software Engineer", "experience_level": "Mid-level",
            "interview_type": "Behavioral", "question_count": 1,
            "conversation": [{"role": "interviewer", "content": "Tell me about yourself"},
                             {"role": "user", "content": "I'm a software engineer..."}],
            "feedback": {"overallScore": 8, "communicationScore": 9, "technicalScore": 7, "strengths": ["Clear"],
                         "areasForImprovement": ["Depth"], "detailedFeedback": "Well done",
                         "recommendations": ["STAR"]}}
    saved = api.post("/api/interviews/save", body, format="json", **alice.auth).json()["data"]
    detail = api.get(f"/api/interviews/{saved['id']}", **alice.auth).json()
    assert detail["conversation"] == body["conversation"]
    assert (detail["status"], detail["overall_score"], detail["question_count"]) == ("completed", 80.0, 1)
    assert detail["feedback"] == saved["feedback"] and detail["answers"] == [] and detail["skill_gaps"] == []
    listing = listed(api, alice, "/api/interviews/list", user_id=alice.id)
    assert listing["results"][0]["id"] == saved["id"]


# Deleting ------------------------------------------------------------------------------------------


def counts(db, interview_id: str) -> dict[str, int]:
    tables = ("interviews", "interview_messages", "interview_answers", "answer_attempts", "skill_gaps",
              "interview_coverage", "recordings")
    found = {}
    for table in tables:
        column = "id" if table == "interviews" else "interview_id"
        found[table] = db.execute(f"select count(*) from public.{table} where {column} = %s",  # noqa: S608
                                  (interview_id,)).fetchone()[0]
    return found


def objects(db, prefix: str) -> list[tuple[str, str]]:
    return db.execute("select bucket_id, name from storage.objects where name like %s order by 1, 2",
                      (prefix + "%",)).fetchall()


def test_delete_removes_rows_and_objects(api, alice, bob, db, stack_settings, trips):
    interview_id = finished_interview(api, alice)
    retry = api.post(f"/api/interviews/{interview_id}/answers/1/retry", {"content": STRONG}, format="json",
                     **alice.auth)
    assert retry.status_code == 201
    add_recording(db, stack_settings, alice, interview_id)
    client = supabase_client.get_client()
    client.storage.from_("interview-recordings").upload(f"{alice.id}/{interview_id}/no-row.webm",
                                                        b"\x1aE\xdf\xa3" + b"\x00" * 8, {"content-type": "audio/webm"})
    client.storage.from_("reports").upload(f"{alice.id}/{interview_id}/report.pdf", b"%PDF-1.4\n%%EOF\n",
                                           {"content-type": "application/pdf"})
    keep = finished_interview(api, alice)  # another interview of hers, and bob's, stay whole
    keep_path, _ = add_recording(db, stack_settings, alice, keep)
    bobs = create(api, bob)
    before = counts(db, interview_id)
    assert all(before[t] >= 1 for t in ("interviews", "interview_messages", "interview_answers", "answer_attempts",
                                        "skill_gaps", "interview_coverage", "recordings")), before
    assert len(objects(db, f"{alice.id}/{interview_id}/")) == 3
    kept_before = counts(db, keep)

    assert api.delete(f"/api/interviews/{interview_id}", **bob.auth).status_code == 404
    assert counts(db, interview_id) == before
    trips.clear()
    gone = api.delete(f"/api/interviews/{interview_id}", **alice.auth)
    assert gone.status_code == 204 and gone.content == b""
    assert len(trips) == 4, trips  # the rows (and the queue), two buckets, the queue emptied
    assert counts(db, interview_id) == dict.fromkeys(before, 0)
    assert objects(db, f"{alice.id}/{interview_id}/") == []
    assert db.execute("select count(*) from public.storage_deletions where interview_id = %s",
                      (interview_id,)).fetchone()[0] == 0
    assert counts(db, keep) == kept_before and objects(db, keep_path) == [("interview-recordings", keep_path)]
    assert api.get(f"/api/interviews/{bobs['id']}", **bob.auth).status_code == 200
    again = api.delete(f"/api/interviews/{interview_id}", **alice.auth)
    assert again.status_code == 404 and again.json()["error"]["code"] == "interview_not_found"
    assert api.get(f"/api/interviews/{interview_id}", **alice.auth).status_code == 404


def test_delete_finishes_what_a_failed_storage_call_left_queued(api, alice, db):
    """Rows already deleted, one object still queued (as after Storage failed three times): deleting
    again removes the object and answers 204; the queue is empty afterwards."""
    interview_id = str(uuid.uuid4())
    path = f"{alice.id}/{interview_id}/report.pdf"
    supabase_client.get_client().storage.from_("reports").upload(path, b"%PDF-1.4\n%%EOF\n",
                                                                 {"content-type": "application/pdf"})
    db.execute("insert into public.storage_deletions (user_id, interview_id, bucket, path, attempts, last_error) "
               "values (%s, %s, 'reports', %s, 3, 'reports: timed out')", (alice.id, interview_id, path))
    assert api.delete(f"/api/interviews/{interview_id}", **alice.auth).status_code == 204
    assert objects(db, path) == []
    assert db.execute("select count(*) from public.storage_deletions where user_id = %s",
                      (alice.id,)).fetchone()[0] == 0


def test_a_deleted_interview_leaves_the_statistics(api, alice, seeded):
    before = api.get("/api/statistics", **alice.auth).json()
    assert api.delete(f"/api/interviews/{seeded[0].id}", **alice.auth).status_code == 204
    after = api.get("/api/statistics", **alice.auth).json()
    assert after["total_interviews"] == before["total_interviews"] - 1
    assert after["questions_skipped"] == before["questions_skipped"] - seeded[0].skipped
    assert listed(api, alice)["count"] == 11


# Round trips and plans -----------------------------------------------------------------------------


def test_round_trips_do_not_grow_with_the_history(api, alice, seeded, trips):
    for path, params in (("/api/interviews", {}), ("/api/interviews", {"status": "completed", "search": "engineer",
                                                                       "ordering": "-overall_score", "page": 2,
                                                                       "page_size": 3}),
                         ("/api/statistics", {}), ("/api/dashboard", {}), ("/api/statistics/progress.png", {}),
                         (f"/api/interviews/{seeded[0].id}", {})):
        api.get(path, params, **alice.auth)
        trips.clear()
        assert api.get(path, params, **alice.auth).status_code == 200
        assert len(trips) == 1, (path, trips)


SHAPES = [
    ({}, "-created_at"), ({}, "created_at"), ({}, "overall_score"), ({}, "-overall_score"), ({}, "-completed_at"),
    ({"status": ["completed"]}, "-created_at"), ({"status": ["active", "preparing"]}, "-created_at"),
    ({"difficulty": "hard"}, "-created_at"), ({"interview_type": "coding"}, "-created_at"),
    ({"experience_level": "senior"}, "-created_at"),
    ({"from": "2026-01-01T00:00:00+00:00", "to": "2026-02-01T00:00:00+00:00"}, "-created_at"),
    ({"min_score": 90}, "-overall_score"), ({"max_score": 20}, "overall_score"),
    ({"min_score": 40, "max_score": 60}, "-created_at"),
    ({"search": "platform"}, "-created_at"), ({"search": "kafka streams"}, "-overall_score"),
    ({"status": ["completed"], "difficulty": "hard", "interview_type": "technical", "min_score": 50},
     "-completed_at"),
    ({"status": ["completed"], "search": "engineer"}, "created_at"),
]


@pytest.fixture
def ten_thousand(db, make_user):
    """One user with 10,000 interviews and another with 40,000 (so the table is large), seeded with SQL,
    then vacuumed and analysed as autovacuum would."""
    users = [make_user().id for _ in range(5)]
    db.execute("""
        insert into public.interviews (user_id, title, job_role, job_description, experience_level, interview_type,
          difficulty, status, overall_score, scoring_engine, rubric_version, started_at, completed_at, created_at)
        select u.id,
               case when n %% 3 = 0 then 'Practice ' || n end,
               (array['Backend Engineer', 'Platform Engineer', 'Data Engineer', 'Frontend Developer'])[1 + n %% 4],
               case when n %% 5 = 0 then 'Kafka streams and PostgreSQL, item ' || n end,
               (array['junior', 'mid', 'senior'])[1 + n %% 3],
               (array['behavioral', 'technical', 'system_design', 'coding', 'mixed'])[1 + n %% 5],
               (array['easy', 'medium', 'hard'])[1 + n %% 7 %% 3],
               case when n %% 10 < 7 then 'completed' when n %% 10 = 7 then 'active' else 'preparing' end,
               case when n %% 10 < 7 then (n * 37) %% 101 end,
               case when n %% 10 < 7 then 'offline-scorer-1' end,
               case when n %% 10 < 7 then 'scoring-v1' end,
               case when n %% 10 < 8 then now() - n * interval '1 hour' end,
               case when n %% 10 < 7 then now() - n * interval '1 hour' + interval '20 minutes' end,
               now() - n * interval '1 hour'
        from unnest(%s::uuid[]) as u(id), generate_series(1, 10000) as n
    """, (users,))
    db.execute("vacuum analyze public.interviews")
    yield users[0]
    db.execute("delete from public.interviews where user_id = any(%s::uuid[])", (users,))


def test_no_sequential_scan_of_interviews_at_10000(db, ten_thousand):
    """Every filter and ordering the list offers, first page and a deep one: EXPLAIN of the exact
    statements `interview_history` runs (interview_history_sql builds them) uses an index."""
    plans = []
    for offset in (0, 7980):
        for filters, ordering in SHAPES:
            count_sql, page_sql = db.execute(
                "select public.interview_history_sql(%s, %s, %s, 20, %s)",
                (ten_thousand, json.dumps(filters), ordering, offset)).fetchone()[0]
            for statement in (count_sql, page_sql):
                plan = "\n".join(r[0] for r in db.execute(f"explain {statement}").fetchall())
                plans.append(plan)
                assert "Seq Scan on interviews" not in plan, (filters, ordering, plan)
                assert "Index" in plan, plan
    assert len(plans) == 4 * len(SHAPES)
    answer = db.execute("select public.interview_history(%s, '{}', '-created_at', 20, 0)", (ten_thousand,)).fetchone()
    assert answer[0]["count"] == 10000 and len(answer[0]["results"]) == 20
    stats = db.execute("select public.history_statistics(%s)", (ten_thousand,)).fetchone()[0]
    assert stats["total_interviews"] == 10000 and stats["completed_interviews"] == 7000


FRESH_CELLS = """
select i.status, i.interview_type, i.difficulty, count(*)::integer, sum(i.answered_count)::bigint,
       sum((select count(*) from public.interview_answers a where a.interview_id = i.id and a.skipped))::bigint,
       coalesce(sum(i.duration_seconds), 0)::bigint, max(i.overall_score), count(i.overall_score)::integer,
       sum(i.overall_score), max(i.code_quality_score)
from public.interviews i where i.user_id = %s group by 1, 2, 3 order by 1, 2, 3
"""
KEPT_CELLS = """
select status, interview_type, difficulty, interviews, answered, skipped, seconds, overall_best, overall_n,
       overall_sum, code_quality_best
from public.interview_stat_cells where user_id = %s order by 1, 2, 3
"""
FRESH_DAYS = """
select (completed_at at time zone 'utc')::date, count(*)::integer from public.interviews
where user_id = %s and status = 'completed' group by 1 order by 1
"""


def test_the_statistics_rollups_follow_every_write(api, alice, bob, seeded, db):
    """The cells and days the statistics read equal a fresh aggregation of the rows after inserts,
    updates (scores, status, difficulty, owner), skipped answers, deletes, and through the API."""
    def check():
        for who in (alice.id, bob.id):
            assert db.execute(KEPT_CELLS, (who,)).fetchall() == db.execute(FRESH_CELLS, (who,)).fetchall()
            assert db.execute("select day, completed from public.interview_stat_days where user_id = %s "
                              "order by day", (who,)).fetchall() == db.execute(FRESH_DAYS, (who,)).fetchall()

    check()
    best = max((r for r in seeded if r.overall is not None), key=lambda r: r.overall)
    db.execute("update public.interviews set overall_score = 12 where id = %s", (best.id,))  # the best falls
    check()
    db.execute("update public.interviews set difficulty = 'easy', status = 'abandoned', completed_at = null "
               "where id = %s", (seeded[1].id,))
    check()
    db.execute("update public.interviews set status = 'completed', completed_at = now(), overall_score = 70, "
               "scoring_engine = 'offline-scorer-1', rubric_version = 'scoring-v1' where id = %s", (seeded[8].id,))
    db.execute("update public.interview_answers set skipped = false where interview_id = %s", (seeded[2].id,))
    db.execute("insert into public.interview_answers (interview_id, position, question_text, skipped) "
               "values (%s, 9, 'Q?', true)", (seeded[4].id,))
    check()
    db.execute("update public.interviews set user_id = %s where id = %s", (bob.id, seeded[5].id))  # moved
    check()
    db.execute("delete from public.interviews where id = any(%s::uuid[])", ([seeded[0].id, seeded[3].id],))
    check()
    interview_id = finished_interview(api, alice)
    check()
    assert api.delete(f"/api/interviews/{interview_id}", **alice.auth).status_code == 204
    check()
    stats = api.get("/api/statistics", **alice.auth).json()
    # 12, less one moved to Bob and two deleted; the best: 91 became 12, 82 was deleted, 73 moved, 70 is new
    assert stats["total_interviews"] == 9 and stats["best_score"] == 70.0
