"""Hostile input to the local stack answers 4xx in each service's own shape, never 500.

Issue 13, parts 3 (bounded JSON bodies) and 6 (deep nesting, long JSON paths, NUL bytes).
Everything goes over real HTTP to the session's stack: httpx (or the official client where
it can say it) for statuses and bodies, a raw socket where the proof is that the server
answered before the body was complete, i.e. it stopped reading at the limit.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator

import httpx
import pytest
from storage3.exceptions import StorageApiError
from supabase import Client, ClientOptions, create_client
from supabase_auth.errors import AuthApiError

from backend.local_supabase.config import DEFAULT_MAX_JSON_BODY_BYTES
from tests.local_supabase.raw_http import chunked, raw_exchange

pytestmark = pytest.mark.usefixtures("local_stack")

MIB = 1024 * 1024
AUTH_LIMIT = MIB  # GoTrue's http.MaxBytesReader(1 << 20)
STORAGE_LIMIT = MIB  # Fastify's default bodyLimit
REST_LIMIT = DEFAULT_MAX_JSON_BODY_BYTES  # PostgREST has none; the stack's setting
API_VERSION = {"X-Supabase-Api-Version": "2024-01-01"}
PASSWORD = "correct-horse-1"
DEEP = "[" * 1000 + "]" * 1000


def unique_email() -> str:
    return f"hostile-{uuid.uuid4().hex[:12]}@example.test"


def deep_object(levels: int) -> str:
    return '{"a":' * levels + "1" + "}" * levels


# Fixtures -------------------------------------------------------------------------------


@pytest.fixture
def http(stack_settings) -> Iterator[httpx.Client]:
    """Raw HTTP at the stack's root with the service key."""
    key = stack_settings.service_key
    with httpx.Client(base_url=stack_settings.url, headers={"apikey": key, "Authorization": f"Bearer {key}"},
                      timeout=30) as client:
        yield client


@pytest.fixture
def anon_http(stack_settings) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack_settings.url, headers={"apikey": stack_settings.anon_key, **API_VERSION},
                      timeout=30) as client:
        yield client


@pytest.fixture
def auth_client(stack_settings) -> Client:
    """A fresh official client per test, so a session it signs into stays its own."""
    return create_client(stack_settings.url, stack_settings.anon_key,
                         options=ClientOptions(auto_refresh_token=False, persist_session=False))


def signed_up_token(anon_http: httpx.Client) -> str:
    made = anon_http.post("/auth/v1/signup", json={"email": unique_email(), "password": PASSWORD})
    assert made.status_code == 200, made.text
    return made.json()["access_token"]


@pytest.fixture
def bucket(service_client) -> Iterator[str]:
    name = f"h-{uuid.uuid4().hex[:10]}"
    service_client.storage.create_bucket(name)
    yield name
    service_client.storage.delete_bucket(name)


def counting_body(total: int, consumed: list[int], size: int = 64 * 1024) -> Iterator[bytes]:
    """A generator body (sent chunked by httpx) that records how much was pulled from it."""
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        sent += n
        consumed[0] = sent
        yield b" " * n


# One case per API: where to send, which headers, the limit and the expected 413 body. -------

def auth_case(settings):
    return ("/auth/v1/verify", {"apikey": settings.anon_key, "Content-Type": "text/plain", **API_VERSION},
            AUTH_LIMIT, {"code": "request_entity_too_large", "message": f"Request body too large (max {MIB} bytes)"})


def rest_case(settings):
    key = settings.service_key
    return ("/rest/v1/rt_doc", {"apikey": key, "Authorization": f"Bearer {key}", "Content-Type": "application/json"},
            REST_LIMIT, {"code": "PGRST413", "details": f"The request body is larger than {REST_LIMIT} bytes",
                         "hint": None, "message": "Request body too large"})


def storage_case(settings):
    key = settings.service_key
    return ("/storage/v1/bucket", {"apikey": key, "Authorization": f"Bearer {key}", "Content-Type": "application/json"},
            STORAGE_LIMIT, {"statusCode": "413", "code": "EntityTooLarge", "error": "FastifyError",
                            "message": "Request body is too large"})


CASES = {"auth": auth_case, "rest": rest_case, "storage": storage_case}


# 13.3: bounded bodies ------------------------------------------------------------------

@pytest.mark.parametrize("api", CASES)
def test_over_limit_body_with_content_length_is_413_in_the_service_shape(api, stack_settings):
    path, headers, limit, expected = CASES[api](stack_settings)
    with httpx.Client(base_url=stack_settings.url, timeout=30) as client:
        response = client.post(path, headers=headers, content=b" " * (limit + 1))
    assert response.status_code == 413, response.text
    assert response.json() == expected


@pytest.mark.parametrize("api", CASES)
def test_declared_length_over_limit_is_refused_before_any_byte_is_read(api, stack_settings):
    """Content-Length says 300 MiB and no byte follows: the answer comes from the header alone."""
    path, headers, _limit, expected = CASES[api](stack_settings)
    response = raw_exchange(stack_settings.url, "POST", path, {**headers, "Content-Length": str(300 * MIB)})
    assert response.status == 413
    assert json.loads(response.body) == expected


@pytest.mark.parametrize("api", CASES)
def test_chunked_body_is_cut_off_at_the_limit(api, stack_settings):
    """No Content-Length: the server answers 413 once it has received more than the limit,
    while the body is still unfinished (the terminating chunk is never sent)."""
    path, headers, limit, expected = CASES[api](stack_settings)
    response = raw_exchange(stack_settings.url, "POST", path, {**headers, "Transfer-Encoding": "chunked"},
                            chunked(limit + 128 * 1024, 64 * 1024))
    assert response.status == 413
    assert json.loads(response.body) == expected


@pytest.mark.parametrize("api", CASES)
def test_generator_body_over_limit_is_413(api, stack_settings):
    """The same through httpx with a generator body (chunked, no Content-Length)."""
    path, headers, limit, expected = CASES[api](stack_settings)
    consumed = [0]
    with httpx.Client(base_url=stack_settings.url, timeout=30) as client:
        response = client.post(path, headers=headers, content=counting_body(limit + MIB, consumed))
    assert response.status_code == 413
    assert response.json() == expected
    assert consumed[0] > limit


def test_auth_413_in_the_initial_api_version_shape(stack_settings):
    with httpx.Client(base_url=stack_settings.url, timeout=30) as client:
        response = client.post("/auth/v1/signup", headers={"apikey": stack_settings.anon_key},
                               content=b"{" + b" " * AUTH_LIMIT + b"}")
    assert response.status_code == 413
    assert response.headers["x-sb-error-code"] == "request_entity_too_large"
    assert response.json() == {"code": 413, "error_code": "request_entity_too_large",
                               "msg": f"Request body too large (max {MIB} bytes)"}


def test_storage_413_through_the_official_client(service_client, bucket):
    """A batch sign with ~1.1 MB of paths: storage3 sees Storage's 413."""
    paths = [f"{i:04d}-" + "p" * 1000 for i in range(1100)]
    with pytest.raises(StorageApiError) as caught:
        service_client.storage.from_(bucket).create_signed_urls(paths, 60)
    assert caught.value.status == "413"
    assert caught.value.message == "Request body is too large"


def test_rest_still_takes_bodies_larger_than_auth_and_storage(rest_tables, rest_http):
    """PostgREST has no body cap: a 2 MiB insert passes (rolled back)."""
    row = {"id": 900, "body": "x" * (2 * MIB)}
    response = rest_http.post("/rt_doc", json=row,
                              headers={"Prefer": "return=representation,tx=rollback"})
    assert response.status_code == 201, response.text[:300]
    assert len(response.json()[0]["body"]) == 2 * MIB


# 13.6: deep nesting --------------------------------------------------------------------

def test_deep_json_on_rest_is_pgrst102(rest_tables, rest_http):
    for body in (DEEP, '{"id": 901, "profile": ' + deep_object(1000) + "}"):
        response = rest_http.post("/rt_author", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400, response.text[:300]
        error = response.json()
        assert error["code"] == "PGRST102" and error["message"] == "Empty or invalid json"
        assert "max depth" in error["details"]
    rpc = rest_http.post("/rpc/anything", content=DEEP, headers={"Content-Type": "application/json"})
    assert rpc.status_code == 400 and rpc.json()["code"] == "PGRST102"


def test_deep_json_on_auth_is_bad_json(anon_http):
    expected = {"code": "bad_json", "message": "Could not parse request body as JSON: exceeded max depth"}
    body = json.dumps({"email": unique_email(), "password": PASSWORD})[:-1] + ', "data": ' + deep_object(1000) + "}"
    for path in ("/auth/v1/signup", "/auth/v1/verify", "/auth/v1/token?grant_type=password"):
        response = anon_http.post(path, content=body)
        assert response.status_code == 400, response.text[:300]
        assert response.json() == expected
    updated = anon_http.put("/auth/v1/user", content='{"data": ' + deep_object(1000) + "}",
                            headers={"Authorization": f"Bearer {signed_up_token(anon_http)}"})
    assert updated.status_code == 400 and updated.json() == expected


def test_moderately_nested_metadata_still_round_trips(auth_client):
    """The depth cap sits far above real documents: 100 levels are stored and returned."""
    data = json.loads(deep_object(100))
    response = auth_client.auth.sign_up({"email": unique_email(), "password": PASSWORD,
                                         "options": {"data": {"nested": data}}})
    assert response.user.user_metadata["nested"] == data


def test_deep_json_on_storage_is_invalid_request(http, bucket):
    for path in (f"/storage/v1/object/list/{bucket}", "/storage/v1/bucket", f"/storage/v1/object/sign/{bucket}"):
        response = http.post(path, content='{"prefix": "", "x": ' + DEEP + "}",
                             headers={"Content-Type": "application/json"})
        assert response.status_code == 400, response.text[:300]
        error = response.json()
        assert error["statusCode"] == "400" and error["code"] == "InvalidRequest"
        assert error["message"].startswith("Body is not valid JSON")


def test_deep_upload_metadata_is_ignored_like_unreadable_metadata(http, bucket):
    """x-metadata (base64 JSON header) and the multipart `metadata` field: too deep = unreadable."""
    deep = base64.b64encode(DEEP.encode()).decode()
    raw = http.post(f"/storage/v1/object/{bucket}/deep.txt", content=b"hello",
                    headers={"Content-Type": "text/plain", "x-metadata": deep})
    form = http.post(f"/storage/v1/object/{bucket}/form.txt", files={"": ("form.txt", b"hi", "text/plain")},
                     data={"metadata": DEEP})
    assert (raw.status_code, form.status_code) == (200, 200), (raw.text[:200], form.text[:200])
    info = http.get(f"/storage/v1/object/info/{bucket}/deep.txt").json()
    assert not info.get("metadata") and not info.get("user_metadata")
    http.request("DELETE", f"/storage/v1/object/{bucket}", json={"prefixes": ["deep.txt", "form.txt"]})


# 13.6: long JSON paths -----------------------------------------------------------------

def test_500_step_json_path_is_a_parse_error(rest_tables, rest_http):
    path = "profile" + "->a" * 500
    for params in ({"select": path}, {path: "eq.1"}, {"order": path}, {"or": f"({path}.eq.1,id.eq.1)"}):
        response = rest_http.get("/rt_author", params=params)
        assert response.status_code == 400, (params.keys(), response.text[:300])
        error = response.json()
        assert error["code"] == "PGRST100"  # order and logic trees wrap it in their own words
        assert error["details"] in ("a JSON path has at most 64 steps", "expected field.operator.value") \
            or error["details"].startswith("invalid order term")


def test_json_path_of_64_steps_still_works(rest_tables, rest_http):
    response = rest_http.get("/rt_author", params={"select": "id,deep:profile" + "->a" * 63 + "->>b",
                                                   "id": "eq.1"})
    assert response.status_code == 200, response.text[:300]
    assert response.json() == [{"id": 1, "deep": None}]


# 13.6: NUL bytes -----------------------------------------------------------------------

def test_nul_in_sign_up_email_is_invalid_format(auth_client):
    with pytest.raises(AuthApiError) as caught:
        auth_client.auth.sign_up({"email": "nul\x00byte@example.test", "password": PASSWORD})
    assert caught.value.status == 400
    assert caught.value.code == "validation_failed"
    assert caught.value.message == "Unable to validate email address: invalid format"


def test_nul_in_sign_up_metadata_is_400(auth_client, anon_http):
    with pytest.raises(AuthApiError) as caught:
        auth_client.auth.sign_up({"email": unique_email(), "password": PASSWORD,
                                  "options": {"data": {"name": "nul\x00byte"}}})
    assert caught.value.status == 400 and caught.value.code == "validation_failed"
    raw = anon_http.post("/auth/v1/signup", json={"email": unique_email(), "password": PASSWORD,
                                                  "data": {"nul\x00key": 1}})
    assert raw.status_code == 400 and raw.json()["code"] == "validation_failed"
    assert "Unicode" in raw.json()["message"]


def test_nul_in_user_update_is_400(auth_client):
    auth_client.auth.sign_up({"email": unique_email(), "password": PASSWORD})
    for attributes in ({"data": {"name": "nul\x00byte"}}, {"email": "nul\x00byte@example.test"}):
        with pytest.raises(AuthApiError) as caught:
            auth_client.auth.update_user(attributes)
        assert caught.value.status == 400 and caught.value.code == "validation_failed"


def test_nul_in_admin_create_is_400(service_client):
    admin = service_client.auth.admin
    for attributes in ({"email": unique_email(), "user_metadata": {"name": "nul\x00byte"}},
                       {"email": unique_email(), "app_metadata": {"nul\x00": True}},
                       {"email": "nul\x00byte@example.test"}):
        with pytest.raises(AuthApiError) as caught:
            admin.create_user({"password": PASSWORD, **attributes})
        assert caught.value.status == 400 and caught.value.code == "validation_failed"


def test_nul_in_a_refresh_token_is_400_not_500(anon_http):
    """psycopg refuses NUL in a text parameter before Postgres sees it; still the caller's fault."""
    response = anon_http.post("/auth/v1/token?grant_type=refresh_token", json={"refresh_token": "a\x00b"})
    assert response.status_code == 400, response.text[:300]


def test_nul_in_a_storage_list_prefix_is_400(http, bucket):
    """Storage maps only 22P02 to 400; a NUL is the caller's input all the same."""
    response = http.post(f"/storage/v1/object/list/{bucket}", json={"prefix": "a\x00b"})
    assert response.status_code == 400, response.text[:300]
    assert response.json()["statusCode"] == "400" and response.json()["code"] == "InvalidParameter"


# Lone UTF-16 surrogates (`"\ud800"`) -----------------------------------------------------

def test_lone_surrogates_are_replaced_in_auth_and_refused_by_rest(anon_http, rest_tables, rest_http):
    """Go's encoding/json (GoTrue) decodes an unpaired surrogate escape to U+FFFD; left as is it
    cannot be encoded as UTF-8 and Auth answered a plain-text 500. PostgREST hands the body to
    Postgres, whose JSON parser refuses it (22P02, 400)."""
    email = unique_email()
    made = anon_http.post("/auth/v1/signup", content=f'{{"email": "{email}", "password": "pass\\ud800word",'
                          ' "data": {"name": "x\\udc00y"}}')
    assert made.status_code == 200, made.text[:300]
    assert made.json()["user"]["user_metadata"]["name"] == "x\ufffdy"
    signed_in = anon_http.post("/auth/v1/token?grant_type=password",
                               json={"email": email, "password": "pass\ufffdword"})
    assert signed_in.status_code == 200, signed_in.text[:300]
    wrong = anon_http.post("/auth/v1/token?grant_type=password",
                           content=f'{{"email": "{email}", "password": "\\ud800"}}')
    assert wrong.status_code == 400 and wrong.json()["code"] == "invalid_credentials"
    row = rest_http.post("/rt_doc", content='{"id": 902, "body": "a\\ud800"}',
                         headers={"Content-Type": "application/json", "Prefer": "return=representation,tx=rollback"})
    assert row.status_code == 400, row.text[:300]
    assert row.json()["code"] == "22P02"
