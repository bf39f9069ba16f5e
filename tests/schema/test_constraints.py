"""Constraints, triggers and cascades of the product schema (as the superuser, so only the
schema itself, not RLS, is what accepts or rejects)."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from threading import Barrier

import psycopg
import pytest
from psycopg import sql

from tests.schema.seed_rows import PRODUCT_TABLES, create_auth_user, seed_user_rows


def count_rows(db, table: str, column: str, value: str) -> int:
    query = sql.SQL("select count(*) from public.{} where {} = %s").format(
        sql.Identifier(table), sql.Identifier(column)
    )
    return db.execute(query, (value,)).fetchone()[0]


# -- profile trigger -----------------------------------------------------------------------

def test_sign_up_creates_a_profile_from_metadata(db):
    wanted = f"Ada_{uuid.uuid4().hex[:6]}"
    user_id = create_auth_user(db, metadata={"username": wanted, "full_name": "Ada Lovelace"})
    row = db.execute("select username, full_name, created_at from public.profiles where id = %s",
                     (user_id,)).fetchone()
    assert row[0] == wanted and row[1] == "Ada Lovelace" and row[2] is not None


def test_username_derived_from_email_and_made_unique_case_insensitively(db):
    local = f"grace.{uuid.uuid4().hex[:6]}"
    first = create_auth_user(db, email=f"{local}@example.test")
    second = create_auth_user(db, email=f"{local.upper()}+jobs@other.test")
    third = create_auth_user(db, metadata={"username": local.upper()})
    names = [
        db.execute("select username from public.profiles where id = %s", (uid,)).fetchone()[0]
        for uid in (first, second, third)
    ]
    assert names[0] == local
    assert len({n.lower() for n in names}) == 3, names
    assert all(n.lower().startswith(local) for n in names)


def test_unusable_names_fall_back_to_a_valid_username(db):
    user_id = create_auth_user(db, email="!!@example.test", metadata={"username": "  ..  "})
    name = db.execute("select username from public.profiles where id = %s", (user_id,)).fetchone()[0]
    assert name.startswith("user")
    short = create_auth_user(db, email=f"x{uuid.uuid4().hex[:1]}@example.test")
    assert db.execute("select username from public.profiles where id = %s", (short,)).fetchone()[0].startswith("user_")


def test_username_uniqueness_ignores_case(db):
    user_id = create_auth_user(db)
    taken = db.execute("select username from public.profiles where id = %s", (user_id,)).fetchone()[0]
    other = create_auth_user(db)
    with pytest.raises(psycopg.errors.UniqueViolation):
        db.execute("update public.profiles set username = %s where id = %s", (taken.upper(), other))


def test_updated_at_is_maintained_on_every_table_that_has_one(db):
    rows = seed_user_rows(db, create_auth_user(db))
    tables = [
        r[0] for r in db.execute(
            "select table_name from information_schema.columns"
            " where table_schema = 'public' and column_name = 'updated_at'"
            " and table_name in (select tablename from pg_tables where schemaname = 'public')"
        )
    ]
    assert set(tables) == set(PRODUCT_TABLES) - {"interview_messages"}
    for table in tables:
        row_id = rows.row_id(table)
        query = sql.SQL("update public.{} set updated_at = '2000-01-01' where id = %s"
                        " returning updated_at > now() - interval '1 minute'").format(sql.Identifier(table))
        assert db.execute(query, (row_id,)).fetchone()[0] is True, table


# -- closed sets and ranges ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("table", "column", "bad"),
    [
        ("interviews", "experience_level", "principal"),
        ("interviews", "interview_type", "trivia"),
        ("interviews", "difficulty", "impossible"),
        ("interviews", "status", "paused"),
        ("questions", "interview_type", "trivia"),
        ("questions", "difficulty", "extreme"),
        ("interview_messages", "role", "assistant"),
        ("recordings", "kind", "hologram"),
        ("skill_gaps", "severity", "apocalyptic"),
        ("interview_coverage", "source", "linkedin"),
        ("interview_coverage", "status", "maybe"),
    ],
)
def test_unknown_values_of_closed_sets_are_rejected(db, table, column, bad):
    rows = seed_user_rows(db, create_auth_user(db))
    query = sql.SQL("update public.{} set {} = %s where id = %s").format(sql.Identifier(table), sql.Identifier(column))
    with pytest.raises(psycopg.errors.CheckViolation):
        db.execute(query, (bad, rows.row_id(table)))


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("interviews", "overall_score"),
        ("interviews", "communication_score"),
        ("interviews", "technical_score"),
        ("interviews", "problem_solving_score"),
        ("interviews", "code_quality_score"),
        ("interview_answers", "score"),
    ],
)
@pytest.mark.parametrize("bad", [-1, 100.01, 250])
def test_scores_outside_0_to_100_are_rejected(db, table, column, bad):
    rows = seed_user_rows(db, create_auth_user(db))
    query = sql.SQL("update public.{} set {} = %s where id = %s").format(sql.Identifier(table), sql.Identifier(column))
    with pytest.raises(psycopg.errors.CheckViolation):
        db.execute(query, (bad, rows.row_id(table)))
    db.execute(query, (0, rows.row_id(table)))
    db.execute(query, (100, rows.row_id(table)))


def test_scores_require_engine_and_rubric_version(db):
    user_id = create_auth_user(db)
    with pytest.raises(psycopg.errors.CheckViolation, match="provenance"):
        db.execute("insert into public.interviews (user_id, job_role, overall_score) values (%s, 'x', 50)", (user_id,))
    rows = seed_user_rows(db, user_id)
    with pytest.raises(psycopg.errors.CheckViolation, match="provenance"):
        db.execute("update public.interview_answers set rubric_version = null where id = %s", (rows.answer_id,))


@pytest.mark.parametrize(
    ("statement", "constraint"),
    [
        ("update public.interviews set status = 'completed', completed_at = null where id = %(interview)s",
         "interviews_completed_has_timestamp"),
        ("update public.interviews set planned_questions = 0 where id = %(interview)s",
         "interviews_planned_questions_range"),
        ("update public.interviews set feedback = '[1]' where id = %(interview)s", "interviews_feedback_is_object"),
        ("update public.resumes set storage_path = 'someone-else/cv.pdf' where id = %(resume)s",
         "resumes_storage_path_in_own_folder"),
        ("update public.profiles set avatar_path = 'elsewhere/a.png' where id = %(user)s",
         "profiles_avatar_path_in_own_folder"),
        ("update public.profiles set website_url = 'javascript:alert(1)' where id = %(user)s",
         "profiles_website_url_format"),
        ("update public.profiles set username = 'a b' where id = %(user)s", "profiles_username_format"),
        ("update public.interview_answers set skipped = true where id = %(answer)s",
         "interview_answers_skipped_unscored"),
        ("update public.recordings set content_type = 'text/html' where id = %(recording)s",
         "recordings_content_type_valid"),
    ],
)
def test_other_integrity_rules(db, statement, constraint):
    rows = seed_user_rows(db, create_auth_user(db))
    params = {"interview": rows.interview_id, "resume": rows.resume_id, "user": rows.user_id,
              "answer": rows.answer_id, "recording": rows.recording_id}
    with pytest.raises(psycopg.errors.CheckViolation, match=constraint):
        db.execute(statement, params)


def test_messages_keep_conversation_order(db):
    rows = seed_user_rows(db, create_auth_user(db))
    with db.transaction():
        for text in ("q1", "a1", "q2"):
            db.execute("insert into public.interview_messages (interview_id, role, content)"
                       " values (%s, 'interviewer', %s)", (rows.interview_id, text))
    ordered = [r[0] for r in db.execute(
        "select content from public.interview_messages where interview_id = %s order by seq", (rows.interview_id,))]
    assert ordered == ["A B-tree that...", "q1", "a1", "q2"]


# -- cascades ----------------------------------------------------------------------------------

def test_deleting_a_user_removes_everything_of_theirs(db):
    user_id = create_auth_user(db)
    rows = seed_user_rows(db, user_id)
    other_id = create_auth_user(db)
    other = seed_user_rows(db, other_id)
    # an interview the user scheduled is theirs (their team's): it goes with their account; the one
    # their candidate accepted only loses the link to that candidate when the candidate goes
    scheduled = db.execute("insert into public.interviews (scheduled_by, job_role, status, candidate_id)"
                           " values (%s, 'Backend engineer', 'scheduled', %s) returning id",
                           (user_id, other_id)).fetchone()[0]
    taken = db.execute("insert into public.interviews (scheduled_by, job_role, status, candidate_id)"
                       " values (%s, 'Backend engineer', 'scheduled', %s) returning id",
                       (other_id, user_id)).fetchone()[0]
    db.execute("delete from auth.users where id = %s", (user_id,))
    for table in PRODUCT_TABLES:
        query = sql.SQL("select count(*) from public.{} where id = %s").format(sql.Identifier(table))
        assert db.execute(query, (rows.row_id(table),)).fetchone()[0] == 0, table
        assert db.execute(query, (other.row_id(table),)).fetchone()[0] == 1, table
    assert count_rows(db, "interviews", "id", scheduled) == 0
    assert db.execute("select scheduled_by::text, candidate_id from public.interviews where id = %s",
                      (taken,)).fetchone() == (other_id, None)


def test_deleting_an_interview_removes_its_children_only(db):
    rows = seed_user_rows(db, create_auth_user(db))
    db.execute("delete from public.interviews where id = %s", (rows.interview_id,))
    for table in ("interview_answers", "interview_messages", "skill_gaps", "recordings", "interview_coverage"):
        assert count_rows(db, table, "interview_id", rows.interview_id) == 0, table
    # what the interview merely pointed at stays
    assert count_rows(db, "resumes", "id", rows.resume_id) == 1
    assert count_rows(db, "questions", "id", rows.question_id) == 1
    assert count_rows(db, "profiles", "id", rows.user_id) == 1


def test_orphans_never_exist_after_cascades(db):
    for _ in range(2):
        rows = seed_user_rows(db, create_auth_user(db))
        db.execute("delete from auth.users where id = %s", (rows.user_id,))
    for table in ("interview_answers", "interview_messages", "skill_gaps", "recordings", "interview_coverage"):
        query = sql.SQL(
            "select count(*) from public.{} c where not exists"
            " (select 1 from public.interviews i where i.id = c.interview_id)"
        ).format(sql.Identifier(table))
        assert db.execute(query).fetchone()[0] == 0, table
    for table, column in (("profiles", "id"), ("resumes", "user_id"), ("interviews", "user_id"),
                          ("skill_gaps", "user_id"), ("questions", "owner_id")):
        query = sql.SQL(
            "select count(*) from public.{} c where c.{} is not null and not exists"
            " (select 1 from auth.users u where u.id = c.{})"
        ).format(sql.Identifier(table), sql.Identifier(column), sql.Identifier(column))
        assert db.execute(query).fetchone()[0] == 0, table


def test_deleting_a_resume_keeps_its_interviews(db):
    rows = seed_user_rows(db, create_auth_user(db))
    db.execute("delete from public.resumes where id = %s", (rows.resume_id,))
    assert db.execute("select resume_id from public.interviews where id = %s",
                      (rows.interview_id,)).fetchone()[0] is None


def test_claiming_an_anonymous_interview_moves_its_skill_gaps(db):
    user_id = create_auth_user(db)
    interview_id = db.execute(
        "insert into public.interviews (job_role) values ('anonymous') returning id"
    ).fetchone()[0]
    db.execute("insert into public.skill_gaps (interview_id, skill, severity) values (%s, 'SQL', 'high')",
               (interview_id,))
    assert db.execute("select user_id from public.skill_gaps where interview_id = %s",
                      (interview_id,)).fetchone()[0] is None
    db.execute("update public.interviews set user_id = %s where id = %s", (user_id, interview_id))
    assert str(db.execute("select user_id from public.skill_gaps where interview_id = %s",
                          (interview_id,)).fetchone()[0]) == user_id


# -- statistics ----------------------------------------------------------------------------------

def test_statistics_serve_dashboard_and_profile_stats_in_one_row(db):
    user_id = create_auth_user(db)
    insert = (
        "insert into public.interviews (user_id, job_role, interview_type, status, completed_at,"
        " overall_score, communication_score, technical_score, scoring_engine, rubric_version, answered_count)"
        " values (%(user)s, 'dev', %(kind)s, %(status)s,"
        # one minute past midnight UTC, `days_ago` days back
        " (date_trunc('day', now() at time zone 'utc') + interval '1 minute'"
        "  - make_interval(days => %(days_ago)s)) at time zone 'utc',"
        " %(score)s, %(score)s, %(score)s, 'offline', 'v1', %(answered)s)"
    )
    for kind, status, days_ago, score, answered in [
        ("coding", "completed", 0, 90, 3),
        ("coding", "completed", 1, 60, 2),       # problems solved count solved questions, not interviews
        ("behavioral", "completed", 2, 80, 4),
        ("coding", "completed", 5, 75, 1),       # an earlier streak of one day
        ("coding", "abandoned", 0, None, 1),     # abandoned: counts as an interview only
    ]:
        db.execute(insert, {"user": user_id, "kind": kind, "status": status, "days_ago": days_ago,
                            "score": score, "answered": answered})
    stats = db.execute(
        "select total_interviews, completed_interviews, average_score, best_score, average_communication_score,"
        " average_code_quality_score, questions_answered, problems_solved, current_streak, longest_streak,"
        " last_activity_at is not null, member_since"
        " from public.interview_statistics where user_id = %s", (user_id,)
    ).fetchone()
    member_since = db.execute("select created_at from public.profiles where id = %s", (user_id,)).fetchone()[0]
    assert stats == (5, 4, Decimal("76.3"), Decimal("90"), Decimal("76.3"), None, 11, 0, 3, 3, True, member_since)


def test_streak_is_broken_by_a_missed_day(db):
    user_id = create_auth_user(db)
    for days_ago in (2, 3):
        db.execute(
            "insert into public.interviews (user_id, job_role, status, completed_at) values (%s, 'dev', 'completed',"
            " now() - make_interval(days => %s))", (user_id, days_ago))
    streaks = db.execute("select current_streak, longest_streak from public.interview_statistics"
                         " where user_id = %s", (user_id,)).fetchone()
    assert streaks == (0, 2)


def test_new_user_has_a_statistics_row_with_zeroes(db):
    user_id = create_auth_user(db)
    stats = db.execute(
        "select total_interviews, completed_interviews, average_score, questions_answered, problems_solved,"
        " current_streak from public.interview_statistics where user_id = %s", (user_id,)
    ).fetchone()
    assert stats == (0, 0, None, 0, 0, 0)


def test_weekly_trend_groups_completed_interviews_by_week(db):
    user_id = create_auth_user(db)
    for completed, score in [("2026-11-02 10:00+00", 50), ("2026-11-05 10:00+00", 70), ("2026-11-10 10:00+00", 90)]:
        db.execute(
            "insert into public.interviews (user_id, job_role, status, completed_at, overall_score,"
            " scoring_engine, rubric_version) values (%s, 'dev', 'completed', %s, %s, 'offline', 'v1')",
            (user_id, completed, score),
        )
    trend = db.execute(
        "select week_start::text, completed_interviews, average_score, best_score"
        " from public.interview_score_trend where user_id = %s order by week_start", (user_id,)
    ).fetchall()
    assert trend == [("2026-11-02", 2, 60, 70), ("2026-11-09", 1, 90, 90)]


# -- indexes serve the history API -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("index", "definition"),
    [
        ("interviews_user_created_idx", "(user_id, created_at DESC)"),
        ("interviews_user_status_idx", "(user_id, status, created_at DESC)"),
        ("interviews_user_difficulty_idx", "(user_id, difficulty, created_at DESC)"),
        ("interviews_user_type_idx", "(user_id, interview_type, created_at DESC)"),
        ("interviews_job_role_trgm_idx", "USING gin (job_role"),
    ],
)
def test_history_filters_and_orderings_have_an_index(db, index, definition):
    """Owner first, then the filter, then the ordering: one index range per history page."""
    found = db.execute("select indexdef from pg_indexes where schemaname = 'public' and indexname = %s",
                       (index,)).fetchone()
    assert found is not None and definition in found[0], found


def test_job_role_search_uses_the_trigram_index(db):
    with db.transaction():
        db.execute("set local enable_seqscan = off")
        plan = db.execute("explain select id from public.interviews where job_role ilike '%platform eng%'").fetchall()
    assert "interviews_job_role_trgm_idx" in "\n".join(r[0] for r in plan)


def test_every_foreign_key_is_indexed(db):
    """Supabase's linter flags unindexed foreign keys: cascades and joins would scan."""
    rows = db.execute(
        """
        select c.conrelid::regclass::text, c.conname, exists (
            select 1 from pg_index i
            where i.indrelid = c.conrelid
              and array_to_string((i.indkey::int2[])[0:array_length(c.conkey, 1) - 1], ',')
                  = array_to_string(c.conkey, ',')
          ) as indexed
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        where c.contype = 'f' and t.relnamespace = 'public'::regnamespace and t.relname = any(%s)
        """,
        (list(PRODUCT_TABLES),),
    ).fetchall()
    assert len(rows) >= 15
    assert [(table, name) for table, name, indexed in rows if not indexed] == []


def test_security_definer_functions_pin_search_path(db):
    rows = db.execute(
        "select p.proname, p.prosecdef, p.proconfig from pg_proc p"
        " join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'"
    ).fetchall()
    assert rows
    unpinned = [name for name, _, config in rows if not any(c == 'search_path=""' for c in (config or []))]
    assert unpinned == []


def test_skill_gap_history_follows_a_skill_across_interviews(db):
    user_id = create_auth_user(db)
    interviews = [
        db.execute("insert into public.interviews (user_id, job_role, created_at) values (%s, 'dev', %s)"
                   " returning id", (user_id, created)).fetchone()[0]
        for created in ("2026-10-01", "2026-10-08", "2026-10-15")
    ]
    for interview_id, skill, severity, created in [
        (interviews[0], "SQL", "critical", "2026-10-01"),
        (interviews[1], " sql ", "medium", "2026-10-08"),
        (interviews[2], "Sql", "low", "2026-10-15"),
        (interviews[2], "Go", "high", "2026-10-15"),
    ]:
        db.execute("insert into public.skill_gaps (interview_id, skill, severity, created_at) values (%s, %s, %s, %s)",
                   (interview_id, skill, severity, created))
    history = db.execute(
        "select skill_key, skill, interviews, first_seen_at::date::text, last_seen_at::date::text,"
        " latest_severity, worst_severity, latest_interview_id = %s"
        " from public.skill_gap_history where user_id = %s order by skill_key", (interviews[2], user_id)
    ).fetchall()
    assert history == [
        ("go", "Go", 1, "2026-10-15", "2026-10-15", "high", "high", True),
        ("sql", "Sql", 3, "2026-10-01", "2026-10-15", "low", "critical", True),
    ]


def test_simultaneous_sign_ups_wanting_one_username_all_succeed(db, stack_settings):
    """Profiles are created inside Auth's insert; a taken name must never fail a sign-up."""
    local = f"twin{uuid.uuid4().hex[:6]}"
    barrier = Barrier(6)

    def sign_up(n: int) -> str:
        with psycopg.connect(stack_settings.database_url, autocommit=True) as conn:
            barrier.wait()
            return create_auth_user(conn, email=f"{local}+{n}@example.test")

    with ThreadPoolExecutor(max_workers=6) as pool:
        user_ids = list(pool.map(sign_up, range(6)))
    names = [r[0] for r in db.execute("select username from public.profiles where id = any(%s)", (user_ids,))]
    assert len(names) == 6 and len({n.lower() for n in names}) == 6
    assert all(n.startswith(local) for n in names)


# -- links stay inside their interview / owner --------------------------------------------------

@pytest.mark.parametrize("table", ["interview_messages", "skill_gaps", "recordings", "interview_coverage"])
def test_rows_cannot_link_an_answer_of_another_interview(db, table):
    user_id = create_auth_user(db)
    rows, other = seed_user_rows(db, user_id), seed_user_rows(db, user_id)
    query = sql.SQL("update public.{} set answer_id = %s where id = %s").format(sql.Identifier(table))
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        db.execute(query, (other.answer_id, rows.row_id(table)))


def test_deleting_an_answer_clears_only_the_links_to_it(db):
    rows = seed_user_rows(db, create_auth_user(db))
    db.execute("delete from public.interview_answers where id = %s", (rows.answer_id,))
    for table in ("interview_messages", "skill_gaps", "interview_coverage"):
        query = sql.SQL("select interview_id::text, answer_id from public.{} where id = %s").format(
            sql.Identifier(table))
        assert db.execute(query, (rows.row_id(table),)).fetchone() == (rows.interview_id, None), table


def test_interviews_use_only_their_owners_resumes(db):
    mine, theirs = seed_user_rows(db, create_auth_user(db)), seed_user_rows(db, create_auth_user(db))
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        db.execute("update public.interviews set resume_id = %s where id = %s", (theirs.resume_id, mine.interview_id))
    with pytest.raises(psycopg.errors.CheckViolation, match="interviews_resume_needs_owner"):
        db.execute("insert into public.interviews (job_role, resume_id) values ('anonymous', %s)", (mine.resume_id,))
