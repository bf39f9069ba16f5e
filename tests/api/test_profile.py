"""`/api/user/...`: profile, avatar, statistics, export and account deletion, against the local stack."""

from __future__ import annotations

import io
import re
import uuid
from datetime import datetime

import httpx
import pytest
from PIL import Image

from tests.api.accounts_helpers import PASSWORD, api_client, register, unique

pytestmark = pytest.mark.usefixtures("stack_settings")


@pytest.fixture
def api():
    return api_client()


@pytest.fixture
def user(api):
    return register(api)


def image_bytes(fmt: str, size=(800, 600), color=(200, 30, 30), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt, **save)
    return out.getvalue()


def upload(api, user, data: bytes, name: str = "me.png", url: str = "/api/user/profile/avatar"):
    return api.post(url, {"file": io.BytesIO(data) if not name else _named(data, name)}, format="multipart",
                    **user.auth)


def _named(data: bytes, name: str):
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def stored_avatars(db, user_id: str) -> list[str]:
    return [row[0] for row in db.execute(
        "select name from storage.objects where bucket_id = 'avatars' and name like %s", (f"{user_id}/%",))]


# profile -------------------------------------------------------------------------------------
def test_profile_reads_and_updates_every_field(api, user):
    got = api.get("/api/user/profile", **user.auth)
    assert got.status_code == 200
    assert (got.json()["username"], got.json()["full_name"], got.json()["email"]) == (
        user.username, "Grace Hopper", user.email)
    changes = {
        "full_name": "Grace B. Hopper", "bio": "Compilers.", "location": "Arlington",
        "github_url": "https://github.com/grace", "linkedin_url": "https://www.linkedin.com/in/grace",
        "website_url": "https://example.org/grace", "preferred_language": "python",
    }
    put = api.put("/api/user/profile", changes, format="json", **user.auth)
    assert put.status_code == 200, put.content
    assert {key: put.json()[key] for key in changes} == changes
    patched = api.patch("/api/user/profile", {"bio": ""}, format="json", **user.auth)
    assert patched.json()["bio"] is None and patched.json()["location"] == "Arlington"
    assert api.get("/api/user/profile", **user.auth).json()["full_name"] == "Grace B. Hopper"


def test_username_changes_keep_names_unique(api, user):
    other = register(api)
    taken = api.put("/api/user/profile", {"username": other.username.upper()}, format="json", **user.auth)
    assert taken.status_code == 400
    assert taken.json()["error"]["details"] == {"username": ["Username already taken"]}
    own = api.put("/api/user/profile", {"username": user.username.upper()}, format="json", **user.auth)
    assert own.status_code == 200 and own.json()["username"] == user.username.upper()
    fresh = unique("renamed")
    assert api.patch("/api/user/profile", {"username": fresh}, format="json", **user.auth).json()["username"] == fresh


@pytest.mark.parametrize(("field", "value"), [
    ("bio", "x" * 501),
    ("location", "y" * 101),
    ("github_url", "https://gitlab.com/grace"),
    ("github_url", "https://github.com.evil.example/grace"),
    ("linkedin_url", "https://example.com/in/grace"),
    ("website_url", "javascript:alert(1)"),
    ("website_url", "ftp://example.com"),
    ("preferred_language", "klingon"),
    ("username", "no"),
    ("full_name", "A"),
])
def test_profile_rule_violations_are_422_and_change_nothing(api, user, field, value):
    before = api.get("/api/user/profile", **user.auth).json()
    response = api.patch("/api/user/profile", {field: value}, format="json", **user.auth)
    assert response.status_code == 422, response.content
    assert list(response.json()["error"]["details"]) == [field]
    assert api.get("/api/user/profile", **user.auth).json() == before


# avatar --------------------------------------------------------------------------------------
def test_a_valid_png_is_stored_square_small_and_public(api, user, db):
    response = upload(api, user, image_bytes("PNG", (1200, 900)))
    assert response.status_code == 200, response.content
    profile = response.json()
    assert profile["avatar_path"].startswith(f"{user.id}/") and profile["avatar_path"].endswith(".webp")
    assert stored_avatars(db, user.id) == [profile["avatar_path"]]
    fetched = httpx.get(profile["avatar_url"])  # public bucket: anyone may read it
    assert fetched.status_code == 200 and fetched.headers["content-type"] == "image/webp"
    image = Image.open(io.BytesIO(fetched.content))
    assert image.format == "WEBP" and image.size == (512, 512)


def test_exif_and_gps_are_removed(api, user, service_client):
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPSInfo
    photo = image_bytes("JPEG", (640, 480), exif=exif.tobytes())
    assert Image.open(io.BytesIO(photo)).getexif().get(0x010F) == "CameraMaker"
    profile = upload(api, user, photo, "photo.jpg").json()
    stored = service_client.storage.from_("avatars").download(profile["avatar_path"])
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
    assert b"CameraMaker" not in stored


@pytest.mark.parametrize(("data", "name", "status"), [
    (b"just some text, honestly", "avatar.png", 415),
    (b"<html><script>alert(1)</script></html>", "avatar.png", 415),
    (b"%PDF-1.4\n%...", "avatar.gif", 415),
    (image_bytes("PNG")[:60], "truncated.png", 422),
])
def test_files_that_are_not_images_are_refused(api, user, db, data, name, status):
    response = upload(api, user, data, name)
    assert response.status_code == status, response.content
    assert stored_avatars(db, user.id) == []
    assert api.get("/api/user/profile", **user.auth).json()["avatar_path"] is None


def test_oversize_files_and_decompression_bombs_are_refused(api, user, db, settings):
    settings.AVATAR_MAX_BYTES = 200_000
    big = upload(api, user, b"\x89PNG\r\n\x1a\n" + b"\0" * 200_001, "big.png")
    assert big.status_code == 413
    bomb = io.BytesIO()
    Image.new("1", (8000, 8000)).save(bomb, format="PNG")  # 64 megapixels in a few kilobytes
    assert len(bomb.getvalue()) < 200_000
    refused = upload(api, user, bomb.getvalue(), "bomb.png")
    assert refused.status_code == 413 and refused.json()["error"]["code"] == "image_too_many_pixels"
    assert stored_avatars(db, user.id) == []


def test_replacing_removes_the_old_object_and_delete_removes_it(api, user, db):
    first = upload(api, user, image_bytes("PNG")).json()["avatar_path"]
    second = upload(api, user, image_bytes("GIF", color=(0, 0, 255)), "b.gif", url="/api/user/avatar").json()
    assert second["avatar_path"] != first
    assert stored_avatars(db, user.id) == [second["avatar_path"]]
    assert api.delete("/api/user/avatar", **user.auth).status_code == 204
    assert stored_avatars(db, user.id) == []
    assert api.get("/api/user/profile", **user.auth).json()["avatar_path"] is None


# statistics ----------------------------------------------------------------------------------
STATS_FIELDS = {
    "total_interviews", "completed_interviews", "average_score", "best_score", "total_questions_answered",
    "member_since", "account_status", "total_problems_solved", "average_communication_score",
    "average_technical_score", "average_problem_solving_score", "average_code_quality_score",
    "current_streak", "longest_streak", "last_activity_at",
}


def test_a_new_user_has_zero_statistics(api, user):
    stats = api.get("/api/user/stats", **user.auth).json()
    assert set(stats) == STATS_FIELDS
    assert stats["total_interviews"] == stats["completed_interviews"] == stats["current_streak"] == 0
    assert stats["average_score"] == stats["best_score"] == 0.0
    assert stats["account_status"] == "active" and stats["member_since"]


def insert_interview(db, user_id: str, *, score: float, kind: str = "technical", answered: int = 3) -> str:
    return str(db.execute(
        "insert into public.interviews (user_id, job_role, interview_type, status, overall_score,"
        " technical_score, scoring_engine, rubric_version, answered_count, started_at, completed_at)"
        " values (%s, 'Backend engineer', %s, 'completed', %s, %s, 'offline', 'r1', %s, now() - interval '1 hour',"
        " now()) returning id", (user_id, kind, score, score, answered)).fetchone()[0])


def test_statistics_come_from_the_callers_interviews_only(api, user, db):
    insert_interview(db, user.id, score=60)
    insert_interview(db, user.id, score=90, kind="coding", answered=2)
    outsider = register(api)
    insert_interview(db, outsider.id, score=10)
    stats = api.get("/api/user/stats", **user.auth).json()
    assert (stats["total_interviews"], stats["completed_interviews"]) == (2, 2)
    assert (stats["average_score"], stats["best_score"], stats["average_technical_score"]) == (75.0, 90.0, 75.0)
    # no code was submitted: problems solved count solved coding questions (tests/api/test_coding.py)
    assert (stats["total_questions_answered"], stats["total_problems_solved"], stats["current_streak"]) == (5, 0, 1)


# export --------------------------------------------------------------------------------------
def test_export_holds_everything_of_the_caller(api, user, db, service_client):
    path = f"{user.id}/{uuid.uuid4().hex}.txt"
    service_client.storage.from_("resumes").upload(path, b"resume text", {"content-type": "text/plain"})
    resume_id = str(db.execute(
        "insert into public.resumes (user_id, file_name, storage_path, parsed) values (%s, 'cv.txt', %s,"
        " '{\"skills\": [\"sql\"]}') returning id", (user.id, path)).fetchone()[0])
    interview_id = insert_interview(db, user.id, score=70)
    db.execute("insert into public.interview_messages (interview_id, role, content) values (%s, 'candidate', %s)",
               (interview_id, "I would add an index."))
    db.execute("insert into public.interview_answers (interview_id, position, question_text, answer_text)"
               " values (%s, 1, 'How do you speed up a query?', 'An index.')", (interview_id,))
    outsider = register(api)
    insert_interview(db, outsider.id, score=5)

    recording = f"{user.id}/{uuid.uuid4().hex}.webm"
    service_client.storage.from_("interview-recordings").upload(recording, b"webm bytes", {"content-type": "audio/webm"})
    db.execute("insert into public.recordings (interview_id, kind, storage_path, content_type, size_bytes)"
               " values (%s, 'audio', %s, 'audio/webm', 10)", (interview_id, recording))
    avatar_path = upload(api, user, image_bytes("PNG")).json()["avatar_path"]

    export = api.get("/api/user/export", **user.auth)
    assert export.status_code == 200
    data = export.json()
    account = db.execute("select created_at from auth.users where id = %s", (user.id,)).fetchone()[0]
    assert data["account"] == {"id": user.id, "email": user.email, "is_active": True,
                               "created_at": data["account"]["created_at"]}
    assert datetime.fromisoformat(data["account"]["created_at"]) == account
    assert data["profile"]["username"] == user.username and data["profile"]["avatar_path"] == avatar_path
    assert httpx.get(data["profile"]["avatar_url"]).headers["content-type"] == "image/webp"
    assert data["signed_urls_expire_in"] == 600
    [exported_recording] = data["interviews"][0]["recordings"]
    assert httpx.get(exported_recording["download_url"]).content == b"webm bytes"
    assert [r["id"] for r in data["resumes"]] == [resume_id]
    assert data["resumes"][0]["parsed"] == {"skills": ["sql"]}
    assert httpx.get(data["resumes"][0]["download_url"]).content == b"resume text"
    assert [i["id"] for i in data["interviews"]] == [interview_id]
    interview = data["interviews"][0]
    assert [m["content"] for m in interview["interview_messages"]] == ["I would add an index."]
    assert [a["answer_text"] for a in interview["interview_answers"]] == ["An index."]
    assert {"skill_gaps", "interview_coverage", "recordings"} <= set(interview)


# account deletion ----------------------------------------------------------------------------
USER_TABLES = {"profiles": "id", "resumes": "user_id", "questions": "owner_id", "interviews": "user_id",
               "skill_gaps": "user_id"}


def census(db, user_id: str) -> dict[str, int]:
    counts = {table: db.execute(f"select count(*) from public.{table} where {column} = %s",  # noqa: S608
                                (user_id,)).fetchone()[0] for table, column in USER_TABLES.items()}
    counts["objects"] = db.execute("select count(*) from storage.objects where name like %s",
                                   (f"{user_id}/%",)).fetchone()[0]
    counts["auth.users"] = db.execute("select count(*) from auth.users where id = %s", (user_id,)).fetchone()[0]
    counts["children"] = db.execute(
        "select (select count(*) from public.interview_answers a join public.interviews i on i.id = a.interview_id"
        " where i.user_id = %s) + (select count(*) from public.interview_messages m join public.interviews i"
        " on i.id = m.interview_id where i.user_id = %s)", (user_id, user_id)).fetchone()[0]
    return counts


def test_deleting_the_account_leaves_nothing_behind(api, user, db, service_client):
    upload(api, user, image_bytes("PNG"))
    for bucket, name in (("resumes", "cv.txt"), ("reports", "deep/nested/report.pdf")):
        content_type = "text/plain" if bucket == "resumes" else "application/pdf"
        service_client.storage.from_(bucket).upload(f"{user.id}/{name}", b"%PDF-1.4 data", {"content-type": content_type})
    interview_id = insert_interview(db, user.id, score=50)
    db.execute("insert into public.interview_messages (interview_id, role, content) values (%s, 'candidate', 'hi')",
               (interview_id,))
    outsider = register(api)
    upload(api, outsider, image_bytes("PNG"))
    assert census(db, user.id)["objects"] == 3

    wrong = api.delete("/api/user/account", {"password": "Wrong1password"}, format="json", **user.auth)
    assert wrong.status_code == 403
    assert wrong.json()["error"] == {"code": "invalid_password", "message": "The password is not correct.",
                                     "details": {}}
    assert census(db, user.id)["auth.users"] == 1 and census(db, user.id)["objects"] == 3

    gone = api.delete("/api/user/account", {"password": PASSWORD}, format="json", **user.auth)
    assert gone.status_code == 204, gone.content
    assert set(census(db, user.id).values()) == {0}
    assert census(db, outsider.id)["objects"] == 1 and census(db, outsider.id)["auth.users"] == 1
    login = api_client().post("/api/auth/login", {"email": user.email, "password": PASSWORD}, format="json")
    assert login.status_code == 401


# what mutation testing asked for ----------------------------------------------------------------
def test_a_missing_profile_is_a_404(api, user, db):
    db.execute("delete from public.profiles where id = %s", (user.id,))
    response = api.get("/api/user/profile", **user.auth)
    assert response.status_code == 404
    assert response.json()["error"] == {"code": "profile_not_found", "message": "The profile does not exist.",
                                        "details": {}}


def test_the_stored_avatar_has_a_generated_name_and_its_type(api, user, db):
    path = upload(api, user, image_bytes("PNG")).json()["avatar_path"]
    assert re.fullmatch(rf"{user.id}/[0-9a-f]{{32}}\.webp", path)
    mimetype = db.execute("select metadata->>'mimetype' from storage.objects where bucket_id = 'avatars'"
                          " and name = %s", (path,)).fetchone()[0]
    assert mimetype == "image/webp"


def test_the_upload_size_limit_is_inclusive_and_checked_before_reading(api, user, settings):
    data = image_bytes("PNG", (64, 64))
    settings.AVATAR_MAX_BYTES = len(data)
    assert upload(api, user, data).status_code == 200
    settings.AVATAR_MAX_BYTES = len(data) - 1
    refused = upload(api, user, data)
    assert refused.status_code == 413
    assert refused.json()["error"]["message"] == f"The image is larger than {len(data) - 1} bytes."


def test_no_orphan_object_when_the_profile_cannot_be_updated(api, user, db, local_stack):
    """Local only: a trigger makes the profile write fail after the upload succeeded."""
    db.execute("create or replace function public.test_refuse_avatar() returns trigger language plpgsql as"
               " $$ begin if new.avatar_path is distinct from old.avatar_path then"
               " raise exception 'avatar refused'; end if; return new; end $$")
    db.execute("create trigger test_refuse_avatar before update on public.profiles for each row"
               " execute function public.test_refuse_avatar()")
    try:
        response = upload(api, user, image_bytes("PNG"))
    finally:
        db.execute("drop trigger test_refuse_avatar on public.profiles")
        db.execute("drop function public.test_refuse_avatar()")
    assert response.status_code == 400
    assert stored_avatars(db, user.id) == []


def test_statistics_carry_every_figure_of_the_view(api, user, db):
    insert_interview(db, user.id, score=80, kind="coding", answered=4)
    stats = api.get("/api/user/stats", **user.auth).json()
    row = db.execute("select last_activity_at, member_since from public.interview_statistics where user_id = %s",
                     (user.id,)).fetchone()
    assert (stats["total_questions_answered"], stats["total_problems_solved"]) == (4, 0)
    assert (stats["current_streak"], stats["longest_streak"]) == (1, 1)
    assert datetime.fromisoformat(stats["last_activity_at"]) == row[0]
    assert datetime.fromisoformat(stats["member_since"]) == row[1]


def test_a_new_user_has_zero_counts_and_a_banned_one_is_inactive(api, user, service_client):
    stats = api.get("/api/user/stats", **user.auth).json()
    assert (stats["total_questions_answered"], stats["total_problems_solved"], stats["longest_streak"]) == (0, 0, 0)
    assert stats["last_activity_at"] is None
    service_client.auth.admin.update_user_by_id(user.id, {"ban_duration": "24h"})
    assert api.get("/api/user/stats", **user.auth).json()["account_status"] == "inactive"


def test_account_deletion_attempts_are_throttled_per_client_ip(api, user, settings):
    settings.ACCOUNT_THROTTLE_PER_IP = 2
    for _ in range(2):
        assert api.delete("/api/user/account", {"password": "Wrong1password"}, format="json",
                          **user.auth).status_code == 403
    throttled = api.delete("/api/user/account", {"password": PASSWORD}, format="json", **user.auth)
    assert throttled.status_code == 429
    assert api.get("/api/auth/me", **user.auth).status_code == 200  # nothing was deleted
