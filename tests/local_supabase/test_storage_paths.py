"""Bucket ids, object names and blob paths of the local storage: the rules, case by case.

Pure functions, so no stack: each rule is pinned here at its boundary, and the HTTP tests in
test_storage.py show the same rules through /storage/v1.
"""

from __future__ import annotations

import uuid

import pytest

from backend.local_supabase.storage import errors, paths


def refusal(call) -> errors.StorageError:
    with pytest.raises(errors.StorageError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(
    "bucket_id",
    ["avatars", "a", "b" * paths.MAX_BUCKET_NAME_LENGTH, "with space", "odd!.*'()&$=@;:+,?-_", "..."],
)
def test_valid_bucket_ids_are_returned_unchanged(bucket_id):
    assert paths.validate_bucket_id(bucket_id) == bucket_id


@pytest.mark.parametrize(
    "bucket_id",
    [None, "", "b" * (paths.MAX_BUCKET_NAME_LENGTH + 1), ".", "..", "a/b", "tab\there", "ünïcode", "new\nline"],
)
def test_invalid_bucket_ids_are_refused_as_supabase_does(bucket_id):
    error = refusal(lambda: paths.validate_bucket_id(bucket_id))
    assert (error.status, error.code, error.message) == (400, "InvalidBucketName", "Bucket name invalid")


@pytest.mark.parametrize(
    "name",
    ["a.txt", "folder/a.txt", "x" * paths.MAX_OBJECT_NAME_LENGTH, "a..b", ".hidden", "dir/.emptyFolderPlaceholder",
     "odd !*'()&$=@;:+,?-_.txt"],
)
def test_valid_object_names_are_returned_unchanged(name):
    assert paths.validate_object_name(name) == name


@pytest.mark.parametrize(
    "name",
    [None, "", "x" * (paths.MAX_OBJECT_NAME_LENGTH + 1), "/abs.txt", ".", "..", "a/../b", "a/./b", "dir/..",
     "back\\slash", "ctrl\x01", "tab\tname", "ünïcode"],
)
def test_invalid_object_names_are_refused_with_the_key_in_the_message(name):
    error = refusal(lambda: paths.validate_object_name(name))
    assert (error.status, error.code, error.message) == (400, "InvalidKey", f"Invalid key: {name or ''}")


def test_object_name_limit_counts_bytes_not_characters():
    """Supabase limits keys in bytes: 512 two-byte characters fit only if they are ASCII."""
    assert paths.validate_object_name("a" * 1024)
    with pytest.raises(errors.StorageError):
        paths.validate_object_name("é" * 513)  # 1026 bytes, 513 characters


def test_empty_folder_placeholder_is_recognised_by_its_suffix():
    assert paths.is_empty_folder_placeholder("dir/.emptyFolderPlaceholder")
    assert paths.is_empty_folder_placeholder(".emptyFolderPlaceholder")
    assert not paths.is_empty_folder_placeholder("dir/.emptyFolderPlaceholder.txt")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(str(uuid.uuid4()), True), (str(uuid.uuid4()).upper(), False), (uuid.uuid4().hex, False),
     ("../../etc/passwd", False), (None, False), (7, False), (uuid.uuid4(), False)],
    ids=["uuid", "upper-case", "hex-without-dashes", "path", "none", "number", "uuid-object"],
)
def test_only_canonical_uuid_strings_are_versions(value, expected):
    assert paths.is_version(value) is expected


def test_blob_paths_stay_inside_the_bucket_directory(tmp_path):
    layout = paths.StorageLayout(tmp_path / "storage" / ".." / "storage")
    assert layout.root == (tmp_path / "storage").resolve()
    version = str(uuid.uuid4())
    assert layout.bucket_dir("avatars") == layout.root / "avatars"
    assert layout.blob_path("avatars", version) == layout.root / "avatars" / version
    not_found = refusal(lambda: layout.blob_path("avatars", "../other/" + version))
    assert (not_found.status, not_found.code) == (404, "NoSuchKey")
    bad_bucket = refusal(lambda: layout.bucket_dir(".."))
    assert bad_bucket.code == "InvalidBucketName"


def test_a_bucket_directory_that_resolves_elsewhere_is_refused(tmp_path):
    """A symlinked bucket directory would let bytes land outside the storage root."""
    root = tmp_path / "storage"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    layout = paths.StorageLayout(root)
    assert refusal(lambda: layout.bucket_dir("linked")).code == "InvalidBucketName"
    assert refusal(lambda: layout.blob_path("linked", str(uuid.uuid4()))).code == "InvalidBucketName"


def test_a_version_file_that_resolves_elsewhere_is_refused(tmp_path):
    root = tmp_path / "storage"
    (root / "avatars").mkdir(parents=True)
    version = str(uuid.uuid4())
    (root / "avatars" / version).symlink_to(tmp_path / "outside")
    layout = paths.StorageLayout(root)
    assert refusal(lambda: layout.blob_path("avatars", version)).code == "NoSuchKey"
