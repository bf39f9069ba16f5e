"""The product's buckets and storage.objects policies through /storage/v1 with the official
client: objects live under `{user_id}/...`, only their owner (or the service role) reaches
them; avatars are public; each bucket's size and MIME limits hold."""

from __future__ import annotations

import uuid

import httpx
import pytest
from storage3.exceptions import StorageApiError

from tests.schema.seed_rows import PRIVATE_BUCKETS

# A content type each bucket accepts, and a small body for it.
SAMPLE = {
    "avatars": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "resumes": ("application/pdf", b"%PDF-1.7\n% resume\n"),
    "interview-recordings": ("audio/webm", b"\x1aE\xdf\xa3" + b"\x00" * 64),
    "reports": ("application/pdf", b"%PDF-1.7\n% report\n"),
}


def upload(client, bucket: str, path: str, body: bytes | None = None, content_type: str | None = None):
    default_type, default_body = SAMPLE[bucket]
    return client.storage.from_(bucket).upload(
        path, default_body if body is None else body,
        file_options={"content-type": content_type or default_type},
    )


def object_exists(db, bucket: str, name: str) -> bool:
    return db.execute("select count(*) from storage.objects where bucket_id = %s and name = %s",
                      (bucket, name)).fetchone()[0] == 1


def test_buckets_and_their_limits(db):
    rows = db.execute(
        "select id, public, file_size_limit, allowed_mime_types from storage.buckets"
        " where id in ('avatars', 'resumes', 'interview-recordings', 'reports') order by id"
    ).fetchall()
    assert [(r[0], r[1]) for r in rows] == [
        ("avatars", True), ("interview-recordings", False), ("reports", False), ("resumes", False)]
    assert all(r[2] and r[3] for r in rows)


@pytest.mark.parametrize("bucket", PRIVATE_BUCKETS + ("avatars",))
def test_user_cannot_write_into_other_users_folder(make_user, db, bucket):
    alice, bob = make_user(), make_user()
    name = f"{bob.id}/{uuid.uuid4()}.bin"
    with pytest.raises(StorageApiError) as denied:
        upload(alice.client, bucket, name)
    assert str(denied.value.status) == "403"
    assert not object_exists(db, bucket, name)
    # outside any user folder is refused too
    with pytest.raises(StorageApiError):
        upload(alice.client, bucket, f"loose-{uuid.uuid4()}.bin")


@pytest.mark.parametrize("bucket", PRIVATE_BUCKETS)
def test_user_cannot_read_list_sign_or_remove_other_users_objects(make_user, db, bucket):
    alice, bob = make_user(), make_user()
    name = f"{bob.id}/{uuid.uuid4()}.bin"
    upload(bob.client, bucket, name)
    assert object_exists(db, bucket, name)
    assert bob.client.storage.from_(bucket).download(name) == SAMPLE[bucket][1]

    with pytest.raises(StorageApiError):
        alice.client.storage.from_(bucket).download(name)
    assert alice.client.storage.from_(bucket).list(bob.id) == []
    with pytest.raises(StorageApiError):
        alice.client.storage.from_(bucket).create_signed_url(name, 60)
    alice.client.storage.from_(bucket).remove([name])
    assert object_exists(db, bucket, name)
    with pytest.raises(StorageApiError):
        alice.client.storage.from_(bucket).update(name, b"overwritten", {"content-type": SAMPLE[bucket][0]})
    assert bob.client.storage.from_(bucket).download(name) == SAMPLE[bucket][1]
    with pytest.raises(StorageApiError):
        alice.client.storage.from_(bucket).move(name, f"{alice.id}/taken.bin")
    assert object_exists(db, bucket, name)


@pytest.mark.parametrize("bucket", PRIVATE_BUCKETS)
def test_owner_and_service_role_reach_private_objects(make_user, service_client, bucket):
    alice = make_user()
    name = f"{alice.id}/{uuid.uuid4()}.bin"
    upload(alice.client, bucket, name)
    assert [o["name"] for o in alice.client.storage.from_(bucket).list(alice.id)] == [name.split("/", 1)[1]]
    assert service_client.storage.from_(bucket).download(name) == SAMPLE[bucket][1]
    alice.client.storage.from_(bucket).remove([name])
    with pytest.raises(StorageApiError):
        alice.client.storage.from_(bucket).download(name)


def test_signed_out_visitors_cannot_read_private_objects(make_user, anon_client, stack_settings):
    alice = make_user()
    name = f"{alice.id}/{uuid.uuid4()}.pdf"
    upload(alice.client, "resumes", name)
    with pytest.raises(StorageApiError):
        anon_client.storage.from_("resumes").download(name)
    public = httpx.get(f"{stack_settings.url}/storage/v1/object/public/resumes/{name}")
    assert public.status_code == 400 and public.json()["statusCode"] in ("400", "404")


def test_avatars_are_publicly_readable(make_user, anon_client, stack_settings):
    alice, bob = make_user(), make_user()
    name = f"{alice.id}/avatar.png"
    upload(alice.client, "avatars", name)
    url = alice.client.storage.from_("avatars").get_public_url(name)
    response = httpx.get(url)
    assert response.status_code == 200 and response.content == SAMPLE["avatars"][1]
    assert bob.client.storage.from_("avatars").download(name) == SAMPLE["avatars"][1]
    assert anon_client.storage.from_("avatars").download(name) == SAMPLE["avatars"][1]
    # readable by all, still writable only by its owner
    with pytest.raises(StorageApiError):
        bob.client.storage.from_("avatars").update(name, SAMPLE["avatars"][1], {"content-type": "image/png"})
    bob.client.storage.from_("avatars").remove([name])
    assert httpx.get(url).status_code == 200


@pytest.mark.parametrize(
    ("bucket", "content_type"),
    [
        ("avatars", "text/html"),
        ("resumes", "image/png"),
        ("interview-recordings", "application/pdf"),
        ("reports", "text/plain"),
    ],
)
def test_bucket_mime_limits_are_enforced(make_user, db, bucket, content_type):
    alice = make_user()
    name = f"{alice.id}/{uuid.uuid4()}.bin"
    with pytest.raises(StorageApiError) as refused:
        upload(alice.client, bucket, name, content_type=content_type)
    assert str(refused.value.status) == "415"
    assert "mime type" in refused.value.message
    assert not object_exists(db, bucket, name)


def test_bucket_size_limit_is_enforced(make_user, db):
    alice = make_user()
    limit = db.execute("select file_size_limit from storage.buckets where id = 'avatars'").fetchone()[0]
    name = f"{alice.id}/{uuid.uuid4()}.png"
    with pytest.raises(StorageApiError) as refused:
        upload(alice.client, "avatars", name, body=b"\x89PNG" + b"\x00" * limit)
    assert str(refused.value.status) == "413"
    assert not object_exists(db, "avatars", name)
    upload(alice.client, "avatars", name, body=b"\x89PNG" + b"\x00" * (limit - 4))
    assert object_exists(db, "avatars", name)


@pytest.mark.parametrize("trick", ["{a}/%2e%2e/{b}/evil.pdf", "{a}/..%2f{b}%2fevil.pdf", "{a}%2f..%2f{b}%2fevil.pdf"])
def test_dot_segments_cannot_climb_into_another_users_folder(make_user, db, stack_settings, trick):
    """Sent raw (the official client refuses such keys itself): the server must refuse them too."""
    alice, bob = make_user(), make_user()
    response = httpx.post(
        f"{stack_settings.url}/storage/v1/object/resumes/{trick.format(a=alice.id, b=bob.id)}",
        content=SAMPLE["resumes"][1],
        headers={"Authorization": f"Bearer {alice.access_token}", "apikey": stack_settings.anon_key,
                 "Content-Type": "application/pdf"},
    )
    assert response.status_code == 400 and response.json()["error"] == "InvalidKey"
    assert db.execute("select count(*) from storage.objects where bucket_id = 'resumes' and name like %s",
                      (f"%{bob.id}%",)).fetchone()[0] == 0
