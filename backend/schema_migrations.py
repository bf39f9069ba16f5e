"""Apply `supabase_migrations/*.sql` to a Postgres database, in name order, once each.

Applied versions are recorded in `supabase_migrations.schema_migrations`, the table the
Supabase CLI itself keeps, so files applied by either tool are not applied twice. Each
file runs in its own transaction: a failing file leaves nothing of itself behind.
Works on the local embedded database and on a real Supabase database alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "supabase_migrations"
FILE_PATTERN = re.compile(r"^(?P<version>\d+)_(?P<name>[A-Za-z0-9_\-]+)\.sql$")
# Serialises concurrent runners (two processes starting at once) on one database.
ADVISORY_LOCK_KEY = 7_310_214_551


class MigrationError(RuntimeError):
    def __init__(self, version: str, message: str) -> None:
        super().__init__(f"migration {version} failed: {message}")
        self.version = version


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path


@dataclass
class MigrationReport:
    applied: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    migrations = []
    for path in sorted(Path(directory).glob("*.sql")):
        match = FILE_PATTERN.match(path.name)
        if not match:
            raise MigrationError(path.name, "file name must be <version>_<name>.sql")
        migrations.append(Migration(match["version"], match["name"], path))
    versions = [m.version for m in migrations]
    if len(versions) != len(set(versions)):
        raise MigrationError("?", "two files share a version")
    return migrations


def _ensure_history_table(conn: psycopg.Connection) -> None:
    conn.execute("create schema if not exists supabase_migrations")
    conn.execute(
        "create table if not exists supabase_migrations.schema_migrations ("
        " version text primary key, statements text[], name text)"
    )


def migrate(dsn: str, directory: Path = MIGRATIONS_DIR) -> MigrationReport:
    report = MigrationReport()
    migrations = discover(directory)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", (ADVISORY_LOCK_KEY,))
        try:
            _ensure_history_table(conn)
            done = {
                row[0]
                for row in conn.execute("select version from supabase_migrations.schema_migrations")
            }
            for migration in migrations:
                if migration.version in done:
                    report.skipped.append(migration.version)
                    continue
                body = migration.path.read_text()
                try:
                    with conn.transaction():
                        conn.execute(body, prepare=False)
                        conn.execute(
                            "insert into supabase_migrations.schema_migrations"
                            " (version, statements, name) values (%s, %s, %s)",
                            (migration.version, [body], migration.name),
                        )
                except psycopg.Error as exc:
                    raise MigrationError(migration.version, str(exc).strip()) from exc
                report.applied.append(migration.version)
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (ADVISORY_LOCK_KEY,))
    return report
