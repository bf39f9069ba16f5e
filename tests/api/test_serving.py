"""Production serving: request ids, log formats, readiness, the gunicorn configuration.

Readiness runs against the suite's real stack, a dead port and a bad key, with the fake
model server (tests/api/fake_openai.py) answering `GET /v1/models`. The smoke test starts
gunicorn with backend/gunicorn.conf.py against the suite's stack and streams a turn, stopping
gunicorn in the middle of it: the turn still finishes (graceful shutdown).
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from backend.llm_api.request_context import JsonFormatter, accepted_request_id, request_id_var
from backend.llm_api.services import interview_scores
from backend.llm_api.services.interview_engine import PlannedQuestion
from backend.local_supabase.postgres import free_port
from tests.api.fake_openai import FakeOpenAI, Streamed, completion
from tests.api.gunicorn_helpers import CONFIG, gunicorn_serving
from tests.api.interview_helpers import WEAK, candidate

REPO = Path(__file__).resolve().parents[2]


# Request ids ------------------------------------------------------------------------------


def test_a_valid_request_id_is_echoed(api):
    response = api.get("/api/info", HTTP_X_REQUEST_ID="lb-1234_abc.DEF:9")
    assert response["X-Request-ID"] == "lb-1234_abc.DEF:9"


def test_a_missing_request_id_is_generated_fresh_each_time(api):
    first, second = api.get("/api/info")["X-Request-ID"], api.get("/api/info")["X-Request-ID"]
    assert first != second
    for value in (first, second):
        assert uuid.UUID(hex=value).version == 4 and value == uuid.UUID(hex=value).hex


@pytest.mark.parametrize("bad", ["", "a" * 129, "has space", "new\nline", "<script>", "x;rm -rf", "é"])
def test_an_unsafe_request_id_is_replaced(bad):
    replaced = accepted_request_id(bad)
    assert replaced != bad and len(replaced) == 32 and int(replaced, 16) >= 0


def test_an_unsafe_request_id_header_is_replaced(api):
    response = api.get("/api/info", HTTP_X_REQUEST_ID="x" * 500)
    assert len(response["X-Request-ID"]) == 32


def test_error_answers_and_cors_preflights_carry_the_id_and_keep_the_error_shape(api, settings):
    settings.SUPABASE_URL = ""
    settings.SUPABASE_SERVICE_KEY = ""
    response = api.get("/api/health", HTTP_X_REQUEST_ID="req-err-1")
    assert response.status_code == 503 and response["X-Request-ID"] == "req-err-1"
    assert set(response.json()) == {"error"}
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    preflight = api.options("/api/info", HTTP_ORIGIN="https://app.example.com", HTTP_X_REQUEST_ID="req-cors",
                            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-request-id")
    assert preflight["X-Request-ID"] == "req-cors"
    assert "x-request-id" in preflight["Access-Control-Allow-Headers"]
    exposed = api.get("/api/info", HTTP_ORIGIN="https://app.example.com")
    assert "X-Request-ID" in exposed["Access-Control-Expose-Headers"]


def test_every_log_line_of_a_request_carries_its_id(api, caplog, settings):
    settings.SUPABASE_URL = f"http://127.0.0.1:{free_port()}"
    settings.SUPABASE_SERVICE_KEY = "any-key"
    with caplog.at_level(logging.INFO):
        api.get("/api/health", HTTP_X_REQUEST_ID="req-logs-1")
    mine = [record for record in caplog.records if record.name == "backend.requests"]
    assert mine and all(record.request_id == "req-logs-1" for record in mine)
    assert "GET /api/health 503" in mine[-1].getMessage()
    assert request_id_var.get() == "-"  # nothing leaks to the next request on this thread
    outside = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    assert logging.getLogRecordFactory()("x", logging.INFO, __file__, 1, "m", None, None).request_id == "-"
    assert outside is not None


def test_background_scoring_logs_carry_the_request_id(caplog, settings):
    """The scoring pool runs each job in a copy of the submitter's context."""
    settings.SUPABASE_URL = f"http://127.0.0.1:{free_port()}"  # storing the score fails: logged
    settings.SUPABASE_SERVICE_KEY = "any-key"
    settings.LLM_PROVIDER = "offline"
    question = PlannedQuestion(position=1, text="Tell me about a hard bug.", interview_type="behavioral",
                               category="problem solving", difficulty="medium", question_id=None, bank_key=None,
                               skills=(), rubric={}, follow_ups=())
    token = request_id_var.set("req-bg-1")
    try:
        with caplog.at_level(logging.ERROR, logger="backend.llm_api.services.interview_scores"):
            interview_scores.schedule_closed_answer(user_id=str(uuid.uuid4()), interview_id=str(uuid.uuid4()),
                                                    question=question, answer_text=WEAK)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not [
                    r for r in caplog.records if r.name == "backend.llm_api.services.interview_scores"]:
                time.sleep(0.05)
    finally:
        request_id_var.reset(token)
    failed = [r for r in caplog.records if r.name == "backend.llm_api.services.interview_scores"]
    assert failed and failed[0].request_id == "req-bg-1"
    assert failed[0].threadName.startswith("answer-scoring")


def test_json_formatter_writes_one_object_per_line_with_the_exception():
    try:
        raise ValueError("broken thing")
    except ValueError:
        record = logging.getLogger("backend.test").makeRecord(
            "backend.test", logging.ERROR, __file__, 1, "failed %s", ("here",), sys.exc_info())
    record.request_id = "req-json-1"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert set(entry) == {"time", "level", "logger", "message", "request_id", "exception"}
    assert entry["level"] == "ERROR" and entry["logger"] == "backend.test" and entry["message"] == "failed here"
    assert entry["request_id"] == "req-json-1"
    assert "ValueError: broken thing" in entry["exception"] and entry["time"].endswith("+00:00")


def django_logs(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Configure Django in a fresh interpreter with these variables, serve one request, return its output."""
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    code = (
        "import django, logging\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "Client().get('/api/info', HTTP_X_REQUEST_ID='req-sub-1')\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    logging.getLogger('backend.x').exception('outside')\n"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**base, "DJANGO_SETTINGS_MODULE": "backend.settings", "SUPABASE_URL": "",
                               "ALLOWED_HOSTS": "testserver", **env})


def test_log_format_json_makes_every_line_a_json_object():
    result = django_logs({"LOG_FORMAT": "json"})
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    request = next(e for e in entries if e["logger"] == "backend.requests")
    assert request["request_id"] == "req-sub-1" and request["message"].startswith("GET /api/info 200")
    outside = next(e for e in entries if e["logger"] == "backend.x")
    assert outside["request_id"] == "-" and "ZeroDivisionError" in outside["exception"]


def test_log_format_plain_names_the_request_id_and_a_bad_format_is_refused():
    plain = django_logs({"LOG_FORMAT": ""})
    assert plain.returncode == 0, plain.stderr
    assert "INFO backend.requests [req-sub-1]: GET /api/info 200" in plain.stderr
    assert django_logs({"LOG_FORMAT": "xml"}).returncode != 0


# Readiness --------------------------------------------------------------------------------


def use_model(settings, fake: FakeOpenAI | None = None, base_url: str | None = None) -> None:
    settings.LLM_PROVIDER = ""
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = fake.base_url if fake else base_url
    settings.READINESS_MODEL_TIMEOUT = 0.5


def test_ready_without_a_model_checks_supabase_only(api, stack_settings, settings):
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = ""
    settings.LLM_PROVIDER = ""
    response = api.get("/api/ready")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["supabase"]["ok"] is True and 0 <= body["checks"]["supabase"]["latency_ms"] < 5000
    assert "error" not in body["checks"]["supabase"]
    assert body["checks"]["model"] == {"ok": True, "configured": False, "engine": "offline"}


def test_ready_never_calls_a_model_the_provider_setting_turned_off(api, stack_settings, settings):
    with FakeOpenAI() as fake:
        use_model(settings, fake)
        settings.LLM_PROVIDER = "offline"
        body = api.get("/api/ready").json()
    assert body["checks"]["model"] == {"ok": True, "configured": False, "engine": "offline"}
    assert fake.paths == []


def test_ready_reports_a_working_model_and_caches_the_probe(api, stack_settings, settings):
    with FakeOpenAI() as fake:
        use_model(settings, fake)
        first = api.get("/api/ready")
        second = api.get("/api/ready")
    assert first.status_code == second.status_code == 200
    assert first.json()["checks"]["model"] == {"ok": True, "configured": True, "engine": "model"}
    assert second.json() == first.json() | {"checks": {**first.json()["checks"],
                                                       "supabase": second.json()["checks"]["supabase"]}}
    assert fake.paths == ["GET /v1/models"]  # the second answer came from the cache


def test_the_model_probe_is_made_again_once_the_cache_expires(api, stack_settings, settings):
    with FakeOpenAI() as fake:
        use_model(settings, fake)
        settings.READINESS_MODEL_CACHE_SECONDS = 0
        api.get("/api/ready")
        api.get("/api/ready")
    assert fake.paths == ["GET /v1/models", "GET /v1/models"]


@pytest.mark.parametrize(("status", "error"), [(500, "HTTP 500"), (401, "HTTP 401"), (503, "HTTP 503")])
def test_a_failing_model_is_reported_but_the_api_stays_ready(api, stack_settings, settings, status, error):
    with FakeOpenAI(models=lambda: (status, {"error": {"message": "down"}})) as fake:
        use_model(settings, fake)
        response = api.get("/api/ready")
    assert response.status_code == 200
    model = response.json()["checks"]["model"]
    assert model["ok"] is False and model["configured"] is True and model["engine"] == "offline"
    assert error in model["error"]
    assert response.json()["status"] == "ready"


def test_a_model_server_without_a_models_listing_counts_as_up(api, stack_settings, settings):
    with FakeOpenAI(models=lambda: (404, {"error": {"message": "no such route"}})) as fake:
        use_model(settings, fake)
        model = api.get("/api/ready").json()["checks"]["model"]
    assert model == {"ok": True, "configured": True, "engine": "model"}


def test_an_unreachable_model_is_reported_quickly(api, stack_settings, settings):
    use_model(settings, base_url=f"http://127.0.0.1:{free_port()}/v1")
    response = api.get("/api/ready")
    assert response.status_code == 200
    model = response.json()["checks"]["model"]
    assert model["ok"] is False and model["engine"] == "offline" and "cannot be reached" in model["error"]


def test_a_slow_model_is_bounded_by_the_readiness_timeout(api, stack_settings, settings):
    with FakeOpenAI(models_delay=10) as fake:
        use_model(settings, fake)
        started = time.monotonic()
        response = api.get("/api/ready")
        elapsed = time.monotonic() - started
    assert elapsed < 3
    model = response.json()["checks"]["model"]
    assert model["ok"] is False and "no answer within 0.5 s" in model["error"]


def test_not_ready_when_supabase_does_not_answer_with_the_model_reported_apart(api, settings):
    settings.SUPABASE_URL = f"http://127.0.0.1:{free_port()}"
    settings.SUPABASE_SERVICE_KEY = "any-key"
    with FakeOpenAI() as fake:
        use_model(settings, fake)
        response = api.get("/api/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not_ready"
    assert body["checks"]["supabase"]["ok"] is False
    assert body["checks"]["supabase"]["error"].startswith("supabase_unavailable")
    assert body["checks"]["model"] == {"ok": True, "configured": True, "engine": "model"}


def test_not_ready_when_supabase_is_not_configured_or_refuses_the_key(api, stack_settings, settings):
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = ""
    settings.SUPABASE_SERVICE_KEY = "not-a-valid-key"
    refused = api.get("/api/ready")
    assert refused.status_code == 503 and refused.json()["checks"]["supabase"]["ok"] is False
    settings.SUPABASE_URL = ""
    settings.SUPABASE_SERVICE_KEY = ""
    missing = api.get("/api/ready")
    assert missing.status_code == 503
    assert missing.json()["checks"]["supabase"]["error"].startswith("supabase_not_configured")
    assert missing.json()["checks"]["model"]["configured"] is False


# The gunicorn configuration ---------------------------------------------------------------

GUNICORN_VARS = ["GUNICORN_BIND", "PORT", "WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_TIMEOUT",
                 "GUNICORN_GRACEFUL_TIMEOUT", "GUNICORN_KEEPALIVE", "GUNICORN_CLIENT_STALL_TIMEOUT", "GUNICORN_MAX_REQUESTS",
                 "GUNICORN_MAX_REQUESTS_JITTER", "FORWARDED_ALLOW_IPS", "GUNICORN_ACCESS_LOG", "GUNICORN_CONTROL_SOCKET", "LOG_LEVEL"]


def load_config(monkeypatch, **env: str):
    for name in GUNICORN_VARS:
        monkeypatch.setenv(name, "")  # empty means default, and hides a developer's .env
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf_under_test", CONFIG)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gunicorn_config_defaults_suit_streamed_replies(monkeypatch, settings):
    config = load_config(monkeypatch)
    assert config.wsgi_app == "backend.wsgi:application" and config.worker_class == "gthread"
    assert config.bind == ["0.0.0.0:8000"]
    assert (config.workers, config.threads) == (2, 8)
    # A stopping worker finishes in-flight turns: longer than a model turn's worst case.
    worst_turn = settings.INTERVIEW_MODEL_TIMEOUT * (settings.INTERVIEW_MODEL_RETRIES + 1)
    assert config.graceful_timeout >= worst_turn and config.timeout >= config.graceful_timeout
    assert config.keepalive == 75 and config.accesslog is None and config.loglevel == "info"
    assert config.client_stall_timeout == 15 and callable(config.post_worker_init)
    assert config.control_socket is None and config.control_socket_disable is True


def test_gunicorn_config_follows_the_environment(monkeypatch):
    config = load_config(monkeypatch, PORT="9000", WEB_CONCURRENCY="5", GUNICORN_THREADS="16",
                         GUNICORN_TIMEOUT="300", GUNICORN_GRACEFUL_TIMEOUT="45", GUNICORN_KEEPALIVE="10",
                         GUNICORN_MAX_REQUESTS="1000", GUNICORN_MAX_REQUESTS_JITTER="50",
                         FORWARDED_ALLOW_IPS="10.0.0.0/8", GUNICORN_ACCESS_LOG="-", LOG_LEVEL="DEBUG")
    assert config.bind == ["0.0.0.0:9000"]
    assert (config.workers, config.threads, config.timeout, config.graceful_timeout, config.keepalive) == (
        5, 16, 300, 45, 10)
    assert (config.max_requests, config.max_requests_jitter) == (1000, 50)
    assert config.forwarded_allow_ips == "10.0.0.0/8" and config.accesslog == "-" and config.loglevel == "debug"
    assert load_config(monkeypatch, GUNICORN_BIND="unix:/run/api.sock", PORT="9000").bind == ["unix:/run/api.sock"]
    with_socket = load_config(monkeypatch, GUNICORN_CONTROL_SOCKET="/run/api.ctl")
    assert with_socket.control_socket == "/run/api.ctl" and not hasattr(with_socket, "control_socket_disable")


def test_a_stopping_worker_finishes_background_scoring_first(monkeypatch):
    config = load_config(monkeypatch)
    release, finished = threading.Event(), threading.Event()

    def slow_scoring() -> None:
        release.wait(5)
        finished.set()

    interview_scores._executor().submit(slow_scoring)
    threading.Timer(0.2, release.set).start()
    config.worker_exit(None, None)
    assert finished.is_set()


def test_gunicorn_accepts_the_config(monkeypatch):
    """gunicorn's own parser takes every setting (`--check-config` loads the app too)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backend.settings", "SUPABASE_URL": ""}
    result = subprocess.run([sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "--check-config"],
                            cwd=REPO, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


# A smoke test: gunicorn serving a streamed turn, stopped in the middle of it ---------------


def interviewer_reply(body):
    from tests.api.test_interview_model import answer, follow_up_target

    content = answer(follow_up_target(body), "What did you personally change, and how did you measure it?")
    if body.get("stream"):
        return 200, Streamed(content, chunk_size=2, chunk_delay=0.03)
    return 200, completion(content)


def test_gunicorn_streams_a_turn_and_finishes_it_when_stopped(stack_settings, question_bank, make_user):
    who = candidate(make_user)
    with FakeOpenAI(interviewer_reply) as fake, gunicorn_serving(
            stack_settings.as_env(), WEB_CONCURRENCY="1", GUNICORN_THREADS="4", GUNICORN_GRACEFUL_TIMEOUT="20",
            LLM_PROVIDER="openai", OPENAI_API_KEY="sk-test", OPENAI_BASE_URL=fake.base_url,
            SCORING_WITH_MODEL="false", LOG_FORMAT="json") as (base, server):
        with httpx.Client(base_url=base, timeout=30) as http:
            auth = {"Authorization": who.auth["HTTP_AUTHORIZATION"]}
            made = http.post("/api/interviews", headers=auth, json={
                "job_role": "Backend Engineer", "experience_level": "mid", "interview_type": "behavioral",
                "difficulty": "medium", "num_questions": 2})
            assert made.status_code == 201, made.text
            interview_id = made.json()["id"]
            assert http.post(f"/api/interviews/{interview_id}/start", headers=auth).status_code == 200
            events: list[str] = []
            data: list[dict] = []
            with http.stream("POST", f"/api/interviews/{interview_id}/messages", json={"content": WEAK},
                             headers={**auth, "Accept": "text/event-stream", "X-Request-ID": "smoke-1"}
                             ) as stream:
                assert stream.status_code == 200 and stream.headers["X-Request-ID"] == "smoke-1"
                assert stream.headers["Content-Type"].startswith("text/event-stream")
                for line in stream.iter_lines():
                    if line.startswith("event: "):
                        events.append(line[7:])
                        if events == ["token"]:
                            server.send_signal(signal.SIGTERM)  # a deploy stops this process now
                    elif line.startswith("data: "):
                        data.append(json.loads(line[6:]))
        assert events[0] == "token" and events[-1] == "message", events
        assert data[-1]["engine"] == "model" and data[-1]["kind"] == "follow_up", data[-1]
        assert server.wait(timeout=30) == 0
        logs = server.stderr.read()
    lines = [json.loads(line) for line in logs.splitlines() if line.startswith("{")]
    assert any(e["request_id"] == "smoke-1" and "/messages 200" in e["message"] for e in lines), logs


def test_env_example_documents_every_setting_with_a_comment():
    import re

    read = (REPO / "backend" / "settings.py").read_text() + CONFIG.read_text()
    names = set(re.findall(r"""(?:env_\w+|_env|_int)\(["']([A-Z][A-Z_0-9]+)["']""", read))
    lines = (REPO / ".env.example").read_text().splitlines()
    documented = {}
    for index, line in enumerate(lines):
        match = re.match(r"([A-Z][A-Z_0-9]+)=", line)
        if match:
            documented[match.group(1)] = index > 0 and lines[index - 1].startswith("#")
    assert names - set(documented) == set()
    serving = {"LOG_FORMAT", "NUM_PROXIES", "READINESS_MODEL_TIMEOUT", "READINESS_MODEL_CACHE_SECONDS",
               *GUNICORN_VARS, "GUNICORN_BACKLOG"} - {"LOG_LEVEL"}
    assert serving <= names
    assert [name for name in serving if not documented[name]] == []  # each with its one-line comment
