"""`supabase_client`: one lazy shared client, and every failure as a typed `SupabaseError`."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from postgrest.exceptions import APIError
from psycopg import sql
from storage3.exceptions import StorageApiError
from supabase_auth.errors import AuthApiError, AuthRetryableError, AuthWeakPasswordError

from backend.llm_api import supabase_client as sc
from backend.llm_api.supabase_client import connection as sc_connection
from backend.llm_api.supabase_client import errors as sc_errors
from backend.local_supabase.postgres import free_port

REPO = Path(__file__).resolve().parents[2]


# The shared client ---------------------------------------------------------------------


def test_import_creates_no_client_and_needs_no_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUPABASE_", "DJANGO_", "DATABASE_"))}
    code = (
        "import sys\n"
        "import backend.llm_api.supabase_client.connection as sc_connection\n"
        "assert sc_connection._connection is None\n"
        "from django.conf import settings\n"
        "assert not settings.configured, 'importing must not configure Django'\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_client_is_created_once_lazily_and_shared_across_threads(stack_settings):
    sc.reset_client()
    assert sc_connection._connection is None
    seen: list[object] = []
    barrier = threading.Barrier(8)

    def grab() -> None:
        barrier.wait()
        seen.append(sc.get_client())

    threads = [threading.Thread(target=grab) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8 and len({id(client) for client in seen}) == 1
    assert sc.get_client() is seen[0]


def test_client_uses_the_service_key_and_bounded_timeouts(stack_settings, settings):
    settings.SUPABASE_TIMEOUT = 3
    connection = sc_connection._get_connection()
    assert connection.client.supabase_key == stack_settings.service_key
    assert connection.http.timeout.read == 3 and connection.http.timeout.connect == 3
    settings.SUPABASE_TIMEOUT = 60
    assert sc_connection._get_connection().http.timeout.connect == 5  # connecting never waits longer


def test_changing_settings_replaces_the_client(stack_settings, settings):
    first = sc.get_client()
    settings.SUPABASE_TIMEOUT = 7
    second = sc.get_client()
    assert second is not first
    sc.reset_client()
    assert sc.get_client() is not second


def test_missing_settings_raise_not_configured(settings):
    settings.SUPABASE_URL = ""
    with pytest.raises(sc.NotConfigured) as caught:
        sc.get_client()
    assert caught.value.status_code == 503
    settings.SUPABASE_URL = "not a url"
    settings.SUPABASE_SERVICE_KEY = "k"
    with pytest.raises(sc.NotConfigured):
        sc.get_client()


def test_check_health_does_a_real_round_trip(stack_settings):
    check = sc.check_health()
    assert check.url == stack_settings.url
    assert check.latency_ms >= 0


# Connection failures -------------------------------------------------------------------


@pytest.fixture
def dead_supabase(settings) -> None:
    settings.SUPABASE_URL = f"http://127.0.0.1:{free_port()}"
    settings.SUPABASE_SERVICE_KEY = "service-key"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.table("anything").select("*").execute(),
        lambda c: c.table("anything").insert({"a": 1}).execute(),
        lambda c: c.storage.list_buckets(),
        lambda c: c.auth.admin.list_users(),
    ],
    ids=["rest-select", "rest-insert", "storage", "auth-admin"],
)
def test_connection_refused_is_unavailable(dead_supabase, call):
    started = time.monotonic()
    with pytest.raises(sc.Unavailable) as caught:
        with sc.translate_errors():
            call(sc.get_client())
    assert time.monotonic() - started < 3, "no slow client-side retries"
    assert caught.value.status_code == 503
    assert caught.value.code == "supabase_unavailable"


def test_check_health_on_dead_port_is_unavailable(dead_supabase):
    with pytest.raises(sc.Unavailable):
        sc.check_health()


# Errors produced by the real local stack --------------------------------------------------


@pytest.fixture
def scratch_table(db, service_client):
    """A fresh public table with a unique key, a check constraint and RLS (no policies)."""
    name = f"sc_items_{uuid.uuid4().hex[:8]}"
    table = sql.Identifier(name)
    db.execute(
        sql.SQL(
            "create table public.{} (id int primary key, name text not null check (length(name) <= 10))"
        ).format(table)
    )
    db.execute(sql.SQL("alter table public.{} enable row level security").format(table))
    db.execute(sql.SQL("grant all on public.{} to anon, authenticated, service_role").format(table))
    db.execute("notify pgrst, 'reload schema'")
    deadline = time.monotonic() + 10
    while True:
        try:
            service_client.table(name).select("id").limit(1).execute()
            break
        except APIError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    yield name
    db.execute(sql.SQL("drop table public.{}").format(table))


def raised(call) -> sc.SupabaseError:
    with pytest.raises(sc.SupabaseError) as caught:
        with sc.translate_errors():
            call()
    return caught.value


def test_duplicate_key_is_conflict(scratch_table, stack_settings):
    client = sc.get_client()
    client.table(scratch_table).insert({"id": 1, "name": "one"}).execute()
    error = raised(lambda: client.table(scratch_table).insert({"id": 1, "name": "again"}).execute())
    assert type(error) is sc.Conflict and error.status_code == 409
    assert error.upstream_code == "23505"


def test_single_row_missing_is_not_found(scratch_table, stack_settings):
    client = sc.get_client()
    error = raised(lambda: client.table(scratch_table).select("*").eq("id", 42).single().execute())
    assert type(error) is sc.NotFound and error.status_code == 404
    assert error.upstream_code == "PGRST116"


@pytest.mark.parametrize(
    ("row_or_filter", "sqlstate"),
    [({"id": 2, "name": "far too long a name"}, "23514"), ({"id": 3, "name": None}, "23502")],
    ids=["check-violation", "not-null"],
)
def test_bad_values_are_invalid(scratch_table, stack_settings, row_or_filter, sqlstate):
    client = sc.get_client()
    error = raised(lambda: client.table(scratch_table).insert(row_or_filter).execute())
    assert type(error) is sc.Invalid and error.status_code == 400
    assert error.upstream_code == sqlstate


def test_malformed_filter_value_is_invalid(scratch_table, stack_settings):
    client = sc.get_client()
    error = raised(lambda: client.table(scratch_table).select("*").eq("id", "not-a-number").execute())
    assert type(error) is sc.Invalid
    assert error.upstream_code == "22P02"


def test_unknown_column_is_a_bad_gateway_not_the_callers_fault(scratch_table, stack_settings):
    client = sc.get_client()
    error = raised(lambda: client.table(scratch_table).insert({"id": 4, "nope": 1}).execute())
    assert type(error) is sc.SupabaseError and error.status_code == 502
    assert error.upstream_code == "PGRST204"


def test_rls_denial_is_permission_denied(scratch_table, make_user):
    user = make_user()
    error = raised(lambda: user.client.table(scratch_table).insert({"id": 5, "name": "mine"}).execute())
    assert type(error) is sc.PermissionDenied and error.status_code == 403
    assert error.upstream_code == "42501"


def test_storage_errors_map_by_status(stack_settings):
    storage = sc.get_client().storage
    bucket = f"sc-{uuid.uuid4().hex[:8]}"
    storage.create_bucket(bucket)
    try:
        duplicate = raised(lambda: storage.create_bucket(bucket))
        assert type(duplicate) is sc.Conflict and duplicate.status_code == 409
        missing = raised(lambda: storage.from_(bucket).download("no/such/object.txt"))
        assert type(missing) is sc.NotFound
        no_bucket = raised(lambda: storage.get_bucket(f"missing-{bucket}"))
        assert type(no_bucket) is sc.NotFound
    finally:
        storage.delete_bucket(bucket)


def test_auth_errors_map_by_code(stack_settings, anon_client):
    admin = sc.get_client().auth.admin
    email = f"sc-{uuid.uuid4().hex[:8]}@example.test"
    password = "correct-horse-battery-staple"
    admin.create_user({"email": email, "password": password, "email_confirm": True})
    duplicate = raised(lambda: admin.create_user({"email": email, "password": password}))
    assert type(duplicate) is sc.Conflict
    wrong = raised(lambda: anon_client.auth.sign_in_with_password({"email": email, "password": "wrong-password"}))
    assert type(wrong) is sc.Unauthorized and wrong.status_code == 401
    assert wrong.detail == "Invalid login credentials"


# The mapping tables, for errors the local stack cannot easily produce ---------------------


@pytest.mark.parametrize(
    ("code", "details", "expected"),
    [
        ("23505", None, sc.Conflict),
        ("23503", None, sc.Conflict),
        ("PGRST116", "The result contains 0 rows", sc.NotFound),
        ("PGRST116", "The result contains 2 rows", sc.SupabaseError),
        ("42501", None, sc.PermissionDenied),
        ("22P02", None, sc.Invalid),
        ("23514", None, sc.Invalid),
        ("PGRST100", None, sc.Invalid),
        ("PGRST204", None, sc.SupabaseError),
        ("PGRST205", None, sc.SupabaseError),
        ("PGRST000", None, sc.Unavailable),
        ("PGRST002", None, sc.Unavailable),
        ("PGRST301", None, sc.Unauthorized),
        ("57014", None, sc.Unavailable),
        ("08006", None, sc.Unavailable),
        ("P0001", None, sc.Invalid),
        ("503", None, sc.Unavailable),
        ("404", None, sc.NotFound),
        ("500", None, sc.SupabaseError),
        (None, None, sc.SupabaseError),
    ],
)
def test_postgrest_codes(code, details, expected):
    error = sc.error_from_postgrest(APIError({"code": code, "message": "m", "details": details, "hint": None}))
    assert type(error) is expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [("404", sc.NotFound), ("409", sc.Conflict), ("403", sc.PermissionDenied), ("413", sc.Invalid),
     ("400", sc.Invalid), (503, sc.Unavailable), ("500", sc.SupabaseError), ("weird", sc.SupabaseError)],
)
def test_storage_statuses(status, expected):
    error = sc.error_from_storage(StorageApiError("Object not found", "not_found", status))
    assert type(error) is expected


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (AuthApiError("Invalid login credentials", 400, "invalid_credentials"), sc.Unauthorized),
        (AuthApiError("User already registered", 422, "user_already_exists"), sc.Conflict),
        (AuthApiError("User not found", 404, "user_not_found"), sc.NotFound),
        (AuthApiError("Too many", 429, "over_request_rate_limit"), sc.RateLimited),
        (AuthApiError("Something", 400, None), sc.Invalid),
        (AuthWeakPasswordError("Password is too short", 422, ["length"]), sc.Invalid),
        (AuthRetryableError("connection refused", 0), sc.Unavailable),
        (AuthRetryableError("Bad gateway", 502), sc.Unavailable),
        (AuthApiError("Internal", 500, "unexpected_failure"), sc.SupabaseError),
    ],
)
def test_auth_errors(error, expected):
    assert type(sc.error_from_auth(error)) is expected


def test_timeouts_and_undecodable_answers(settings):
    with pytest.raises(sc.Unavailable) as caught:
        with sc.translate_errors():
            raise httpx.ReadTimeout("slow")
    assert caught.value.code == "supabase_timeout"
    with pytest.raises(sc.Unavailable):
        with sc.translate_errors():
            raise httpx.RemoteProtocolError("server disconnected")
    with pytest.raises(sc.SupabaseError) as caught:
        with sc.translate_errors():
            raise sc.NotFound()
    assert type(caught.value) is sc.NotFound  # already translated: passes through unchanged


def test_errors_carry_no_upstream_message_in_api_details():
    error = sc.error_from_postgrest(
        APIError({"code": "23505", "message": 'duplicate key value violates unique constraint "t_pkey"',
                  "details": "Key (id)=(1) already exists.", "hint": None})
    )
    assert error.details == {"upstream_code": "23505"}
    assert "t_pkey" in error.upstream_message  # kept for logs
    assert "t_pkey" not in error.detail



# Every row of every mapping table, with the API answer it produces -------------------------


def api_answer(error: sc.SupabaseError) -> tuple[int, dict]:
    """What a client receives for this error: the real exception handler's status and body."""
    from backend.llm_api.exceptions import api_exception_handler

    response = api_exception_handler(error, {})
    return response.status_code, response.data


# status -> (class, the API's status and code); rows of `_BY_STATUS`
STATUS_ROWS = {
    400: (sc.Invalid, 400, "invalid_request"),
    401: (sc.Unauthorized, 401, "unauthorized"),
    403: (sc.PermissionDenied, 403, "permission_denied"),
    404: (sc.NotFound, 404, "not_found"),
    406: (sc.Invalid, 400, "invalid_request"),
    409: (sc.Conflict, 409, "conflict"),
    413: (sc.Invalid, 400, "invalid_request"),
    415: (sc.Invalid, 400, "invalid_request"),
    416: (sc.Invalid, 400, "invalid_request"),
    422: (sc.Invalid, 400, "invalid_request"),
    429: (sc.RateLimited, 429, "rate_limited"),
    502: (sc.Unavailable, 503, "supabase_unavailable"),
    503: (sc.Unavailable, 503, "supabase_unavailable"),
    504: (sc.Unavailable, 503, "supabase_unavailable"),
    520: (sc.Unavailable, 503, "supabase_unavailable"),
}
# statuses outside the table: other 4xx are invalid, anything else a bad gateway
STATUS_FALLBACKS = {
    399: (sc.SupabaseError, 502, "upstream_error"),
    418: (sc.Invalid, 400, "invalid_request"),
    499: (sc.Invalid, 400, "invalid_request"),
    500: (sc.SupabaseError, 502, "upstream_error"),
    501: (sc.SupabaseError, 502, "upstream_error"),
}


def test_every_status_row_is_tested():
    assert set(STATUS_ROWS) == set(sc_errors._BY_STATUS)
    assert not set(STATUS_FALLBACKS) & set(sc_errors._BY_STATUS)


@pytest.mark.parametrize("status", sorted(STATUS_ROWS | STATUS_FALLBACKS))
def test_storage_status_maps_to_class_and_answer(status):
    """Storage's messages are user-safe, so they are the answer's message (except for a bad gateway)."""
    cls, api_status, code = (STATUS_ROWS | STATUS_FALLBACKS)[status]
    error = sc.error_from_storage(StorageApiError("The resource says no", "SomeError", str(status)))
    assert type(error) is cls
    assert sc.error_class_for_status(status) is cls
    message = cls.default_detail if cls is sc.SupabaseError else "The resource says no"
    assert api_answer(error) == (
        api_status,
        {"error": {"code": code, "message": message, "details": {"upstream_code": str(status)}}},
    )
    assert error.upstream_message == "The resource says no"


# PostgREST / SQLSTATE code -> class; rows of `_BY_POSTGREST_CODE`
POSTGREST_ROWS = {
    "23505": sc.Conflict, "23503": sc.Conflict, "23P01": sc.Conflict,
    "42501": sc.PermissionDenied,
    "P0001": sc.Invalid,
    "57014": sc.Unavailable,
    "PGRST000": sc.Unavailable, "PGRST001": sc.Unavailable, "PGRST002": sc.Unavailable, "PGRST003": sc.Unavailable,
    "PGRST301": sc.Unauthorized, "PGRST302": sc.Unauthorized, "PGRST303": sc.Unauthorized,
}
# codes outside the table, mapped by their class (prefix) or, for bare HTTP statuses, by status
POSTGREST_RULES = {
    "PGRST100": sc.Invalid, "PGRST103": sc.Invalid, "PGRST199": sc.Invalid,
    "22P02": sc.Invalid, "22001": sc.Invalid, "23514": sc.Invalid, "23502": sc.Invalid,
    "08006": sc.Unavailable, "08001": sc.Unavailable, "53300": sc.Unavailable, "57P01": sc.Unavailable,
    "PGRST200": sc.SupabaseError, "PGRST204": sc.SupabaseError, "PGRST205": sc.SupabaseError,
    "42P01": sc.SupabaseError, "42703": sc.SupabaseError, "XX000": sc.SupabaseError,
    "404": sc.NotFound, "409": sc.Conflict, "503": sc.Unavailable, "500": sc.SupabaseError, "418": sc.Invalid,
    "4041": sc.SupabaseError, "40": sc.SupabaseError,
}


def test_every_postgrest_row_is_tested():
    assert set(POSTGREST_ROWS) == set(sc_errors._BY_POSTGREST_CODE)


@pytest.mark.parametrize("code", sorted(POSTGREST_ROWS | POSTGREST_RULES))
def test_postgrest_code_maps_to_class_and_answer(code):
    """PostgREST's messages name tables and constraints: never in the answer, only in logs."""
    cls = (POSTGREST_ROWS | POSTGREST_RULES)[code]
    raw = APIError({"code": code, "message": "relation t_pkey says no", "details": None, "hint": None})
    error = sc.error_from_postgrest(raw)
    assert type(error) is cls
    status, body = api_answer(error)
    assert status == cls.status_code
    assert body == {
        "error": {"code": cls.default_code, "message": cls.default_detail, "details": {"upstream_code": code}}
    }
    assert error.upstream_message == "relation t_pkey says no"


@pytest.mark.parametrize(
    ("details", "expected"),
    [("The result contains 0 rows", sc.NotFound), ("The result contains 2 rows", sc.SupabaseError),
     (None, sc.SupabaseError)],
)
def test_single_row_code_is_not_found_only_for_zero_rows(details, expected):
    error = sc.error_from_postgrest(APIError({"code": "PGRST116", "message": "m", "details": details, "hint": None}))
    assert type(error) is expected
    assert api_answer(error)[1]["error"]["details"] == {"upstream_code": "PGRST116"}


def test_postgrest_error_without_a_code_is_a_bad_gateway_without_upstream_code():
    error = sc.error_from_postgrest(APIError({"code": None, "message": "odd", "details": None, "hint": None}))
    assert type(error) is sc.SupabaseError and error.upstream_code is None
    assert api_answer(error) == (
        502, {"error": {"code": "upstream_error", "message": sc.SupabaseError.default_detail, "details": {}}}
    )


# Supabase Auth error code -> class; rows of `_BY_AUTH_CODE`
AUTH_ROWS = {
    "invalid_credentials": sc.Unauthorized, "bad_jwt": sc.Unauthorized, "no_authorization": sc.Unauthorized,
    "session_not_found": sc.Unauthorized, "session_expired": sc.Unauthorized,
    "refresh_token_not_found": sc.Unauthorized, "refresh_token_already_used": sc.Unauthorized,
    "user_already_exists": sc.Conflict, "email_exists": sc.Conflict, "phone_exists": sc.Conflict,
    "weak_password": sc.Invalid, "validation_failed": sc.Invalid, "email_address_invalid": sc.Invalid,
    "user_not_found": sc.NotFound,
    "not_admin": sc.PermissionDenied, "email_not_confirmed": sc.PermissionDenied, "user_banned": sc.PermissionDenied,
    "over_request_rate_limit": sc.RateLimited, "over_email_send_rate_limit": sc.RateLimited,
}


def test_every_auth_row_is_tested():
    assert set(AUTH_ROWS) == set(sc_errors._BY_AUTH_CODE)


@pytest.mark.parametrize("code", sorted(AUTH_ROWS))
def test_auth_code_maps_to_class_and_answer(code):
    """The code wins over the status (Auth answers 400 for bad credentials); its message is for users."""
    cls = AUTH_ROWS[code]
    error = sc.error_from_auth(AuthApiError("Auth says no", 418, code))
    assert type(error) is cls
    assert api_answer(error) == (
        cls.status_code, {"error": {"code": cls.default_code, "message": "Auth says no", "details": {"upstream_code": code}}}
    )


@pytest.mark.parametrize(
    ("error", "expected", "message", "upstream_code"),
    [
        (AuthApiError("Odd request", 400, "some_new_code"), sc.Invalid, "Odd request", "some_new_code"),
        (AuthApiError("Gone", 404, None), sc.NotFound, "Gone", "404"),
        (AuthApiError("Internal", 500, "unexpected_failure"), sc.SupabaseError, None, "unexpected_failure"),
        (AuthApiError("Nothing", 0, None), sc.SupabaseError, None, None),
        (AuthRetryableError("connection refused", 0), sc.Unavailable, None, "0"),
        (AuthRetryableError("Bad gateway", 502), sc.Unavailable, None, "502"),
    ],
    ids=["unknown-code-by-status", "no-code-by-status", "5xx", "nothing", "retryable-no-status", "retryable"],
)
def test_auth_errors_outside_the_table(error, expected, message, upstream_code):
    """Outside the table the status decides; a bad gateway or outage never shows Auth's own message."""
    mapped = sc.error_from_auth(error)
    assert type(mapped) is expected
    assert mapped.upstream_message == error.message
    details = {"upstream_code": upstream_code} if upstream_code else {}
    assert api_answer(mapped) == (
        expected.status_code,
        {"error": {"code": expected.default_code, "message": message or expected.default_detail, "details": details}},
    )


def test_error_details_are_merged_after_the_upstream_code():
    error = sc.Conflict("Taken.", upstream_code="23505", details={"field": "username"})
    assert (error.detail, error.code, error.details) == ("Taken.", "conflict", {"upstream_code": "23505", "field": "username"})
    assert sc.Invalid(code="custom_code").code == "custom_code"
    assert sc.NotFound(upstream_code="").details == {}


class StatusServer:
    """Answers every request with `status` on a free loopback port; records the request headers."""

    def __init__(self, status: int) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        server = self
        self.status = status
        self.delay = 0.0
        self.seen: list[tuple[str, str, dict]] = []

        class Handler(BaseHTTPRequestHandler):
            def do_HEAD(self) -> None:
                server.seen.append(("HEAD", self.path, dict(self.headers)))
                time.sleep(server.delay)
                self.send_response(server.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self) -> None:
                server.seen.append(("GET", self.path, dict(self.headers)))
                time.sleep(server.delay)
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"[]")

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("status", [200, 204, 399, 400, 404, 500, 503])
def test_check_health_reports_an_error_status_as_unavailable(settings, status):
    """HEAD /rest/v1/ with the service key; any status from 400 up means Supabase cannot serve us."""
    upstream = StatusServer(status)
    settings.SUPABASE_URL = upstream.url + "/"
    settings.SUPABASE_SERVICE_KEY = "service-key-for-health"
    try:
        if status < 400:
            check = sc.check_health()
            assert check.url == upstream.url and 0 <= check.latency_ms < 5000
            assert check.latency_ms == round(check.latency_ms, 1)
        else:
            with pytest.raises(sc.Unavailable) as caught:
                sc.check_health()
            assert caught.value.detail == f"Supabase answered the health check with HTTP {status}."
            assert caught.value.details == {"upstream_code": str(status)}
    finally:
        upstream.close()
    [(method, path, headers)] = upstream.seen
    assert (method, path) == ("HEAD", "/rest/v1/")
    assert headers["apikey"] == "service-key-for-health"
    assert headers["Authorization"] == "Bearer service-key-for-health"


def test_client_follows_redirects_and_pools_connections(stack_settings):
    http = sc_connection._get_connection().http
    assert http.follow_redirects is True
    pool = http._transport._pool
    assert (pool._max_connections, pool._max_keepalive_connections) == (50, 20)


def test_invalid_settings_say_why(settings):
    settings.SUPABASE_URL = "not a url"
    settings.SUPABASE_SERVICE_KEY = "k"
    with pytest.raises(sc.NotConfigured) as caught:
        sc.get_client()
    assert caught.value.detail.startswith("Supabase settings are invalid: ")
    assert caught.value.code == "supabase_not_configured"
    settings.SUPABASE_URL = "http://127.0.0.1:9"
    settings.SUPABASE_SERVICE_KEY = ""
    with pytest.raises(sc.NotConfigured) as caught:
        sc.get_client()
    assert caught.value.detail == sc.NotConfigured.default_detail


def test_reset_client_closes_the_old_connections(stack_settings):
    http = sc_connection._get_connection().http
    sc.reset_client()
    assert http.is_closed and sc_connection._connection is None
    sc.reset_client()  # nothing to close: a no-op


def test_get_profile_scopes_by_user_and_answers_none_for_unknown_users(make_user):
    user = make_user()
    profile = sc.get_profile(user_id=user.id)
    assert profile is not None and profile["id"] == user.id
    assert set(profile) == set(sc.PROFILE_COLUMNS.split(","))
    assert sc.get_profile(user_id=str(uuid.uuid4())) is None


def test_health_check_behind_a_path_prefix_keeps_the_prefix(settings):
    upstream = StatusServer(200)
    settings.SUPABASE_URL = upstream.url + "/projectX/"
    settings.SUPABASE_SERVICE_KEY = "service-key-for-health"
    try:
        assert sc.check_health().url == upstream.url + "/projectX"
    finally:
        upstream.close()
    assert upstream.seen[0][1] == "/projectX/rest/v1/"


def test_health_check_latency_is_measured_in_milliseconds(settings):
    upstream = StatusServer(200)
    upstream.delay = 0.25
    settings.SUPABASE_URL = upstream.url
    settings.SUPABASE_SERVICE_KEY = "service-key-for-health"
    sc.get_client()  # connect first: the latency is the round trip only
    try:
        started = time.monotonic()
        check = sc.check_health()
        elapsed_ms = (time.monotonic() - started) * 1000
    finally:
        upstream.close()
    assert isinstance(check.latency_ms, float)
    assert 250 <= check.latency_ms <= elapsed_ms + 1


def test_shared_client_requests_are_bounded_by_the_timeout(settings):
    """Table calls go through our httpx client, so SUPABASE_TIMEOUT bounds them too."""
    upstream = StatusServer(200)
    upstream.delay = 3
    settings.SUPABASE_URL = upstream.url
    settings.SUPABASE_SERVICE_KEY = "service-key"
    settings.SUPABASE_TIMEOUT = 0.5
    try:
        started = time.monotonic()
        with pytest.raises(sc.Unavailable) as caught:
            with sc.translate_errors():
                sc.get_client().table("anything").select("*").execute()
        assert time.monotonic() - started < 2.5
        assert caught.value.code == "supabase_timeout"
    finally:
        upstream.close()


def test_empty_url_is_not_configured_with_the_default_message(settings):
    settings.SUPABASE_URL = ""
    settings.SUPABASE_SERVICE_KEY = "k"
    with pytest.raises(sc.NotConfigured) as caught:
        sc.get_client()
    assert caught.value.detail == sc.NotConfigured.default_detail


def test_auth_errors_without_status_or_with_a_non_numeric_one_are_a_bad_gateway():
    from supabase_auth.errors import AuthError

    for error in (AuthError("plain failure", None), AuthApiError("odd", "502", None)):
        mapped = sc.error_from_auth(error)
        assert type(mapped) is sc.SupabaseError
        assert mapped.detail == sc.SupabaseError.default_detail
