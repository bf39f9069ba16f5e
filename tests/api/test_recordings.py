"""Recordings: upload checked by bytes and size, private storage under {user_id}/{interview_id}/,
durations from the file or the request, signed playback URLs honouring Range, deletion leaving
nothing, retention purge, and another user's or an anonymous caller's requests refused."""

from __future__ import annotations

import io
import re
import tracemalloc
from datetime import datetime

import httpx
import jwt
import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.management import call_command
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import resolve
from rest_framework.test import APIRequestFactory

from backend.llm_api.services import recordings
from tests.api.interview_helpers import create
from tests.api.media_helpers import mp4_bytes, upload, wav_bytes, webm_bytes

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")
BUCKET = "interview-recordings"


def post(api, who, interview_id, name, data, **fields):
    return api.post(f"/api/interviews/{interview_id}/recordings", {"file": upload(name, data), **fields},
                    format="multipart", **who.auth)


def objects(db, prefix: str) -> list[tuple[str, int]]:
    return db.execute("select name, (metadata->>'size')::bigint from storage.objects where bucket_id = %s"
                      " and name like %s order by name", (BUCKET, prefix + "%")).fetchall()


def rows(db, interview_id: str) -> list[tuple]:
    return db.execute("select kind, content_type, size_bytes, duration_seconds::float, duration_source, storage_path"
                      " from public.recordings where interview_id = %s order by created_at", (interview_id,)).fetchall()


def test_an_audio_recording_is_stored_privately_with_its_duration_from_the_file(api, alice, db, settings):
    settings.RECORDINGS_RETENTION_DAYS = 30
    interview = create(api, alice)
    audio = wav_bytes(1.5)
    made = post(api, alice, interview["id"], "../../evil name.wav", audio, kind="audio", duration_seconds=99)
    assert made.status_code == 201, made.content
    body = made.json()
    path = rows(db, interview["id"])[0][5]
    assert re.fullmatch(rf"{alice.id}/{interview['id']}/[0-9a-f]{{32}}\.wav", path)
    expires = datetime.fromisoformat(body.pop("expires_at"))
    created = datetime.fromisoformat(body.pop("created_at"))
    assert round((expires - created).total_seconds() / 86400) == 30
    url = body.pop("url")
    assert body == {"id": body["id"], "interview_id": interview["id"], "answer_id": None, "answer_position": None,
                    "kind": "audio", "content_type": "audio/wav", "size_bytes": len(audio), "duration_seconds": 1.5,
                    "duration_source": "file", "transcript": None, "delivery_metrics": None, "url_expires_in": 900}
    assert rows(db, interview["id"]) == [("audio", "audio/wav", len(audio), 1.5, "file", path)]
    assert objects(db, f"{alice.id}/") == [(path, len(audio))]
    assert httpx.get(url).content == audio
    bucket = db.execute("select public from storage.buckets where id = %s", (BUCKET,)).fetchone()[0]
    assert bucket is False
    public = httpx.get(f"{settings.SUPABASE_URL}/storage/v1/object/public/{BUCKET}/{path}")
    assert public.status_code in (400, 404)


def test_webm_video_takes_the_stated_duration_bounded_and_links_an_answer(api, alice, db, settings):
    interview = create(api, alice)
    made = post(api, alice, interview["id"], "screen.webm", webm_bytes(), kind="screen", duration_seconds=12.5,
                answer_position=2)
    assert made.status_code == 201, made.content
    assert (made.json()["content_type"], made.json()["duration_seconds"], made.json()["duration_source"],
            made.json()["answer_position"]) == ("video/webm", 12.5, "request", 2)
    video = post(api, alice, interview["id"], "v.mp4", mp4_bytes(), kind="video")
    assert (video.json()["content_type"], video.json()["duration_seconds"], video.json()["duration_source"]) == (
        "video/mp4", None, None)
    settings.RECORDINGS_MAX_DURATION_SECONDS = 60
    too_long = post(api, alice, interview["id"], "v.webm", webm_bytes(), kind="video", duration_seconds=61)
    assert too_long.status_code == 422
    assert too_long.json()["error"]["details"] == {"duration_seconds": ["Ensure this value is at most 60."]}
    no_answer = post(api, alice, interview["id"], "v.webm", webm_bytes(), kind="video", answer_position=9)
    assert no_answer.status_code == 422
    assert len(rows(db, interview["id"])) == 2 and len(objects(db, f"{alice.id}/")) == 2


def test_content_is_checked_by_its_bytes_against_the_kind(api, alice, db):
    interview = create(api, alice)
    text = post(api, alice, interview["id"], "answer.webm", b"not a recording at all\n" * 20, kind="audio")
    assert text.status_code == 415
    assert text.json() == {"error": {
        "code": "unsupported_media_type",
        "message": "An audio recording must be one of: m4a, mp3, ogg, wav, webm (told by the file's bytes).",
        "details": {"kind": "audio", "accepted": ["m4a", "mp3", "ogg", "wav", "webm"]}}}
    wav_as_video = post(api, alice, interview["id"], "v.webm", wav_bytes(), kind="video")
    assert wav_as_video.status_code == 415
    assert wav_as_video.json()["error"]["details"] == {"kind": "video", "accepted": ["mp4", "webm"]}
    bad_kind = post(api, alice, interview["id"], "a.wav", wav_bytes(), kind="hologram")
    assert bad_kind.status_code == 422
    assert rows(db, interview["id"]) == [] and objects(db, f"{alice.id}/") == []


def test_size_limits_per_kind(api, alice, db, settings):
    settings.RECORDINGS_MAX_AUDIO_BYTES = 10_000
    interview = create(api, alice)
    big = post(api, alice, interview["id"], "a.wav", wav_bytes(1.0), kind="audio")  # 16,044 bytes
    assert big.status_code == 413
    assert big.json() == {"error": {"code": "file_too_large", "message": "An audio recording may be at most "
                                    "0.00953674 MB.", "details": {"max_bytes": 10_000, "kind": "audio"}}}
    assert post(api, alice, interview["id"], "v.webm", webm_bytes(20_000), kind="video").status_code == 201
    settings.RECORDINGS_MAX_VIDEO_BYTES = 10_000
    declared = api.post(f"/api/interviews/{interview['id']}/recordings", data=b"x" * 200_000,
                        content_type="multipart/form-data; boundary=xyz", **alice.auth)
    assert declared.status_code == 413  # refused from its Content-Length, before the body is read
    assert len(rows(db, interview["id"])) == 1


def traced_peak(action):
    """`action()`'s result and the peak of the Python allocations it made, in bytes."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = action()
        return result, tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


BIG = 16 * 1024 * 1024


def test_an_upload_goes_to_disk_and_is_streamed_to_storage_never_held_in_memory(api, alice, db, settings):
    """Below FILE_UPLOAD_MAX_MEMORY_SIZE Django would keep the file in memory (and storing it copied
    it again); a recording always goes to a temporary file and is streamed from there, so the
    request's Python allocations at their peak (traced, the request body itself built beforehand)
    are a fraction of the file's size. The in-process local stack's receiving side is traced too
    (about 1.4 MB of socket and parser buffers, whatever the size); bench/recording_upload.py
    measures the API process alone."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024 * 1024
    interview = create(api, alice)
    path = f"/api/interviews/{interview['id']}/recordings"
    assert post(api, alice, interview["id"], "warm.webm", webm_bytes(), kind="video").status_code == 201  # imports
    body = encode_multipart(BOUNDARY, {"file": upload("big.webm", webm_bytes(BIG)), "kind": "video"})
    request = APIRequestFactory().generic("POST", path, body, content_type=MULTIPART_CONTENT, **alice.auth)
    del body
    match = resolve(path)
    response, peak = traced_peak(lambda: match.func(request, *match.args, **match.kwargs).render())
    assert response.status_code == 201, response.content
    assert sorted(size_bytes for _, size_bytes in objects(db, f"{alice.id}/{interview['id']}/")) == [2048, BIG]
    assert peak < BIG / 4, f"{peak} bytes traced at the peak for a {BIG}-byte upload"


def test_a_file_already_in_memory_is_stored_without_a_copy(api, alice, db):
    """A caller's in-memory upload, filled chunk by chunk as Django's memory handler does, is sent
    from its own buffer (reading it whole would copy it)."""
    interview = create(api, alice)
    assert post(api, alice, interview["id"], "warm.webm", webm_bytes(), kind="video").status_code == 201  # imports
    content = io.BytesIO()
    data = webm_bytes(BIG)
    for start in range(0, BIG, 64 * 1024):
        content.write(data[start:start + 64 * 1024])
    del data
    held = InMemoryUploadedFile(content, "file", "big.webm", "video/webm", BIG, None)
    made, peak = traced_peak(lambda: recordings.recording_create(user_id=alice.id, interview_id=interview["id"],
                                                                 upload=held, kind="video"))
    assert made["size_bytes"] == BIG
    assert sorted(size_bytes for _, size_bytes in objects(db, f"{alice.id}/{interview['id']}/")) == [2048, BIG]
    assert peak < BIG / 4, f"{peak} bytes traced at the peak for a {BIG}-byte file in memory"


def test_list_signs_playback_urls_that_honour_range_and_expire(api, alice, db, settings):
    interview = create(api, alice)
    data = webm_bytes(5000)
    first = post(api, alice, interview["id"], "a.webm", data, kind="audio").json()
    second = post(api, alice, interview["id"], "a.wav", wav_bytes(0.5), kind="audio").json()
    settings.RECORDINGS_SIGNED_URL_SECONDS = 120
    listed = api.get(f"/api/interviews/{interview['id']}/recordings", **alice.auth)
    assert listed.status_code == 200
    body = listed.json()
    assert body["interview_id"] == interview["id"]
    assert [r["id"] for r in body["recordings"]] == [first["id"], second["id"]]
    assert [r["url_expires_in"] for r in body["recordings"]] == [120, 120]
    url = body["recordings"][0]["url"]
    token = jwt.decode(re.search(r"token=([^&]+)", url).group(1), options={"verify_signature": False})
    assert token["exp"] - token["iat"] == 120
    ranged = httpx.get(url, headers={"Range": "bytes=100-199"})
    assert ranged.status_code == 206
    assert ranged.content == data[100:200]
    assert ranged.headers["content-range"] == f"bytes 100-199/{len(data)}"
    assert httpx.get(url, headers={"Range": "bytes=4990-"}).content == data[4990:]
    tampered = url.replace("token=", "token=x")
    assert httpx.get(tampered).status_code in (400, 401, 403)


def test_delete_removes_row_and_object(api, alice, bob, db):
    interview = create(api, alice)
    made = post(api, alice, interview["id"], "a.wav", wav_bytes(), kind="audio").json()
    assert api.delete(f"/api/recordings/{made['id']}", **bob.auth).status_code == 404
    assert len(rows(db, interview["id"])) == 1
    gone = api.delete(f"/api/recordings/{made['id']}", **alice.auth)
    assert gone.status_code == 204
    assert rows(db, interview["id"]) == [] and objects(db, f"{alice.id}/") == []
    again = api.delete(f"/api/recordings/{made['id']}", **alice.auth)
    assert again.status_code == 404 and again.json()["error"]["code"] == "recording_not_found"


def test_other_users_and_anonymous_callers(api, alice, bob, db):
    interview = create(api, alice)
    post(api, alice, interview["id"], "a.wav", wav_bytes(), kind="audio")
    for response in (api.get(f"/api/interviews/{interview['id']}/recordings", **bob.auth),
                     post(api, bob, interview["id"], "b.wav", wav_bytes(), kind="audio")):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "interview_not_found"
    assert api.get(f"/api/interviews/{interview['id']}/recordings").status_code == 401
    assert api.post(f"/api/interviews/{interview['id']}/recordings", {"file": upload("a.wav", wav_bytes()),
                                                                      "kind": "audio"}).status_code == 401
    assert objects(db, f"{bob.id}/") == [] and len(rows(db, interview["id"])) == 1


def test_retention_purge_deletes_expired_rows_and_objects_and_is_safe_to_repeat(api, alice, db, settings):
    settings.RECORDINGS_RETENTION_DAYS = 7
    interview = create(api, alice)
    old = post(api, alice, interview["id"], "old.wav", wav_bytes(), kind="audio").json()
    fresh = post(api, alice, interview["id"], "new.wav", wav_bytes(), kind="audio").json()
    settings.RECORDINGS_RETENTION_DAYS = 0
    forever = post(api, alice, interview["id"], "keep.wav", wav_bytes(), kind="audio").json()
    assert forever["expires_at"] is None
    db.execute("update public.recordings set created_at = now() - interval '9 days',"
               " expires_at = now() - interval '2 days' where id = %s", (old["id"],))
    old_path = db.execute("select storage_path from public.recordings where id = %s", (old["id"],)).fetchone()[0]
    out = io.StringIO()
    call_command("purge_expired_recordings", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"removed {old['id']} {old_path} (expired ")
    assert lines[1] == "1 expired recording(s) removed"
    left = db.execute("select id::text from public.recordings where interview_id = %s order by created_at",
                      (interview["id"],)).fetchall()
    assert [r[0] for r in left] == [fresh["id"], forever["id"]]
    assert old_path not in [name for name, _ in objects(db, f"{alice.id}/")]
    assert len(objects(db, f"{alice.id}/")) == 2
    again = io.StringIO()
    call_command("purge_expired_recordings", stdout=again)
    assert again.getvalue().splitlines() == ["0 expired recording(s) removed"]


def test_keep_recordings_is_a_profile_setting(api, alice):
    assert api.get("/api/user/profile", **alice.auth).json()["keep_recordings"] is True
    changed = api.patch("/api/user/profile", {"keep_recordings": False}, format="json", **alice.auth)
    assert changed.status_code == 200 and changed.json()["keep_recordings"] is False
    assert api.get("/api/user/profile", **alice.auth).json()["keep_recordings"] is False
