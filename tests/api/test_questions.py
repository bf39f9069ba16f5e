"""`/api/questions...` against the local stack: the public bank and users' own questions, who
sees and changes what (owner / other user / anonymous), filters, pagination, the bulk paths
(seed 003's body, all or nothing) and every rejection."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.usefixtures("stack_settings")

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")

# seed 003's bulk body, as its README shows it
SEED_003_BULK = """{
    "questions": [
      {
        "session": 1,
        "question_text": "Tell me about yourself",
        "category": "Introduction",
        "difficulty": "easy",
        "order": 1
      },
      {
        "session": 1,
        "question_text": "What are your strengths?",
        "category": "Behavioral",
        "difficulty": "medium",
        "order": 2
      }
    ]
  }"""

RUBRIC = {
    "points": [{"text": "Names the trade-off", "keywords": ["latency", "consistency"]}],
    "strong_signals": ["Quantifies the impact"],
    "red_flags": ["Blames the team"],
    "anchors": {"weak": "No example.", "adequate": "An example, vague result.", "strong": "STAR with numbers."},
}


@pytest.fixture
def api():
    return APIClient()


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {user.access_token}"}


@pytest.fixture
def alice(make_user):
    return make_user()


@pytest.fixture
def bob(make_user):
    return make_user()


@pytest.fixture
def tag() -> str:
    """A word only this test's questions contain, so listings ignore other tests' rows."""
    return f"zq{uuid.uuid4().hex[:10]}"


def curated(service_client, text: str, **fields) -> dict:
    """A curated bank row, as the bank loader writes them (no owner, public)."""
    row = {"question_text": text, "interview_type": "behavioral", "source": "curated", "is_public": True,
           "owner_id": None, **fields}
    return service_client.table("questions").insert(row).execute().data[0]


def create(api, user, **fields) -> dict:
    answer = api.post("/api/questions", fields, format="json", **auth(user))
    assert answer.status_code == 201, answer.content
    return answer.json()


def stored(db, question_id: str) -> dict | None:
    row = db.execute(
        "select owner_id::text, is_public, question_text, category, interview_type, difficulty, experience_levels,"
        " role_tags, skills, expected_answer, rubric, follow_ups, source from public.questions where id = %s",
        (question_id,)).fetchone()
    if row is None:
        return None
    keys = ("owner_id", "is_public", "question_text", "category", "interview_type", "difficulty",
            "experience_levels", "role_tags", "skills", "expected_answer", "rubric", "follow_ups", "source")
    return dict(zip(keys, row, strict=True))


def listed(api, user=None, **query) -> dict:
    answer = api.get("/api/questions", query, **(auth(user) if user else {}))
    assert answer.status_code == 200, answer.content
    return answer.json()


def texts(page: dict) -> list[str]:
    return [item["question_text"] for item in page["results"]]


# create ------------------------------------------------------------------------------------------
def test_create_answers_the_whole_question_and_stores_it(api, db, alice):
    answer = api.post("/api/questions", {
        "question_text": "Describe a time you disagreed with a design.", "interview_type": "Behavioral",
        "difficulty": "hard", "category": "Conflict", "experience_levels": ["Senior", "Mid-level"],
        "roles": [" Backend  Engineer ", "SRE", "backend engineer"], "skills": ["Communication", "communication "],
        "expected_answer": "A concrete disagreement resolved with data.", "follow_ups": ["What would you change?"],
        "rubric": RUBRIC, "is_public": False,
    }, format="json", **auth(alice))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    question_id, created_at, updated_at = body.pop("id"), body.pop("created_at"), body.pop("updated_at")
    assert TIMESTAMP.match(created_at) and TIMESTAMP.match(updated_at)
    assert body == {
        "question_text": "Describe a time you disagreed with a design.", "interview_type": "behavioral",
        "difficulty": "hard", "category": "Conflict", "experience_levels": ["mid", "senior"],
        "role_tags": ["backend engineer", "sre"], "skills": ["Communication"],
        "expected_answer": "A concrete disagreement resolved with data.", "rubric": RUBRIC, "rubric_version": None,
        "follow_ups": ["What would you change?"], "source": "user", "is_public": False, "is_own": True,
        "owner_id": alice.id,
    }
    assert stored(db, question_id) == {
        "owner_id": alice.id, "is_public": False, "question_text": "Describe a time you disagreed with a design.",
        "category": "Conflict", "interview_type": "behavioral", "difficulty": "hard",
        "experience_levels": ["mid", "senior"], "role_tags": ["backend engineer", "sre"], "skills": ["Communication"],
        "expected_answer": "A concrete disagreement resolved with data.", "rubric": RUBRIC,
        "follow_ups": ["What would you change?"], "source": "user",
    }


def test_create_with_only_the_text_gets_the_defaults(api, db, alice):
    body = create(api, alice, question_text="What is a deadlock?", source="curated", owner_id=str(uuid.uuid4()))
    assert {key: body[key] for key in ("interview_type", "difficulty", "category", "experience_levels", "role_tags",
                                       "skills", "expected_answer", "rubric", "follow_ups", "source", "is_public",
                                       "owner_id")} == {
        "interview_type": "mixed", "difficulty": "medium", "category": None,
        "experience_levels": ["junior", "mid", "senior"], "role_tags": [], "skills": [], "expected_answer": None,
        "rubric": {}, "follow_ups": [], "source": "user", "is_public": False, "owner_id": alice.id,
    }  # source and owner_id are the server's to set
    assert stored(db, body["id"])["owner_id"] == alice.id


@pytest.mark.parametrize("type_name", ["System Design", "system-design", "SYSTEM_DESIGN", "system_design"])
def test_seed_type_names_are_accepted(api, alice, type_name):
    assert create(api, alice, question_text="Design a URL shortener.",
                  interview_type=type_name)["interview_type"] == "system_design"


def test_creating_needs_a_signed_in_caller(api, db, tag):
    answer = api.post("/api/questions", {"question_text": tag}, format="json")
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "not_authenticated"
    for path in ("/api/questions/bulk", "/api/questions/bulk_create"):
        assert api.post(path, {"questions": [{"question_text": tag}]}, format="json").status_code == 401
    assert db.execute("select count(*) from public.questions where question_text = %s", (tag,)).fetchone()[0] == 0


INVALID = [
    ("no-text", {}, "question_text", "This field is required."),
    ("blank-text", {"question_text": "  "}, "question_text", "This field may not be blank."),
    ("long-text", {"question_text": "x" * 4001}, "question_text", "Ensure this field has no more than 4000 characters."),
    ("type", {"interview_type": "trivia"}, "interview_type",
     "Must be one of: behavioral, technical, system_design, coding, mixed."),
    ("difficulty", {"difficulty": "extreme"}, "difficulty", "Must be one of: easy, medium, hard."),
    ("level", {"experience_levels": ["principal"]}, "experience_levels[0]", "Must be one of: junior, mid, senior."),
    ("no-levels", {"experience_levels": []}, "experience_levels", "Ensure this field has at least 1 elements."),
    ("long-category", {"category": "c" * 101}, "category", "Ensure this field has no more than 100 characters."),
    ("roles-and-tags", {"roles": ["a"], "role_tags": ["b"]}, "roles", "Send role_tags or roles, not both."),
    ("tag-with-braces", {"role_tags": ["ok", "{x}"]}, "role_tags[1]", "Must not contain { or }."),
    ("tags-not-list", {"role_tags": "backend"}, "role_tags", 'Expected a list of items but got type "str".'),
    ("rubric-not-object", {"rubric": ["x"]}, "rubric",
     "Invalid data. Expected a dictionary, but got list."),
    ("rubric-unknown-key", {"rubric": {"pointz": []}}, "rubric.pointz", "Unknown field."),
    ("point-without-text", {"rubric": {"points": [{"keywords": ["x"]}]}}, "rubric.points[0].text",
     "This field is required."),
    ("keywords-not-strings", {"rubric": {"points": [{"text": "t", "keywords": [{"a": 1}]}]}},
     "rubric.points[0].keywords[0]", "Not a valid string."),
    ("anchors-incomplete", {"rubric": {"anchors": {"weak": "w", "adequate": "a"}}}, "rubric.anchors.strong",
     "This field is required."),
    ("red-flags-not-list", {"rubric": {"red_flags": "lazy"}}, "rubric.red_flags",
     'Expected a list of items but got type "str".'),
    ("public-not-bool", {"is_public": "maybe"}, "is_public", "Must be a valid boolean."),
]


@pytest.mark.parametrize(("case", "fields", "field", "message"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_questions_are_422_naming_the_field(api, db, alice, case, fields, field, message):
    body = {"question_text": "A fine question?", **fields} if fields else {}
    answer = api.post("/api/questions", body, format="json", **auth(alice))
    assert answer.status_code == 422, answer.content
    assert answer.json() == {"error": {"code": "validation_error", "message": f"Invalid input: {field}: {message}",
                                       "details": {field: [message]}}}
    assert db.execute("select count(*) from public.questions where owner_id = %s", (alice.id,)).fetchone()[0] == 0


# who sees what -----------------------------------------------------------------------------------
@pytest.fixture
def bank(api, service_client, alice, bob, tag) -> dict:
    """A curated question, Alice's private and public ones, Bob's private one."""
    return {
        "curated": curated(service_client, f"{tag} curated")["id"],
        "alice_private": create(api, alice, question_text=f"{tag} alice private")["id"],
        "alice_public": create(api, alice, question_text=f"{tag} alice public", is_public=True)["id"],
        "bob_private": create(api, bob, question_text=f"{tag} bob private")["id"],
    }


def test_listing_shows_the_public_bank_and_ones_own(api, alice, bob, tag, bank):
    assert texts(listed(api, search=tag)) == [f"{tag} alice public", f"{tag} curated"]
    assert texts(listed(api, alice, search=tag)) == [f"{tag} alice public", f"{tag} alice private", f"{tag} curated"]
    assert texts(listed(api, bob, search=tag)) == [f"{tag} bob private", f"{tag} alice public", f"{tag} curated"]
    # a blank header is anonymous (seed front ends send one when signed out); a bad token is refused
    assert texts(listed(api, search=tag, HTTP_AUTHORIZATION="")) == [f"{tag} alice public", f"{tag} curated"]
    assert api.get("/api/questions", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_others_see_a_public_question_without_its_owner(api, alice, bob, bank):
    for caller in (bob, None):
        body = api.get(f"/api/questions/{bank['alice_public']}", **(auth(caller) if caller else {})).json()
        assert (body["is_own"], body["owner_id"], body["source"]) == (False, None, "user")
    own = api.get(f"/api/questions/{bank['alice_public']}", **auth(alice)).json()
    assert (own["is_own"], own["owner_id"]) == (True, alice.id)
    detail = api.get(f"/api/questions/{bank['curated']}").json()
    assert (detail["source"], detail["is_own"], detail["owner_id"], detail["is_public"]) == ("curated", False, None,
                                                                                               True)


def test_another_users_private_question_is_404(api, alice, bob, bank):
    missing = str(uuid.uuid4())
    not_found = {"error": {"code": "question_not_found", "message": "No such question.", "details": {}}}
    for target in (bank["alice_private"], missing):
        for caller in (bob, None):
            answer = api.get(f"/api/questions/{target}", **(auth(caller) if caller else {}))
            assert answer.status_code == 404 and answer.json() == not_found
        for answer in (api.patch(f"/api/questions/{target}", {"question_text": "mine now"}, format="json",
                                 **auth(bob)),
                       api.delete(f"/api/questions/{target}", **auth(bob))):
            assert answer.status_code == 404 and answer.json() == not_found
    assert api.get(f"/api/questions/{bank['alice_private']}", **auth(alice)).status_code == 200
    assert api.get("/api/questions/not-a-uuid").status_code == 404


def test_public_questions_of_others_are_read_only(api, db, alice, bob, bank):
    curated_refusal = {"error": {"code": "question_read_only", "message": "The curated bank is read-only: create "
                                 "your own question to change it.", "details": {}}}
    shared_refusal = {"error": {"code": "question_read_only",
                                "message": "Only the question's owner can change or delete it.", "details": {}}}
    for target, refusal, callers in ((bank["curated"], curated_refusal, (alice, bob)),
                                     (bank["alice_public"], shared_refusal, (bob,))):
        before = stored(db, target)
        for caller in callers:
            for answer in (api.patch(f"/api/questions/{target}", {"question_text": "changed"}, format="json",
                                     **auth(caller)),
                           api.delete(f"/api/questions/{target}", **auth(caller))):
                assert answer.status_code == 403, answer.content
                assert answer.json() == refusal
        assert stored(db, target) == before


def test_anonymous_callers_cannot_change_anything(api, db, bank):
    for target in bank.values():
        assert api.patch(f"/api/questions/{target}", {"question_text": "x"}, format="json").status_code == 401
        assert api.delete(f"/api/questions/{target}").status_code == 401
        assert stored(db, target) is not None


# change and delete one's own ----------------------------------------------------------------------
def test_patch_changes_only_the_fields_sent(api, db, alice):
    question = create(api, alice, question_text="Explain CAP.", interview_type="technical", rubric=RUBRIC,
                      role_tags=["backend"], category="Distributed")
    answer = api.patch(f"/api/questions/{question['id']}", {"difficulty": "hard", "roles": ["Data"],
                                                            "is_public": True, "category": ""},
                       format="json", **auth(alice))
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body == {**question, "difficulty": "hard", "role_tags": ["data"], "is_public": True, "category": None,
                    "updated_at": body["updated_at"]}
    assert body["updated_at"] >= question["updated_at"]
    row = stored(db, question["id"])
    assert (row["difficulty"], row["role_tags"], row["is_public"], row["rubric"]) == ("hard", ["data"], True, RUBRIC)


def test_patch_refuses_nothing_to_change_and_bad_values(api, db, alice):
    question = create(api, alice, question_text="Explain CAP.")
    empty = api.patch(f"/api/questions/{question['id']}", {}, format="json", **auth(alice))
    assert empty.status_code == 422 and empty.json()["error"]["message"] == \
        "Invalid input: Send at least one field to change."
    bad = api.patch(f"/api/questions/{question['id']}", {"rubric": {"anchors": {"weak": "w"}}}, format="json",
                    **auth(alice))
    assert bad.status_code == 422
    assert set(bad.json()["error"]["details"]) == {"rubric.anchors.adequate", "rubric.anchors.strong"}
    assert stored(db, question["id"])["rubric"] == {}


PUT_BODY = {"question_text": "Design a rate limiter.", "interview_type": "System Design", "difficulty": "hard",
            "category": None, "experience_levels": ["senior"], "role_tags": ["backend"], "skills": ["Redis"],
            "expected_answer": None, "follow_ups": [], "rubric": {}, "is_public": False}


def test_put_replaces_every_field(api, alice):
    question = create(api, alice, question_text="Old", category="Old", skills=["Old"], follow_ups=["Old?"])
    answer = api.put(f"/api/questions/{question['id']}", PUT_BODY, format="json", **auth(alice))
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert {key: body[key] for key in PUT_BODY} == {**PUT_BODY, "interview_type": "system_design"}
    missing = api.put(f"/api/questions/{question['id']}", {"question_text": "Only this"}, format="json",
                      **auth(alice))
    assert missing.status_code == 422
    assert set(missing.json()["error"]["details"]) == set(PUT_BODY) - {"question_text"}


def test_delete_removes_ones_own_question(api, db, alice, bob):
    question = create(api, alice, question_text="Soon gone")
    assert api.delete(f"/api/questions/{question['id']}", **auth(alice)).status_code == 204
    assert stored(db, question["id"]) is None
    assert api.get(f"/api/questions/{question['id']}", **auth(alice)).status_code == 404
    assert api.delete(f"/api/questions/{question['id']}", **auth(alice)).status_code == 404


# filters, order, pages ---------------------------------------------------------------------------
def test_filters(api, service_client, alice, tag):
    curated(service_client, f"{tag} A", interview_type="system_design", difficulty="hard", category="Scaling",
            role_tags=["backend"])
    curated(service_client, f"{tag} B", interview_type="behavioral", difficulty="easy", category="scaling",
            role_tags=[])
    curated(service_client, f"{tag} C", interview_type="technical", difficulty="medium", category="Scaling up",
            role_tags=["frontend", "mobile"])
    create(api, alice, question_text=f"{tag} D", interview_type="system_design", difficulty="hard",
           category="SCALING", roles=["Backend"])

    def found(user=None, **query) -> list[str]:
        return sorted(text.split()[1] for text in texts(listed(api, user, search=tag, **query)))

    assert found(interview_type="System Design") == ["A"]
    assert found(alice, interview_type="system_design") == ["A", "D"]
    assert found(difficulty="easy") == ["B"]
    assert found(alice, category="scaling") == ["A", "B", "D"]  # exact, any case: not "Scaling up"
    assert found(role="backend") == ["A", "B"]  # B has no role tags: for any role
    assert found(alice, role=" BACKEND ") == ["A", "B", "D"]
    assert found(role="mobile") == ["B", "C"]
    assert found(role="data") == ["B"]
    assert found(alice, interview_type="system_design", role="backend", difficulty="hard") == ["A", "D"]
    assert found(interview_type="", difficulty="", category="", role="") == ["A", "B", "C"]  # blank: no filter
    assert found(role='front "end", \\ (web)') == ["B"]  # quotes, commas, parentheses are just text
    bad = api.get("/api/questions", {"interview_type": "trivia", "difficulty": "extreme", "page_size": 0,
                                     "role": "a}b"})
    assert bad.status_code == 422
    assert set(bad.json()["error"]["details"]) == {"interview_type", "difficulty", "page_size", "role"}


def test_search_is_a_literal_case_insensitive_substring(api, service_client, tag):
    curated(service_client, f"{tag} What does 100% uptime cost?")
    curated(service_client, f"{tag} Explain snake_case vs camelCase")
    curated(service_client, f"{tag} Compare a*b and (a|b) in regex.")
    curated(service_client, f"{tag} Plain question about uptime")

    def found(search: str) -> int:
        return listed(api, search=f"{tag} {search}" if search else tag)["count"]

    assert listed(api, search=tag.upper())["count"] == 4
    assert found("what DOES 100% UPTIME") == 1
    assert listed(api, search="100%")["results"] and all("100%" in t for t in texts(listed(api, search="100%")))
    assert listed(api, search=f"{tag[:-1]}_")["count"] == 0  # "_" is not a wildcard
    assert listed(api, search=f"{tag[:-1]}%")["count"] == 0  # nor "%"
    assert listed(api, search=f"{tag[:-1]}*")["count"] == 0  # nor "*"
    assert listed(api, search=f"{tag[:-1]}.")["count"] == 0  # nor a regex "."
    assert found("Explain snake_case") == 1
    assert found("Compare a*b and (a|b)") == 1
    assert found("a*b") == 0  # the tag and the text are not adjacent: no wildcard joins them


def test_pages_are_newest_first_and_stable(api, db, alice, tag):
    ids = [create(api, alice, question_text=f"{tag} {n}")["id"] for n in range(5)]
    # equal timestamps: the id breaks the tie, so pages never overlap
    db.execute("update public.questions set created_at = '2026-01-01T00:00:00Z' where id = any(%s::uuid[])",
               (ids[1:4],))
    expected = [ids[4], ids[0]] + sorted(ids[1:4], reverse=True)
    first = listed(api, alice, search=tag, page_size=2)
    assert first["count"] == 5 and first["previous"] is None
    second = api.get(first["next"], **auth(alice)).json()
    third = api.get(second["next"], **auth(alice)).json()
    assert [q["id"] for page in (first, second, third) for q in page["results"]] == expected
    assert third["next"] is None and "page=2" in third["previous"]
    assert second["previous"] is not None and "page=" not in second["previous"]
    assert listed(api, alice, search=tag, page=9)["results"] == []
    assert listed(api, alice, search=tag, page=9)["count"] == 5


# bulk --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/questions/bulk", "/api/questions/bulk_create"])
def test_seed_003_bulk_body_is_stored(api, db, alice, path):
    answer = api.generic("POST", path, SEED_003_BULK, content_type="application/json", **auth(alice))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["count"] == 2
    assert [(q["question_text"], q["category"], q["difficulty"], q["interview_type"], q["is_own"], q["is_public"])
            for q in body["results"]] == [
        ("Tell me about yourself", "Introduction", "easy", "mixed", True, False),
        ("What are your strengths?", "Behavioral", "medium", "mixed", True, False),
    ]  # session and order are ignored
    for question in body["results"]:
        assert set(question) == {"id", "question_text", "interview_type", "difficulty", "category",
                                 "experience_levels", "role_tags", "skills", "expected_answer", "rubric",
                                 "rubric_version", "follow_ups", "source", "is_public", "is_own", "owner_id",
                                 "created_at", "updated_at"}
        row = stored(db, question["id"])
        assert (row["owner_id"], row["source"], row["experience_levels"]) == (alice.id, "user",
                                                                              ["junior", "mid", "senior"])


def test_bulk_is_all_or_nothing(api, db, alice, tag):
    items = [{"question_text": f"{tag} {n}", "rubric": RUBRIC} for n in range(3)]
    items[2] = {"question_text": f"{tag} 2", "difficulty": "impossible"}
    items.insert(1, {"category": "no text"})
    answer = api.post("/api/questions/bulk", {"questions": items}, format="json", **auth(alice))
    assert answer.status_code == 422, answer.content
    assert answer.json() == {"error": {
        "code": "validation_error", "message": "Invalid input: questions[1].question_text: This field is required.",
        "details": {"questions[1].question_text": ["This field is required."],
                    "questions[3].difficulty": ["Must be one of: easy, medium, hard."]}}}
    assert db.execute("select count(*) from public.questions where owner_id = %s", (alice.id,)).fetchone()[0] == 0


@pytest.fixture
def failing_question_insert(db, tag):
    """Make the database refuse one row of a bulk insert (a trigger raising check_violation)."""
    db.execute(f"""
        create or replace function public.test_fail_question_insert() returns trigger language plpgsql as $$
        begin
          if new.question_text = '{tag} fail' then
            raise exception 'simulated refusal' using errcode = '23514';
          end if;
          return new;
        end $$;
        create trigger test_fail_question_insert before insert on public.questions
          for each row execute function public.test_fail_question_insert();
    """)
    yield
    db.execute("drop trigger test_fail_question_insert on public.questions;"
               "drop function public.test_fail_question_insert();")


def test_a_row_the_database_refuses_stores_none_of_the_batch(api, db, alice, tag, failing_question_insert):
    items = [{"question_text": f"{tag} ok 1"}, {"question_text": f"{tag} ok 2"}, {"question_text": f"{tag} fail"}]
    answer = api.post("/api/questions/bulk", {"questions": items}, format="json", **auth(alice))
    assert answer.status_code == 400, answer.content
    assert answer.json()["error"]["code"] == "invalid_request"
    assert db.execute("select count(*) from public.questions where owner_id = %s", (alice.id,)).fetchone()[0] == 0


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"questions": []}, "questions", "Ensure this field has at least 1 elements."),
    ({"questions": [{"question_text": "q"}] * 101}, "questions", "Ensure this field has no more than 100 elements."),
    ({"questions": {"question_text": "q"}}, "questions", 'Expected a list of items but got type "dict".'),
    ({}, "questions", "This field is required."),
], ids=["empty", "too-many", "not-a-list", "missing"])
def test_bulk_shape_is_checked(api, db, alice, body, field, message):
    answer = api.post("/api/questions/bulk_create", body, format="json", **auth(alice))
    assert answer.status_code == 422, answer.content
    assert answer.json()["error"]["details"] == {field: [message]}
    assert db.execute("select count(*) from public.questions where owner_id = %s", (alice.id,)).fetchone()[0] == 0


def test_a_hundred_questions_go_in_one_request(api, db, alice, tag):
    items = [{"question_text": f"{tag} {n}", "order": n, "session": 7} for n in range(100)]
    answer = api.post("/api/questions/bulk", json.dumps({"questions": items}), content_type="application/json",
                      **auth(alice))
    assert answer.status_code == 201, answer.content
    assert [q["question_text"] for q in answer.json()["results"]] == [f"{tag} {n}" for n in range(100)]
    assert listed(api, alice, search=tag)["count"] == 100


def test_role_tags_with_punctuation_match_themselves(api, alice, tag):
    create(api, alice, question_text=f"{tag} odd", role_tags=['C++, "Rust" (systems)', "back\\end"])
    create(api, alice, question_text=f"{tag} other", role_tags=["c++"])
    assert texts(listed(api, alice, search=tag, role='c++, "rust" (systems)')) == [f"{tag} odd"]
    assert texts(listed(api, alice, search=tag, role="BACK\\END")) == [f"{tag} odd"]
    assert texts(listed(api, alice, search=tag, role="c++")) == [f"{tag} other"]
