"""Input fields take values only in the form the OpenAPI schema gives them (views/strict.py): no
number for text, no `urn:uuid:` for a UUID, and a blank query value is the parameter absent, as
the schema says (`allowEmptyValue`)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import uuid

import pytest
from rest_framework import serializers
from rest_framework.test import APIClient

import backend.llm_api.views
from backend.llm_api.views import strict

pytestmark = pytest.mark.usefixtures("stack_settings")

# DRF's coercing fields and the strict kind an input serializer must use instead.
STRICT_KIND = {serializers.CharField: strict.StrictText, serializers.UUIDField: strict.UUIDField,
               serializers.DateField: strict.DateField, serializers.DateTimeField: strict.DateTimeField,
               serializers.IntegerField: strict.IntegerField, serializers.FloatField: strict.FloatField,
               serializers.BooleanField: strict.BooleanField}


def input_serializers():
    """Every serializer the views validate input with (named `...Input...`, the project's convention)."""
    for module_info in pkgutil.iter_modules(backend.llm_api.views.__path__):
        module = importlib.import_module(f"backend.llm_api.views.{module_info.name}")
        for name, value in vars(module).items():
            candidates = [(name, value)]
            if inspect.isclass(value):
                candidates += [(f"{name}.{inner}", cls) for inner, cls in vars(value).items() if inspect.isclass(cls)]
            for qualname, cls in candidates:
                if (inspect.isclass(cls) and issubclass(cls, serializers.Serializer) and "Input" in qualname
                        and cls.__module__ == module.__name__):
                    yield f"{module_info.name}.{qualname}", cls


def lax_fields(serializer: serializers.Serializer, path: str):
    for name, field in serializer.fields.items():
        for where, item in ((f"{path}.{name}", field), (f"{path}.{name}[]", getattr(field, "child", None))):
            if isinstance(item, serializers.Serializer):
                yield from lax_fields(item, where)
            for lax, kind in STRICT_KIND.items():
                if isinstance(item, lax) and not isinstance(item, kind):
                    yield f"{where}: {type(item).__name__}"


def test_every_input_serializer_uses_the_strict_fields():
    found = dict(input_serializers())
    assert len(found) > 30  # the walk found the views' inputs
    lax = [entry for name, cls in found.items() for entry in lax_fields(cls(), name)]
    assert not lax, "input fields that coerce (use backend.llm_api.views.strict):\n" + "\n".join(lax)


def details(response, status: int) -> dict:
    assert response.status_code == status, response.content
    return response.json()["error"]["details"]


@pytest.mark.parametrize("body, field", [
    ({"name": 0, "email": "ada@example.test"}, "name"),
    ({"name": True, "email": "ada@example.test"}, "name"),
    ({"name": "Ada", "email": 7}, "email"),
])
def test_a_json_number_or_boolean_is_not_text(api: APIClient, alice, body, field):
    assert field in details(api.post("/api/interviewers/", body, format="json", **alice.auth), 400)


@pytest.mark.parametrize("body, field", [
    ({"job_role": "Backend Engineer", "num_questions": "3"}, "num_questions"),
    ({"job_role": "Backend Engineer", "num_questions": True}, "num_questions"),
])
def test_a_json_string_or_boolean_is_not_a_number(api: APIClient, alice, body, field):
    assert field in details(api.post("/api/interviews", body, format="json", **alice.auth), 422)


@pytest.mark.parametrize("spelling", [
    lambda value: value.hex, lambda value: f"{{{value}}}", lambda value: f"urn:uuid:{value}".upper(),
])
def test_only_canonical_uuids_are_taken(api: APIClient, alice, spelling):
    value = uuid.uuid4()
    listed = api.get("/api/questions/", {"session_id": spelling(value)}, **alice.auth)
    assert details(listed, 400) == {"session_id": ["Must be a valid UUID."]}
    body = {"action": "initialize", "session_id": spelling(value)}
    assert "session_id" in details(api.post("/api/ai-interview/", body, format="json", **alice.auth), 400)


def test_a_canonical_uuid_in_capitals_is_the_same_uuid(api: APIClient, alice):
    assert api.get("/api/questions/", {"session_id": str(uuid.uuid4()).upper()}, **alice.auth).status_code == 200


@pytest.mark.parametrize("query, field", [
    ("to=2026-1-5", "to"), ("to=20260105", "to"), ("page_size=%205", "page_size"), ("page=1.0", "page"),
    ("min_score=nan", "min_score"), ("min_score=0x10", "min_score"),
])
def test_query_values_are_spelt_as_the_schema_types_them(api: APIClient, alice, query, field):
    assert field in details(api.get(f"/api/interviews?{query}", **alice.auth), 400)


def test_a_blank_query_value_is_the_parameter_absent(api: APIClient, alice):
    blank = api.get("/api/sessions/?student_id=&interviewer_id=&status=&page=&page_size=", **alice.auth)
    assert blank.status_code == 200, blank.content
    assert blank.json()["count"] == 0
    history = api.get("/api/interviews?to=&from=&min_score=&page_size=&status=", **alice.auth)
    assert history.status_code == 200, history.content
    assert details(api.get("/api/conversations/?session_id=", **alice.auth), 400) == {
        "session_id": ["This field is required."]}


def test_the_schema_says_blank_query_values_are_allowed(api: APIClient):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    query = [(path, parameter) for path, operations in schema["paths"].items() for operation in operations.values()
             for parameter in operation.get("parameters", []) if parameter["in"] == "query"]
    assert {path for path, _ in query} >= {"/api/interviews", "/api/sessions/", "/api/questions/"}
    for path, parameter in query:
        assert parameter.get("allowEmptyValue", False) is not parameter.get("required", False), (path, parameter)


def test_a_body_without_a_content_type_is_415_as_the_schema_says(api: APIClient, alice):
    answer = api.generic("POST", "/api/interviewers/", b"name=Ada", content_type="", **alice.auth)
    assert answer.status_code == 415, answer.content
    assert answer.json()["error"]["code"] == "unsupported_media_type"
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    with_body = [operation for operations in schema["paths"].values() for operation in operations.values()
                 if "requestBody" in operation]
    assert with_body and all("415" in operation["responses"] for operation in with_body)
    streamed = schema["paths"]["/api/interviews/{interview_id}/messages"]["post"]["responses"]
    assert set(streamed["400"]["content"]) == set(streamed["415"]["content"]) == set(streamed["422"]["content"]) == {
        "application/json", "text/event-stream"}
