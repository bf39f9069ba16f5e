"""Object bytes on local disk, kept consistent with the storage.objects rows.

Every write goes to a temporary file in the bucket's directory first. The caller then
writes the row inside its transaction, moves the file to its final name (the row's new
version) while the transaction is still open, and commits; if anything fails the file is
removed, so a row never points at missing bytes and no bytes outlive a failed write.
Files are immutable once promoted: a replaced or deleted object's old version is removed
only after the transaction that dropped it has committed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import uuid
from pathlib import Path
from typing import BinaryIO

from . import errors
from .paths import StorageLayout

logger = logging.getLogger(__name__)

COPY_CHUNK = 1024 * 1024


class PendingBlob:
    """Bytes being written for a new object version; promote() or discard() it."""

    def __init__(self, layout: StorageLayout, bucket_id: str, max_size: int | None) -> None:
        self.layout = layout
        self.bucket_id = bucket_id
        self.max_size = max_size
        self.version = str(uuid.uuid4())
        directory = layout.bucket_dir(bucket_id)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.path: Path = directory / f".upload-{self.version}.tmp"
        # Owner-only bytes (private buckets' files too), whatever the process umask.
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._file: BinaryIO | None = os.fdopen(fd, "wb")  # closed in finish()
        self._md5 = hashlib.md5(usedforsecurity=False)
        self.size = 0
        self.promoted = False

    def write(self, data: bytes) -> None:
        if not data:
            return
        if self.max_size is not None and self.size + len(data) > self.max_size:
            raise errors.entity_too_large()
        assert self._file is not None, "blob already finished"
        self._file.write(data)
        self._md5.update(data)
        self.size += len(data)

    def finish(self) -> None:
        """Flush the bytes to disk; the blob is then ready to be promoted."""
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = None

    @property
    def etag(self) -> str:
        return f'"{self._md5.hexdigest()}"'

    def promote(self) -> None:
        """Give the bytes their final name (inside the writer's open transaction)."""
        self.finish()
        final = self.layout.blob_path(self.bucket_id, self.version)
        os.replace(self.path, final)
        self.path = final
        self.promoted = True

    def discard(self) -> None:
        """Remove the bytes, whether still temporary or already promoted."""
        if self._file is not None:
            self._file.close()
            self._file = None
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.layout = StorageLayout(root)

    def pending(self, bucket_id: str, max_size: int | None) -> PendingBlob:
        return PendingBlob(self.layout, bucket_id, max_size)

    def copy_to_pending(self, bucket_id: str, version: str, dest_bucket_id: str) -> PendingBlob:
        """A pending copy of an existing version's bytes (for copy and cross-bucket move)."""
        source = self.layout.blob_path(bucket_id, version)
        blob = self.pending(dest_bucket_id, None)
        try:
            with open(source, "rb") as handle:
                while chunk := handle.read(COPY_CHUNK):
                    blob.write(chunk)
            blob.finish()
        except FileNotFoundError as exc:
            blob.discard()
            raise errors.blob_not_found() from exc
        except BaseException:
            blob.discard()
            raise
        return blob

    def size(self, bucket_id: str, version: str | None) -> int:
        """The byte size of a stored version (what a copy or move would write)."""
        if version is None:
            raise errors.blob_not_found()
        try:
            return self.layout.blob_path(bucket_id, version).stat().st_size
        except FileNotFoundError as exc:
            raise errors.blob_not_found() from exc

    def open(self, bucket_id: str, version: str | None) -> BinaryIO:
        """Open a version for reading; an open handle survives a concurrent removal."""
        if version is None:
            raise errors.blob_not_found()
        try:
            return open(self.layout.blob_path(bucket_id, version), "rb")  # noqa: SIM115
        except FileNotFoundError as exc:
            raise errors.blob_not_found() from exc

    def remove(self, bucket_id: str, version: str | None) -> None:
        """Best-effort removal of a version no committed row points at any more."""
        if version is None:
            return
        try:
            self.layout.blob_path(bucket_id, version).unlink()
        except FileNotFoundError:
            pass
        except (OSError, errors.StorageError) as exc:
            logger.warning("storage: could not remove %s/%s: %s", bucket_id, version, exc)

    def remove_bucket(self, bucket_id: str) -> None:
        directory = self.layout.bucket_dir(bucket_id)
        if directory.is_dir() and not directory.is_symlink():
            shutil.rmtree(directory, ignore_errors=True)
