"""RLS through /rest/v1: each request runs as the JWT's role, so policies decide what a
user's token can read and write. These tests try to break it from the wire."""

from __future__ import annotations

import uuid

import httpx
import pytest
from postgrest.exceptions import APIError


@pytest.fixture
def owned(db):
    name = f"rt_owned_{uuid.uuid4().hex[:8]}"
    db.execute(f"""
        create table {name} (
          id bigint generated always as identity primary key,
          owner uuid not null,
          note text
        );
        alter table {name} enable row level security;
        create policy "read own" on {name} for select to authenticated using (owner = auth.uid());
        create policy "insert own" on {name} for insert to authenticated with check (owner = auth.uid());
        create policy "update own" on {name} for update to authenticated
          using (owner = auth.uid()) with check (owner = auth.uid());
        create policy "delete own" on {name} for delete to authenticated using (owner = auth.uid());
    """)
    yield name
    db.execute(f"drop table {name}")


@pytest.fixture
def two_users(make_user, owned, db):
    alice, bob = make_user(), make_user()
    for user in (alice, bob):
        db.execute(f"insert into {owned} (owner, note) values (%s, 'one'), (%s, 'two')", (user.id, user.id))
    return alice, bob


def notes_of(db, table: str, owner: str) -> list[str]:
    return [r[0] for r in db.execute(f"select note from {table} where owner = %s order by id", (owner,))]


def test_user_reads_only_own_rows(owned, two_users):
    alice, bob = two_users
    res = alice.client.table(owned).select("owner, note", count="exact").execute()
    assert {r["owner"] for r in res.data} == {alice.id} and res.count == 2
    res = alice.client.table(owned).select("*").eq("owner", bob.id).execute()
    assert res.data == []


def test_user_cannot_update_or_delete_other_rows(owned, two_users, db):
    alice, bob = two_users
    res = alice.client.table(owned).update({"note": "hacked"}).eq("owner", bob.id).execute()
    assert res.data == []
    res = alice.client.table(owned).delete().eq("owner", bob.id).execute()
    assert res.data == []
    res = alice.client.table(owned).delete().neq("note", "nothing").execute()  # no filter on owner at all
    assert len(res.data) == 2
    assert notes_of(db, owned, bob.id) == ["one", "two"]
    assert notes_of(db, owned, alice.id) == []


def test_user_cannot_move_a_row_to_someone_else(owned, two_users, db):
    alice, bob = two_users
    with pytest.raises(APIError) as err:
        alice.client.table(owned).update({"owner": bob.id}).eq("owner", alice.id).execute()
    assert err.value.code == "42501"
    assert notes_of(db, owned, alice.id) == ["one", "two"]


def test_insert_with_someone_elses_owner_is_403(owned, two_users, stack_settings, db):
    alice, bob = two_users
    with pytest.raises(APIError) as err:
        alice.client.table(owned).insert({"owner": bob.id, "note": "forged"}).execute()
    assert err.value.code == "42501"
    assert "row-level security" in err.value.message
    r = httpx.post(f"{stack_settings.url}/rest/v1/{owned}", json={"owner": bob.id, "note": "forged"},
                   headers={"apikey": stack_settings.anon_key, "Authorization": f"Bearer {alice.access_token}",
                            "Prefer": "return=minimal"})
    assert r.status_code == 403 and r.json()["code"] == "42501"
    assert notes_of(db, owned, bob.id) == ["one", "two"]
    res = alice.client.table(owned).insert({"owner": alice.id, "note": "mine"}).execute()
    assert res.data[0]["note"] == "mine"


def test_anon_sees_nothing_and_cannot_write(owned, two_users, anon_client, stack_settings):
    assert anon_client.table(owned).select("*").execute().data == []
    r = httpx.post(f"{stack_settings.url}/rest/v1/{owned}", json={"owner": two_users[0].id},
                   headers={"apikey": stack_settings.anon_key})
    assert r.status_code == 401 and r.json()["code"] == "42501"


def test_service_key_sees_everything(owned, two_users, service_client):
    res = service_client.table(owned).select("owner", count="exact").execute()
    assert res.count == 4
    assert {r["owner"] for r in res.data} == {u.id for u in two_users}


def test_embeds_respect_rls_of_the_embedded_table(owned, two_users, db):
    alice, bob = two_users
    child = f"{owned}_c"
    db.execute(f"""
        create table {child} (id serial primary key, parent_id bigint references {owned}, owner uuid);
        alter table {child} enable row level security;
        create policy "read own" on {child} for select to authenticated using (owner = auth.uid());
        insert into {child} (parent_id, owner) select id, owner from {owned};
        insert into {child} (parent_id, owner) select id, '{bob.id}' from {owned} where owner = '{alice.id}';
    """)
    try:
        res = alice.client.table(owned).select(f"note, {child}(owner)").execute()
        assert len(res.data) == 2
        assert all(c["owner"] == alice.id for row in res.data for c in row[child])
        assert all(len(row[child]) == 1 for row in res.data)  # bob's child rows are filtered out
        assert db.execute(f"select count(*) from {child}").fetchone()[0] == 6
    finally:
        db.execute(f"drop table {child}")


def test_request_claims_are_visible_to_sql(make_user, db):
    user = make_user()
    name = f"rt_whoami_{uuid.uuid4().hex[:6]}"
    db.execute(f"create function {name}() returns json language sql stable as $$"
               " select json_build_object('uid', auth.uid(), 'role', current_user,"
               " 'method', current_setting('request.method', true))$$")
    try:
        res = user.client.rpc(name, {}).execute()
        assert res.data == {"uid": user.id, "role": "authenticated", "method": "POST"}
    finally:
        db.execute(f"drop function {name}")
