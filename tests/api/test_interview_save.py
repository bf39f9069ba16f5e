"""Seed 001's `POST /api/interviews/save` against the local stack: the seed's own body, the rows it
leaves (interview and conversation, written together), who owns the interview (the token, never
the body), and every rejection (400, nothing stored)."""

from __future__ import annotations

import copy
import json
import re
import uuid
from decimal import Decimal

import psycopg
import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.usefixtures("stack_settings")

# seed 001's request body, byte for byte as its README shows it
SEED_001_BODY = """{
  "user_id": "optional-user-uuid",
  "job_role": "Software Engineer",
  "experience_level": "Mid-level",
  "interview_type": "Behavioral",
  "conversation": [
    {"role": "interviewer", "content": "Tell me about yourself"},
    {"role": "user", "content": "I'm a software engineer..."}
  ],
  "feedback": {
    "overallScore": 8,
    "communicationScore": 9,
    "technicalScore": 7,
    "strengths": ["Clear communication"],
    "areasForImprovement": ["More technical depth"],
    "detailedFeedback": "You performed well...",
    "recommendations": ["Practice STAR method"]
  },
  "question_count": 5
}"""
SEED = json.loads(SEED_001_BODY)
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
ANONYMOUS_NOTICE = ("user_id was ignored: only a signed-in caller's token says who owns an interview, so it was "
                    "saved anonymously.")


@pytest.fixture
def api():
    return APIClient()


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {user.access_token}"}


def body(**changes) -> dict:
    """The seed's body with some keys changed (None removes a key)."""
    data = copy.deepcopy(SEED)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def save(api, data, user=None, **extra):
    return api.post("/api/interviews/save", data, format="json", **(auth(user) if user else {}), **extra)


def interview_row(db, interview_id: str) -> dict:
    columns = ("user_id", "title", "job_role", "experience_level", "interview_type", "difficulty", "status",
               "planned_questions", "answered_count", "feedback", "overall_score", "communication_score",
               "technical_score", "problem_solving_score", "scoring_engine", "rubric_version")
    row = db.execute(f"select {', '.join(columns)}, completed_at is not null, scored_at is not null"
                     " from public.interviews where id = %s", (interview_id,)).fetchone()
    return dict(zip((*columns, "completed", "scored"), row, strict=True))


def messages(db, interview_id: str) -> list[tuple[str, str, str]]:
    return db.execute("select role, content, input_mode from public.interview_messages where interview_id = %s"
                      " order by seq", (interview_id,)).fetchall()


def interview_count(db) -> int:
    return db.execute("select count(*) from public.interviews").fetchone()[0]


STORED_FEEDBACK = SEED["feedback"]


def test_the_seeds_own_body_is_saved_anonymously(api, db):
    answer = api.generic("POST", "/api/interviews/save", SEED_001_BODY, content_type="application/json")
    assert answer.status_code == 201, answer.content
    result = answer.json()
    data = result["data"]
    interview_id, created_at, updated_at, completed_at = (data.pop("id"), data.pop("created_at"),
                                                          data.pop("updated_at"), data.pop("completed_at"))
    assert uuid.UUID(interview_id) and all(TIMESTAMP.match(t) for t in (created_at, updated_at, completed_at))
    assert result == {"success": True, "message": "Interview saved successfully", "warning": ANONYMOUS_NOTICE,
                      "data": {
        "user_id": None, "anonymous": True, "title": None, "job_role": "Software Engineer",
        "experience_level": "mid", "interview_type": "behavioral", "status": "completed", "question_count": 5,
        "planned_questions": 5, "answered_count": 1, "message_count": 2,
        "conversation": [{"role": "interviewer", "content": "Tell me about yourself"},
                         {"role": "user", "content": "I'm a software engineer..."}],
        "feedback": STORED_FEEDBACK, "overall_score": 80.0, "communication_score": 90.0, "technical_score": 70.0,
        "scoring_engine": "client", "rubric_version": "seed-001-1to10",
    }}
    assert interview_row(db, interview_id) == {
        "user_id": None, "title": None, "job_role": "Software Engineer", "experience_level": "mid",
        "interview_type": "behavioral", "difficulty": "medium", "status": "completed", "planned_questions": 5,
        "answered_count": 1, "feedback": STORED_FEEDBACK, "overall_score": Decimal("80.00"),
        "communication_score": Decimal("90.00"), "technical_score": Decimal("70.00"), "problem_solving_score": None,
        "scoring_engine": "client", "rubric_version": "seed-001-1to10", "completed": True, "scored": True,
    }
    assert messages(db, interview_id) == [("interviewer", "Tell me about yourself", "text"),
                                          ("candidate", "I'm a software engineer...", "text")]


def test_a_signed_in_save_belongs_to_the_caller(api, db, make_user):
    user = make_user()
    for user_id in (None, user.id, user.id.upper(), ""):
        answer = save(api, body(user_id=user_id, title="Friday practice"), user)
        assert answer.status_code == 201, answer.content
        result = answer.json()
        assert result["warning"] is None and result["message"] == "Interview saved successfully"
        assert (result["data"]["user_id"], result["data"]["anonymous"]) == (user.id, False)
        row = interview_row(db, result["data"]["id"])
        assert (row["user_id"], row["title"]) == (uuid.UUID(user.id), "Friday practice")
    # the owner reads it with their own token (RLS), conversation included
    mine = user.client.table("interviews").select("id,interview_messages(role,content)").execute().data
    assert len(mine) == 4 and all(len(item["interview_messages"]) == 2 for item in mine)


def test_anonymous_without_user_id_has_no_warning(api, db):
    answer = save(api, body(user_id=None), HTTP_AUTHORIZATION="")  # blank header: signed out
    assert answer.status_code == 201, answer.content
    assert answer.json()["warning"] is None and answer.json()["data"]["anonymous"] is True


def test_a_body_user_id_without_a_token_is_not_trusted(api, db, make_user):
    victim = make_user()
    answer = save(api, body(user_id=victim.id))
    assert answer.status_code == 201, answer.content
    result = answer.json()
    assert (result["data"]["user_id"], result["data"]["anonymous"], result["warning"]) == (None, True,
                                                                                          ANONYMOUS_NOTICE)
    assert interview_row(db, result["data"]["id"])["user_id"] is None
    assert db.execute("select count(*) from public.interviews where user_id = %s", (victim.id,)).fetchone()[0] == 0


@pytest.mark.parametrize("claimed", ["other-user", "optional-user-uuid"])
def test_a_body_user_id_that_is_not_the_callers_is_403(api, db, make_user, claimed):
    user, other = make_user(), make_user()
    before = interview_count(db)
    answer = save(api, body(user_id=other.id if claimed == "other-user" else claimed), user)
    assert answer.status_code == 403, answer.content
    assert answer.json() == {"error": {"code": "user_mismatch", "message": "user_id does not match the signed-in "
                                       "user.", "details": {}}}
    assert interview_count(db) == before


def test_a_bad_token_is_refused_not_ignored(api, db):
    before = interview_count(db)
    answer = save(api, body(), HTTP_AUTHORIZATION="Bearer nonsense")
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "invalid_token"
    assert interview_count(db) == before


@pytest.mark.parametrize(("level", "kind", "stored"), [
    ("Junior", "Technical", ("junior", "technical")),
    ("Senior", "System Design", ("senior", "system_design")),
    ("mid", "system_design", ("mid", "system_design")),
    ("senior", "coding", ("senior", "coding")),
])
def test_seed_and_stored_names_are_both_accepted(api, db, level, kind, stored):
    answer = save(api, body(experience_level=level, interview_type=kind, user_id=None))
    assert answer.status_code == 201, answer.content
    data = answer.json()["data"]
    assert (data["experience_level"], data["interview_type"]) == stored
    row = interview_row(db, data["id"])
    assert (row["experience_level"], row["interview_type"]) == stored


def test_conversation_is_stored_in_order_and_counted(api, db):
    conversation = []
    for n in range(1, 4):
        conversation += [{"role": "interviewer", "content": f"Question {n}?"},
                         {"role": "user", "content": f"Answer {n}."}]
    conversation.append({"role": "interviewer", "content": "Thanks, that's all."})
    fractional = {**SEED["feedback"], "overallScore": 7.5, "communicationScore": 1, "technicalScore": 10}
    answer = save(api, body(user_id=None, conversation=conversation, question_count=None, feedback=fractional))
    assert answer.status_code == 201, answer.content
    data = answer.json()["data"]
    assert (data["answered_count"], data["message_count"], data["question_count"]) == (3, 7, 4)
    assert (data["overall_score"], data["communication_score"], data["technical_score"]) == (75.0, 10.0, 100.0)
    assert [content for _, content, _ in messages(db, data["id"])] == [m["content"] for m in conversation]
    assert [role for role, _, _ in messages(db, data["id"])] == ["interviewer", "candidate"] * 3 + ["interviewer"]
    assert interview_row(db, data["id"])["feedback"] == fractional


BAD = [
    ("overall-zero", {"feedback": {**SEED["feedback"], "overallScore": 0}}, "feedback.overallScore",
     "Ensure this value is greater than or equal to 1."),
    ("technical-eleven", {"feedback": {**SEED["feedback"], "technicalScore": 11}}, "feedback.technicalScore",
     "Ensure this value is less than or equal to 10."),
    ("communication-fraction-over", {"feedback": {**SEED["feedback"], "communicationScore": 10.5}},
     "feedback.communicationScore", "Ensure this value is less than or equal to 10."),
    ("score-on-100-scale", {"feedback": {**SEED["feedback"], "overallScore": 80}}, "feedback.overallScore",
     "Ensure this value is less than or equal to 10."),
    ("score-bool", {"feedback": {**SEED["feedback"], "overallScore": True}}, "feedback.overallScore",
     "A valid number is required."),
    ("score-missing", {"feedback": {k: v for k, v in SEED["feedback"].items() if k != "technicalScore"}},
     "feedback.technicalScore", "This field is required."),
    ("no-feedback", {"feedback": None}, "feedback", "This field is required."),
    ("strengths-not-list", {"feedback": {**SEED["feedback"], "strengths": "many"}}, "feedback.strengths",
     'Expected a list of items but got type "str".'),
    ("long-detailed-feedback", {"feedback": {**SEED["feedback"], "detailedFeedback": "x" * 20001}},
     "feedback.detailedFeedback", "Ensure this field has no more than 20000 characters."),
    ("level", {"experience_level": "Principal"}, "experience_level", "Must be one of: junior, mid, senior."),
    ("type", {"interview_type": "Trivia"}, "interview_type",
     "Must be one of: behavioral, technical, system_design, coding, mixed."),
    ("no-role", {"job_role": None}, "job_role", "This field is required."),
    ("long-role", {"job_role": "r" * 201}, "job_role", "Ensure this field has no more than 200 characters."),
    ("empty-conversation", {"conversation": []}, "conversation", "Ensure this field has at least 1 elements."),
    ("too-many-messages", {"conversation": [{"role": "user", "content": "hi"}] * 201}, "conversation",
     "Ensure this field has no more than 200 elements."),
    ("bad-speaker", {"conversation": [{"role": "interviewer", "content": "Q?"}, {"role": "system", "content": "x"}]},
     "conversation[1].role", '"system" is not a valid choice.'),
    ("long-message", {"conversation": [{"role": "user", "content": "x" * 20001}]}, "conversation[0].content",
     "Ensure this field has no more than 20000 characters."),
    ("nul-in-message", {"conversation": [{"role": "user", "content": "a\x00b"}]}, "conversation[0].content",
     "Null characters are not allowed."),
    ("question-count-zero", {"question_count": 0}, "question_count", "Ensure this value is greater than or equal to 1."),
    ("question-count-huge", {"question_count": 51}, "question_count",
     "Ensure this value is less than or equal to 50."),
]


@pytest.mark.parametrize(("case", "changes", "field", "message"), BAD, ids=[c[0] for c in BAD])
def test_bad_input_is_400_and_stores_nothing(api, db, make_user, case, changes, field, message):
    user = make_user()
    before = interview_count(db)
    data = body(user_id=None)
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    answer = save(api, data, user)
    assert answer.status_code == 400, answer.content
    assert answer.json() == {"error": {"code": "validation_error", "message": f"Invalid input: {field}: {message}",
                                       "details": {field: [message]}}}
    assert interview_count(db) == before


def test_the_longest_conversation_is_bounded(api, db):
    before = interview_count(db)
    longest = [{"role": "user", "content": "x" * 20000}] * 25  # exactly 500,000 characters
    assert save(api, body(user_id=None, conversation=longest)).status_code == 201
    answer = save(api, body(user_id=None, conversation=longest + [{"role": "user", "content": "x"}]))
    assert answer.status_code == 400, answer.content
    assert answer.json()["error"]["details"] == {
        "conversation": ["The conversation holds more than 500,000 characters."]}
    assert interview_count(db) == before + 1


def test_a_body_over_the_request_limit_is_413_not_500(api, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    before = interview_count(db)
    answer = save(api, body(user_id=None, conversation=[{"role": "user", "content": "x" * 15000}]))
    assert answer.status_code == 413, answer.content
    assert answer.json() == {"error": {"code": "request_too_large", "message": "The request body is too large.",
                                       "details": {}}}
    assert interview_count(db) == before


def test_malformed_json_is_400(api, db):
    before = interview_count(db)
    answer = api.generic("POST", "/api/interviews/save", SEED_001_BODY[:-3], content_type="application/json")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "parse_error"
    assert interview_count(db) == before


@pytest.fixture
def failing_message_insert(db):
    """Make the database fail on one message (a trigger raising disk_full), after the interview row."""
    db.execute("""
        create or replace function public.test_fail_message_insert() returns trigger language plpgsql as $$
        begin
          if new.content = 'fail here' then
            raise exception 'simulated failure' using errcode = '53100';
          end if;
          return new;
        end $$;
        create trigger test_fail_message_insert before insert on public.interview_messages
          for each row execute function public.test_fail_message_insert();
    """)
    yield
    db.execute("drop trigger test_fail_message_insert on public.interview_messages;"
               "drop function public.test_fail_message_insert();")


def test_a_failed_message_leaves_no_interview(api, db, make_user, failing_message_insert):
    user = make_user()
    conversation = [{"role": "interviewer", "content": "Q?"}, {"role": "user", "content": "A."},
                    {"role": "user", "content": "fail here"}]
    answer = save(api, body(user_id=None, conversation=conversation), user)
    assert answer.status_code == 503, answer.content
    assert answer.json()["error"]["code"] == "supabase_unavailable"
    assert db.execute("select count(*) from public.interviews where user_id = %s", (user.id,)).fetchone()[0] == 0
    assert save(api, body(user_id=None), user).status_code == 201  # the next save works


def test_only_the_service_role_may_call_the_function(db):
    rows = db.execute("select has_function_privilege(r, 'public.save_interview(uuid,jsonb,jsonb)', 'execute')"
                      " from unnest(array['anon', 'authenticated', 'service_role']) r").fetchall()
    assert [r[0] for r in rows] == [False, False, True]


def test_the_function_refuses_bad_input_itself(db, local_stack):
    """The second wall: called directly as the service role, bad values raise 22023, nothing is written."""
    good = {"job_role": "Dev", "experience_level": "mid", "interview_type": "technical"}
    cases = [
        (good | {"overall_score": 101, "scoring_engine": "client", "rubric_version": "v"}, []),
        (good | {"overall_score": 50}, []),  # a score without provenance
        (good | {"experience_level": "guru"}, []),
        (good | {"secret": 1}, []),
        (good, [{"role": "system", "content": "x"}]),
        (good, [{"role": "candidate", "content": 5}]),
        (good, [{"role": "candidate", "content": "x"}] * 201),
    ]
    before = interview_count(db)
    for interview, conversation in cases:
        with pytest.raises(psycopg.errors.InvalidParameterValue), \
                local_stack.ctx.db.as_role({"role": "service_role"}) as cur:
            cur.execute("select * from public.save_interview(null, %s::jsonb, %s::jsonb)",
                        (json.dumps(interview), json.dumps(conversation)))
    assert interview_count(db) == before
