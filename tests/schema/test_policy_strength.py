"""The policies pinned down one clause at a time (issue 14), through /rest/v1 and /storage/v1
with a user's token: each test here fails if a USING or WITH CHECK is loosened to `true`, a
resume or folder check is dropped, or a bucket list stops naming exactly our buckets
(`python -m tools.mutation.policies` proves it).

Unfiltered writes use `Prefer: return=minimal`, so no SELECT policy hides what an UPDATE or
DELETE policy let through: only the superuser connection tells which rows changed.
"""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from postgrest.exceptions import APIError
from storage3.exceptions import StorageApiError

from tests.schema.seed_rows import PRODUCT_TABLES, UPDATE_PAYLOAD, USER_WRITTEN_TABLES, seed_user_rows

BUCKETS = ("avatars", "resumes", "interview-recordings", "reports")
SAMPLE = {
    "avatars": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16),
    "resumes": ("application/pdf", b"%PDF-1.7\n% first\n"),
    "interview-recordings": ("audio/webm", b"\x1aE\xdf\xa3" + b"\x00" * 16),
    "reports": ("application/pdf", b"%PDF-1.7\n% first\n"),
}


@pytest.fixture
def alice_and_bob(make_user, db):
    alice, bob = make_user(), make_user()
    return (alice, seed_user_rows(db, alice.id)), (bob, seed_user_rows(db, bob.id))


@pytest.fixture
def rest_as(stack_settings):
    """Raw /rest/v1 for a user: the requests the official client would not send unfiltered."""
    opened = []

    def client(user) -> httpx.Client:
        http = httpx.Client(base_url=f"{stack_settings.url}/rest/v1", timeout=10, headers={
            "apikey": stack_settings.anon_key, "Authorization": f"Bearer {user.access_token}",
            "Prefer": "return=minimal"})
        opened.append(http)
        return http

    yield client
    for http in opened:
        http.close()


def snapshot(db, table: str, row_id: str):
    found = db.execute(f"select to_jsonb(t) from public.{table} t where id = %s", (row_id,)).fetchone()
    return found[0] if found else None


@pytest.mark.parametrize("table", USER_WRITTEN_TABLES)
def test_an_unfiltered_update_changes_only_the_callers_rows(alice_and_bob, db, rest_as, table):
    (alice, alice_rows), (_, bob_rows) = alice_and_bob
    theirs = snapshot(db, table, bob_rows.row_id(table))
    answer = rest_as(alice).patch(f"/{table}", json=UPDATE_PAYLOAD[table])
    assert answer.status_code == 204, answer.text
    assert snapshot(db, table, bob_rows.row_id(table)) == theirs
    changed = db.execute(f"select to_jsonb(t) @> %s::jsonb from public.{table} t where id = %s",
                         (json.dumps(UPDATE_PAYLOAD[table]), alice_rows.row_id(table))).fetchone()[0]
    assert changed is True


@pytest.mark.parametrize("table", PRODUCT_TABLES)
def test_an_unfiltered_delete_removes_only_the_callers_rows(alice_and_bob, db, rest_as, table):
    """Profiles go with the account only, so there nothing is removed at all."""
    (alice, alice_rows), (_, bob_rows) = alice_and_bob
    answer = rest_as(alice).delete(f"/{table}")
    assert answer.status_code == 204, answer.text
    assert snapshot(db, table, bob_rows.row_id(table)) is not None
    assert (snapshot(db, table, alice_rows.row_id(table)) is None) == (table != "profiles")


@pytest.mark.parametrize(
    ("table", "column", "target"),
    [
        ("profiles", "id", "user_id"),
        ("resumes", "user_id", "user_id"),
        ("questions", "owner_id", "user_id"),
    ],
)
def test_own_row_cannot_be_moved_to_another_owner(alice_and_bob, db, rest_as, table, column, target):
    """Where the owning column is still updatable, the policy's WITH CHECK is what refuses it.

    Unfiltered, so Postgres does not also hold the new row to the SELECT policy (it does for
    an UPDATE that reads columns), which would hide a WITH CHECK gone missing.
    """
    (alice, alice_rows), (_, bob_rows) = alice_and_bob
    before = snapshot(db, table, alice_rows.row_id(table))
    answer = rest_as(alice).patch(f"/{table}", json={column: getattr(bob_rows, target)})
    assert answer.status_code == 403, answer.text
    assert answer.json()["code"] == "42501" and "row-level security" in answer.json()["message"]
    assert snapshot(db, table, alice_rows.row_id(table)) == before


def test_an_interview_links_only_the_callers_own_resume(alice_and_bob, db):
    """Refused by the insert policy (42501), before the resume foreign key is even asked."""
    (alice, alice_rows), (_, bob_rows) = alice_and_bob
    [mine] = alice.client.table("interviews").insert(
        {"user_id": alice.id, "resume_id": alice_rows.resume_id, "job_role": "dev"}).execute().data
    assert mine["resume_id"] == alice_rows.resume_id
    with pytest.raises(APIError) as refused:
        alice.client.table("interviews").insert(
            {"user_id": alice.id, "resume_id": bob_rows.resume_id, "job_role": "dev"}).execute()
    assert refused.value.code == "42501" and "row-level security" in refused.value.message
    assert db.execute("select count(*) from public.interviews where resume_id = %s",
                      (bob_rows.resume_id,)).fetchone()[0] == 1


def test_an_interview_without_a_resume_can_be_renamed(make_user, db):
    alice = make_user()
    [created] = alice.client.table("interviews").insert({"user_id": alice.id, "job_role": "dev"}).execute().data
    assert created["resume_id"] is None
    [renamed] = alice.client.table("interviews").update({"title": "No CV"}).eq("id", created["id"]).execute().data
    assert renamed["title"] == "No CV"


# -- storage ----------------------------------------------------------------------------------


def object_body(db, bucket: str, name: str) -> int:
    """How many objects of that name the bucket holds (0 or 1), seen by the superuser."""
    found = db.execute("select count(*) from storage.objects where bucket_id = %s and name = %s",
                       (bucket, name)).fetchone()
    return found[0]


@pytest.mark.parametrize("bucket", BUCKETS)
def test_owner_replaces_and_removes_objects_in_own_folder(make_user, bucket):
    alice = make_user()
    files = alice.client.storage.from_(bucket)
    content_type, body = SAMPLE[bucket]
    name = f"{alice.id}/{uuid.uuid4()}.bin"
    files.upload(name, body, {"content-type": content_type})
    files.upload(name, body + b"second", {"content-type": content_type, "upsert": "true"})
    assert files.download(name) == body + b"second"
    files.update(name, body + b"third", {"content-type": content_type})
    assert files.download(name) == body + b"third"
    files.remove([name])
    with pytest.raises(StorageApiError):
        files.download(name)


@pytest.mark.parametrize("bucket", BUCKETS)
def test_nobody_replaces_an_object_in_another_users_folder(make_user, service_client, bucket):
    alice, bob = make_user(), make_user()
    content_type, body = SAMPLE[bucket]
    name = f"{bob.id}/{uuid.uuid4()}.bin"
    bob.client.storage.from_(bucket).upload(name, body, {"content-type": content_type})
    theirs = alice.client.storage.from_(bucket)
    with pytest.raises(StorageApiError):
        theirs.upload(name, body + b"forged", {"content-type": content_type, "upsert": "true"})
    with pytest.raises(StorageApiError):
        theirs.update(name, body + b"forged", {"content-type": content_type})
    theirs.remove([name])
    assert service_client.storage.from_(bucket).download(name) == body


@pytest.fixture
def unnamed_bucket(service_client, db):
    """A bucket our policies do not name (say, one a project made by hand for something else)."""
    bucket = f"other-{uuid.uuid4().hex[:8]}"
    service_client.storage.create_bucket(bucket, options={"public": False})
    yield bucket
    db.execute("delete from storage.objects where bucket_id = %s", (bucket,))
    db.execute("delete from storage.buckets where id = %s", (bucket,))


def test_users_cannot_use_a_bucket_the_policies_do_not_name(make_user, service_client, db, unnamed_bucket):
    alice = make_user()
    mine = f"{alice.id}/planted.txt"
    service_client.storage.from_(unnamed_bucket).upload(mine, b"by the service", {"content-type": "text/plain"})
    files = alice.client.storage.from_(unnamed_bucket)
    with pytest.raises(StorageApiError):
        files.upload(f"{alice.id}/new.txt", b"mine", {"content-type": "text/plain"})
    assert object_body(db, unnamed_bucket, f"{alice.id}/new.txt") == 0
    with pytest.raises(StorageApiError):
        files.download(mine)
    with pytest.raises(StorageApiError):
        files.update(mine, b"overwritten", {"content-type": "text/plain"})
    files.remove([mine])
    assert service_client.storage.from_(unnamed_bucket).download(mine) == b"by the service"


def test_signed_out_visitors_read_avatars_through_the_object_endpoints(make_user, anon_client, stack_settings):
    """Not only the public URL: the object endpoints and a listing answer anon too (the read policy names it)."""
    alice = make_user()
    name = f"{alice.id}/avatar.png"
    alice.client.storage.from_("avatars").upload(name, SAMPLE["avatars"][1], {"content-type": "image/png"})
    anon = {"apikey": stack_settings.anon_key, "Authorization": f"Bearer {stack_settings.anon_key}"}
    for endpoint in ("object", "object/authenticated"):
        answer = httpx.get(f"{stack_settings.url}/storage/v1/{endpoint}/avatars/{name}", headers=anon, timeout=10)
        assert answer.status_code == 200 and answer.content == SAMPLE["avatars"][1], endpoint
    assert [o["name"] for o in anon_client.storage.from_("avatars").list(alice.id)] == ["avatar.png"]


def move(stack_settings, user, bucket: str, source: str, dest_bucket: str, dest: str) -> httpx.Response:
    """POST /object/move as the user, across buckets when `dest_bucket` differs."""
    return httpx.post(
        f"{stack_settings.url}/storage/v1/object/move", timeout=10,
        headers={"apikey": stack_settings.anon_key, "Authorization": f"Bearer {user.access_token}"},
        json={"bucketId": bucket, "sourceKey": source, "destinationBucket": dest_bucket, "destinationKey": dest},
    )


def test_a_readable_avatar_cannot_be_moved_out_of_its_owners_folder(make_user, db, stack_settings):
    """Everyone reads avatars, so only the update policy's USING keeps Bob's avatar his."""
    alice, bob = make_user(), make_user()
    name = f"{bob.id}/avatar.png"
    bob.client.storage.from_("avatars").upload(name, SAMPLE["avatars"][1], {"content-type": "image/png"})
    answer = move(stack_settings, alice, "avatars", name, "avatars", f"{alice.id}/taken.png")
    assert answer.status_code in (400, 403, 404), answer.text
    assert object_body(db, "avatars", name) == 1 and object_body(db, "avatars", f"{alice.id}/taken.png") == 0


@pytest.mark.parametrize("bucket", ("avatars", "resumes"))
def test_own_object_cannot_be_moved_into_another_users_folder(make_user, db, stack_settings, bucket):
    alice, bob = make_user(), make_user()
    content_type, body = SAMPLE[bucket]
    name, dest = f"{alice.id}/{uuid.uuid4()}.bin", f"{bob.id}/{uuid.uuid4()}.bin"
    alice.client.storage.from_(bucket).upload(name, body, {"content-type": content_type})
    answer = move(stack_settings, alice, bucket, name, bucket, dest)
    assert answer.status_code in (400, 403), answer.text
    assert object_body(db, bucket, name) == 1 and object_body(db, bucket, dest) == 0


def test_objects_move_neither_into_nor_out_of_a_bucket_the_policies_do_not_name(
        make_user, service_client, db, stack_settings, unnamed_bucket):
    alice = make_user()
    content_type, body = SAMPLE["resumes"]
    resume = f"{alice.id}/cv.pdf"
    alice.client.storage.from_("resumes").upload(resume, body, {"content-type": content_type})
    answer = move(stack_settings, alice, "resumes", resume, unnamed_bucket, resume)
    assert answer.status_code in (400, 403), answer.text
    assert object_body(db, "resumes", resume) == 1 and object_body(db, unnamed_bucket, resume) == 0
    planted = f"{alice.id}/planted.pdf"
    service_client.storage.from_(unnamed_bucket).upload(planted, body, {"content-type": content_type})
    answer = move(stack_settings, alice, unnamed_bucket, planted, "resumes", planted)
    assert answer.status_code in (400, 403, 404), answer.text
    assert object_body(db, unnamed_bucket, planted) == 1 and object_body(db, "resumes", planted) == 0
