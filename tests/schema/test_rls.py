"""Row level security of the product schema, exercised as the real roles in Postgres.

Each statement runs the way PostgREST runs a request (`set local role authenticated` with
`request.jwt.claims` set), so these are the policies a front end or an analyst meets.
"""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from tests.schema.seed_rows import (
    ANON_CLAIMS,
    PRODUCT_TABLES,
    SERVER_WRITTEN_TABLES,
    SERVICE_CLAIMS,
    UPDATE_PAYLOAD,
    USER_WRITTEN_TABLES,
    UserRows,
    create_auth_user,
    insert_payload,
    seed_user_rows,
    user_claims,
)


def run_as(stack, claims: dict, query, params=()):
    """Rows (for a query returning rows) or the affected row count, in one role transaction."""
    with stack.ctx.db.as_role(claims) as cur:
        cur.execute(query, params)
        return cur.fetchall() if cur.description else cur.rowcount


def insert_sql(table: str, row: dict) -> sql.Composed:
    return sql.SQL("insert into public.{} ({}) values ({})").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, row)),
        sql.SQL(", ").join(sql.Placeholder() * len(row)),
    )


def update_sql(table: str, row: dict) -> sql.Composed:
    return sql.SQL("update public.{} set {} where id = %s").format(
        sql.Identifier(table),
        sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder()) for k in row),
    )


def snapshot(db, table: str, row_id: str) -> dict | None:
    query = sql.SQL("select to_jsonb(t) from public.{} t where id = %s").format(sql.Identifier(table))
    found = db.execute(query, (row_id,)).fetchone()
    return found[0] if found else None


@pytest.fixture
def alice_and_bob(db) -> tuple[UserRows, UserRows]:
    alice = seed_user_rows(db, create_auth_user(db))
    bob = seed_user_rows(db, create_auth_user(db))
    return alice, bob


def test_rls_is_enabled_on_every_product_table(db):
    rows = db.execute(
        "select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'public' and c.relkind = 'r' and c.relname = any(%s)", (list(PRODUCT_TABLES),)
    ).fetchall()
    assert dict(rows) == dict.fromkeys(PRODUCT_TABLES, True)


@pytest.mark.parametrize("table", PRODUCT_TABLES)
def test_user_reads_only_own_rows(local_stack, alice_and_bob, table):
    alice, bob = alice_and_bob
    query = sql.SQL("select id::text as id from public.{} where id = any(%s)").format(sql.Identifier(table))
    seen = run_as(local_stack, user_claims(alice.user_id), query, ([alice.row_id(table), bob.row_id(table)],))
    assert seen == [{"id": alice.row_id(table)}]


@pytest.mark.parametrize("table", USER_WRITTEN_TABLES)
def test_user_cannot_update_other_users_rows(local_stack, db, alice_and_bob, table):
    alice, bob = alice_and_bob
    before = snapshot(db, table, bob.row_id(table))
    payload = UPDATE_PAYLOAD[table]
    changed = run_as(
        local_stack, user_claims(alice.user_id), update_sql(table, payload),
        (*payload.values(), bob.row_id(table)),
    )
    assert changed == 0
    assert snapshot(db, table, bob.row_id(table)) == before
    # the same statement on her own row works, so the policy is not simply closed
    own = run_as(
        local_stack, user_claims(alice.user_id), update_sql(table, payload),
        (*payload.values(), alice.row_id(table)),
    )
    assert own == 1


@pytest.mark.parametrize("table", [t for t in PRODUCT_TABLES if t != "profiles"])
def test_user_cannot_delete_other_users_rows(local_stack, db, alice_and_bob, table):
    alice, bob = alice_and_bob
    query = sql.SQL("delete from public.{} where id = %s").format(sql.Identifier(table))
    assert run_as(local_stack, user_claims(alice.user_id), query, (bob.row_id(table),)) == 0
    assert snapshot(db, table, bob.row_id(table)) is not None
    assert run_as(local_stack, user_claims(alice.user_id), query, (alice.row_id(table),)) == 1
    assert snapshot(db, table, alice.row_id(table)) is None


def test_profiles_are_removed_with_the_account_not_by_the_user(local_stack, db, alice_and_bob):
    alice, bob = alice_and_bob
    query = "delete from public.profiles where id = any(%s)"
    assert run_as(local_stack, user_claims(alice.user_id), query, ([alice.user_id, bob.user_id],)) == 0
    assert db.execute("select count(*) from public.profiles where id = any(%s)",
                      ([alice.user_id, bob.user_id],)).fetchone()[0] == 2


@pytest.mark.parametrize("table", PRODUCT_TABLES)
def test_user_cannot_insert_rows_for_other_user(local_stack, db, alice_and_bob, table):
    alice, bob = alice_and_bob
    row = insert_payload(table, bob, alice.user_id)
    # the server-written tables refuse every user insert before RLS is asked
    refusal = "permission denied" if table in SERVER_WRITTEN_TABLES else "row-level security"
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match=refusal):
        run_as(local_stack, user_claims(alice.user_id), insert_sql(table, row), tuple(row.values()))


@pytest.mark.parametrize("table", SERVER_WRITTEN_TABLES)
def test_users_write_nothing_the_interviewer_writes(local_stack, db, alice_and_bob, table):
    """Answers, messages, skill gaps and coverage are the API's to write, even on one's own interview."""
    alice, _ = alice_and_bob
    before = snapshot(db, table, alice.row_id(table))
    row = insert_payload(table, alice, alice.user_id)
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
        run_as(local_stack, user_claims(alice.user_id), insert_sql(table, row), tuple(row.values()))
    payload = UPDATE_PAYLOAD[table]
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
        run_as(local_stack, user_claims(alice.user_id), update_sql(table, payload),
               (*payload.values(), alice.row_id(table)))
    assert snapshot(db, table, alice.row_id(table)) == before
    # what the service writes, the owner still reads
    query = sql.SQL("select count(*) as n from public.{} where id = %s").format(sql.Identifier(table))
    assert run_as(local_stack, user_claims(alice.user_id), query, (alice.row_id(table),)) == [{"n": 1}]


@pytest.mark.parametrize("table", [t for t in USER_WRITTEN_TABLES if t != "profiles"])
def test_user_can_insert_own_rows(local_stack, db, alice_and_bob, table):
    alice, _ = alice_and_bob
    row = insert_payload(table, alice, alice.user_id)
    query = insert_sql(table, row) + sql.SQL(" returning id::text as id")
    [inserted] = run_as(local_stack, user_claims(alice.user_id), query, tuple(row.values()))
    assert snapshot(db, table, inserted["id"]) is not None


@pytest.mark.parametrize(
    ("table", "column", "target", "refusal"),
    [
        ("resumes", "user_id", "user_id", "row-level security"),
        ("questions", "owner_id", "user_id", "row-level security"),
        # columns users may not update at all
        ("interviews", "user_id", "user_id", "permission denied"),
        ("interviews", "resume_id", "resume_id", "permission denied"),
        ("interview_answers", "interview_id", "interview_id", "permission denied"),
        ("interview_messages", "interview_id", "interview_id", "permission denied"),
        ("skill_gaps", "interview_id", "interview_id", "permission denied"),
        ("interview_coverage", "interview_id", "interview_id", "permission denied"),
        ("recordings", "interview_id", "interview_id", "permission denied"),
    ],
)
def test_user_cannot_move_own_row_into_other_users_data(local_stack, alice_and_bob, table, column, target, refusal):
    alice, bob = alice_and_bob
    payload = {column: getattr(bob, target)}
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match=refusal):
        run_as(local_stack, user_claims(alice.user_id), update_sql(table, payload),
               (*payload.values(), alice.row_id(table)))


def test_skill_gap_owner_cannot_be_forged(local_stack, db, alice_and_bob):
    """Not even by the service: a skill gap always belongs to its interview's owner."""
    alice, bob = alice_and_bob
    row = {"interview_id": alice.interview_id, "user_id": bob.user_id, "skill": "Go", "severity": "low"}
    query = insert_sql("skill_gaps", row) + sql.SQL(" returning user_id::text as user_id")
    [inserted] = run_as(local_stack, SERVICE_CLAIMS, query, tuple(row.values()))
    assert inserted["user_id"] == alice.user_id


def test_users_cannot_assign_recruiter_fields(local_stack, alice_and_bob):
    alice, bob = alice_and_bob
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
        run_as(local_stack, user_claims(alice.user_id),
               "update public.interviews set scheduled_by = %s where id = %s", (bob.user_id, alice.interview_id))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
        run_as(local_stack, user_claims(alice.user_id),
               "insert into public.interviews (user_id, job_role, candidate_email) values (%s, 'x', 'c@d.e')",
               (alice.user_id,))
    # the service (recruiter scheduling through the API) may set them
    assert run_as(local_stack, SERVICE_CLAIMS,
                  "update public.interviews set user_id = null, resume_id = null, scheduled_by = %s, candidate_email = 'c@d.e'"
                  " where id = %s",
                  (bob.user_id, alice.interview_id)) == 1


@pytest.mark.parametrize(
    "table", PRODUCT_TABLES + ("interview_statistics", "interview_score_trend", "skill_gap_history"))
def test_signed_out_visitors_get_nothing(local_stack, table):
    query = sql.SQL("select count(*) from public.{}").format(sql.Identifier(table))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        run_as(local_stack, ANON_CLAIMS, query)


def test_question_bank_visibility(local_stack, db, alice_and_bob):
    alice, bob = alice_and_bob
    curated = db.execute(
        "insert into public.questions (owner_id, is_public, source, question_text, interview_type)"
        " values (null, true, 'curated', 'Tell me about yourself.', 'behavioral') returning id::text"
    ).fetchone()[0]
    shared = db.execute(
        "insert into public.questions (owner_id, is_public, question_text, interview_type)"
        " values (%s, true, 'Design a URL shortener.', 'system_design') returning id::text",
        (bob.user_id,),
    ).fetchone()[0]
    ids = [curated, shared, bob.question_id, alice.question_id]
    seen = run_as(local_stack, user_claims(alice.user_id),
                  "select id::text as id from public.questions where id = any(%s)", (ids,))
    assert {r["id"] for r in seen} == {curated, shared, alice.question_id}
    # readable is not writable: neither the curated bank nor Bob's public question
    for question_id in (curated, shared):
        assert run_as(local_stack, user_claims(alice.user_id),
                      "update public.questions set question_text = 'mine now' where id = %s", (question_id,)) == 0
        assert run_as(local_stack, user_claims(alice.user_id),
                      "delete from public.questions where id = %s", (question_id,)) == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        run_as(local_stack, user_claims(alice.user_id),
               "insert into public.questions (owner_id, is_public, question_text, interview_type)"
               " values (null, true, 'Forged curated', 'technical')")


def test_anonymous_interviews_only_visible_to_service_role(local_stack, db, alice_and_bob):
    alice, _ = alice_and_bob
    anonymous = db.execute(
        "insert into public.interviews (user_id, job_role) values (null, 'Anonymous save') returning id::text"
    ).fetchone()[0]
    db.execute("insert into public.interview_messages (interview_id, role, content) values (%s, 'candidate', 'hi')",
               (anonymous,))
    query = "select id from public.interviews where id = %s"
    assert run_as(local_stack, user_claims(alice.user_id), query, (anonymous,)) == []
    assert run_as(local_stack, user_claims(alice.user_id),
                  "select id from public.interview_messages where interview_id = %s", (anonymous,)) == []
    assert run_as(local_stack, user_claims(alice.user_id),
                  "update public.interviews set title = 'claimed' where id = %s", (anonymous,)) == 0
    assert len(run_as(local_stack, SERVICE_CLAIMS, query, (anonymous,))) == 1


def test_statistics_views_return_only_the_callers_rows(local_stack, alice_and_bob):
    alice, bob = alice_and_bob
    stats = run_as(local_stack, user_claims(alice.user_id),
                   "select user_id::text as user_id, total_interviews from public.interview_statistics")
    assert stats == [{"user_id": alice.user_id, "total_interviews": 1}]
    trend = run_as(local_stack, user_claims(alice.user_id),
                   "select distinct user_id::text as user_id from public.interview_score_trend")
    assert trend == [{"user_id": alice.user_id}]
    skills = run_as(local_stack, user_claims(alice.user_id),
                    "select distinct user_id::text as user_id from public.skill_gap_history")
    assert skills == [{"user_id": alice.user_id}]
    everyone = run_as(local_stack, SERVICE_CLAIMS,
                      "select user_id::text as user_id from public.interview_statistics where user_id = any(%s)",
                      ([alice.user_id, bob.user_id],))
    assert {r["user_id"] for r in everyone} == {alice.user_id, bob.user_id}


def test_views_run_with_the_callers_rights(db):
    options = dict(db.execute(
        "select c.relname, c.reloptions from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'public' and c.relkind = 'v'"
    ).fetchall())
    assert {"interview_statistics", "interview_score_trend", "skill_gap_history"} <= set(options)
    assert all("security_invoker=true" in (opts or []) for opts in options.values()), options


def test_policies_evaluate_auth_uid_once_per_statement(db):
    """Every auth.uid() in a policy is wrapped in a sub-select (Supabase's initplan advice)."""
    rows = db.execute(
        "select tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr"
        " from pg_policies where schemaname = 'public'"
        " or (schemaname = 'storage' and policyname like 'interview_coach:%%')"
    ).fetchall()
    assert rows
    bare = [(t, p) for t, p, expr in rows
            if expr.count("auth.uid()") != expr.count("( SELECT auth.uid() AS uid)")]
    assert bare == []


@pytest.mark.parametrize("table", ["interview_answers", "interview_messages"])
def test_users_cannot_link_questions_themselves(local_stack, db, alice_and_bob, table):
    """Foreign keys do not look through RLS; only the interviewer (the API) links questions."""
    alice, bob = alice_and_bob
    link = sql.SQL("update public.{} set question_id = %s where id = %s").format(sql.Identifier(table))
    for question_id in (bob.question_id, alice.question_id):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            run_as(local_stack, user_claims(alice.user_id), link, (question_id, alice.row_id(table)))
    assert run_as(local_stack, SERVICE_CLAIMS, link, (alice.question_id, alice.row_id(table))) == 1


def test_privileged_functions_are_not_callable_by_users(local_stack, db, alice_and_bob):
    """Security-definer functions and the finishing RPC are out of reach of anon and users."""
    rows = db.execute(
        "select p.oid::regprocedure::text, has_function_privilege('anon', p.oid, 'execute'),"
        " has_function_privilege('authenticated', p.oid, 'execute')"
        " from pg_proc p where p.pronamespace = 'public'::regnamespace"
        " and (p.prosecdef or p.proname = 'finish_interview')"
    ).fetchall()
    assert {r[0] for r in rows} >= {
        "ensure_profile(uuid,text,jsonb)", "handle_new_auth_user()", "finish_interview(uuid,jsonb)"}
    assert [r for r in rows if r[1] or r[2]] == []
    alice, bob = alice_and_bob
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        run_as(local_stack, user_claims(alice.user_id),
               "select public.ensure_profile(%s, 'x@y.z', '{}'::jsonb)", (bob.user_id,))
