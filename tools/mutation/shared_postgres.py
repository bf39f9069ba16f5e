"""One embedded Postgres for a whole mutation run of a local-stack module (tools/mutation/modules.py).

    .venv/bin/python -m tools.mutation.shared_postgres start DIR   # prints the superuser's DSN
    .venv/bin/python -m tools.mutation.shared_postgres stop DIR    # stops it and removes DIR

The local stack's own modules need every mutant active inside the stack, so each of mutmut's
forked children starts its own stack; with MUTATION_SHARED_POSTGRES_DSN set (tests/conftest.py),
that stack is only a fresh HTTP server and fresh connections, on a fresh database copied from
TEMPLATE (bootstrap and migrations applied once here) instead of a new cluster. Postgres is a
separate OS process, so it outlives every fork. This runs as its own process so that mutmut's
process never imports `backend` before mutmut points it at `mutants/`.
"""

from __future__ import annotations

import sys
from pathlib import Path

TEMPLATE = "mutation_template"  # tests/conftest.py: SHARED_POSTGRES_TEMPLATE
DSN_VARIABLE = "MUTATION_SHARED_POSTGRES_DSN"


def with_dbname(dsn: str, name: str) -> str:
    import psycopg

    params = psycopg.conninfo.conninfo_to_dict(dsn)
    params["dbname"] = name
    return psycopg.conninfo.make_conninfo(**params)


def start(data_dir: Path) -> str:
    import psycopg
    from psycopg import sql

    from backend.local_supabase.postgres import EmbeddedPostgres
    from backend.local_supabase.server import apply_bootstrap
    from backend.schema_migrations import MIGRATIONS_DIR, migrate

    dsn = EmbeddedPostgres(data_dir, durable=False).start()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("drop database if exists {}").format(sql.Identifier(TEMPLATE)))
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(TEMPLATE)))
    template = with_dbname(dsn, TEMPLATE)
    apply_bootstrap(template)
    migrate(template, MIGRATIONS_DIR)
    return dsn


def stop(data_dir: Path) -> None:
    from backend.local_supabase.postgres import EmbeddedPostgres

    EmbeddedPostgres(data_dir).destroy()


if __name__ == "__main__":
    command, directory = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        print(start(directory))
    else:
        stop(directory)
