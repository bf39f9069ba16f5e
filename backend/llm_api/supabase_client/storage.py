"""Storage objects, always inside the user's own folder."""

from __future__ import annotations

from .connection import get_client
from .errors import PermissionDenied, translate_errors


def _own_path(user_id: str, path: str) -> str:
    if not path.startswith(f"{user_id}/") or ".." in path.split("/"):
        raise PermissionDenied("That object is not in the user's folder.", code="foreign_object")
    return path


def storage_upload(*, user_id: str, bucket: str, path: str, data: bytes, content_type: str) -> str:
    """Store `data` at `path` (inside the user's folder); returns the path."""
    with translate_errors():
        get_client().storage.from_(bucket).upload(
            _own_path(user_id, path), data, {"content-type": content_type, "upsert": "false"}
        )
    return path


def storage_remove(*, user_id: str, bucket: str, paths: list[str]) -> None:
    if not paths:
        return
    with translate_errors():
        get_client().storage.from_(bucket).remove([_own_path(user_id, path) for path in paths])


def storage_public_url(*, bucket: str, path: str) -> str:
    return get_client().storage.from_(bucket).get_public_url(path)


def storage_signed_urls(*, user_id: str, bucket: str, paths: list[str], expires_in: int) -> dict[str, str]:
    """Short-lived download URLs for the user's objects, by path (missing objects left out)."""
    if not paths:
        return {}
    with translate_errors():
        signed = get_client().storage.from_(bucket).create_signed_urls(
            [_own_path(user_id, path) for path in paths], expires_in
        )
    return {item["path"]: item["signedURL"] for item in signed if item.get("signedURL") and not item.get("error")}


def storage_download(*, user_id: str, bucket: str, path: str) -> bytes:
    with translate_errors():
        return get_client().storage.from_(bucket).download(_own_path(user_id, path))


def storage_bucket_ids() -> list[str]:
    with translate_errors():
        return [bucket.id for bucket in get_client().storage.list_buckets()]


def storage_list_user_objects(*, user_id: str, bucket: str) -> list[str]:
    """Every object under the user's folder of `bucket`, at any depth."""
    found: list[str] = []
    folders = [user_id]
    page = 1000
    with translate_errors():
        api = get_client().storage.from_(bucket)
        while folders:
            folder = folders.pop()
            offset = 0
            while True:
                entries = api.list(folder, {"limit": page, "offset": offset})
                for entry in entries:
                    name = f"{folder}/{entry['name']}"
                    (found if entry.get("id") else folders).append(name)
                if len(entries) < page:
                    break
                offset += page
    return found
