"""The migration files themselves: naming, a clean apply on an empty database, re-runs,
and a failing file that leaves nothing behind."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command

from backend.local_supabase.server import apply_bootstrap
from backend.schema_migrations import MIGRATIONS_DIR, MigrationError, discover, migrate


@pytest.fixture
def empty_database(scratch_dsn) -> str:
    """A brand-new database in the stack's cluster with only the local bootstrap applied."""
    apply_bootstrap(scratch_dsn)
    return scratch_dsn


def applied_versions(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        return [r[0] for r in conn.execute("select version from supabase_migrations.schema_migrations order by 1")]


def test_files_are_named_for_the_supabase_cli():
    files = sorted(p.name for p in MIGRATIONS_DIR.iterdir() if not p.name.startswith("."))
    assert files, "no migrations"
    for name in files:
        assert re.fullmatch(r"\d{14}_[a-z0-9_]+\.sql", name), name


def test_migrations_use_only_what_supabase_provides():
    """No pgcrypto/uuid-ossp (absent from the embedded server), extensions in `extensions`."""
    for migration in discover():
        text = migration.path.read_text().lower()
        assert "uuid_generate_v4" not in text and "pgcrypto" not in text and "uuid-ossp" not in text
        for statement in re.findall(r"create extension[^;]*;", text):
            assert "with schema extensions" in statement, statement


def test_all_migrations_apply_to_an_empty_database_and_rerun_cleanly(empty_database):
    first = migrate(empty_database)
    every = [m.version for m in discover()]
    assert first.applied == every and first.skipped == []
    assert applied_versions(empty_database) == every

    again = migrate(empty_database)
    assert again.applied == [] and again.skipped == every
    # and through the management command a deployment runs
    out = StringIO()
    call_command("supabase_migrate", "--database-url", empty_database, stdout=out)
    assert f"0 applied, {len(every)} already applied" in out.getvalue()

    with psycopg.connect(empty_database) as conn:
        tables = {r[0] for r in conn.execute(
            "select table_name from information_schema.tables where table_schema = 'public'")}
        buckets = {r[0] for r in conn.execute("select id from storage.buckets")}
    assert {"profiles", "interviews", "interview_statistics", "interview_score_trend"} <= tables
    assert buckets == {"avatars", "resumes", "interview-recordings", "reports"}


def test_every_table_the_migrations_create_has_row_level_security(empty_database):
    """Checked on a database holding only the migrations, so a future table without RLS
    fails here whatever throwaway tables other tests create in the shared stack."""
    migrate(empty_database)
    with psycopg.connect(empty_database) as conn:
        tables = dict(conn.execute(
            "select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = 'public' and c.relkind in ('r', 'p')"
        ).fetchall())
    assert tables and all(tables.values()), {name for name, rls in tables.items() if not rls}


def test_failing_migration_leaves_nothing_half_applied(empty_database, tmp_path: Path):
    for migration in discover():
        shutil.copy(migration.path, tmp_path / migration.path.name)
    (tmp_path / "29991231235959_broken.sql").write_text(
        "create table public.half_done (id uuid primary key default gen_random_uuid());\n"
        "insert into public.half_done default values;\n"
        "alter table public.profiles add column half_done_flag boolean;\n"
        "select 1 / 0;\n"
    )
    with pytest.raises(MigrationError) as failure:
        migrate(empty_database, tmp_path)
    assert failure.value.version == "29991231235959"
    assert "division by zero" in str(failure.value)

    every = [m.version for m in discover()]
    assert applied_versions(empty_database) == every  # the good ones, not the broken one
    with psycopg.connect(empty_database) as conn:
        assert conn.execute("select to_regclass('public.half_done')").fetchone()[0] is None
        assert conn.execute(
            "select count(*) from information_schema.columns"
            " where table_name = 'profiles' and column_name = 'half_done_flag'"
        ).fetchone()[0] == 0

    # fixed, it applies on the next run and only it
    (tmp_path / "29991231235959_broken.sql").write_text(
        "create table public.half_done (id uuid primary key default gen_random_uuid());\n"
    )
    report = migrate(empty_database, tmp_path)
    assert report.applied == ["29991231235959"]


def test_users_who_signed_up_before_the_schema_get_profiles(empty_database):
    """A project with existing accounts: the profiles migration backfills them."""
    with psycopg.connect(empty_database, autocommit=True) as conn:
        for email, metadata in (("early.bird@example.test", "{}"), ("other@example.test", '{"username": "Early.Bird"}')):
            conn.execute("insert into auth.users (id, email, raw_user_meta_data) values (gen_random_uuid(), %s, %s)",
                         (email, metadata))
    migrate(empty_database)
    with psycopg.connect(empty_database) as conn:
        names = sorted(r[0] for r in conn.execute(
            "select p.username from public.profiles p join auth.users u on u.id = p.id"))
    assert len(names) == 2 and len({n.lower() for n in names}) == 2
    assert all(n.lower().startswith("early.bird") for n in names)
