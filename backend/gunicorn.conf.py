"""gunicorn settings for production: `gunicorn -c backend/gunicorn.conf.py` (what `make serve` runs).

Threaded workers (gthread), not uvicorn/ASGI: under ASGI Django 5.2 reads a sync streaming
view's iterator whole (`sync_to_async(list)`) before sending, so SSE would not stream.
Every request, a streamed interview reply (server-sent events held open while the model
answers) included, holds one thread of one worker process, so a process serves
GUNICORN_THREADS requests at once and a host WEB_CONCURRENCY x GUNICORN_THREADS. The views
are synchronous Django (Supabase and model calls block), which is what threads suit.

Timeouts: with gthread, `timeout` is the worker's heartbeat (its main loop keeps beating while
threads stream), not a limit on a request, so a long SSE reply is never cut by it; it only
restarts a wedged worker. `graceful_timeout` is how long a stopping worker (SIGTERM, a deploy)
keeps finishing in-flight requests after it stops accepting new ones: by default 90 s, more
than a model turn's worst case (INTERVIEW_MODEL_TIMEOUT 20 s per attempt, 2 retries with
back-off, one repair attempt) and as long as INTERVIEW_REPLY_LEASE_SECONDS, after which another
process may finish a reply anyway. `keepalive` should exceed the load balancer's idle timeout
towards the API, so the balancer, not gunicorn, closes idle connections.

Every value comes from the environment (and `.env`, real variables winning, as in
backend/settings.py); `.env.example` documents each.
"""

from __future__ import annotations

import os
import socket
import struct
from pathlib import Path

from dotenv import load_dotenv

load_dotenv(Path(__file__).resolve().parent.parent / ".env")


def _env(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def _int(name: str, default: int) -> int:
    return int(_env(name, str(default)))


wsgi_app = "backend.wsgi:application"
worker_class = "gthread"
bind = [_env("GUNICORN_BIND", f"0.0.0.0:{_env('PORT', '8000')}")]
workers = _int("WEB_CONCURRENCY", 2)
threads = _int("GUNICORN_THREADS", 8)
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 90)
keepalive = _int("GUNICORN_KEEPALIVE", 75)
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)  # recycle a worker after this many requests; 0: never
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 0)
backlog = _int("GUNICORN_BACKLOG", 2048)
# Addresses whose X-Forwarded-Proto/-For gunicorn trusts (the load balancer's); "*" trusts any.
forwarded_allow_ips = _env("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Bounds on request lines and headers (slow or hostile clients); gunicorn's defaults.
limit_request_line = _int("GUNICORN_LIMIT_REQUEST_LINE", 4094)
limit_request_fields = _int("GUNICORN_LIMIT_REQUEST_FIELDS", 100)
limit_request_field_size = _int("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 8190)
# A client that sends nothing for this many seconds in the middle of a request (slowloris: headers
# or a body sent in part, then held), or takes nothing of a response (an event stream it never
# reads), loses the connection instead of holding one of the worker's threads. Per read or write,
# not per request: a slow but steady upload or stream is never cut.
client_stall_timeout = _int("GUNICORN_CLIENT_STALL_TIMEOUT", 15)
# The API logs every request itself, with its id (logger `backend.requests`, LOG_FORMAT); gunicorn's
# access log only when GUNICORN_ACCESS_LOG names a file or `-` (stdout).
accesslog = _env("GUNICORN_ACCESS_LOG", "") or None
errorlog = "-"
loglevel = _env("LOG_LEVEL", "info").lower()
proc_name = "interview-coach-api"
# gunicorn's control socket (`gunicornc`) only where asked: by default every instance on a host
# would share one path under $HOME.
control_socket = _env("GUNICORN_CONTROL_SOCKET", "") or None
if control_socket is None:
    control_socket_disable = True
# Worker heartbeats in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def worker_exit(server, worker) -> None:
    """A stopping worker (SIGTERM, a deploy, max_requests) first finishes scoring the answers it
    closed: that runs in the background after the reply was sent, and would otherwise be lost."""
    from backend.llm_api.services.interview_scores import scoring_drain

    scoring_drain()


def post_worker_init(worker) -> None:
    """Bound every blocking read and write on the worker's connections by client_stall_timeout
    (SO_RCVTIMEO/SO_SNDTIMEO on the listeners, which accepted sockets inherit): gthread reads a
    request's headers and body in a thread with no limit of its own."""
    stall = struct.pack("ll", client_stall_timeout, 0)
    for listener in worker.sockets:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, stall)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, stall)
