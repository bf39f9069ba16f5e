"""/rest/v1 writes and RPC through the official client: insert/upsert/update/delete, Prefer
options, conflicts and constraint errors, single-row writes, functions of every shape."""

from __future__ import annotations

import uuid

import httpx
import pytest
from postgrest.exceptions import APIError


@pytest.fixture
def notes(db):
    """A fresh table per test: id, unique slug, defaults, a check and a foreign key."""
    name = f"rt_note_{uuid.uuid4().hex[:8]}"
    db.execute(f"""
        create table if not exists rt_owner (id int primary key);
        insert into rt_owner values (1), (2) on conflict do nothing;
        create table {name} (
          id int primary key,
          slug text unique,
          body text not null default 'empty',
          stars int default 3 check (stars between 0 and 5),
          owner_id int references rt_owner (id),
          created_at timestamptz not null default now()
        );
    """)
    yield name
    db.execute(f"drop table {name}")


def rows(db, table: str) -> list[tuple]:
    return db.execute(f"select id, slug, body, stars, owner_id from {table} order by id").fetchall()


# ---------------------------------------------------------------------------------- insert


def test_insert_returns_representation_by_default(service_client, notes, db):
    res = service_client.table(notes).insert({"id": 1, "slug": "a", "body": "hello"}).execute()
    assert res.data[0]["id"] == 1 and res.data[0]["body"] == "hello" and res.data[0]["stars"] == 3
    assert "created_at" in res.data[0]
    assert rows(db, notes) == [(1, "a", "hello", 3, None)]


def test_insert_minimal_is_201_without_body(rest_http, notes, db):
    r = rest_http.post(f"/{notes}", json={"id": 1, "body": "x"}, headers={"Prefer": "return=minimal"})
    assert r.status_code == 201 and r.content == b""
    assert rows(db, notes) == [(1, None, "x", 3, None)]


def test_bulk_insert_with_columns_and_missing_default(service_client, notes, db):
    res = service_client.table(notes).insert(
        [{"id": 1, "slug": "a"}, {"id": 2, "body": "two", "stars": 5}], default_to_null=False
    ).execute()
    assert [r["id"] for r in res.data] == [1, 2]
    assert rows(db, notes) == [(1, "a", "empty", 3, None), (2, None, "two", 5, None)]
    with pytest.raises(APIError) as err:  # without missing=default, absent keys are NULL
        service_client.table(notes).insert([{"id": 3, "slug": "c"}, {"id": 4, "body": "b"}]).execute()
    assert err.value.code == "23502"


def test_columns_param_limits_what_is_written(rest_http, notes, db):
    r = rest_http.post(f"/{notes}", params={"columns": "id,body"}, json=[{"id": 1, "body": "b", "slug": "ignored"}])
    assert r.status_code == 201, r.text
    assert rows(db, notes) == [(1, None, "b", 3, None)]


def test_insert_representation_with_select_and_embed(rest_http, notes):
    r = rest_http.post(f"/{notes}", params={"select": "id,owner:rt_owner(id)"}, json={"id": 1, "owner_id": 2},
                       headers={"Prefer": "return=representation"})
    assert r.status_code == 201, r.text
    assert r.json() == [{"id": 1, "owner": {"id": 2}}]


def test_duplicate_key_is_409_23505(service_client, notes, db):
    service_client.table(notes).insert({"id": 1, "slug": "a"}).execute()
    with pytest.raises(APIError) as err:
        service_client.table(notes).insert({"id": 1, "slug": "b"}).execute()
    assert err.value.code == "23505"
    assert err.value.details == "Key (id)=(1) already exists."
    assert err.value.message == f'duplicate key value violates unique constraint "{notes}_pkey"'
    assert rows(db, notes) == [(1, "a", "empty", 3, None)]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"id": 1, "owner_id": 99}, 409, "23503"),
        ({"id": 1, "body": None}, 400, "23502"),
        ({"id": 1, "stars": 9}, 400, "23514"),
        ({"id": "one"}, 400, "22P02"),
        ({"id": 1, "nope": 1}, 400, "PGRST204"),
    ],
)
def test_constraint_errors_map_to_postgrest_statuses(rest_http, notes, db, payload, status, code):
    r = rest_http.post(f"/{notes}", json=payload)
    assert r.status_code == status, r.text
    assert r.json()["code"] == code
    assert rows(db, notes) == []


def test_invalid_json_body_is_pgrst102(rest_http, notes):
    r = rest_http.post(f"/{notes}", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["code"] == "PGRST102"


def test_bulk_insert_is_all_or_nothing(service_client, notes, db):
    with pytest.raises(APIError):
        service_client.table(notes).insert([{"id": 1}, {"id": 2, "stars": 10}]).execute()
    assert rows(db, notes) == []


# ---------------------------------------------------------------------------------- upsert


def test_upsert_merges_on_primary_key_and_on_conflict(service_client, notes, db):
    service_client.table(notes).insert([{"id": 1, "slug": "a", "body": "old"}, {"id": 2, "slug": "b", "body": "b"}]).execute()
    res = service_client.table(notes).upsert(
        [{"id": 1, "slug": "a", "body": "new"}, {"id": 3, "slug": "c", "body": "c"}]).execute()
    assert sorted(r["id"] for r in res.data) == [1, 3]
    assert rows(db, notes)[0] == (1, "a", "new", 3, None)
    service_client.table(notes).upsert({"id": 99, "slug": "b", "body": "by slug"}, on_conflict="slug").execute()
    # every payload column is merged, the key included, as PostgREST does
    assert rows(db, notes)[1:] == [(3, "c", "c", 3, None), (99, "b", "by slug", 3, None)]


def test_upsert_ignore_duplicates_keeps_existing(service_client, notes, db):
    service_client.table(notes).insert({"id": 1, "body": "keep"}).execute()
    res = service_client.table(notes).upsert(
        [{"id": 1, "body": "drop"}, {"id": 2, "body": "add"}], ignore_duplicates=True).execute()
    assert [r["id"] for r in res.data] == [2]
    assert [r[2] for r in rows(db, notes)] == ["keep", "add"]


def test_upsert_with_unknown_conflict_column(rest_http, notes, db):
    r = rest_http.post(f"/{notes}", params={"on_conflict": "zzz_missing"}, json={"id": 1},
                       headers={"Prefer": "resolution=merge-duplicates"})
    assert r.status_code == 400
    assert r.json() == {"code": "42703", "details": None, "hint": None, "message": 'column "zzz_missing" does not exist'}
    # a new unique column, no reload notice: the conflict column is found on the miss (the payload lacks it)
    db.execute(f"alter table {notes} add column code text unique default 'k'; insert into {notes} (id) values (1)")
    r = rest_http.post(f"/{notes}", params={"on_conflict": "code"}, json={"id": 2, "body": "merged"},
                       headers={"Prefer": "resolution=merge-duplicates"})
    assert r.status_code == 201, r.text
    assert rows(db, notes) == [(2, None, "merged", 3, None)]


def test_upsert_on_a_composite_key_and_with_the_key_alone(rest_http, db):
    name = f"rt_pair_{uuid.uuid4().hex[:8]}"
    db.execute(f"create table {name} (a int, b int, v text, primary key (a, b)); insert into {name} values (1, 1, 'old')")
    prefer = {"Prefer": "resolution=merge-duplicates,return=representation"}
    try:
        r = rest_http.post(f"/{name}", params={"on_conflict": "a,b"}, json=[{"a": 1, "b": 1, "v": "new"},
                                                                        {"a": 1, "b": 2, "v": "two"}], headers=prefer)
        assert (r.status_code, r.json()) == (201, [{"a": 1, "b": 1, "v": "new"}, {"a": 1, "b": 2, "v": "two"}])
        # only key columns: the existing row is kept as it is, and returned (DO UPDATE, not DO NOTHING)
        r = rest_http.post(f"/{name}", json={"a": 1, "b": 2}, headers=prefer)
        assert (r.status_code, r.json()) == (201, [{"a": 1, "b": 2, "v": "two"}])
        assert db.execute(f"select a, b, v from {name} order by a, b").fetchall() == [(1, 1, "new"), (1, 2, "two")]
    finally:
        db.execute(f"drop table {name}")


def test_upsert_without_a_key_to_conflict_on_is_a_plain_insert(rest_http, db):
    """PostgREST adds no ON CONFLICT when neither on_conflict nor a primary key names one."""
    name = f"rt_log_{uuid.uuid4().hex[:8]}"
    db.execute(f"create table {name} (msg text)")
    try:
        for resolution in ("merge-duplicates", "ignore-duplicates"):
            r = rest_http.post(f"/{name}", json={"msg": "a"},
                               headers={"Prefer": f"resolution={resolution},return=representation"})
            assert (r.status_code, r.json()) == (201, [{"msg": "a"}])
        assert db.execute(f"select msg from {name}").fetchall() == [("a",), ("a",)]
    finally:
        db.execute(f"drop table {name}")


def test_empty_objects_insert_rows_of_defaults(rest_http, db):
    name = f"rt_defaults_{uuid.uuid4().hex[:8]}"
    db.execute(f"create table {name} (id int generated always as identity primary key, body text default 'empty')")
    try:
        r = rest_http.post(f"/{name}", json={}, headers={"Prefer": "return=representation"})
        assert (r.status_code, r.json()) == (201, [{"id": 1, "body": "empty"}])
        r = rest_http.post(f"/{name}", json=[{}, {}], headers={"Prefer": "return=representation"})
        assert (r.status_code, r.json()) == (201, [{"id": 2, "body": "empty"}, {"id": 3, "body": "empty"}])
        assert db.execute(f"select count(*) from {name}").fetchone() == (3,)
    finally:
        db.execute(f"drop table {name}")


# ------------------------------------------------------------------------- update / delete


def test_update_and_delete_with_filters(service_client, notes, db):
    service_client.table(notes).insert([{"id": i, "stars": i % 5} for i in range(1, 6)]).execute()
    res = service_client.table(notes).update({"body": "hi"}).gte("stars", 3).execute()
    assert sorted(r["id"] for r in res.data) == [3, 4]
    assert [r[2] for r in rows(db, notes)] == ["empty", "empty", "hi", "hi", "empty"]
    res = service_client.table(notes).delete().or_("id.eq.1,stars.eq.0").execute()
    assert sorted(r["id"] for r in res.data) == [1, 5]
    assert [r[0] for r in rows(db, notes)] == [2, 3, 4]


def test_update_minimal_is_204_and_count(rest_http, notes, db):
    db.execute(f"insert into {notes} (id) values (1), (2)")
    r = rest_http.patch(f"/{notes}", params={"id": "gt.0"}, json={"stars": 1},
                        headers={"Prefer": "return=minimal, count=exact"})
    assert r.status_code == 204 and r.headers["content-range"] == "*/2"
    r = rest_http.delete(f"/{notes}", params={"id": "eq.1"}, headers={"Prefer": "return=representation"})
    assert r.status_code == 200 and r.json()[0]["id"] == 1


def test_update_unknown_column_is_pgrst204(rest_http, notes):
    r = rest_http.patch(f"/{notes}", params={"id": "eq.1"}, json={"nope": 1})
    assert r.status_code == 400
    assert r.json() == {"code": "PGRST204", "details": None, "hint": None,
                        "message": f"Could not find the 'nope' column of '{notes}' in the schema cache"}


def test_unknown_column_in_a_write_representation_is_42703(rest_http, notes, db):
    r = rest_http.post(f"/{notes}", params={"select": "id,zzzz"}, json={"id": 1},
                       headers={"Prefer": "return=representation"})
    assert r.status_code == 400
    assert r.json() == {"code": "42703", "details": None, "hint": None,
                        "message": f"column {notes}.zzzz does not exist"}
    assert rows(db, notes) == []


def test_tx_rollback_prefer_discards_the_write(rest_http, notes, db):
    r = rest_http.post(f"/{notes}", json={"id": 1}, headers={"Prefer": "return=representation,tx=rollback"})
    assert r.status_code == 201 and r.json()[0]["id"] == 1
    assert "tx=rollback" in r.headers["preference-applied"]
    assert rows(db, notes) == []


def test_single_object_write_rolls_back_when_not_one_row(rest_http, notes, db):
    db.execute(f"insert into {notes} (id) values (1), (2)")
    r = rest_http.patch(f"/{notes}", json={"body": "x"},
                        headers={"Prefer": "return=representation", "Accept": "application/vnd.pgrst.object+json"})
    assert r.status_code == 406 and r.json()["code"] == "PGRST116"
    assert [r[2] for r in rows(db, notes)] == ["empty", "empty"]
    r = rest_http.patch(f"/{notes}", params={"id": "eq.1"}, json={"body": "x"},
                        headers={"Prefer": "return=representation", "Accept": "application/vnd.pgrst.object+json"})
    assert r.status_code == 200 and r.json()["body"] == "x"


def test_max_affected_strict(rest_http, notes, db):
    db.execute(f"insert into {notes} (id) values (1), (2), (3)")
    r = rest_http.delete(f"/{notes}", params={"id": "gt.0"}, headers={"Prefer": "handling=strict, max-affected=2"})
    assert r.status_code == 400 and r.json()["code"] == "PGRST124"
    assert len(rows(db, notes)) == 3


def test_max_affected_strict_on_an_rpc_counts_its_result_rows(rest_http, notes, db):
    """PostgREST: a set-returning function's result rows are the affected rows; too many is
    PGRST124 and nothing is kept. A function returning one value cannot be limited (PGRST128)."""
    db.execute(f"insert into {notes} (id) values (1), (2), (3);"
               f" create function {notes}_touch() returns setof {notes} language sql"
               f" as $$update {notes} set body = 'touched' returning *$$;"
               f" create function {notes}_one() returns int language sql as 'select 1'")
    try:
        strict = {"Prefer": "handling=strict, max-affected=2"}
        r = rest_http.post(f"/rpc/{notes}_touch", json={}, headers=strict)
        assert (r.status_code, r.json()["code"], r.json()["details"]) == (400, "PGRST124", "The query affects 3 rows")
        assert [row[2] for row in rows(db, notes)] == ["empty"] * 3
        r = rest_http.post(f"/rpc/{notes}_one", json={}, headers=strict)
        assert (r.status_code, r.json()["code"]) == (400, "PGRST128")
        r = rest_http.post(f"/rpc/{notes}_touch", json={}, headers={"Prefer": "handling=strict, max-affected=3"})
        assert r.status_code == 200 and len(r.json()) == 3
        assert [row[2] for row in rows(db, notes)] == ["touched"] * 3
    finally:
        db.execute(f"drop function {notes}_touch(); drop function {notes}_one()")


# -------------------------------------------------------------------------------------- RPC


@pytest.fixture
def functions(db, item_table):
    suffix = uuid.uuid4().hex[:6]
    names = {k: f"rt_{k}_{suffix}" for k in ("add", "series", "items", "pairs", "noop", "fail", "echo", "one")}
    db.execute(f"""
        create function {names['add']}(a int, b int default 10) returns int language sql as 'select a + b';
        create function {names['series']}(n int) returns setof int language sql as 'select generate_series(1, n)';
        create function {names['items']}(min_n int default 0) returns setof rt_item language sql stable
          as 'select * from rt_item where n >= min_n';
        create function {names['pairs']}(n int) returns table (k int, sq int) language sql
          as 'select g, g * g from generate_series(1, n) g';
        create function {names['noop']}() returns void language sql as 'select';
        create function {names['fail']}(msg text) returns int language plpgsql
          as 'begin raise exception ''%'', msg using detail = ''d'', hint = ''h''; end';
        create function {names['echo']}(payload jsonb) returns jsonb language sql as 'select payload';
        create function {names['one']}(item_id int) returns rt_item language sql
          as 'select * from rt_item where id = item_id';
    """)
    yield names
    for name in names.values():
        db.execute(f"drop function {name}")


@pytest.fixture
def item_table(stack_settings):
    import psycopg

    with psycopg.connect(stack_settings.database_url, autocommit=True) as conn:
        conn.execute("create table if not exists rt_item (id int primary key, n int, label text)")
        conn.execute("insert into rt_item select g, g % 7, 'item ' || g from generate_series(1, 57) g"
                     " on conflict do nothing")


def test_rpc_scalar_and_defaults(service_client, functions):
    assert service_client.rpc(functions["add"], {"a": 2, "b": 3}).execute().data == 5
    assert service_client.rpc(functions["add"], {"a": 2}).execute().data == 12
    assert service_client.rpc(functions["add"], {"a": 2}, get=True).execute().data == 12
    assert service_client.rpc(functions["echo"], {"payload": {"k": [1, 2]}}).execute().data == {"k": [1, 2]}


def test_rpc_sets_with_filters_order_and_limit(service_client, item_table, functions):
    assert service_client.rpc(functions["series"], {"n": 4}).execute().data == [1, 2, 3, 4]
    res = (
        service_client.rpc(functions["items"], {"min_n": 5}, count="exact")
        .select("id, label").lt("id", 30).order("id", desc=True).limit(3).execute()
    )
    assert [r["id"] for r in res.data] == [27, 26, 20]
    assert res.count == 8
    res = service_client.rpc(functions["pairs"], {"n": 5}).gt("sq", 5).order("k", desc=True).execute()
    assert res.data == [{"k": 5, "sq": 25}, {"k": 4, "sq": 16}, {"k": 3, "sq": 9}]
    res = service_client.rpc(functions["items"], {}, get=True).eq("n", 0).select("id").execute()
    assert [r["id"] for r in res.data] == [7, 14, 21, 28, 35, 42, 49, 56]


def test_rpc_scalar_set_is_filtered_and_ordered_by_the_function_name(rest_http, functions):
    series = functions["series"]
    r = rest_http.get(f"/rpc/{series}", params={"n": 5, series: "gt.2", "order": f"{series}.desc"})
    assert (r.status_code, r.json()) == (200, [5, 4, 3])
    r = rest_http.get(f"/rpc/{series}", params={"n": 3, "nope": "eq.1"})
    assert (r.status_code, r.json()["code"]) == (400, "42703")


def test_rpc_single_row_composite_and_single(service_client, item_table, functions):
    assert service_client.rpc(functions["one"], {"item_id": 3}).execute().data == {"id": 3, "n": 3, "label": "item 3"}
    res = service_client.rpc(functions["pairs"], {"n": 3}).eq("k", 2).single().execute()
    assert res.data == {"k": 2, "sq": 4}


def test_rpc_void_is_204(rest_http, functions):
    r = rest_http.post(f"/rpc/{functions['noop']}", json={})
    assert r.status_code == 204 and r.content == b""


def test_rpc_errors(rest_http, service_client, functions):
    with pytest.raises(APIError) as err:
        service_client.rpc(functions["fail"], {"msg": "no way"}).execute()
    assert (err.value.code, err.value.message, err.value.details, err.value.hint) == ("P0001", "no way", "d", "h")
    r = rest_http.post(f"/rpc/{functions['fail']}", json={"msg": "x"})
    assert r.status_code == 400
    r = rest_http.post("/rpc/rt_does_not_exist", json={"a": 1})
    assert r.status_code == 404 and r.json()["code"] == "PGRST202"
    assert r.json()["message"] == "Could not find the function public.rt_does_not_exist(a) in the schema cache"
    r = rest_http.post(f"/rpc/{functions['add']}", json={"zzz": 1})
    assert r.status_code == 404 and r.json()["code"] == "PGRST202"
    r = rest_http.post(f"/rpc/{functions['add']}", json={"a": "x"})
    assert r.status_code == 400 and r.json()["code"] == "22P02"
    r = rest_http.patch(f"/rpc/{functions['add']}", json={"a": 1})
    assert r.status_code == 405 and r.json()["code"] == "PGRST101"


def test_rpc_created_at_runtime_is_callable(service_client, db):
    name = f"rt_late_{uuid.uuid4().hex[:6]}"
    db.execute(f"create function {name}() returns text language sql as $$select 'late'$$")
    try:
        assert service_client.rpc(name, {}).execute().data == "late"
    finally:
        db.execute(f"drop function {name}")


def test_get_rpc_runs_read_only(rest_http, db):
    name = f"rt_writer_{uuid.uuid4().hex[:6]}"
    db.execute(f"create table {name}_t (id int); create function {name}() returns int language sql"
               f" as 'insert into {name}_t values (1) returning id'")
    try:
        r = rest_http.get(f"/rpc/{name}")
        assert r.status_code == 405 and r.json()["code"] == "25006"
        r = rest_http.post(f"/rpc/{name}", json={})
        assert r.status_code == 200 and r.json() == 1
    finally:
        db.execute(f"drop function {name}; drop table {name}_t")


def test_rpc_array_arguments_and_overload_ambiguity(service_client, rest_http, db):
    name = f"rt_arr_{uuid.uuid4().hex[:6]}"
    db.execute(f"create function {name}(a int[], t text[]) returns int language sql"
               " as 'select cardinality(a) * 10 + cardinality(t)';"
               f" create function {name}_o(a int) returns int language sql as 'select 1';"
               f" create function {name}_o(a text) returns int language sql as 'select 2'")
    try:
        assert service_client.rpc(name, {"a": [1, 2, 3], "t": ["x", "y,z"]}).execute().data == 32
        assert service_client.rpc(name, {"a": [1], "t": ["a", "b"]}, get=True).execute().data == 12
        r = rest_http.post(f"/rpc/{name}_o", json={"a": 1})
        assert r.status_code == 300 and r.json()["code"] == "PGRST203"
    finally:
        db.execute(f"drop function {name}; drop function {name}_o(int); drop function {name}_o(text)")


def test_rpc_returning_rows_of_an_unexposed_schema(service_client, db, make_user):
    user = make_user()
    name = f"rt_users_{uuid.uuid4().hex[:6]}"
    db.execute(f"create function {name}() returns setof auth.users language sql security definer"
               " as 'select * from auth.users'")
    try:
        res = service_client.rpc(name, {}).select("id, email").eq("id", user.id).execute()
        assert res.data == [{"id": user.id, "email": user.email}]
    finally:
        db.execute(f"drop function {name}")


def test_several_prefer_headers_are_all_honoured(rest_http, notes):
    r = rest_http.post(f"/{notes}", json=[{"id": 1}, {"id": 2}],
                       headers=[("Prefer", "return=representation"), ("Prefer", "count=exact")])
    assert r.status_code == 201 and len(r.json()) == 2
    assert r.headers["content-range"] == "0-1/2"


def test_limited_update_and_delete_need_a_unique_order(rest_http, notes, db):
    db.execute(f"insert into {notes} (id, stars) values (1, 1), (2, 1), (3, 1), (4, 2)")
    r = rest_http.patch(f"/{notes}", params={"stars": "eq.1", "order": "id.desc", "limit": 2},
                        json={"body": "top"}, headers={"Prefer": "return=representation"})
    assert r.status_code == 200, r.text
    assert sorted(row["id"] for row in r.json()) == [2, 3]
    r = rest_http.delete(f"/{notes}", params={"order": "id.asc", "limit": 1, "offset": 1})
    assert r.status_code == 204
    assert [row[0] for row in rows(db, notes)] == [1, 3, 4]
    r = rest_http.delete(f"/{notes}", params={"limit": 1})
    assert r.status_code == 400 and r.json()["code"] == "PGRST109"
    r = rest_http.delete(f"/{notes}", params={"limit": 1, "order": "stars"})
    assert r.status_code == 400 and r.json()["code"] == "PGRST109"
    assert len(rows(db, notes)) == 3


def test_minimal_writes_need_no_select_privilege_on_the_written_columns(stack_settings, make_user, db):
    """return=minimal reads nothing back, so a role that may write but not read a column can write it
    (PostgREST returns no columns then); return=representation reads every column and is refused."""
    name = f"rt_blind_{uuid.uuid4().hex[:8]}"
    db.execute(f"create table {name} (id int primary key, secret text);"
               f" insert into {name} values (1, 'a'), (2, 'b');"
               f" revoke all on {name} from anon, authenticated;"
               f" grant select (id), insert, update (secret), delete on {name} to authenticated")
    user = make_user()
    headers = {"apikey": stack_settings.anon_key, "Authorization": f"Bearer {user.access_token}",
               "Prefer": "return=minimal"}
    try:
        with httpx.Client(base_url=f"{stack_settings.url}/rest/v1", headers=headers, timeout=10) as http:
            r = http.post(f"/{name}", json={"id": 3, "secret": "c"})
            assert (r.status_code, r.content) == (201, b"")
            r = http.patch(f"/{name}", params={"id": "eq.1"}, json={"secret": "z"})
            assert (r.status_code, r.content) == (204, b"")
            r = http.delete(f"/{name}", params={"id": "eq.2"})
            assert (r.status_code, r.content) == (204, b"")
            assert db.execute(f"select id, secret from {name} order by id").fetchall() == [(1, "z"), (3, "c")]
            r = http.delete(f"/{name}", params={"id": "eq.3"}, headers={"Prefer": "return=representation"})
            assert r.status_code == 403, r.text
            assert r.json() == {"code": "42501", "details": None, "hint": None,
                                "message": f"permission denied for table {name}"}
            assert db.execute(f"select count(*) from {name}").fetchone() == (2,)
    finally:
        db.execute(f"drop table {name}")


def test_rpc_with_a_single_unnamed_json_parameter_gets_the_whole_body(rest_http, db):
    """PostgREST passes the request body as is to a function of one unnamed json or jsonb parameter."""
    suffix = uuid.uuid4().hex[:6]
    db.execute(f"create function rt_whole_{suffix}(json) returns json language sql as 'select $1';"
               f" create function rt_mult_{suffix}(jsonb) returns int language sql"
               " as $$select ($1->>'x')::int * ($1->>'y')::int$$")
    try:
        r = rest_http.post(f"/rpc/rt_whole_{suffix}", json={"a": [1, 2], "b": None})
        assert (r.status_code, r.json()) == (200, {"a": [1, 2], "b": None})
        r = rest_http.post(f"/rpc/rt_whole_{suffix}", json=[1, "two"])
        assert (r.status_code, r.json()) == (200, [1, "two"])
        r = rest_http.post(f"/rpc/rt_mult_{suffix}", json={"x": 4, "y": 2})
        assert (r.status_code, r.json()) == (200, 8)
    finally:
        db.execute(f"drop function rt_whole_{suffix}; drop function rt_mult_{suffix}")
