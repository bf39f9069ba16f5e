"""@supabase/supabase-js, as front ends use it, works unchanged against the local stack.

Each test runs one scenario of `tests/js/scenarios.mjs` in Node (supabase-js pinned in
tests/js/package-lock.json, installed by `make test`), which prints what the client returned
as one JSON line; the assertions here check that output against Supabase's behaviour and
check the database (auth.users, the tables, storage.objects) behind it.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from backend.local_supabase.server import StackSettings

JS_DIR = Path(__file__).resolve().parents[1] / "js"
SCRIPT = JS_DIR / "scenarios.mjs"
SCENARIO_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class JsRun:
    """One scenario run: its unique id (in e-mails and names) and the client's observations."""

    run_id: str
    result: dict


MIN_NODE_MAJOR = 20


@functools.cache
def node_major_version(node: str) -> int:
    version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=10).stdout
    return int(version.strip().lstrip("v").split(".")[0])


def node_executable() -> str:
    """Node is a requirement of the project's test suite, so its absence fails loudly."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js (>= 20) is required to test supabase-js compatibility: `node` is not on PATH")
    if node_major_version(node) < MIN_NODE_MAJOR:
        pytest.fail(f"Node.js >= {MIN_NODE_MAJOR} is required for supabase-js; {node} is older")
    if not (JS_DIR / "node_modules" / "@supabase" / "supabase-js").is_dir():
        pytest.fail(
            "tests/js/node_modules is missing: run `make test` (or `npm ci --prefix tests/js`) to install supabase-js"
        )
    return node


def run_scenario(name: str, stack: StackSettings, run_id: str, **extra_env: str) -> dict:
    env = {
        **os.environ,
        "SUPABASE_URL": stack.url,
        "SUPABASE_ANON_KEY": stack.anon_key,
        "RUN_ID": run_id,
        **extra_env,
    }
    try:
        completed = subprocess.run(
            [node_executable(), str(SCRIPT), name],
            cwd=JS_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=SCENARIO_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"supabase-js scenario {name!r} did not finish in {exc.timeout}s:\n{exc.stderr}")
    if completed.returncode != 0:
        pytest.fail(f"supabase-js scenario {name!r} exited {completed.returncode}:\n{completed.stderr}")
    output = json.loads(completed.stdout.strip().splitlines()[-1])
    assert output["scenario"] == name
    return output["result"]


def js_email(label: str, run_id: str) -> str:
    """The address scenarios.mjs gives the user it signs up as `label`."""
    return f"js-{label}-{run_id}@example.test"


@pytest.fixture
def run_id(db: psycopg.Connection) -> Iterator[str]:
    """A unique id per test; the users its scenario signed up are deleted afterwards."""
    value = uuid.uuid4().hex[:12]
    yield value
    pattern = f"js-%-{value}@example.test"
    db.execute(
        "delete from storage.objects where owner in (select id from auth.users where email like %s)",
        (pattern,),
    )
    db.execute("delete from auth.users where email like %s", (pattern,))


def no_error(observed: dict) -> dict:
    """The payload of an observed call that must have succeeded."""
    assert observed["error"] is None, observed["error"]
    return observed["data"]


# Auth -----------------------------------------------------------------------------------


def test_auth_flow_through_supabase_js(stack_settings, db, run_id):
    result = run_scenario("auth", stack_settings, run_id)
    email = js_email("auth", run_id)

    sign_up = result["signUp"]
    assert sign_up["error"] is None
    assert sign_up["email"] == email and sign_up["hasSession"]
    assert sign_up["metadata"]["full_name"] == "Ada JS"
    user_id = sign_up["userId"]

    assert result["signIn"] == {
        "error": None,
        "userId": user_id,
        "tokenType": "bearer",
        "expiresIn": 3600,
        "hasRefreshToken": True,
    }
    assert result["getUser"]["error"] is None
    assert result["getUser"]["userId"] == user_id and result["getUser"]["email"] == email
    assert result["getUser"]["metadata"]["plan"] == "free"

    assert result["updateUser"]["error"] is None
    assert {k: result["updateUser"]["metadata"][k] for k in ("full_name", "plan", "theme")} == {
        "full_name": "Ada JS",
        "plan": "pro",
        "theme": "dark",
    }

    assert result["refresh"] == {
        "error": None,
        "newRefreshToken": True,
        "newAccessToken": True,
        "sameUser": True,
    }
    assert result["getUserAfterRefresh"]["error"] is None
    assert result["getUserAfterRefresh"]["metadata"]["plan"] == "pro"

    reused = result["reuseOldRefreshToken"]
    assert not reused["hasSession"]
    assert reused["error"]["isAuthApiError"] and reused["error"]["status"] == 400
    assert reused["error"]["code"] == "refresh_token_already_used"

    wrong = result["wrongPassword"]
    assert not wrong["hasSession"]
    assert wrong["error"]["name"] == "AuthApiError" and wrong["error"]["isAuthApiError"]
    assert wrong["error"]["code"] == "invalid_credentials" and wrong["error"]["status"] == 400

    duplicate = result["duplicateSignUp"]["error"]
    assert duplicate["isAuthApiError"] and duplicate["code"] == "user_already_exists"
    assert duplicate["status"] == 422

    assert result["signOut"] == {"error": None, "clientForgotSession": True}
    # A global sign-out ends every session: access tokens of it and all refresh tokens die.
    # GoTrue answers 403 session_not_found, which auth-js turns into AuthSessionMissingError.
    assert result["getUserWithSignedOutToken"]["error"]["name"] == "AuthSessionMissingError"
    assert result["refreshSignedOutSession"]["error"]["isAuthApiError"]
    assert result["refreshSignedOutSession"]["error"]["status"] == 400

    user = db.execute(
        "select id::text, encrypted_password, raw_user_meta_data, email_confirmed_at is not null"
        " from auth.users where email = %s",
        (email,),
    ).fetchall()
    assert len(user) == 1
    stored_id, password_hash, metadata, confirmed = user[0]
    assert stored_id == user_id and confirmed
    assert password_hash.startswith("$2") and "correct horse" not in password_hash
    assert {key: metadata[key] for key in ("full_name", "plan", "theme")} == {
        "full_name": "Ada JS",
        "plan": "pro",
        "theme": "dark",
    }
    live_tokens = db.execute(
        "select count(*) from auth.refresh_tokens where user_id = %s and not revoked", (user_id,)
    ).fetchone()[0]
    live_sessions = db.execute(
        "select count(*) from auth.sessions where user_id = %s", (user_id,)
    ).fetchone()[0]
    assert live_tokens == 0 and live_sessions == 0


# Tables with row level security -------------------------------------------------------------


@dataclass(frozen=True)
class NotesSchema:
    notes: str
    tags: str
    count_fn: str


@pytest.fixture
def notes_schema(db: psycopg.Connection) -> Iterator[NotesSchema]:
    """Throwaway notes/tags tables owned by auth.uid(), with one policy per operation."""
    suffix = uuid.uuid4().hex[:10]
    schema = NotesSchema(notes=f"js_notes_{suffix}", tags=f"js_tags_{suffix}", count_fn=f"js_count_{suffix}")
    notes, tags, count_fn = (
        sql.Identifier(schema.notes),
        sql.Identifier(schema.tags),
        sql.Identifier(schema.count_fn),
    )
    db.execute(
        sql.SQL(
            """
            create table public.{notes} (
              id bigint generated always as identity primary key,
              owner uuid not null default auth.uid() references auth.users (id) on delete cascade,
              slug text not null,
              title text not null,
              tag text,
              unique (owner, slug)
            );
            create table public.{tags} (
              id bigint generated always as identity primary key,
              note_id bigint not null references public.{notes} (id) on delete cascade,
              owner uuid not null default auth.uid() references auth.users (id) on delete cascade,
              label text not null
            );
            create function public.{count_fn}(p_tag text) returns integer
              language sql stable security invoker
              as 'select count(*)::integer from public.{notes} where tag = p_tag';
            """
        ).format(notes=notes, tags=tags, count_fn=count_fn)
    )
    for table in (notes, tags):
        db.execute(sql.SQL("alter table public.{} enable row level security").format(table))
        db.execute(
            sql.SQL("grant select, insert, update, delete on public.{} to authenticated").format(table)
        )
        db.execute(sql.SQL("grant select, insert on public.{} to anon").format(table))
        own = sql.SQL("owner = auth.uid()")
        for command, clause in (
            ("select", sql.SQL("using ({})").format(own)),
            ("insert", sql.SQL("with check ({})").format(own)),
            ("update", sql.SQL("using ({own}) with check ({own})").format(own=own)),
            ("delete", sql.SQL("using ({})").format(own)),
        ):
            db.execute(
                sql.SQL(
                    "create policy {name} on public.{table} for {command} to authenticated {clause}"
                ).format(
                    name=sql.Identifier(f"{command} own"),
                    table=table,
                    command=sql.SQL(command),
                    clause=clause,
                )
            )
    db.execute(sql.SQL("grant execute on function public.{}(text) to authenticated").format(count_fn))
    yield schema
    db.execute(sql.SQL("drop function public.{}(text)").format(count_fn))
    db.execute(sql.SQL("drop table public.{}, public.{}").format(tags, notes))


def test_tables_with_row_level_security_through_supabase_js(stack_settings, db, run_id, notes_schema):
    result = run_scenario(
        "tables",
        stack_settings,
        run_id,
        TABLE_NOTES=notes_schema.notes,
        TABLE_TAGS=notes_schema.tags,
        RPC_COUNT=notes_schema.count_fn,
    )
    alice, bob = result["aliceId"], result["bobId"]

    inserted = no_error(result["insertMany"])
    assert result["insertMany"]["status"] == 201
    assert [(row["slug"], row["owner"]) for row in inserted] == [
        ("alpha", alice),
        ("beta", alice),
        ("gamma", alice),
    ]
    single = no_error(result["insertSingle"])
    assert isinstance(single, dict)
    assert single["slug"] == "delta" and single["owner"] == alice and single["tag"] == "misc"
    assert no_error(result["insertTags"]) == [
        {"label": "urgent", "owner": alice},
        {"label": "q3", "owner": alice},
    ]

    def slugs(name: str) -> list[str]:
        return [row["slug"] for row in no_error(result[name])]

    assert slugs("eq") == ["alpha", "gamma"]
    assert slugs("in") == ["beta", "delta"]
    assert slugs("ilike") == ["gamma"]
    assert slugs("or") == ["alpha", "delta"]
    assert slugs("orderRange") == ["delta", "beta"]

    assert result["countHead"] == {"data": None, "error": None, "count": 4, "status": 200}
    assert no_error(result["embedded"]) == [
        {"slug": "alpha", notes_schema.tags: [{"label": "q3"}, {"label": "urgent"}]}
    ]
    assert result["maybeSingleNone"] == {"data": None, "error": None, "count": None, "status": 200}
    assert no_error(result["maybeSingleOne"]) == {"slug": "beta", "title": "Beta notes"}

    single_none = result["singleNone"]
    assert single_none["data"] is None and single_none["status"] == 406
    assert single_none["error"]["code"] == "PGRST116"
    duplicate = result["duplicateInsert"]
    assert duplicate["status"] == 409 and duplicate["error"]["code"] == "23505"

    assert [row["title"] for row in no_error(result["update"])] == ["Beta, revised"]
    assert no_error(result["upsertExisting"]) == [
        {"id": result["gammaId"], "slug": "gamma", "title": "Gamma upserted"}
    ]
    assert no_error(result["upsertNew"]) == [{"slug": "epsilon", "owner": alice}]
    assert no_error(result["rpc"]) == 2
    assert no_error(result["deleteOwn"]) == [{"slug": "delta"}]

    assert no_error(result["bobSelect"]) == []
    assert result["bobCount"]["count"] == 0
    assert result["bobSingle"]["error"]["code"] == "PGRST116"
    assert no_error(result["bobTags"]) == []
    assert no_error(result["bobUpdate"]) == []
    assert result["bobDelete"]["error"] is None and result["bobDelete"]["count"] == 0
    forged = result["bobInsertAsAlice"]
    assert forged["status"] == 403 and forged["error"]["code"] == "42501"
    assert no_error(result["bobRpc"]) == 0
    assert no_error(result["bobOwn"]) == {"slug": "alpha", "owner": bob}

    assert no_error(result["anonSelect"]) == []
    assert result["anonCount"]["count"] == 0
    assert result["anonInsert"]["status"] == 401 and result["anonInsert"]["error"]["code"] == "42501"

    rows = db.execute(
        sql.SQL("select owner::text, slug, title, tag from public.{} order by owner = %s desc, slug").format(
            sql.Identifier(notes_schema.notes)
        ),
        (alice,),
    ).fetchall()
    assert rows == [
        (alice, "alpha", "Alpha plan", "work"),
        (alice, "beta", "Beta, revised", "home"),
        (alice, "epsilon", "Epsilon", "home"),
        (alice, "gamma", "Gamma upserted", "work"),
        (bob, "alpha", "Bob alpha", None),
    ]
    tag_rows = db.execute(
        sql.SQL("select owner::text, label from public.{} order by label").format(
            sql.Identifier(notes_schema.tags)
        )
    ).fetchall()
    assert tag_rows == [(alice, "q3"), (alice, "urgent")]


# Storage --------------------------------------------------------------------------------


@dataclass(frozen=True)
class JsBuckets:
    private: str
    public: str


@pytest.fixture
def js_buckets(db: psycopg.Connection) -> Iterator[JsBuckets]:
    """A private and a public bucket where users may write only under `<their uid>/`."""
    suffix = uuid.uuid4().hex[:10]
    buckets = JsBuckets(private=f"js-private-{suffix}", public=f"js-public-{suffix}")
    for bucket_id, public in ((buckets.private, False), (buckets.public, True)):
        db.execute(
            "insert into storage.buckets (id, name, public) values (%s, %s, %s)",
            (bucket_id, bucket_id, public),
        )
    policies: list[str] = []
    for bucket_id in (buckets.private, buckets.public):
        rule = sql.SQL("bucket_id = {} and (storage.foldername(name))[1] = auth.uid()::text").format(
            sql.Literal(bucket_id)
        )
        for command, clause in (
            ("select", sql.SQL("using ({})").format(rule)),
            ("insert", sql.SQL("with check ({})").format(rule)),
            ("update", sql.SQL("using ({rule}) with check ({rule})").format(rule=rule)),
            ("delete", sql.SQL("using ({})").format(rule)),
        ):
            name = f"{bucket_id}: {command} own"
            db.execute(
                sql.SQL("create policy {} on storage.objects for {} to authenticated {}").format(
                    sql.Identifier(name), sql.SQL(command), clause
                )
            )
            policies.append(name)
    yield buckets
    for name in policies:
        db.execute(sql.SQL("drop policy {} on storage.objects").format(sql.Identifier(name)))
    for bucket_id in (buckets.private, buckets.public):
        db.execute("delete from storage.objects where bucket_id = %s", (bucket_id,))
        db.execute("delete from storage.buckets where id = %s", (bucket_id,))


def test_storage_through_supabase_js(stack_settings, db, run_id, js_buckets):
    result = run_scenario(
        "storage", stack_settings, run_id, BUCKET_PRIVATE=js_buckets.private, BUCKET_PUBLIC=js_buckets.public
    )
    alice, bob = result["aliceId"], result["bobId"]
    doc = f"{alice}/doc.bin"

    uploaded = no_error(result["uploadBytes"])
    assert uploaded["path"] == doc and uploaded["fullPath"] == f"{js_buckets.private}/{doc}"
    assert no_error(result["uploadBlob"])["path"] == f"{alice}/notes/hello.txt"
    no_error(result["uploadKeep"])
    existing = result["uploadExisting"]["error"]
    assert existing["name"] == "StorageApiError" and existing["statusCode"] == "409"

    assert result["download"] == {"error": None, "sameBytes": True, "type": "application/octet-stream"}
    assert result["list"]["error"] is None
    assert result["list"]["entries"] == [
        {"name": "doc.bin", "isFolder": False, "size": 3000, "mimetype": "application/octet-stream"},
        {"name": "keep.json", "isFolder": False, "size": 13, "mimetype": "application/json"},
        {"name": "notes", "isFolder": True, "size": None, "mimetype": None},
    ]
    signed = result["signedUrl"]
    assert signed["error"] is None and signed["url"].startswith(
        f"{stack_settings.url}/storage/v1/object/sign/"
    )
    assert signed["fetchStatus"] == 200 and signed["sameBytes"]

    no_error(result["uploadPublic"])
    public = result["publicUrl"]
    assert (
        public["url"]
        == f"{stack_settings.url}/storage/v1/object/public/{js_buckets.public}/{alice}/avatar.png"
    )
    assert public["fetchStatus"] == 200 and public["sameBytes"] and public["contentType"] == "image/png"
    assert result["privateViaPublicUrl"]["fetchStatus"] in (400, 404)

    for denied in ("bobUploadIntoAlice", "bobOverwriteAlice"):
        error = result[denied]["error"]
        assert error is not None and error["name"] == "StorageApiError", denied
        assert error["statusCode"] == "403" and "row-level security" in error["message"], denied
    assert no_error(result["bobUploadOwn"])["path"] == f"{bob}/mine.txt"
    # Supabase Storage hides objects a caller may not read: 400 with statusCode "404".
    for denied in ("bobDownload", "bobSignedUrl", "bobMove", "anonDownload"):
        assert result[denied]["data"] is None, denied
        error = result[denied]["error"]
        assert error["status"] == 400 and error["statusCode"] == "404", denied
    assert no_error(result["bobListAlice"]) == []
    assert no_error(result["bobRemove"]) == []

    no_error(result["move"])
    assert result["downloadMoved"] == {"error": None, "sameBytes": True}
    assert result["downloadOldPath"]["error"]["statusCode"] == "404"
    assert result["remove"] == {
        "error": None,
        "names": [f"{alice}/moved/doc.bin", f"{alice}/notes/hello.txt"],
    }

    objects = db.execute(
        "select bucket_id, name, owner::text, metadata->>'mimetype', (metadata->>'size')::int"
        " from storage.objects where bucket_id in (%s, %s) order by bucket_id, name",
        (js_buckets.private, js_buckets.public),
    ).fetchall()
    assert sorted(objects) == sorted(
        [
            (js_buckets.private, f"{alice}/keep.json", alice, "application/json", 13),
            (js_buckets.private, f"{bob}/mine.txt", bob, "text/plain", 3),
            (js_buckets.public, f"{alice}/avatar.png", alice, "image/png", 13),
        ]
    )


# The product schema ---------------------------------------------------------------------


def test_sign_up_creates_a_profile_only_its_owner_reads(stack_settings, db, run_id):
    result = run_scenario("profiles", stack_settings, run_id)
    alice, bob, username = result["aliceId"], result["bobId"], result["username"]

    own = {"id": alice, "username": username, "full_name": "Alice Profile"}
    assert no_error(result["aliceReadsAll"]) == [own]
    assert no_error(result["aliceOwn"]) == own
    assert no_error(result["aliceUpdate"]) == [{"bio": "Writes code."}]
    assert no_error(result["bobReadsAlice"]) == []
    bob_rows = no_error(result["bobReadsAll"])
    assert [row["id"] for row in bob_rows] == [bob]
    # without a username in the metadata, the e-mail's local part becomes the username
    assert bob_rows[0]["username"] == f"js-profiles-b-{run_id}"
    assert no_error(result["bobUpdatesAlice"]) == []
    anon = result["anonReads"]
    assert anon["data"] is None and anon["error"]["code"] == "42501"

    profiles = db.execute(
        "select id::text, username, full_name, bio from public.profiles where id in (%s, %s) order by id = %s desc",
        (alice, bob, alice),
    ).fetchall()
    assert profiles[0] == (alice, username, "Alice Profile", "Writes code.")
    assert len(profiles) == 2 and profiles[1][0] == bob and profiles[1][3] is None


# PostgREST features a front end meets (issue 26) -----------------------------------------------


@pytest.mark.usefixtures("rest_tables")
def test_postgrest_features_through_supabase_js(stack_settings, db, run_id):
    """Self-referencing and computed embeds, empty and to-many spread embeds, a scalar RPC's
    count and the upsert statuses, as supabase-js reports them."""
    table, function = f"rt_js_upsert_{run_id}", f"rt_js_scalar_{run_id}"
    db.execute(sql.SQL("create table {} (id int primary key, body text);"
                       " create function {}(a int) returns int language sql set search_path = '' as 'select a + 1'")
               .format(sql.Identifier(table), sql.Identifier(function)))
    try:
        result = run_scenario("postgrest", stack_settings, run_id, TABLE_UPSERT=table, RPC_SCALAR=function)
    finally:
        db.execute(sql.SQL("drop table {}; drop function {}(int)").format(sql.Identifier(table),
                                                                         sql.Identifier(function)))
    assert no_error(result["children"]) == [{"name": "books", "rt_collection": [{"name": "novels"}]}]
    assert no_error(result["parent"]) == [{"name": "novels", "parent": {"name": "books"}}]
    assert no_error(result["computedField"]) == [{"id": 4, "rt_label": "Dickinson, Emily (US)"},
                                                 {"id": 3, "rt_label": "Calvino (IT)"}]
    assert no_error(result["computedRelationship"]) == [{"title": "Aleph", "rt_writer": {"name": "Borges"}}]
    assert no_error(result["emptyInnerEmbed"]) == [{"id": 2}]
    assert no_error(result["spreadToMany"]) == [{"id": 2, "titles": ["Ficciones", "Aleph"]}]
    assert (no_error(result["scalarCount"]), result["scalarCount"]["count"]) == (2, 1)
    assert (no_error(result["upsertNew"]), result["upsertNew"]["status"]) == ([{"id": 1, "body": "new"}], 201)
    assert (no_error(result["upsertUpdate"]), result["upsertUpdate"]["status"]) == ([{"id": 1, "body": "updated"}], 200)
