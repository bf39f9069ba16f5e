"""`backend.schema_migrations.migrate`: once each, in order, all-or-nothing per file."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import pytest

from backend.schema_migrations import MIGRATIONS_DIR, MigrationError, discover, migrate


def write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (directory / name).write_text(body)
    return directory


GOOD = {
    "20260101000000_items.sql": "create table public.items (id int primary key, label text not null);",
    "20260101000100_seed.sql": "insert into public.items values (1, 'first');",
}


def history(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        return [r[0] for r in conn.execute("select version from supabase_migrations.schema_migrations order by 1")]


def test_applies_in_order_then_second_run_is_a_no_op(scratch_dsn, tmp_path):
    directory = write(tmp_path / "m", GOOD)
    first = migrate(scratch_dsn, directory)
    assert first.applied == ["20260101000000", "20260101000100"] and first.skipped == []
    again = migrate(scratch_dsn, directory)
    assert again.applied == [] and again.skipped == ["20260101000000", "20260101000100"]
    with psycopg.connect(scratch_dsn) as conn:
        assert conn.execute("select id, label from public.items").fetchall() == [(1, "first")]
    assert history(scratch_dsn) == ["20260101000000", "20260101000100"]


def test_failing_migration_leaves_nothing_and_is_not_recorded(scratch_dsn, tmp_path):
    directory = write(tmp_path / "m", {
        **GOOD,
        "20260101000200_broken.sql": (
            "create table public.half_done (id int);\n"
            "insert into public.items values (2, 'second');\n"
            "insert into public.no_such_table values (1);\n"
        ),
    })
    with pytest.raises(MigrationError) as caught:
        migrate(scratch_dsn, directory)
    assert caught.value.version == "20260101000200"
    assert "no_such_table" in str(caught.value)
    assert history(scratch_dsn) == ["20260101000000", "20260101000100"]  # the good ones stay applied
    with psycopg.connect(scratch_dsn) as conn:
        assert conn.execute("select to_regclass('public.half_done')").fetchone()[0] is None
        assert conn.execute("select count(*) from public.items").fetchone()[0] == 1
    # fixed, it applies on the next run (and only it)
    (directory / "20260101000200_broken.sql").write_text("create table public.half_done (id int);")
    assert migrate(scratch_dsn, directory).applied == ["20260101000200"]


def test_badly_named_file_is_refused_before_anything_runs(scratch_dsn, tmp_path):
    directory = write(tmp_path / "m", {**GOOD, "add_stuff.sql": "select 1;"})
    with pytest.raises(MigrationError, match="file name"):
        migrate(scratch_dsn, directory)
    with psycopg.connect(scratch_dsn) as conn:
        assert conn.execute("select to_regclass('public.items')").fetchone()[0] is None


def test_concurrent_runners_apply_each_file_once(scratch_dsn, tmp_path):
    directory = write(tmp_path / "m", GOOD)
    reports, errors = [], []

    def run() -> None:
        try:
            reports.append(migrate(scratch_dsn, directory))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    applied = sorted(v for report in reports for v in report.applied)
    assert applied == ["20260101000000", "20260101000100"]


def test_project_migrations_are_already_applied_on_the_stack(stack_settings):
    """The stack applied supabase_migrations/ at start; running them again changes nothing."""
    report = migrate(stack_settings.database_url, MIGRATIONS_DIR)
    assert report.applied == []
    assert report.skipped == [m.version for m in discover(MIGRATIONS_DIR)]
