"""The local /storage/v1 through the official client (and raw HTTP where the wire matters).

Every test makes its own buckets (and, where users are involved, its own storage.objects
policies on those buckets), checks what the client returns, what HTTP carries, which
rows storage.objects holds and which bytes are on disk, and tries to break the rules.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest
from storage3.exceptions import StorageApiError
from storage3.types import CreateSignedUploadUrlOptions

from backend.local_supabase.storage.uploads import MULTIPART_OVERHEAD
from tests.local_supabase.raw_http import RawResponse, chunked, raw_exchange

BINARY = bytes(range(256)) * 4 + b"\x00tail\xff"


# Fixtures -------------------------------------------------------------------------------


@pytest.fixture
def storage_root(local_stack) -> Path:
    return local_stack.ctx.storage_root


@pytest.fixture
def new_bucket(service_client, db) -> Iterator:
    """Factory of uniquely named buckets, removed (objects, policies, bucket) afterwards."""
    created: list[str] = []

    def _make(public: bool = False, **options) -> str:
        bucket_id = f"t-{uuid.uuid4().hex[:10]}"
        service_client.storage.create_bucket(bucket_id, options={"public": public, **options})
        created.append(bucket_id)
        return bucket_id

    yield _make
    for bucket_id in created:
        for (policy,) in db.execute(
            "select policyname from pg_policies where schemaname = 'storage'"
            " and tablename = 'objects' and policyname like %s",
            (f"{bucket_id}:%",),
        ).fetchall():
            db.execute(f'drop policy "{policy}" on storage.objects')
        db.execute("delete from storage.objects where bucket_id = %s", (bucket_id,))
        db.execute("delete from storage.buckets where id = %s", (bucket_id,))


def own_folder_policies(db, bucket_id: str) -> None:
    """Authenticated users may read/write/delete only under `<their uid>/` in this bucket."""
    rule = f"bucket_id = '{bucket_id}' and (storage.foldername(name))[1] = auth.uid()::text"
    for command, clause in (
        ("select", f"using ({rule})"),
        ("insert", f"with check ({rule})"),
        ("update", f"using ({rule}) with check ({rule})"),
        ("delete", f"using ({rule})"),
    ):
        db.execute(
            f'create policy "{bucket_id}: {command} own" on storage.objects'
            f" for {command} to authenticated {clause}"
        )


def object_row(db, bucket_id: str, name: str) -> dict | None:
    row = db.execute(
        "select id::text, owner::text, owner_id, version, metadata, user_metadata"
        " from storage.objects where bucket_id = %s and name = %s",
        (bucket_id, name),
    ).fetchone()
    if row is None:
        return None
    keys = ("id", "owner", "owner_id", "version", "metadata", "user_metadata")
    return dict(zip(keys, row, strict=True))


def files_in(root: Path, bucket_id: str) -> list[Path]:
    directory = root / bucket_id
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


def api(stack_settings, token: str | None = None) -> httpx.Client:
    """Raw HTTP to /storage/v1 with the anon key (and a user's token when given)."""
    headers = {"apikey": stack_settings.anon_key}
    headers["Authorization"] = f"Bearer {token or stack_settings.anon_key}"
    return httpx.Client(base_url=f"{stack_settings.url}/storage/v1", headers=headers, timeout=30)


def service_api(stack_settings) -> httpx.Client:
    return api(stack_settings, stack_settings.service_key)


def error_of(excinfo) -> tuple[str, str, str]:
    exc = excinfo.value
    return str(exc.status), exc.code, exc.message


# Round trips ---------------------------------------------------------------------------


def test_upload_download_exact_bytes_with_row_and_file(service_client, new_bucket, db, storage_root,
                                                       stack_settings):
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    result = bucket.upload("docs/data.bin", BINARY, {"content-type": "application/octet-stream",
                                                    "cache-control": "120"})
    assert result.full_path == f"{bucket_id}/docs/data.bin"

    assert bucket.download("docs/data.bin") == BINARY
    row = object_row(db, bucket_id, "docs/data.bin")
    assert row["metadata"]["size"] == len(BINARY)
    assert row["metadata"]["mimetype"] == "application/octet-stream"
    assert row["metadata"]["cacheControl"] == "max-age=120"
    assert row["metadata"]["eTag"] == f'"{hashlib.md5(BINARY).hexdigest()}"'
    assert files_in(storage_root, bucket_id) == [storage_root / bucket_id / row["version"]]
    assert (storage_root / bucket_id / row["version"]).read_bytes() == BINARY

    with service_api(stack_settings) as client:
        response = client.get(f"/object/{bucket_id}/docs/data.bin")
    assert response.status_code == 200
    assert response.content == BINARY
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-length"] == str(len(BINARY))
    assert response.headers["etag"] == row["metadata"]["eTag"]
    assert response.headers["cache-control"] == "max-age=120"
    assert response.headers["last-modified"].endswith("GMT")
    assert response.headers["accept-ranges"] == "bytes"

    info = bucket.info("docs/data.bin")
    assert info["name"] == "docs/data.bin" and info["size"] == len(BINARY)
    assert info["id"] == row["id"]
    assert bucket.exists("docs/data.bin") and not bucket.exists("docs/missing.bin")


def test_raw_body_upload_with_base64_metadata(new_bucket, stack_settings, service_client):
    bucket_id = new_bucket()
    metadata = {"purpose": "resume", "pages": 2}
    with service_api(stack_settings) as client:
        response = client.post(
            f"/object/{bucket_id}/raw/report.pdf", content=b"%PDF-1.7 raw",
            headers={"content-type": "application/pdf", "cache-control": "max-age=60",
                     "x-metadata": base64.b64encode(json.dumps(metadata).encode()).decode()},
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["Key"] == f"{bucket_id}/raw/report.pdf" and uuid.UUID(body["Id"])
    info = service_client.storage.from_(bucket_id).info("raw/report.pdf")
    assert info["metadata"] == metadata
    assert info["content_type"] == "application/pdf"
    assert info["cache_control"] == "max-age=60"


def test_upload_without_metadata_has_empty_metadata(new_bucket, stack_settings, service_client, db):
    """Supabase Storage stores `{}` as the user metadata of an upload that sends none, so
    info answers `"metadata": {}`, not null (multipart and raw bodies alike)."""
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("plain.txt", b"plain", {"content-type": "text/plain"})
    with service_api(stack_settings) as client:
        response = client.post(f"/object/{bucket_id}/raw.bin", content=b"raw",
                               headers={"content-type": "application/octet-stream"})
    assert response.status_code == 200, response.text
    for name in ("plain.txt", "raw.bin"):
        assert bucket.info(name)["metadata"] == {}
    stored = db.execute("select name, user_metadata from storage.objects where bucket_id = %s order by name",
                        (bucket_id,)).fetchall()
    assert stored == [("plain.txt", {}), ("raw.bin", {})]


def test_multipart_custom_metadata_is_kept(service_client, new_bucket):
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("m.txt", b"meta", {"content-type": "text/plain", "metadata": {"a": "1"}})
    assert bucket.info("m.txt")["metadata"] == {"a": "1"}


def test_duplicate_without_upsert_is_409_and_upsert_replaces(service_client, new_bucket, db,
                                                              storage_root, stack_settings):
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("f.txt", b"first", {"content-type": "text/plain"})
    first = object_row(db, bucket_id, "f.txt")

    with pytest.raises(StorageApiError) as excinfo:
        bucket.upload("f.txt", b"second", {"content-type": "text/plain"})
    assert error_of(excinfo) == ("409", "Duplicate", "The resource already exists")
    assert bucket.download("f.txt") == b"first"
    with service_api(stack_settings) as client:  # Supabase answers HTTP 400, statusCode "409"
        raw = client.post(f"/object/{bucket_id}/f.txt", content=b"x", headers={"content-type": "text/plain"})
    assert raw.status_code == 400 and raw.json()["statusCode"] == "409"

    bucket.upload("f.txt", b"second", {"content-type": "text/plain", "upsert": "true"})
    second = object_row(db, bucket_id, "f.txt")
    assert bucket.download("f.txt") == b"second"
    assert second["id"] == first["id"] and second["version"] != first["version"]
    assert files_in(storage_root, bucket_id) == [storage_root / bucket_id / second["version"]]

    bucket.update("f.txt", b"third", {"content-type": "text/markdown"})
    assert bucket.download("f.txt") == b"third"
    assert object_row(db, bucket_id, "f.txt")["metadata"]["mimetype"] == "text/markdown"
    assert len(files_in(storage_root, bucket_id)) == 1


def test_list_folders_files_sorting_paging_and_search(service_client, new_bucket):
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    for name in ("top.txt", "a/one.txt", "a/two.txt", "a/deep/three.txt", "b/x.txt", "A-file.txt"):
        bucket.upload(name, name.encode(), {"content-type": "text/plain"})

    root = bucket.list()
    assert [(e["name"], e["id"] is None) for e in root] == [  # lower(name) in "C" order
        ("A-file.txt", False), ("a", True), ("b", True), ("top.txt", False),
    ]
    folder = bucket.list("a")
    assert [e["name"] for e in folder] == ["deep", "one.txt", "two.txt"]
    assert folder[1]["metadata"]["size"] == len(b"a/one.txt")
    assert [e["name"] for e in bucket.list("a/", {"limit": 1, "offset": 1})] == ["one.txt"]
    assert [e["name"] for e in bucket.list("a", {"sortBy": {"column": "name", "order": "desc"}})] == [
        "two.txt", "one.txt", "deep",
    ]
    assert [e["name"] for e in bucket.list("a", {"search": "tw"})] == ["two.txt"]
    by_time = bucket.list("a", {"sortBy": {"column": "created_at", "order": "desc"}})
    assert [e["name"] for e in by_time] == ["deep", "two.txt", "one.txt"]  # folders first
    assert bucket.list("nothing-here") == []


def test_remove_returns_deleted_rows_and_deletes_bytes(service_client, new_bucket, db, storage_root):
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("r/1.txt", b"1", {"content-type": "text/plain"})
    bucket.upload("r/2.txt", b"2", {"content-type": "text/plain"})
    bucket.upload("r/keep.txt", b"k", {"content-type": "text/plain"})

    removed = bucket.remove(["r/1.txt", "r/2.txt", "r/not-there.txt"])
    assert sorted(r["name"] for r in removed) == ["r/1.txt", "r/2.txt"]
    assert all(r["bucket_id"] == bucket_id and r["metadata"]["size"] == 1 for r in removed)
    assert object_row(db, bucket_id, "r/1.txt") is None
    keep = object_row(db, bucket_id, "r/keep.txt")
    assert files_in(storage_root, bucket_id) == [storage_root / bucket_id / keep["version"]]


def test_move_and_copy_within_and_across_buckets(service_client, new_bucket, db, storage_root):
    bucket_id, other_id = new_bucket(), new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("src/a.bin", BINARY, {"content-type": "application/x-test", "metadata": {"k": "v"}})
    original = object_row(db, bucket_id, "src/a.bin")

    copied = bucket.copy("src/a.bin", "dst/b.bin")
    assert copied["Key"] == f"{bucket_id}/dst/b.bin"
    assert bucket.download("dst/b.bin") == BINARY == bucket.download("src/a.bin")
    copy_row = object_row(db, bucket_id, "dst/b.bin")
    assert copy_row["metadata"]["mimetype"] == "application/x-test"
    assert copy_row["user_metadata"] == {"k": "v"} and copy_row["version"] != original["version"]
    with pytest.raises(StorageApiError) as excinfo:
        bucket.copy("src/a.bin", "dst/b.bin")
    assert error_of(excinfo)[0] == "409"

    moved = bucket.move("src/a.bin", "moved/c.bin")
    assert moved["message"] == "Successfully moved"
    assert object_row(db, bucket_id, "src/a.bin") is None
    assert object_row(db, bucket_id, "moved/c.bin")["id"] == original["id"]
    assert bucket.download("moved/c.bin") == BINARY
    with pytest.raises(StorageApiError) as excinfo:
        bucket.move("src/a.bin", "moved/d.bin")
    assert error_of(excinfo) == ("404", "not_found", "Object not found")

    with httpx.Client() as client:  # across buckets: destinationBucket
        response = client.post(
            f"{service_client.storage_url}object/move",
            headers={"Authorization": f"Bearer {service_client.supabase_key}",
                     "apikey": service_client.supabase_key},
            json={"bucketId": bucket_id, "sourceKey": "moved/c.bin", "destinationBucket": other_id,
                  "destinationKey": "there/c.bin"},
        )
    assert response.status_code == 200, response.text
    assert service_client.storage.from_(other_id).download("there/c.bin") == BINARY
    moved_row = object_row(db, other_id, "there/c.bin")
    assert files_in(storage_root, other_id) == [storage_root / other_id / moved_row["version"]]
    assert files_in(storage_root, bucket_id) == [storage_root / bucket_id / copy_row["version"]]


# Signed URLs ---------------------------------------------------------------------------


def test_signed_url_round_trip_download_and_batch(service_client, new_bucket):
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("s/file.bin", BINARY, {"content-type": "application/octet-stream"})
    bucket.upload("s/other.txt", b"other", {"content-type": "text/plain"})

    signed = bucket.create_signed_url("s/file.bin", 60)
    response = httpx.get(signed["signedURL"])
    assert response.status_code == 200 and response.content == BINARY
    assert "expires" in response.headers and "cache-control" not in response.headers

    named = bucket.create_signed_url("s/file.bin", 60, {"download": "my file.bin"})
    response = httpx.get(named["signedURL"])
    assert response.headers["content-disposition"] == (
        "attachment; filename=my%20file.bin; filename*=UTF-8''my%20file.bin"
    )
    assert httpx.get(bucket.create_signed_url("s/file.bin", 60, {"download": True})["signedURL"]
                     ).headers["content-disposition"] == "attachment;"

    batch = bucket.create_signed_urls(["s/file.bin", "s/other.txt", "s/missing"], 60)
    assert [item["error"] for item in batch] == [
        None, None, "Either the object does not exist or you do not have access to it",
    ]
    assert httpx.get(batch[1]["signedURL"]).content == b"other"

    with pytest.raises(StorageApiError) as excinfo:
        bucket.create_signed_url("s/missing", 60)
    assert error_of(excinfo) == ("404", "not_found", "Object not found")


def _token(url: str) -> str:
    return httpx.URL(url).params["token"]


def test_expired_tampered_and_misdirected_signed_urls_are_refused(service_client, new_bucket,
                                                                   local_stack, stack_settings):
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("s/a.txt", b"secret a", {"content-type": "text/plain"})
    bucket.upload("s/b.txt", b"secret b", {"content-type": "text/plain"})
    base = f"{stack_settings.url}/storage/v1/object/sign/{bucket_id}"
    token = _token(bucket.create_signed_url("s/a.txt", 60)["signedURL"])
    secret = local_stack.ctx.keys.jwt_secret

    def fetch(path: str, tok: str) -> httpx.Response:
        return httpx.get(f"{base}/{path}", params={"token": tok})

    assert fetch("s/a.txt", token).content == b"secret a"

    expired = jwt.encode({"url": f"{bucket_id}/s/a.txt", "scope": "download", "iat": 1,
                          "exp": int(time.time()) - 5}, secret, algorithm="HS256")
    response = fetch("s/a.txt", expired)
    assert response.status_code == 400 and response.json()["message"] == "jwt expired"

    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["url"] = f"{bucket_id}/s/b.txt"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    response = fetch("s/b.txt", f"{header}.{forged}.{signature}")
    assert response.status_code == 400 and response.json()["code"] == "InvalidJWT"
    assert b"secret" not in response.content

    response = fetch("s/b.txt", token)  # valid token, other object
    assert response.status_code == 400 and response.json()["code"] == "InvalidSignature"

    wrong_key = jwt.encode({"url": f"{bucket_id}/s/a.txt", "scope": "download",
                            "exp": int(time.time()) + 60}, "not-the-secret" * 4, algorithm="HS256")
    assert fetch("s/a.txt", wrong_key).json()["code"] == "InvalidJWT"
    assert fetch("s/a.txt", stack_settings.anon_key).json()["code"] == "InvalidSignature"
    assert httpx.get(f"{base}/s/a.txt").status_code == 400

    upload_token = bucket.create_signed_upload_url("s/c.txt")["token"]
    response = fetch("s/c.txt", upload_token)
    assert response.json()["message"] == "Token is not scoped for download"


def test_signed_upload_url(service_client, new_bucket, db, make_user):
    bucket_id = new_bucket()
    own_folder_policies(db, bucket_id)
    user = make_user()
    bucket = user.client.storage.from_(bucket_id)

    signed = bucket.create_signed_upload_url(f"{user.id}/up.txt")
    assert signed["signed_url"].startswith(
        f"{service_client.storage_url}object/upload/sign/{bucket_id}/{user.id}/up.txt?token="
    )
    anon = httpx.put(signed["signed_url"], content=b"via signed url",
                     headers={"content-type": "text/plain"})
    assert anon.status_code == 200 and anon.json() == {"Key": f"{bucket_id}/{user.id}/up.txt"}
    assert bucket.download(f"{user.id}/up.txt") == b"via signed url"
    assert object_row(db, bucket_id, f"{user.id}/up.txt")["owner"] == user.id

    again = httpx.put(signed["signed_url"], content=b"again", headers={"content-type": "text/plain"})
    assert again.json()["statusCode"] == "409"  # the token did not ask for upsert

    with pytest.raises(StorageApiError) as excinfo:  # RLS checked when signing
        bucket.create_signed_upload_url("someone-else/up.txt")
    assert error_of(excinfo) == ("403", "Unauthorized", "new row violates row-level security policy")

    other = httpx.put(signed["signed_url"].replace("/up.txt?", "/other.txt?"), content=b"x")
    assert other.json()["code"] == "InvalidSignature"


# Authorization -------------------------------------------------------------------------


def test_users_are_confined_to_their_folder(new_bucket, db, make_user, storage_root, stack_settings,
                                            service_client):
    bucket_id = new_bucket()
    own_folder_policies(db, bucket_id)
    alice, bob = make_user(), make_user()
    mine = alice.client.storage.from_(bucket_id)
    mine.upload(f"{alice.id}/cv.txt", b"alice cv", {"content-type": "text/plain"})
    bob.client.storage.from_(bucket_id).upload(f"{bob.id}/cv.txt", b"bob cv", {"content-type": "text/plain"})
    assert object_row(db, bucket_id, f"{alice.id}/cv.txt")["owner"] == alice.id
    files_before = files_in(storage_root, bucket_id)

    for path in (f"{bob.id}/evil.txt", "evil.txt", "shared/evil.txt"):
        with pytest.raises(StorageApiError) as excinfo:
            mine.upload(path, b"evil", {"content-type": "text/plain"})
        assert error_of(excinfo) == ("403", "Unauthorized", "new row violates row-level security policy")
    with pytest.raises(StorageApiError) as excinfo:  # overwrite someone else's object
        mine.upload(f"{bob.id}/cv.txt", b"evil", {"content-type": "text/plain", "upsert": "true"})
    assert error_of(excinfo)[0] == "403"
    assert files_in(storage_root, bucket_id) == files_before  # denied bytes never stay

    with pytest.raises(StorageApiError) as excinfo:
        mine.download(f"{bob.id}/cv.txt")
    assert error_of(excinfo) == ("404", "not_found", "Object not found")
    with pytest.raises(StorageApiError):
        mine.create_signed_url(f"{bob.id}/cv.txt", 60)
    assert mine.list(bob.id) == []
    assert [e["name"] for e in mine.list(alice.id)] == ["cv.txt"]
    assert mine.remove([f"{bob.id}/cv.txt"]) == []
    with pytest.raises(StorageApiError):
        mine.move(f"{bob.id}/cv.txt", f"{alice.id}/stolen.txt")
    with pytest.raises(StorageApiError):
        mine.copy(f"{bob.id}/cv.txt", f"{alice.id}/stolen.txt")
    with pytest.raises(StorageApiError) as excinfo:
        mine.move(f"{alice.id}/cv.txt", f"{bob.id}/gift.txt")
    assert error_of(excinfo)[0] == "403"
    assert service_client.storage.from_(bucket_id).download(f"{bob.id}/cv.txt") == b"bob cv"
    assert mine.download(f"{alice.id}/cv.txt") == b"alice cv"

    with api(stack_settings) as anon:  # anon key, private bucket
        response = anon.get(f"/object/{bucket_id}/{alice.id}/cv.txt")
    assert response.status_code == 400 and response.json()["statusCode"] == "404"
    with httpx.Client() as bare:  # no credentials at all
        response = bare.get(f"{stack_settings.url}/storage/v1/object/authenticated/{bucket_id}/{alice.id}/cv.txt")
    assert response.json()["statusCode"] == "403"


def test_invalid_jwt_is_refused(new_bucket, stack_settings):
    bucket_id = new_bucket()
    forged = jwt.encode({"role": "service_role", "exp": int(time.time()) + 60}, "x" * 40, algorithm="HS256")
    with api(stack_settings, forged) as client:
        response = client.post(f"/object/list/{bucket_id}", json={"prefix": ""})
        assert response.status_code == 400
        assert response.json()["statusCode"] == "403" and response.json()["error"] == "Unauthorized"
        assert client.get("/bucket").json()["statusCode"] == "403"


def test_public_bucket_is_readable_anonymously_private_is_not(service_client, new_bucket,
                                                               stack_settings):
    public_id, private_id = new_bucket(public=True), new_bucket()
    for bucket_id in (public_id, private_id):
        service_client.storage.from_(bucket_id).upload("p/pic.png", b"\x89PNG data",
                                                       {"content-type": "image/png"})
    url = service_client.storage.from_(public_id).get_public_url("p/pic.png")
    response = httpx.get(url)
    assert response.status_code == 200 and response.content == b"\x89PNG data"
    assert response.headers["content-type"] == "image/png"
    assert httpx.head(url).headers["content-length"] == str(len(b"\x89PNG data"))

    private_url = service_client.storage.from_(private_id).get_public_url("p/pic.png")
    response = httpx.get(private_url)
    assert response.status_code == 400
    assert response.json() == {"statusCode": "404", "code": "NoSuchBucket",
                               "error": "Bucket not found", "message": "Bucket not found"}
    base = f"{stack_settings.url}/storage/v1/object"
    assert httpx.get(f"{base}/{public_id}/p/pic.png").content == b"\x89PNG data"
    assert httpx.get(f"{base}/{private_id}/p/pic.png").json()["statusCode"] == "404"
    assert httpx.get(f"{base}/info/public/{public_id}/p/pic.png").json()["size"] == len(b"\x89PNG data")


def test_html_is_never_served_as_html(service_client, new_bucket):
    bucket_id = new_bucket(public=True)
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("x.html", b"<script>alert(1)</script>", {"content-type": "text/html"})
    assert httpx.get(bucket.get_public_url("x.html")).headers["content-type"] == "text/plain"


# Names and paths -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw_path",
    ["..%2F..%2Fescape.txt", "a/%2E%2E/%2E%2E/escape.txt", "a/%2E/b.txt", "%2Fabs.txt",
     "a/b%00c.txt", "a/b%01c.txt", "a/b%7Fc.txt", "a/%E2%80%AE.txt", "x" * 1100],
    ids=["dotdot", "nested-dotdot", "dot", "absolute", "nul", "control", "del", "unicode-control",
         "too-long"],
)
def test_escaping_and_invalid_names_are_refused(new_bucket, stack_settings, storage_root, raw_path):
    bucket_id = new_bucket()
    outside_before = sorted(p.name for p in storage_root.parent.iterdir())
    with service_api(stack_settings) as client:
        response = client.post(f"/object/{bucket_id}/{raw_path}", content=b"payload",
                               headers={"content-type": "text/plain"})
        assert response.status_code == 400, response.text
        assert response.json()["code"] == "InvalidKey"
        for method in ("GET", "DELETE"):
            assert client.request(method, f"/object/{bucket_id}/{raw_path}").json()["code"] == "InvalidKey"
        response = client.post("/object/sign/" + bucket_id + "/" + raw_path, json={"expiresIn": 60})
        assert response.json()["code"] == "InvalidKey"
        response = client.post("/object/copy", json={"bucketId": bucket_id, "sourceKey": "a",
                                                     "destinationKey": raw_path.replace("%2F", "/")})
        assert response.status_code == 400
    assert files_in(storage_root, bucket_id) == []
    assert sorted(p.name for p in storage_root.parent.iterdir()) == outside_before


def test_newline_in_a_name_never_reaches_storage(new_bucket, stack_settings, storage_root):
    bucket_id = new_bucket()
    with service_api(stack_settings) as client:
        response = client.post(f"/object/{bucket_id}/a/b%0Ac.txt", content=b"payload")
    assert response.status_code in (400, 404)  # the stack's router refuses it before us
    assert files_in(storage_root, bucket_id) == []


def test_escaping_bucket_names_are_refused(service_client, stack_settings, storage_root):
    for name in ("..", ".", "a/b", "x" * 101):
        with pytest.raises(StorageApiError) as excinfo:
            service_client.storage.create_bucket(name)
        assert error_of(excinfo)[0] == "400"
    with service_api(stack_settings) as client:
        response = client.post("/object/%2E%2E/escape.txt", content=b"x")
        assert response.json()["message"] == "Bucket name invalid"
    assert not (storage_root.parent / "escape.txt").exists()


# Limits and ranges ---------------------------------------------------------------------------


def test_mime_and_size_limits(service_client, new_bucket, storage_root, stack_settings):
    bucket_id = new_bucket(file_size_limit=10, allowed_mime_types=["image/*", "application/pdf"])
    bucket = service_client.storage.from_(bucket_id)

    with pytest.raises(StorageApiError) as excinfo:
        bucket.upload("a.txt", b"text", {"content-type": "text/plain"})
    assert error_of(excinfo) == ("415", "invalid_mime_type", "mime type text/plain is not supported")
    with pytest.raises(StorageApiError) as excinfo:
        bucket.upload("big.png", b"x" * 11, {"content-type": "image/png"})
    assert error_of(excinfo) == ("413", "Payload too large", "The object exceeded the maximum allowed size")
    with service_api(stack_settings) as client:
        raw = client.post(f"/object/{bucket_id}/big.pdf", content=b"y" * 50,
                          headers={"content-type": "application/pdf"})
    assert raw.status_code == 400 and raw.json()["statusCode"] == "413"
    assert files_in(storage_root, bucket_id) == []

    bucket.upload("ok.png", b"x" * 10, {"content-type": "image/png"})
    bucket.upload("ok.pdf", b"%PDF", {"content-type": "application/pdf"})
    assert bucket.download("ok.png") == b"x" * 10

    service_client.storage.update_bucket(bucket_id, {"file_size_limit": "1KB", "allowed_mime_types": None})
    bucket.upload("now.txt", b"z" * 1000, {"content-type": "text/plain"})
    with pytest.raises(StorageApiError) as excinfo:
        bucket.upload("toobig.txt", b"z" * 1001, {"content-type": "text/plain"})
    assert error_of(excinfo)[0] == "413"


def test_range_downloads(service_client, new_bucket, stack_settings):
    bucket_id = new_bucket()
    service_client.storage.from_(bucket_id).upload("r.bin", BINARY, {"content-type": "application/octet-stream"})
    size = len(BINARY)
    with service_api(stack_settings) as client:
        path = f"/object/{bucket_id}/r.bin"
        for header, start, end in (("bytes=0-9", 0, 9), ("bytes=10-", 10, size - 1),
                                   ("bytes=-5", size - 5, size - 1), ("bytes=1000-99999", 1000, size - 1)):
            response = client.get(path, headers={"Range": header})
            assert response.status_code == 206, header
            assert response.content == BINARY[start:end + 1]
            assert response.headers["content-range"] == f"bytes {start}-{end}/{size}"
            assert response.headers["content-length"] == str(end - start + 1)
        for header in (f"bytes={size}-", "bytes=9-3", "items=0-1", "bytes=0-1,4-5", "bytes=-0"):
            response = client.get(path, headers={"Range": header})
            assert response.status_code == 416, header
            assert response.json()["statusCode"] == "416"
        etag = client.get(path).headers["etag"]
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304


# Buckets -------------------------------------------------------------------------------------


def test_bucket_lifecycle(service_client, new_bucket, make_user, stack_settings):
    storage = service_client.storage
    bucket_id = new_bucket(file_size_limit="2MB", allowed_mime_types=["image/png"])
    bucket = storage.get_bucket(bucket_id)
    assert (bucket.public, bucket.file_size_limit, bucket.allowed_mime_types) == (False, 2_000_000, ["image/png"])
    assert bucket_id in [b.id for b in storage.list_buckets()]

    with pytest.raises(StorageApiError) as excinfo:
        storage.create_bucket(bucket_id)
    assert error_of(excinfo) == ("409", "Duplicate", "The resource already exists")
    with pytest.raises(StorageApiError) as excinfo:
        storage.get_bucket("no-such-bucket-here")
    assert error_of(excinfo) == ("404", "Bucket not found", "Bucket not found")
    with pytest.raises(StorageApiError) as excinfo:
        storage.create_bucket(f"{bucket_id}-x", options={"allowed_mime_types": ["not a mime"]})
    assert error_of(excinfo)[0] == "415"

    storage.update_bucket(bucket_id, {"public": True})
    assert storage.get_bucket(bucket_id).public is True

    storage.from_(bucket_id).upload("p.png", b"png", {"content-type": "image/png"})
    with pytest.raises(StorageApiError) as excinfo:
        storage.delete_bucket(bucket_id)
    assert error_of(excinfo) == ("409", "ResourceNotEmpty", "The bucket you tried to delete is not empty")

    user = make_user()  # emptying is for the service role only, as on Supabase
    with pytest.raises(StorageApiError) as excinfo:
        user.client.storage.empty_bucket(bucket_id)
    assert error_of(excinfo)[0] == "403"
    with pytest.raises(StorageApiError) as excinfo:  # no bucket policies: RLS refuses users
        user.client.storage.create_bucket(f"{bucket_id}-user")
    assert error_of(excinfo)[0] == "403"
    assert bucket_id not in [b.id for b in user.client.storage.list_buckets()]

    assert storage.empty_bucket(bucket_id) == {"message": "Successfully emptied"}
    assert storage.delete_bucket(bucket_id) == {"message": "Successfully deleted"}
    with pytest.raises(StorageApiError):
        storage.get_bucket(bucket_id)


def test_unknown_route_is_a_storage_error(stack_settings):
    with service_api(stack_settings) as client:
        response = client.get("/nothing/here")
    assert response.status_code == 404
    assert response.json()["statusCode"] == "404" and "message" in response.json()


def test_browser_preflight_and_exposed_headers(new_bucket, service_client, stack_settings):
    bucket_id = new_bucket(public=True)
    service_client.storage.from_(bucket_id).upload("c.txt", b"cors", {"content-type": "text/plain"})
    url = f"{stack_settings.url}/storage/v1/object/{bucket_id}/c.txt"
    preflight = httpx.options(url, headers={
        "Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, apikey, x-upsert, content-type",
    })
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    response = httpx.get(url, headers={"Origin": "http://localhost:5173", "Range": "bytes=0-1"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "content-range" in response.headers["access-control-expose-headers"].lower()


# Behaviours storage-py's own suite exercises (supabase-py src/storage/tests) ---------------


def test_signed_upload_multipart_cache_control_and_leading_slash(service_client, new_bucket):
    bucket = service_client.storage.from_(new_bucket())
    signed = bucket.create_signed_upload_url("/leading/slash.txt")
    assert signed["signed_url"].startswith(f"{service_client.storage_url}object/upload/sign/")
    assert "/leading/slash.txt?token=" in signed["signed_url"]
    bucket.upload_to_signed_url("leading/slash.txt", signed["token"], b"signed bytes",
                                {"cache-control": "3600", "content-type": "text/plain"})
    info = bucket.info("leading/slash.txt")
    assert info["cache_control"] == "max-age=3600" and info["content_type"] == "text/plain"
    assert bucket.download("leading/slash.txt") == b"signed bytes"


def test_signed_url_with_transform_options_still_serves_the_object(service_client, new_bucket):
    bucket = service_client.storage.from_(new_bucket())
    bucket.upload("img.svg", b"<svg/>", {"content-type": "image/svg+xml"})
    signed = bucket.create_signed_url("img.svg", 60, {"transform": {"width": 10, "height": 10}})
    response = httpx.get(signed["signedURL"])  # no image transformation here: the original
    assert response.status_code == 200 and response.content == b"<svg/>"


def test_concurrent_upserts_leave_one_consistent_version(service_client, new_bucket, db, storage_root,
                                                         stack_settings):
    from concurrent.futures import ThreadPoolExecutor

    bucket_id = new_bucket()
    bodies = [bytes([i]) * (1000 + i) for i in range(8)]

    def upsert(body: bytes) -> int:
        with service_api(stack_settings) as client:
            return client.post(f"/object/{bucket_id}/race.bin", content=body,
                               headers={"content-type": "application/octet-stream", "x-upsert": "true"}
                               ).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(upsert, bodies)) == [200] * 8
    row = object_row(db, bucket_id, "race.bin")
    stored = service_client.storage.from_(bucket_id).download("race.bin")
    assert stored in bodies
    assert row["metadata"]["eTag"] == f'"{hashlib.md5(stored).hexdigest()}"'
    assert row["metadata"]["size"] == len(stored)
    assert files_in(storage_root, bucket_id) == [storage_root / bucket_id / row["version"]]


def test_names_with_supabase_special_characters_round_trip(service_client, new_bucket, db):
    bucket = service_client.storage.from_(new_bucket())
    name = "dir (1)/a b+c&d=e,f;g@h$!*'.txt"
    bucket.upload(name, b"special", {"content-type": "text/plain"})
    assert bucket.download(name) == b"special"
    assert [e["name"] for e in bucket.list("dir (1)")] == ["a b+c&d=e,f;g@h$!*'.txt"]
    assert httpx.get(bucket.create_signed_url(name, 60)["signedURL"]).content == b"special"
    assert [r["name"] for r in bucket.remove([name])] == [name]


def test_signed_upload_url_with_upsert_may_replace(service_client, new_bucket):
    bucket = service_client.storage.from_(new_bucket())
    bucket.upload("u.txt", b"old", {"content-type": "text/plain"})
    signed = bucket.create_signed_upload_url("u.txt", CreateSignedUploadUrlOptions(upsert="true"))
    response = httpx.put(signed["signed_url"], content=b"new", headers={"content-type": "text/plain"})
    assert response.status_code == 200, response.text
    assert bucket.download("u.txt") == b"new"


def test_failed_database_write_leaves_no_bytes_and_keeps_the_old_version(service_client, new_bucket, db,
                                                                         storage_root):
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("keep.txt", b"old bytes", {"content-type": "text/plain"})
    before = files_in(storage_root, bucket_id)
    function = f"storage.fail_{bucket_id.replace('-', '_')}"
    db.execute(
        f"create function {function}() returns trigger language plpgsql as $$"
        " begin if new.bucket_id = '" + bucket_id + "' then raise exception 'disk says no'; end if;"
        " return new; end $$"
    )
    db.execute(f'create trigger "{bucket_id}" before insert or update on storage.objects'
               f" for each row execute function {function}()")
    try:
        for name, options in (("new.txt", {}), ("keep.txt", {"upsert": "true"})):
            with pytest.raises(StorageApiError) as excinfo:
                bucket.upload(name, b"new bytes", {"content-type": "text/plain", **options})
            assert error_of(excinfo)[0] == "500"
    finally:
        db.execute(f'drop trigger "{bucket_id}" on storage.objects')
        db.execute(f"drop function {function}()")
    assert files_in(storage_root, bucket_id) == before
    assert object_row(db, bucket_id, "new.txt") is None
    assert bucket.download("keep.txt") == b"old bytes"


def test_tampered_version_in_a_row_never_reaches_outside_the_bucket(service_client, new_bucket, db,
                                                                    storage_root, tmp_path):
    bucket_id = new_bucket()
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("v.txt", b"inside", {"content-type": "text/plain"})
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"outside secret")
    relative = "../" * 12 + str(victim).lstrip("/")
    db.execute("update storage.objects set version = %s where bucket_id = %s and name = 'v.txt'",
               (relative, bucket_id))
    with pytest.raises(StorageApiError) as excinfo:
        bucket.download("v.txt")
    assert error_of(excinfo)[0] == "404"
    assert [r["name"] for r in bucket.remove(["v.txt"])] == ["v.txt"]
    assert victim.read_bytes() == b"outside secret"


def test_bucket_directory_symlinked_outside_is_refused(service_client, new_bucket, storage_root, tmp_path):
    bucket_id = new_bucket()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (storage_root / bucket_id).symlink_to(outside, target_is_directory=True)
    with pytest.raises(StorageApiError) as excinfo:
        service_client.storage.from_(bucket_id).upload("x.txt", b"x", {"content-type": "text/plain"})
    assert error_of(excinfo)[0] == "400"
    assert list(outside.iterdir()) == []


def test_apikey_header_is_the_credential_without_authorization(new_bucket, stack_settings):
    bucket_id = new_bucket()
    base = f"{stack_settings.url}/storage/v1"
    as_service = httpx.get(f"{base}/bucket/{bucket_id}", headers={"apikey": stack_settings.service_key})
    assert as_service.status_code == 200 and as_service.json()["id"] == bucket_id
    as_anon = httpx.get(f"{base}/bucket/{bucket_id}", headers={"apikey": stack_settings.anon_key})
    assert as_anon.json()["statusCode"] == "404"  # RLS: anon sees no bucket
    both = httpx.get(f"{base}/bucket/{bucket_id}", headers={
        "apikey": stack_settings.service_key, "Authorization": f"Bearer {stack_settings.anon_key}"})
    assert both.json()["statusCode"] == "404"  # Authorization wins over apikey


# Copy and move respect the destination bucket -------------------------------------------

XHTML = b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(document.domain)</script></html>'


def transfer(stack_settings, token: str, action: str, body: dict, headers: dict | None = None):
    """`POST /object/copy|move` raw: the official client cannot name another bucket or metadata."""
    with api(stack_settings, token) as client:
        return client.post(f"/object/{action}", json=body, headers=headers or {})


def storage_error(response: httpx.Response) -> tuple[str, str, str]:
    assert response.status_code == 400, response.text
    body = response.json()
    return body["statusCode"], body["error"], body["message"]


def test_xhtml_cannot_be_copied_into_avatars_as_an_active_type(make_user, db, stack_settings,
                                                               storage_root):
    """The reported attack: a page uploaded as text/plain into resumes, copied to the public
    avatars bucket with a body-chosen type, would run for every visitor of the stack's origin."""
    alice = make_user()
    source = f"{alice.id}/page.txt"
    alice.client.storage.from_("resumes").upload(source, XHTML, {"content-type": "text/plain"})
    avatar_files = files_in(storage_root, "avatars")

    for mimetype in ("application/xhtml+xml", "image/svg+xml", "text/html", "image/png/x"):
        response = transfer(stack_settings, alice.access_token, "copy", {
            "bucketId": "resumes", "sourceKey": source, "destinationBucket": "avatars",
            "destinationKey": f"{alice.id}/page.xhtml", "copyMetadata": False,
            "metadata": {"mimetype": mimetype},
        })
        assert storage_error(response) == ("415", "invalid_mime_type", f"mime type {mimetype} is not supported")
    # with the source's own type (copyMetadata defaults to true), and by move
    for action in ("copy", "move"):
        response = transfer(stack_settings, alice.access_token, action, {
            "bucketId": "resumes", "sourceKey": source, "destinationBucket": "avatars",
            "destinationKey": f"{alice.id}/page.xhtml",
        })
        assert storage_error(response) == ("415", "invalid_mime_type", "mime type text/plain is not supported")
    assert object_row(db, "avatars", f"{alice.id}/page.xhtml") is None
    assert files_in(storage_root, "avatars") == avatar_files
    assert alice.client.storage.from_("resumes").download(source) == XHTML  # the move left it

    # a type the destination accepts still copies, and the body's type is what is stored
    response = transfer(stack_settings, alice.access_token, "copy", {
        "bucketId": "resumes", "sourceKey": source, "destinationBucket": "avatars",
        "destinationKey": f"{alice.id}/page.png", "copyMetadata": False,
        "metadata": {"mimetype": "image/png"},
    })
    assert response.status_code == 200, response.text
    assert object_row(db, "avatars", f"{alice.id}/page.png")["metadata"]["mimetype"] == "image/png"
    alice.client.storage.from_("avatars").remove([f"{alice.id}/page.png"])


def test_copy_metadata_must_be_strings(new_bucket, stack_settings):
    bucket_id = new_bucket()
    with service_api(stack_settings) as client:
        client.post(f"/object/{bucket_id}/a.txt", content=b"a", headers={"content-type": "text/plain"})
    response = transfer(stack_settings, stack_settings.service_key, "copy", {
        "bucketId": bucket_id, "sourceKey": "a.txt", "destinationKey": "b.txt",
        "copyMetadata": False, "metadata": {"mimetype": ["text/html"]},
    })
    assert storage_error(response) == ("400", "InvalidRequest", "body/metadata/mimetype must be string")


def test_move_and_copy_apply_the_destination_size_limit(make_user, new_bucket, service_client, db,
                                                        stack_settings, storage_root):
    """A 3 MiB PDF into the 2 MiB images-only avatars bucket, and a 3 MiB PNG into it: refused
    as an upload of the same file would be (type first, then size), and the source stays."""
    alice = make_user()
    pdf = f"{alice.id}/big.pdf"
    alice.client.storage.from_("resumes").upload(pdf, b"%PDF" + b"\0" * (3 * 1024 * 1024),
                                                 {"content-type": "application/pdf"})
    loose = new_bucket()  # no limits of its own
    service_client.storage.from_(loose).upload(f"{alice.id}/big.png", b"\x89PNG" + b"\0" * (3 * 1024 * 1024),
                                               {"content-type": "image/png"})
    avatar_files = files_in(storage_root, "avatars")

    for action in ("move", "copy"):
        response = transfer(stack_settings, alice.access_token, action, {
            "bucketId": "resumes", "sourceKey": pdf, "destinationBucket": "avatars",
            "destinationKey": f"{alice.id}/big.pdf",
        })
        assert storage_error(response) == ("415", "invalid_mime_type",
                                           "mime type application/pdf is not supported")
        response = transfer(stack_settings, stack_settings.service_key, action, {
            "bucketId": loose, "sourceKey": f"{alice.id}/big.png", "destinationBucket": "avatars",
            "destinationKey": f"{alice.id}/big.png",
        })
        assert storage_error(response) == ("413", "Payload too large",
                                           "The object exceeded the maximum allowed size")
    assert object_row(db, "avatars", f"{alice.id}/big.png") is None
    assert object_row(db, "avatars", f"{alice.id}/big.pdf") is None
    assert files_in(storage_root, "avatars") == avatar_files
    assert object_row(db, "resumes", pdf) is not None and object_row(db, loose, f"{alice.id}/big.png")

    small = new_bucket(file_size_limit=10)  # within one bucket too: its limit holds for a move
    bucket = service_client.storage.from_(small)
    bucket.upload("ok.bin", b"x" * 10, {"content-type": "application/octet-stream"})
    with pytest.raises(StorageApiError) as excinfo:  # a placeholder name allows 0 bytes
        bucket.move("ok.bin", "dir/.emptyFolderPlaceholder")
    assert error_of(excinfo)[0] == "413"
    bucket.move("ok.bin", "moved.bin")
    assert bucket.download("moved.bin") == b"x" * 10


@pytest.mark.parametrize("allowed", [["image/png"], ["image/*"]])
def test_mime_types_match_exactly(new_bucket, service_client, stack_settings, allowed):
    """`image/png/x` is not `image/png`, neither for an exact entry nor for `image/*`."""
    bucket_id = new_bucket(allowed_mime_types=allowed)
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("ok.png", b"\x89PNG", {"content-type": "image/png"})
    for mimetype in ("image/png/x", "image/png x", "image/", "imagex/png", "image/png/../svg+xml"):
        with service_api(stack_settings) as client:
            response = client.post(f"/object/{bucket_id}/bad.png", content=b"\x89PNG",
                                   headers={"content-type": mimetype})
        assert storage_error(response) == ("415", "invalid_mime_type", f"mime type {mimetype} is not supported")
        with pytest.raises(StorageApiError) as excinfo:  # multipart, through the official client
            bucket.upload("bad.png", b"\x89PNG", {"content-type": mimetype})
        assert error_of(excinfo)[0] == "415"
        response = transfer(stack_settings, stack_settings.service_key, "copy", {
            "bucketId": bucket_id, "sourceKey": "ok.png", "destinationKey": "bad.png",
            "copyMetadata": False, "metadata": {"mimetype": mimetype},
        })
        assert storage_error(response)[0] == "415"
    assert [entry["name"] for entry in bucket.list()] == ["ok.png"]


# Serving stored bytes inertly ------------------------------------------------------------


def test_every_object_response_says_nosniff(service_client, new_bucket, stack_settings):
    bucket_id = new_bucket(public=True)
    bucket = service_client.storage.from_(bucket_id)
    bucket.upload("a.txt", b"0123456789", {"content-type": "text/plain"})
    base = f"{stack_settings.url}/storage/v1/object"
    service = {"Authorization": f"Bearer {stack_settings.service_key}", "apikey": stack_settings.service_key}
    signed = bucket.create_signed_url("a.txt", 60)["signedURL"]
    etag = httpx.get(f"{base}/public/{bucket_id}/a.txt").headers["etag"]
    responses = {
        "public": httpx.get(f"{base}/public/{bucket_id}/a.txt"),
        "public HEAD": httpx.head(f"{base}/public/{bucket_id}/a.txt"),
        "authenticated": httpx.get(f"{base}/authenticated/{bucket_id}/a.txt", headers=service),
        "plain": httpx.get(f"{base}/{bucket_id}/a.txt", headers=service),
        "HEAD": httpx.head(f"{base}/{bucket_id}/a.txt", headers=service),
        "signed": httpx.get(signed),
        "range": httpx.get(f"{base}/public/{bucket_id}/a.txt", headers={"range": "bytes=2-4"}),
        "bad range": httpx.get(f"{base}/public/{bucket_id}/a.txt", headers={"range": "bytes=50-"}),
        "not modified": httpx.get(f"{base}/public/{bucket_id}/a.txt", headers={"if-none-match": etag}),
        "info": httpx.get(f"{base}/info/{bucket_id}/a.txt", headers=service),
    }
    assert {name: r.status_code for name, r in responses.items()} == {
        "public": 200, "public HEAD": 200, "authenticated": 200, "plain": 200, "HEAD": 200,
        "signed": 200, "range": 206, "bad range": 416, "not modified": 304, "info": 200,
    }
    for name, response in responses.items():
        assert response.headers.get("x-content-type-options") == "nosniff", name
        assert "content-security-policy" not in response.headers, name  # plain text stays plain


@pytest.mark.parametrize(
    "mimetype",
    ["application/xhtml+xml", "image/svg+xml", "Image/SVG+XML", "application/xml", "text/xml",
     "text/xsl", "application/atom+xml", "text/plain, text/html", "text/html"],
)
def test_active_types_are_served_so_they_cannot_run(service_client, new_bucket, stack_settings, mimetype):
    """Opened directly, a stored page or SVG must not run script on the stack's origin."""
    bucket_id = new_bucket(public=True)
    bucket = service_client.storage.from_(bucket_id)
    with service_api(stack_settings) as client:
        stored = client.post(f"/object/{bucket_id}/page", content=XHTML, headers={"content-type": mimetype})
    assert stored.status_code == 200, stored.text
    url = bucket.get_public_url("page")
    signed = bucket.create_signed_url("page", 60)["signedURL"]
    for response in (httpx.get(url), httpx.head(url), httpx.get(signed)):
        assert response.status_code == 200
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert httpx.get(url).content == XHTML


def test_images_and_documents_get_no_sandbox(service_client, new_bucket):
    bucket = service_client.storage.from_(new_bucket(public=True))
    for name, mimetype in (("a.png", "image/png"), ("a.pdf", "application/pdf"),
                           ("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")):
        bucket.upload(name, b"bytes", {"content-type": mimetype})
        response = httpx.get(bucket.get_public_url(name))
        assert response.headers["content-type"] == mimetype
        assert "content-security-policy" not in response.headers


# Upload bodies are refused at the limit, before they are read whole ------------------------


def assert_refused_as_too_large(response: RawResponse) -> None:
    assert response.status == 400, response
    assert json.loads(response.body) == {
        "statusCode": "413", "code": "EntityTooLarge", "error": "Payload too large",
        "message": "The object exceeded the maximum allowed size",
    }
    assert response.headers.get("connection") == "close"
    assert response.closed, "the server must stop reading the body and close the connection"


def auth_headers(stack_settings) -> dict[str, str]:
    return {"authorization": f"Bearer {stack_settings.service_key}", "apikey": stack_settings.service_key}


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_declared_length_over_the_limit_is_refused_unread(new_bucket, db, stack_settings, storage_root,
                                                          method):
    """Content-Length says 300 MiB and not one body byte is sent: the answer comes at once."""
    bucket_id = new_bucket(file_size_limit=100 * 1024)
    for content_type in ("application/pdf", "multipart/form-data; boundary=xyz"):
        response = raw_exchange(stack_settings.url, method, f"/storage/v1/object/{bucket_id}/big.pdf", {
            **auth_headers(stack_settings), "content-type": content_type,
            "content-length": str(300 * 1024 * 1024),
        })
        assert_refused_as_too_large(response)
    assert object_row(db, bucket_id, "big.pdf") is None
    assert files_in(storage_root, bucket_id) == []


def test_stack_limit_applies_to_buckets_without_their_own(new_bucket, stack_settings, local_stack):
    bucket_id = new_bucket()
    over = local_stack.ctx.config.storage_file_size_limit + 1
    response = raw_exchange(stack_settings.url, "POST", f"/storage/v1/object/{bucket_id}/big.bin", {
        **auth_headers(stack_settings), "content-type": "application/octet-stream",
        "content-length": str(over),
    })
    assert_refused_as_too_large(response)


def test_chunked_upload_stops_at_the_limit(new_bucket, db, stack_settings, storage_root):
    """No Content-Length: the server counts, refuses at limit + 1 byte and closes; the rest of
    the (never finished) body is not waited for, and nothing is kept."""
    limit = 100 * 1024
    bucket_id = new_bucket(file_size_limit=limit)
    response = raw_exchange(stack_settings.url, "POST", f"/storage/v1/object/{bucket_id}/big.bin", {
        **auth_headers(stack_settings), "content-type": "application/octet-stream",
        "transfer-encoding": "chunked",
    }, chunked(limit + 1))
    assert_refused_as_too_large(response)
    assert object_row(db, bucket_id, "big.bin") is None
    assert files_in(storage_root, bucket_id) == []  # no temporary file either


def test_chunked_multipart_upload_stops_at_the_limit(new_bucket, db, stack_settings, storage_root):
    limit = 100 * 1024
    bucket_id = new_bucket(file_size_limit=limit)
    start = (b"--xyz\r\ncontent-disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
             b"content-type: application/octet-stream\r\n\r\n")

    def body() -> Iterator[bytes]:
        yield f"{len(start):x}\r\n".encode() + start + b"\r\n"
        yield from chunked(limit + 1)

    response = raw_exchange(stack_settings.url, "POST", f"/storage/v1/object/{bucket_id}/big.bin", {
        **auth_headers(stack_settings), "content-type": "multipart/form-data; boundary=xyz",
        "transfer-encoding": "chunked",
    }, body())
    assert_refused_as_too_large(response)
    assert object_row(db, bucket_id, "big.bin") is None
    assert files_in(storage_root, bucket_id) == []


def test_multipart_padding_cannot_outgrow_the_limit(new_bucket, db, stack_settings, storage_root):
    """Bytes outside the kept file (here a second file part, which is skipped) count towards
    the body's bound too, so a small file cannot bring an endless body along."""
    limit = 1024
    bucket_id = new_bucket(file_size_limit=limit)
    parts = (b"--xyz\r\ncontent-disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n"
             b"small\r\n--xyz\r\ncontent-disposition: form-data; name=\"more\"; filename=\"b.bin\"\r\n\r\n")

    def body() -> Iterator[bytes]:
        yield f"{len(parts):x}\r\n".encode() + parts + b"\r\n"
        yield from chunked(limit + MULTIPART_OVERHEAD, size=256 * 1024)

    response = raw_exchange(stack_settings.url, "POST", f"/storage/v1/object/{bucket_id}/a.bin", {
        **auth_headers(stack_settings), "content-type": "multipart/form-data; boundary=xyz",
        "transfer-encoding": "chunked",
    }, body())
    assert_refused_as_too_large(response)
    assert object_row(db, bucket_id, "a.bin") is None
    assert files_in(storage_root, bucket_id) == []


def test_signed_upload_over_the_limit_is_refused(new_bucket, service_client, db, stack_settings,
                                                 storage_root):
    limit = 100 * 1024
    bucket_id = new_bucket(file_size_limit=limit)
    signed = service_client.storage.from_(bucket_id).create_signed_upload_url("up.bin")
    target = httpx.URL(signed["signed_url"])
    path = target.raw_path.decode()
    declared = raw_exchange(stack_settings.url, "PUT", path, {
        "content-type": "application/octet-stream", "content-length": str(limit + 1),
    })
    assert_refused_as_too_large(declared)
    streamed = raw_exchange(stack_settings.url, "PUT", path, {
        "content-type": "application/octet-stream", "transfer-encoding": "chunked",
    }, chunked(limit + 1))
    assert_refused_as_too_large(streamed)
    assert object_row(db, bucket_id, "up.bin") is None
    assert files_in(storage_root, bucket_id) == []
    # the same URL still takes a file within the limit
    assert httpx.put(signed["signed_url"], content=b"x" * limit,
                     headers={"content-type": "application/octet-stream"}).status_code == 200
