"""The product schema through /rest/v1 with the official `supabase` client, as a front end
or an analyst holding a user's token would use it: RLS decides, over the wire."""

from __future__ import annotations

import pytest
from postgrest.exceptions import APIError

from tests.schema.seed_rows import (
    FINISH_RESULT,
    PRODUCT_TABLES,
    SERVER_WRITTEN_TABLES,
    UPDATE_PAYLOAD,
    USER_WRITTEN_TABLES,
    insert_payload,
    seed_user_rows,
)


@pytest.fixture
def alice_and_bob(make_user, db):
    """Two signed-in users (official clients with their tokens) and a row of theirs in every table."""
    alice, bob = make_user(), make_user()
    return (alice, seed_user_rows(db, alice.id)), (bob, seed_user_rows(db, bob.id))


def row_snapshot(db, table: str, row_id: str):
    return db.execute(f"select to_jsonb(t) from public.{table} t where id = %s", (row_id,)).fetchone()


@pytest.mark.parametrize("table", PRODUCT_TABLES)
def test_user_cannot_select_other_users_rows(alice_and_bob, table):
    (alice, alice_rows), (_, bob_rows) = alice_and_bob
    theirs = alice.client.table(table).select("id").eq("id", bob_rows.row_id(table)).execute()
    assert theirs.data == []
    everything = alice.client.table(table).select("id")
    if table == "questions":  # the curated bank other tests add is everyone's
        everything = everything.eq("is_public", False)
    everything = everything.execute()
    assert {r["id"] for r in everything.data} == {alice_rows.row_id(table)}


@pytest.mark.parametrize("table", USER_WRITTEN_TABLES)
def test_user_cannot_update_other_users_rows(alice_and_bob, db, table):
    (alice, alice_rows), (_, bob_rows) = alice_and_bob
    before = row_snapshot(db, table, bob_rows.row_id(table))
    result = alice.client.table(table).update(UPDATE_PAYLOAD[table]).eq("id", bob_rows.row_id(table)).execute()
    assert result.data == []
    assert row_snapshot(db, table, bob_rows.row_id(table)) == before
    own = alice.client.table(table).update(UPDATE_PAYLOAD[table]).eq("id", alice_rows.row_id(table)).execute()
    assert [r["id"] for r in own.data] == [alice_rows.row_id(table)]


@pytest.mark.parametrize("table", PRODUCT_TABLES)
def test_user_cannot_delete_other_users_rows(alice_and_bob, db, table):
    (alice, _), (_, bob_rows) = alice_and_bob
    result = alice.client.table(table).delete().eq("id", bob_rows.row_id(table)).execute()
    assert result.data == []
    assert row_snapshot(db, table, bob_rows.row_id(table)) is not None


@pytest.mark.parametrize("table", PRODUCT_TABLES)
def test_user_cannot_insert_rows_into_other_users_data(alice_and_bob, db, table):
    (alice, _), (_, bob_rows) = alice_and_bob
    with pytest.raises(APIError) as denied:
        alice.client.table(table).insert(insert_payload(table, bob_rows, alice.id)).execute()
    assert denied.value.code == "42501"
    # the server-written tables refuse every user insert before RLS is asked
    refusal = "permission denied" if table in SERVER_WRITTEN_TABLES else "row-level security"
    assert refusal in denied.value.message


@pytest.mark.parametrize("table", [t for t in USER_WRITTEN_TABLES if t != "profiles"])
def test_user_can_write_own_rows(alice_and_bob, db, table):
    (alice, alice_rows), _ = alice_and_bob
    created = alice.client.table(table).insert(insert_payload(table, alice_rows, alice.id)).execute()
    [row] = created.data
    assert row_snapshot(db, table, row["id"]) is not None
    alice.client.table(table).delete().eq("id", row["id"]).execute()
    assert row_snapshot(db, table, row["id"]) is None


def test_sign_up_profile_is_visible_to_its_owner_only(make_user):
    alice = make_user(metadata={"full_name": "Alice Example"})
    bob = make_user()
    mine = alice.client.table("profiles").select("id, username, full_name").execute().data
    assert len(mine) == 1 and mine[0]["id"] == alice.id and mine[0]["full_name"] == "Alice Example"
    assert mine[0]["username"]
    assert alice.client.table("profiles").select("id").eq("id", bob.id).execute().data == []


def test_statistics_view_returns_only_the_callers_row(alice_and_bob):
    (alice, _), (bob, _) = alice_and_bob
    stats = alice.client.table("interview_statistics").select("*").execute().data
    assert [s["user_id"] for s in stats] == [alice.id]
    assert stats[0]["total_interviews"] == 1 and stats[0]["completed_interviews"] == 1
    assert float(stats[0]["average_score"]) == 80.0
    assert {"problems_solved", "current_streak", "member_since"} <= set(stats[0])
    assert alice.client.table("interview_statistics").select("*").eq("user_id", bob.id).execute().data == []
    trend = alice.client.table("interview_score_trend").select("user_id").execute().data
    assert {t["user_id"] for t in trend} == {alice.id}


@pytest.mark.parametrize(
    ("writer", "bad"),
    [
        ("service", {"overall_score": 150, "scoring_engine": "offline", "rubric_version": "v1"}),
        ("service", {"overall_score": -1, "scoring_engine": "offline", "rubric_version": "v1"}),
        ("user", {"difficulty": "impossible"}),
        ("service", {"status": "paused"}),
        ("user", {"experience_level": "principal"}),
        ("user", {"interview_type": "trivia"}),
    ],
)
def test_constraints_reject_bad_values_over_the_wire(make_user, service_client, writer, bad):
    """Scores and status are the server's to write, so it is the service key they must stop."""
    alice = make_user()
    client = service_client if writer == "service" else alice.client
    with pytest.raises(APIError) as refused:
        client.table("interviews").insert({"user_id": alice.id, "job_role": "dev", **bad}).execute()
    assert refused.value.code == "23514"


def test_signed_out_clients_see_no_product_data(anon_client, alice_and_bob):
    for table in ("interviews", "profiles", "interview_statistics"):
        with pytest.raises(APIError) as denied:
            anon_client.table(table).select("id" if table != "interview_statistics" else "user_id").execute()
        assert denied.value.code == "42501"


def test_finish_interview_rpc_with_service_key_only(service_client, alice_and_bob, db):
    (alice, alice_rows), _ = alice_and_bob
    interview_id = str(db.execute(
        "insert into public.interviews (user_id, job_role, status, started_at)"
        " values (%s, 'dev', 'active', now() - interval '5 minutes') returning id", (alice.id,)
    ).fetchone()[0])
    payload = {**FINISH_RESULT, "answers": [{"position": 1, "question_text": "Why?", "answer_text": "Because", "score": 70}]}
    with pytest.raises(APIError) as denied:
        alice.client.rpc("finish_interview", {"p_interview_id": interview_id, "p_result": payload}).execute()
    assert denied.value.code == "42501"

    finished = service_client.rpc("finish_interview", {"p_interview_id": interview_id, "p_result": payload}).execute()
    assert finished.data["status"] == "completed" and finished.data["answered_count"] == 1
    gaps = alice.client.table("skill_gaps").select("skill").eq("interview_id", interview_id).execute().data
    assert sorted(g["skill"] for g in gaps) == ["Distributed systems", "SQL window functions"]

    with pytest.raises(APIError) as invalid:
        service_client.rpc("finish_interview", {"p_interview_id": interview_id,
                                                "p_result": {"overall_score": 500}}).execute()
    assert invalid.value.code == "22023" and "overall_score" in invalid.value.message


def test_rows_are_listed_through_their_interview(alice_and_bob):
    (alice, alice_rows), _ = alice_and_bob
    data = (
        alice.client.table("interviews")
        # plain names: no table here is a junction (none has both keys in its primary key)
        .select("id, interview_answers(position, score), skill_gaps(skill), recordings(kind)")
        .eq("id", alice_rows.interview_id)
        .single()
        .execute()
        .data
    )
    assert data["interview_answers"] == [{"position": 1, "score": 80}]
    assert data["skill_gaps"] == [{"skill": "Query planning"}]
    assert data["recordings"] == [{"kind": "audio"}]


def test_owner_deleting_an_interview_takes_its_children_along(alice_and_bob, db):
    (alice, alice_rows), _ = alice_and_bob
    deleted = alice.client.table("interviews").delete().eq("id", alice_rows.interview_id).execute()
    assert [r["id"] for r in deleted.data] == [alice_rows.interview_id]
    for table in ("interview_answers", "interview_messages", "skill_gaps", "recordings", "interview_coverage"):
        assert row_snapshot(db, table, alice_rows.row_id(table)) is None, table
    assert row_snapshot(db, "resumes", alice_rows.resume_id) is not None


def test_history_filters_over_the_wire_stay_within_the_owner(make_user, db):
    alice, bob = make_user(), make_user()
    seed_user_rows(db, alice.id, job_role="Senior Backend Engineer")
    seed_user_rows(db, bob.id, job_role="Backend Engineer")
    found = (
        alice.client.table("interviews").select("job_role, status, difficulty")
        .ilike("job_role", "%backend%").eq("status", "completed").eq("difficulty", "easy")
        .order("created_at", desc=True).execute().data
    )
    assert found == [{"job_role": "Senior Backend Engineer", "status": "completed", "difficulty": "easy"}]


def test_owner_updates_stamp_updated_at(alice_and_bob, db):
    (alice, alice_rows), _ = alice_and_bob
    with db.transaction():  # backdate it with triggers off, so only the REST update can refresh it
        db.execute("set local session_replication_role = replica")
        db.execute("update public.interviews set updated_at = '2000-01-01' where id = %s", (alice_rows.interview_id,))
    assert db.execute("select updated_at < '2001-01-01' from public.interviews where id = %s",
                      (alice_rows.interview_id,)).fetchone()[0] is True
    alice.client.table("interviews").update({"title": "so far"}).eq("id", alice_rows.interview_id).execute()
    fresh = db.execute("select updated_at > now() - interval '1 minute' from public.interviews where id = %s",
                       (alice_rows.interview_id,)).fetchone()[0]
    assert fresh is True


def test_a_message_embeds_the_answer_it_belongs_to(alice_and_bob):
    (alice, alice_rows), _ = alice_and_bob
    message = (
        alice.client.table("interview_messages").select("content, interview_answers(position, question_text)")
        .eq("id", alice_rows.message_id).single().execute().data
    )
    assert message == {"content": "A B-tree that...",
                       "interview_answers": {"position": 1, "question_text": "Explain an index."}}
