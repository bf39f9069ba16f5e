"""The local Supabase-compatible stack: embedded Postgres + one HTTP server on loopback.

A development and test stand-in; production is a real Supabase project.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import uvicorn
from psycopg import sql
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from backend.schema_migrations import MIGRATIONS_DIR, migrate

from .config import StackConfig
from .context import StackContext
from .db import Database
from .keys import StackKeys
from .postgres import EmbeddedPostgres

logger = logging.getLogger(__name__)

BOOTSTRAP_SQL = Path(__file__).with_name("bootstrap.sql")
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / ".local_supabase"
DEFAULT_PORT = 54321
DEFAULT_DB_PORT = 54322  # as the Supabase CLI's local stack, so DATABASE_URL stays stable
# Login roles the stack itself connects as; they share the DSN's password, as on self-hosted
# Supabase (one POSTGRES_PASSWORD). bootstrap.sql's other login roles get no password, so
# they cannot log in at all; anon, authenticated and service_role are NOLOGIN.
PASSWORD_ROLES = ("authenticator",)


@dataclass(frozen=True)
class StackSettings:
    """What a `.env` (or a test) needs to talk to the running stack."""

    url: str
    anon_key: str
    service_key: str
    jwt_secret: str
    jwks_url: str
    database_url: str

    def as_env(self) -> dict[str, str]:
        return {
            "SUPABASE_URL": self.url,
            "SUPABASE_ANON_KEY": self.anon_key,
            "SUPABASE_SERVICE_KEY": self.service_key,
            "SUPABASE_JWT_SECRET": self.jwt_secret,
            "SUPABASE_JWKS_URL": self.jwks_url,
            "DATABASE_URL": self.database_url,
        }


def apply_bootstrap(dsn: str) -> None:
    """Roles and schemas; the stack's login roles get the DSN's password (sent as a SCRAM
    verifier, so the plain password never reaches the server's logs)."""
    password = psycopg.conninfo.conninfo_to_dict(dsn).get("password")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(7310214550)")
        try:
            conn.execute(BOOTSTRAP_SQL.read_text(), prepare=False)
            for role in PASSWORD_ROLES if password else ():
                verifier = conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
                conn.execute(sql.SQL("alter role {} password {}").format(
                    sql.Identifier(role), sql.Literal(verifier.decode())))
        finally:
            conn.execute("select pg_advisory_unlock(7310214550)")


def build_app(ctx: StackContext) -> Starlette:
    from .auth import app as auth
    from .rest import app as rest
    from .storage import app as storage

    async def root(request):
        return JSONResponse({"name": "local-supabase", "status": "ok"})

    # One CORS policy for the whole stack, as Supabase's gateway: any origin (a dev stand-in).
    cors = Middleware(
        CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"], max_age=3600,
        expose_headers=sorted({*rest.EXPOSED_HEADERS, *storage.EXPOSED_HEADERS, *auth.EXPOSED_HEADERS}),
    )
    return Starlette(
        middleware=[cors],
        routes=[
            Route("/", root),
            Mount("/rest/v1", app=rest.build_app(ctx)),
            Mount("/storage/v1", app=storage.build_app(ctx)),
            Mount("/auth/v1", app=auth.build_app(ctx)),
        ]
    )


class LocalSupabase:
    """Start/stop the whole stack. Use as a context manager or call start()/stop()."""

    def __init__(
        self,
        data_dir: Path | str = DEFAULT_DATA_DIR,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        db_port: int = 0,
        database_url: str | None = None,
        jwt_secret: str | None = None,
        durable: bool = True,
        migrations_dir: Path | None = MIGRATIONS_DIR,
        config: StackConfig | None = None,
    ) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.host = host
        # An automatic port is bound now and held until the server takes the socket: picked and
        # released, it could be handed out as the source port of one of the many connections the
        # start-up makes (Postgres, migrations) before the server binds it.
        self._listener: socket.socket | None = None
        if not port:
            self._listener = socket.create_server((host, 0))
            # Its proto is 0, so asyncio does not set TCP_NODELAY on the connections it accepts (it
            # checks for IPPROTO_TCP); Linux passes the listener's to them. Without it a response
            # written in two parts waits for the client's delayed ACK: ~40 ms a kept-alive request.
            self._listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.port = self._listener.getsockname()[1] if self._listener else port
        self.db_port = db_port
        self.database_url = database_url
        self.jwt_secret = jwt_secret
        self.durable = durable
        self.migrations_dir = migrations_dir
        self.config = config
        self.postgres: EmbeddedPostgres | None = None
        self.ctx: StackContext | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start_database(self) -> str:
        if self.database_url:
            return self.database_url
        self.postgres = EmbeddedPostgres(
            self.data_dir / "postgres", port=self.db_port, durable=self.durable
        )
        return self.postgres.start()

    def start(self) -> StackSettings:
        # Owner only: keys, stored files and the cluster live here (an older, wider dir is
        # narrowed; as root the embedded Postgres then adds traverse for its own group).
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.data_dir, 0o700)
        dsn = self.start_database()
        apply_bootstrap(dsn)
        if self.migrations_dir is not None:
            report = migrate(dsn, self.migrations_dir)
            if report.applied:
                logger.info("applied migrations: %s", ", ".join(report.applied))
        keys = StackKeys.load_or_create(self.data_dir, jwt_secret=self.jwt_secret)
        db = Database(dsn)
        db.open()
        self.ctx = StackContext(
            keys=keys, db=db, data_dir=self.data_dir, public_url=self.url,
            config=self.config or StackConfig.from_env(),
        )
        self.ctx.storage_root.mkdir(mode=0o700, exist_ok=True)
        os.chmod(self.ctx.storage_root, 0o700)
        # proxy_headers off: uvicorn would otherwise take any loopback client's X-Forwarded-For
        # as its address (the stack is its own gateway; auth's rate limits key on the peer).
        config = uvicorn.Config(
            build_app(self.ctx), host=self.host, port=self.port, log_level="warning",
            access_log=False, lifespan="off", timeout_keep_alive=30, proxy_headers=False,
        )
        self._server = uvicorn.Server(config)
        sockets = [self._listener] if self._listener is not None else None
        self._listener = None  # the server closes it when it stops
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": sockets}, name="local-supabase", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"local Supabase HTTP server failed to start on {self.url}")
            time.sleep(0.02)
        return self.settings

    @property
    def settings(self) -> StackSettings:
        assert self.ctx is not None, "stack not started"
        keys = self.ctx.keys
        return StackSettings(
            url=self.url,
            anon_key=keys.anon_key,
            service_key=keys.service_key,
            jwt_secret=keys.jwt_secret,
            jwks_url=f"{self.url}/auth/v1/.well-known/jwks.json",
            database_url=self.ctx.db.dsn,
        )

    def stop_http(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None

    def stop(self) -> None:
        self.stop_http()
        if self._listener is not None:  # stopped before the server took it
            self._listener.close()
            self._listener = None
        if self.ctx is not None:
            self.ctx.db.close()
            self.ctx = None
        if self.postgres is not None:
            self.postgres.stop()

    def __enter__(self) -> LocalSupabase:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
