"""Request ids: the `X-Request-ID` middleware, the context variable and the logging pieces.

Every request gets an id: the caller's (or load balancer's) `X-Request-ID` when it is safe
(1-128 characters of letters, digits and `-_.:`), otherwise a fresh uuid4 hex. It is
answered in the `X-Request-ID` response header and set in a context variable that
`RequestIdFilter` copies onto every log record (`-` outside a request). Streamed bodies keep
it while they are produced; background jobs get it by running in a copy of the context
(`contextvars.copy_context().run`). `JsonFormatter` writes one JSON object per line
(`LOG_FORMAT=json`).
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
NO_REQUEST = "-"
_VALID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default=NO_REQUEST)
request_log = logging.getLogger("backend.requests")


def current_request_id() -> str:
    return request_id_var.get()


def accepted_request_id(value: str | None) -> str:
    """The caller's id when it is safe to echo and log, else a new one."""
    if value and _VALID.fullmatch(value):
        return value
    return uuid.uuid4().hex


def _with_request_id(content: Iterable[bytes], request_id: str) -> Iterator[bytes]:
    """A streamed body, produced with the request's id in context (log lines while streaming)."""
    request_id_var.set(request_id)
    try:
        yield from content
    finally:
        request_id_var.set(NO_REQUEST)


class RequestIdMiddleware:
    """First in MIDDLEWARE: every answer, CORS preflights and errors included, carries the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = accepted_request_id(request.META.get(META_KEY))
        request.request_id = request_id
        request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            request_log.info(
                "%s %s %s %.1fms%s", request.method, request.path, response.status_code,
                (time.perf_counter() - started) * 1000,
                " (streaming)" if isinstance(response, StreamingHttpResponse) else "",
            )
            if isinstance(response, StreamingHttpResponse):
                response.streaming_content = _with_request_id(response.streaming_content, request_id)
            return response
        finally:
            request_id_var.set(NO_REQUEST)


class RequestIdFilter(logging.Filter):
    """Puts `record.request_id` on every record (a handler filter: it sees every logger's records)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id and, if any, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


_factory_installed = False


def install_record_factory() -> None:
    """Every LogRecord made from now on carries `request_id` (caplog's and gunicorn's handlers too)."""
    global _factory_installed
    if _factory_installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = request_id_var.get()
        return record

    logging.setLogRecordFactory(factory)
    _factory_installed = True
