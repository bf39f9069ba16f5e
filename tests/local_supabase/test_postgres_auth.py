"""The embedded Postgres trusts no local user: every connection needs the password, and the
stack's files on disk are readable by their owner only (issue 13, part 7)."""

from __future__ import annotations

import os
import pwd
import stat
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest

from backend.local_supabase.postgres import POSTGRES_SYSTEM_USER, EmbeddedPostgres, free_port
from backend.local_supabase.server import LocalSupabase
from backend.local_supabase.storage.paths import StorageLayout

REFUSED = r"no password supplied|password authentication failed"


@pytest.fixture
def no_stored_passwords(tmp_path, monkeypatch) -> Path:
    """A passfile that does not exist and no PGPASSWORD, so only the DSN can supply a password."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    return tmp_path / "no-pgpass"


def connect(postgres: EmbeddedPostgres, passfile: Path, *, socket: bool = False, **params):
    host = str(postgres.socket_dir) if socket else "127.0.0.1"
    return psycopg.connect(host=host, port=postgres.port, dbname="postgres", passfile=str(passfile),
                           connect_timeout=30, **params)


def login_roles_refuse(postgres: EmbeddedPostgres, roles: list[str], passfile: Path) -> None:
    """Each role, over TCP and over the unix socket, with no password and a wrong one."""
    for role in roles:
        for socket in (False, True):
            for password in ({}, {"password": "wrong-" + uuid.uuid4().hex}):
                with pytest.raises(psycopg.OperationalError, match=REFUSED):
                    connect(postgres, passfile, socket=socket, user=role, **password).close()


def test_no_role_logs_in_without_the_password(local_stack, db, no_stored_passwords):
    """Every role of the cluster (superusers too) is refused without the right password."""
    roles = [r[0] for r in db.execute(
        "select rolname from pg_roles where rolname !~ '^pg_' order by rolname <> 'postgres', rolname")]
    assert {"postgres", "authenticator", "anon", "authenticated", "service_role", "supabase_admin"} <= set(roles)
    login_roles_refuse(local_stack.postgres, roles, no_stored_passwords)


def test_the_password_opens_only_the_stacks_own_login_roles(local_stack, db, no_stored_passwords):
    """The DSN's password logs in as the superuser and as `authenticator` (the API's pool);
    every other role, anon/authenticated/service_role included, stays shut."""
    postgres = local_stack.postgres
    settings = local_stack.settings
    assert psycopg.conninfo.conninfo_to_dict(settings.database_url)["password"] == postgres.password
    assert len(postgres.password) >= 40
    with psycopg.connect(settings.database_url, passfile=str(no_stored_passwords)) as conn:
        assert conn.execute("select current_user").fetchone()[0] == "postgres"
    roles = [r[0] for r in db.execute("select rolname from pg_roles where rolname !~ '^pg_' order by 1")]
    opened = []
    for role in roles:
        try:
            with connect(postgres, no_stored_passwords, user=role, password=postgres.password):
                opened.append(role)
        except psycopg.OperationalError as exc:
            assert "password authentication failed" in str(exc) or "not permitted to log in" in str(exc)
    assert opened == ["authenticator", "postgres"]
    with local_stack.ctx.db.as_role({"role": "anon"}) as cur:
        cur.execute("select session_user as su")
        assert cur.fetchone() == {"su": "authenticator"}


def assert_owner_only(path: Path) -> None:
    """No access for others; a dir may let the Postgres server's own group traverse it
    (as root the server runs as a system user that must reach its cluster), never list it."""
    info = path.stat()
    mode = stat.S_IMODE(info.st_mode)
    assert mode & 0o007 == 0, f"{path} is open to others: {oct(mode)}"
    if stat.S_ISDIR(info.st_mode) and mode & 0o070 == 0o010:
        assert info.st_gid == pwd.getpwnam(POSTGRES_SYSTEM_USER).pw_gid, f"{path}: {oct(mode)}"
    else:
        assert mode & 0o070 == 0, f"{path} is open to its group: {oct(mode)}"
    assert mode & 0o600 == 0o600


def stack_paths(stack: LocalSupabase) -> list[Path]:
    postgres = stack.postgres
    return [
        stack.data_dir, stack.data_dir / "keys.json", stack.ctx.storage_root,
        postgres.data_dir, postgres.password_file, postgres.pgdata, postgres.hba_file,
        postgres.socket_dir, postgres.log_file,
    ]


def test_the_data_dir_cluster_keys_and_blobs_are_owner_only(local_stack, db):
    """A private bucket's file, stored through /storage/v1, is readable by its owner only."""
    service = local_stack.settings.service_key
    headers = {"apikey": service, "Authorization": f"Bearer {service}"}
    bucket = f"modes-{uuid.uuid4().hex[:8]}"
    base = f"{local_stack.url}/storage/v1"
    made = httpx.post(f"{base}/bucket", headers=headers, json={"id": bucket, "name": bucket, "public": False})
    assert made.status_code == 200, made.text
    try:
        stored = httpx.post(f"{base}/object/{bucket}/cv.txt", headers={**headers, "Content-Type": "text/plain"},
                            content=b"private")
        assert stored.status_code == 200, stored.text
        version = db.execute("select version from storage.objects where bucket_id = %s and name = 'cv.txt'",
                             (bucket,)).fetchone()[0]
        blob = StorageLayout(local_stack.ctx.storage_root).blob_path(bucket, version)
        assert blob.read_bytes() == b"private"
        for path in [*stack_paths(local_stack), blob.parent, blob]:
            assert_owner_only(path)
    finally:
        httpx.post(f"{base}/bucket/{bucket}/empty", headers=headers)
        httpx.delete(f"{base}/bucket/{bucket}", headers=headers)


def make_cluster_as_before_passwords(postgres: EmbeddedPostgres) -> None:
    """What the stack did before passwords: initdb with trust auth, no password file,
    world-readable dirs; left running, as a still-open `make run` would."""
    postgres._prepare_permissions()
    postgres._pg("initdb", "-D", str(postgres.pgdata), "--auth=trust", "--encoding=UTF8",
                 "--locale=C", "-U", "postgres")
    postgres.port = free_port()
    postgres._pg_ctl_start(["-h 127.0.0.1", f"-p {postgres.port}"])
    for path in (postgres.data_dir.parent, postgres.data_dir, postgres.socket_dir):
        os.chmod(path, 0o755)


def test_a_cluster_from_before_passwords_is_moved_over_on_start(tmp_path, no_stored_passwords):
    """An existing trust-auth data dir keeps working: on start it gets a password and a
    password-only pg_hba.conf, and the password stays the same across restarts."""
    data_dir = tmp_path / "stack"
    legacy = EmbeddedPostgres(data_dir / "postgres", durable=False)
    make_cluster_as_before_passwords(legacy)
    try:
        with connect(legacy, no_stored_passwords, user="postgres") as conn:  # trust, as before
            conn.execute("create table kept (id int)")
        assert not legacy.password_file.exists()

        stack = LocalSupabase(data_dir, port=0, durable=False, migrations_dir=None)
        stack.start()
        try:
            postgres = stack.postgres
            login_roles_refuse(postgres, ["postgres", "authenticator", "supabase_admin"], no_stored_passwords)
            with psycopg.connect(stack.settings.database_url) as conn:
                assert conn.execute("select to_regclass('public.kept') is not null").fetchone()[0]
            with stack.ctx.db.as_role({"role": "authenticated"}) as cur:
                cur.execute("select current_user as cu")
                assert cur.fetchone() == {"cu": "authenticated"}
            for path in stack_paths(stack):
                assert_owner_only(path)
            password = postgres.password
        finally:
            stack.stop()

        again = EmbeddedPostgres(data_dir / "postgres", durable=False)
        again.start()
        assert again.password == password
        with psycopg.connect(again.dsn) as conn:
            assert conn.execute("select to_regclass('public.kept') is not null").fetchone()[0]
        login_roles_refuse(again, ["postgres"], no_stored_passwords)

        again.stop()  # deleting the password file gets a new password on the next start
        again.password_file.unlink()
        again.start()
        assert again.password != password
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            connect(again, no_stored_passwords, user="postgres", password=password).close()
        with psycopg.connect(again.dsn) as conn:
            assert conn.execute("select to_regclass('public.kept') is not null").fetchone()[0]
    finally:
        legacy.destroy()
