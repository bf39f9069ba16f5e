"""Names of buckets and objects, and where their bytes live on disk.

Bucket ids and object names follow Supabase Storage's rules (its S3-safe character set),
so a name the local stack accepts is one a real project accepts too. On top of that we
refuse what could ever be read as a path: `.`/`..` segments, a leading `/`, control
characters. Object bytes are never stored under the object's name anyway: each upload is a
file named by a fresh version UUID inside its bucket's directory, and every path is
resolved and checked to stay inside the storage root.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from . import errors

# Supabase Storage's key and bucket character sets (src/storage/limits.ts).
_VALID_OBJECT_KEY = re.compile(r"^[A-Za-z0-9_/!.*'() &$=@;:+,?-]+$")
_VALID_BUCKET_NAME = re.compile(r"^[A-Za-z0-9_!.*'() &$=@;:+,?-]+$")
MAX_OBJECT_NAME_LENGTH = 1024
MAX_BUCKET_NAME_LENGTH = 100
EMPTY_FOLDER_PLACEHOLDER = ".emptyFolderPlaceholder"


def validate_bucket_id(bucket_id: str | None) -> str:
    """Return the bucket id or raise Supabase's "Bucket name invalid"."""
    if (
        not bucket_id
        or len(bucket_id) > MAX_BUCKET_NAME_LENGTH
        or not _VALID_BUCKET_NAME.match(bucket_id)
        or bucket_id in (".", "..")
    ):
        raise errors.invalid_bucket_name(bucket_id or "")
    return bucket_id


def validate_object_name(name: str | None) -> str:
    """Return the object name or raise Supabase's "Invalid key"."""
    if (
        not name
        or len(name.encode()) > MAX_OBJECT_NAME_LENGTH
        or not _VALID_OBJECT_KEY.match(name)
        or name.startswith("/")
        or any(segment in (".", "..") for segment in name.split("/"))
    ):
        raise errors.invalid_key(name or "")
    return name


def is_empty_folder_placeholder(name: str) -> bool:
    return name.endswith(EMPTY_FOLDER_PLACEHOLDER)


def is_version(value: object) -> bool:
    """Versions we generate are UUIDs; anything else in a row is never used as a file name."""
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


class StorageLayout:
    """Maps (bucket, version) to a path under the storage root, refusing any escape."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()

    def bucket_dir(self, bucket_id: str) -> Path:
        validate_bucket_id(bucket_id)
        path = (self.root / bucket_id).resolve()
        if path.parent != self.root:
            raise errors.invalid_bucket_name(bucket_id)
        return path

    def blob_path(self, bucket_id: str, version: str) -> Path:
        if not is_version(version):
            raise errors.blob_not_found()
        directory = self.bucket_dir(bucket_id)
        path = (directory / version).resolve()
        if path.parent != directory:
            raise errors.blob_not_found()
        return path
