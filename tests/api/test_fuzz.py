"""The whole API against its own OpenAPI schema (schemathesis): every operation, as a signed-in
candidate and (where the schema allows it) anonymously, answers no 5xx, only documented status
codes, content types and bodies, and rejects what the schema calls invalid.

In-process (the WSGI app, the suite's real stack behind it), seeded, and bounded so it fits
`make test`: FUZZ_EXAMPLES generated cases per operation, no coverage phase. `make fuzz` runs
the same tests with many more examples and the coverage phase (every boundary the schema
defines).

Not checked: that every schema-valid request is accepted (positive_data_acceptance). The
schema cannot say what the server rightly refuses: a file's bytes that are not a PDF or audio,
a date in the past, another user's session id, a password that must match. Form-encoded bodies
(multipart, urlencoded) are not held to the JSON types of their fields either: a form carries
only strings, so `name=0` is the text "0", not the integer the fuzzer meant.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from backend.wsgi import application
from tests.api.fake_openai import FakeOpenAI, transcript

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
COVERAGE = os.environ.get("FUZZ_COVERAGE", "") == "1"
SEED = int(os.environ.get("FUZZ_SEED", "20261201"))
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")

CONFIG = SchemathesisConfig.from_dict({
    "seed": SEED,
    "phases": {"coverage": {"enabled": COVERAGE}, "stateful": {"enabled": False}},
    # Unknown query parameters are ignored, as HTTP APIs do; the bearer token is the test's, not generated.
    "generation": {"allow-extra-parameters": False, "with-security-parameters": False},
})
# Loaded at collection: generating the schema needs no stack. (schemathesis.pytest.from_fixture
# would defer it, but breaks on pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)


def allows_anonymous(ctx) -> bool:
    """An operation whose security lists no requirement (`{}`) or only the optional bearer."""
    security = ctx.operation.definition.raw.get("security", [{}])
    return any(not requirement or "SupabaseJWTOptional" in requirement for requirement in security)


@pytest.fixture(scope="module")
def speech_server():
    with FakeOpenAI(transcribe=lambda fields, data: (200, transcript([("fine", 0.0, 0.4)], duration=0.5))) as fake:
        yield fake


@pytest.fixture(autouse=True)
def _stack(stack_settings, question_bank, speech_server, settings):
    """The in-process app talks to the suite's stack, with the question bank loaded; interviews run
    on the offline engine, and speech is transcribed by the fake model server (unconfigured, it
    would rightly be 503)."""
    settings.LLM_PROVIDER = "offline"
    settings.OPENAI_API_KEY = "test-key"
    settings.OPENAI_BASE_URL = speech_server.base_url
    settings.TRANSCRIPTION_MODEL = "fake-whisper"


@pytest.fixture
def bearer(make_user) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_user().access_token}"}


def excluded(case) -> list:
    if (case.media_type or "").startswith(FORM_TYPES):
        return [positive_data_acceptance, negative_data_rejection]
    return [positive_data_acceptance]


FUZZ_SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck))


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation_as_a_signed_in_candidate(case, bearer):
    case.call_and_validate(headers=bearer, excluded_checks=excluded(case))


@schema.include(allows_anonymous).parametrize()
@FUZZ_SETTINGS
def test_every_open_operation_anonymously(case):
    case.headers = {key: value for key, value in (case.headers or {}).items() if key.lower() != "authorization"}
    case.call_and_validate(excluded_checks=excluded(case))
