"""The shipped question bank: its size and spread, its format, and an idempotent loader."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from backend.llm_api.services import question_bank as bank
from backend.llm_api.services.question_bank import BankError, question_bank_entries, question_bank_load
from tests.conftest import make_client


def test_the_bank_is_big_and_spread_across_types_difficulties_and_roles():
    questions = question_bank_entries()
    assert len(questions) >= 300
    by_type = Counter(q.interview_type for q in questions)
    assert set(by_type) == set(bank.INTERVIEW_TYPES)
    for interview_type in bank.INTERVIEW_TYPES:
        difficulties = Counter(q.difficulty for q in questions if q.interview_type == interview_type)
        assert set(difficulties) == set(bank.DIFFICULTIES), interview_type
    roles = Counter(role for q in questions for role in q.roles)
    assert all(roles[family] >= 10 for family in bank.ROLE_FAMILIES), roles
    levels = Counter(level for q in questions for level in q.experience_levels)
    assert all(levels[level] >= 100 for level in bank.LEVELS), levels


def test_every_question_has_a_full_rubric():
    for question in question_bank_entries():
        rubric = question.rubric
        assert 3 <= len(rubric["points"]) <= 6, question.key
        assert all(point["keywords"] for point in rubric["points"]), question.key
        assert set(rubric["anchors"]) == {"weak", "adequate", "strong"}, question.key
        assert question.follow_ups, question.key


def write(directory, name, questions):
    (directory / name).write_text(json.dumps({"questions": questions}))


def sample(name: str, **overrides) -> dict:
    key = name
    question = {
        "key": key, "question": f"Describe how you would approach {key}.", "interview_type": "technical",
        "difficulty": "easy", "experience_levels": ["junior"], "roles": ["backend"], "category": "Testing",
        "skills": ["Python"], "follow_ups": ["Why?"],
        "rubric": {"points": [{"text": f"Point {n}", "keywords": [f"kw{n}"]} for n in range(3)],
                   "strong_signals": ["s"], "red_flags": ["r"],
                   "anchors": {"weak": "w", "adequate": "a", "strong": "s"}},
    }
    question.update(overrides)
    return question


@pytest.mark.parametrize("change,message", [
    ({"difficulty": "trivial"}, "interview_type or difficulty"),
    ({"roles": ["astronaut"]}, "roles not allowed"),
    ({"key": "Bad Key"}, "bad key"),
    ({"extra": 1}, "keys must be"),
    ({"rubric": {"points": [], "strong_signals": ["s"], "red_flags": ["r"],
                 "anchors": {"weak": "w", "adequate": "a", "strong": "s"}}}, "3-6 points"),
    ({"follow_ups": []}, "follow_ups"),
])
def test_malformed_questions_are_refused(tmp_path, change, message):
    write(tmp_path, "a.json", [sample("test/one", **change)])
    with pytest.raises(BankError, match=message):
        question_bank_entries.__wrapped__(tmp_path)


def test_duplicate_keys_and_texts_are_refused(tmp_path):
    write(tmp_path, "a.json", [sample("test/one")])
    write(tmp_path, "b.json", [sample("test/two", question="Describe how you would approach test/one!")])
    with pytest.raises(BankError, match="duplicate"):
        question_bank_entries.__wrapped__(tmp_path)


@pytest.mark.usefixtures("stack_settings", "question_bank")
def test_loading_is_idempotent_and_removes_retired_questions(tmp_path, db, monkeypatch):
    shipped = len(question_bank_entries())
    count = "select count(*) from public.questions where bank_key is not null"
    ids = "select bank_key, id from public.questions where bank_key is not null order by bank_key"
    assert db.execute(count).fetchone()[0] == shipped
    before = db.execute(ids).fetchall()
    again = question_bank_load()
    assert (again.written, again.removed) == (shipped, 0)
    assert db.execute(ids).fetchall() == before  # updated in place: the same ids
    row = db.execute("select owner_id, is_public, source, rubric_version from public.questions "
                     "where bank_key is not null limit 1").fetchone()
    assert row[:3] == (None, True, "curated") and row[3] == again.rubric_version
    try:
        write(tmp_path, "a.json", [sample("test/only-one")])
        monkeypatch.setattr(bank, "question_bank_entries", question_bank_entries.__wrapped__)
        small = question_bank_load(directory=tmp_path)
        assert (small.written, small.removed) == (1, shipped)
        assert db.execute(count).fetchone()[0] == 1
    finally:
        monkeypatch.undo()
        question_bank_load()
    assert db.execute(ids).fetchall()[:3] != [] and db.execute(count).fetchone()[0] == shipped


@pytest.mark.usefixtures("question_bank")
def test_users_cannot_write_the_banks_columns(stack_settings, make_user, db):
    user = make_user()
    client = make_client(stack_settings.url, stack_settings.anon_key, user.access_token)
    from postgrest.exceptions import APIError

    for forged in ({"bank_key": "technical/forged"}, {"source": "curated"}):
        with pytest.raises(APIError) as refused:
            client.table("questions").insert({"owner_id": user.id, "question_text": "Mine?",
                                              "interview_type": "technical", **forged}).execute()
        assert refused.value.code == "42501"
    key = db.execute("select id from public.questions where bank_key is not null limit 1").fetchone()[0]
    with pytest.raises(APIError) as refused:
        client.table("questions").update({"bank_key": "technical/stolen"}).eq("owner_id", user.id).execute()
    assert refused.value.code == "42501"
    assert db.execute("select bank_key from public.questions where id = %s", (key,)).fetchone()[0] is not None
    [own] = client.table("questions").insert({"owner_id": user.id, "question_text": "Mine?",
                                              "interview_type": "technical"}).execute().data
    assert own["source"] == "user" and own["bank_key"] is None
