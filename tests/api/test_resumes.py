"""`/api/resumes...` and seed 002's paths, against the local stack: upload, parse, store, list,
read, correct, reparse and delete; every rejection; no orphan object; other users' ids are 404."""

from __future__ import annotations

import io
import json
import re
import time
import uuid
import zlib
from datetime import datetime

import httpx
import pytest

from tests.api.accounts_helpers import api_client
from tests.api.fake_openai import FakeOpenAI, completion
from tests.api.office_files import odt, rtf, word_97_doc
from tests.api.resume_corpus import PEOPLE, render_docx, render_pdf, render_pdf_two_columns, render_text

pytestmark = pytest.mark.usefixtures("stack_settings")

ADA, JOSE = PEOPLE[0], PEOPLE[1]


@pytest.fixture
def api():
    return api_client()  # an address of its own: upload throttles count per client IP


@pytest.fixture
def user(make_user):
    made = make_user()
    made.auth = {"HTTP_AUTHORIZATION": f"Bearer {made.access_token}"}
    return made


def named(data: bytes, name: str):
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def post(api, url: str, data: bytes, name: str = "cv.pdf", auth: dict | None = None):
    return api.post(url, {"file": named(data, name)}, format="multipart", **(auth or {}))


def rows(db, user_id: str) -> list[tuple]:
    return db.execute("select id::text, storage_path, file_name, content_type, size_bytes, page_count, "
                      "extracted_text, parsed, parser from public.resumes where user_id = %s", (user_id,)).fetchall()


def objects(db, user_id: str) -> list[str]:
    return [row[0] for row in db.execute(
        "select name from storage.objects where bucket_id = 'resumes' and name like %s", (f"{user_id}/%",))]


def all_counts(db) -> tuple[int, int]:
    resumes = db.execute("select count(*) from public.resumes").fetchone()[0]
    stored = db.execute("select count(*) from storage.objects where bucket_id = 'resumes'").fetchone()[0]
    return resumes, stored


# anonymous -------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/api/resume/parse", "/api/resumes"])
@pytest.mark.parametrize("header", [{}, {"HTTP_AUTHORIZATION": ""}], ids=["no-header", "blank-header"])
def test_anonymous_upload_is_parsed_and_not_stored(api, db, url, header):
    before = all_counts(db)
    answer = post(api, url, render_pdf(ADA), "Ada CV.pdf", header)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["success"] is True and body["saved_to_database"] is False
    assert "resume_id" not in body and "resume" not in body
    assert body["filename"] == "Ada CV.pdf" and body["parser"] == "offline"
    assert body["content_type"] == "application/pdf" and body["page_count"] == 1
    assert (body["data"]["name"], body["data"]["email"]) == ("Ada Lovelace", ADA.email)
    assert all_counts(db) == before


def test_a_bad_token_is_refused_not_ignored(api):
    answer = post(api, "/api/resume/parse", render_text(ADA), "a.txt", {"HTTP_AUTHORIZATION": "Bearer nonsense"})
    assert answer.status_code == 401


@pytest.mark.parametrize("url", ["/api/resumes", "/api/db/resumes"])
def test_listing_needs_a_signed_in_caller(api, url):
    answer = api.get(url)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "not_authenticated"


def test_seed_upload_path_needs_a_signed_in_caller(api):
    assert post(api, "/api/db/resumes/upload", render_text(ADA), "a.txt").status_code == 401


# authenticated upload --------------------------------------------------------------------------
def test_signed_in_upload_stores_file_and_row(api, db, user):
    data = render_pdf(ADA)
    answer = post(api, "/api/resumes", data, "../../etc/Ada\x00 Lovelace.pdf", user.auth)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["saved_to_database"] is True and body["success"] is True
    resume_id = body["resume_id"]
    assert body["resume"]["id"] == resume_id and body["filename"] == "Ada Lovelace.pdf"
    [(row_id, path, file_name, content_type, size, pages, text, parsed, parser)] = rows(db, user.id)
    assert row_id == resume_id
    assert re.fullmatch(rf"{user.id}/[0-9a-f]{{32}}\.pdf", path)
    assert objects(db, user.id) == [path]
    assert (file_name, content_type, size, pages, parser) == ("Ada Lovelace.pdf", "application/pdf", len(data), 1,
                                                              "offline")
    assert "Paystream Ltd" in text
    assert parsed["name"] == "Ada Lovelace" and parsed == body["data"]


@pytest.mark.parametrize(("render", "name", "content_type", "extension"), [
    (render_docx, "cv.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    (render_text, "cv.txt", "text/plain", "txt"),
    (render_pdf_two_columns, "cv.pdf", "application/pdf", "pdf"),
])
def test_each_format_is_stored_by_its_content(api, db, user, render, name, content_type, extension):
    answer = post(api, "/api/resumes", render(JOSE), "misleading.png", user.auth)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["content_type"] == content_type
    assert body["data"]["name"] == "José Martínez-García"
    assert body["data"]["experience"][0]["company"] == "Tiendas Online SA"
    assert objects(db, user.id)[0].endswith(f".{extension}")


def test_seed_paths_answer_like_the_resumes_endpoints(api, user):
    parsed = post(api, "/api/resume/parse", render_text(ADA), "a.txt", user.auth)
    assert parsed.status_code == 200 and parsed.json()["saved_to_database"] is True
    uploaded = post(api, "/api/db/resumes/upload", render_text(JOSE), "j.txt", user.auth)
    assert uploaded.status_code == 201 and uploaded.json()["saved_to_database"] is True
    listed = api.get("/api/db/resumes", **user.auth).json()
    assert listed == api.get("/api/resumes", **user.auth).json() | {"results": listed["results"]}
    assert [r["id"] for r in listed["results"]] == [uploaded.json()["resume_id"], parsed.json()["resume_id"]]
    item = listed["results"][0]
    for key in ("id", "user_id", "file_name", "file_url", "file_size_bytes", "parsed_json", "created_at"):
        assert key in item


# rejections ------------------------------------------------------------------------------------
def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_pdf(ADA))))
    writer.encrypt(user_password="secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.circle(200, 400, 100, fill=1)
    page.showPage()
    page.save()
    return out.getvalue()


REJECTIONS = [
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(200), "cv.pdf", 415, "unsupported_file_type"),
    ("legacy-doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "cv.doc", 415, "unsupported_file_type"),
    ("latin-1", "Zoë Curriculum Vitæ".encode("latin-1"), "cv.txt", 415, "unsupported_file_type"),
    ("nul-bytes", b"Ada Lovelace\x00\x00 engineer", "cv.txt", 415, "unsupported_file_type"),
    ("encrypted", encrypted_pdf(), "cv.pdf", 422, "encrypted_file"),
    ("truncated-pdf", render_pdf(ADA)[:1500], "cv.pdf", 422, "truncated_file"),
    ("truncated-docx", render_docx(ADA)[:5000], "cv.docx", 422, "unreadable_file"),
    ("no-text", blank_pdf(), "scan.pdf", 422, "no_text_found"),
    ("empty", b"", "cv.txt", 422, "no_text_found"),
]


@pytest.mark.parametrize(("case", "data", "name", "status", "code"), REJECTIONS, ids=[r[0] for r in REJECTIONS])
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_rejections_store_nothing(api, db, make_user, case, data, name, status, code, signed_in):
    auth = {}
    if signed_in:
        made = make_user()
        auth = {"HTTP_AUTHORIZATION": f"Bearer {made.access_token}"}
    before = all_counts(db)
    answer = post(api, "/api/resumes", data, name, auth)
    assert answer.status_code == status, answer.content
    error = answer.json()["error"]
    assert error["code"] == code and error["message"]
    assert all_counts(db) == before


@pytest.mark.parametrize(("data", "name", "what"), [
    (word_97_doc("Ada Lovelace\rBackend engineer"), "cv.doc", "Legacy Word files (.doc)"),
    (word_97_doc("Ada Lovelace\rBackend engineer"), "cv.pdf", "Legacy Word files (.doc)"),  # the name never decides
    (rtf("Ada Lovelace\nBackend engineer"), "cv.rtf", "RTF files"),
    (odt("Ada Lovelace\nBackend engineer"), "cv.odt", "OpenDocument text files (.odt)"),
], ids=["doc", "doc-named-pdf", "rtf", "odt"])
def test_office_formats_are_415_naming_the_accepted_formats(api, data, name, what):
    answer = post(api, "/api/resume/parse", data, name)
    assert answer.status_code == 415
    assert answer.json() == {"error": {"code": "unsupported_file_type", "details": {}, "message": (
        f"{what} are not accepted; upload a PDF, a DOCX document or plain UTF-8 text.")}}


def test_no_text_found_says_so(api):
    answer = post(api, "/api/resume/parse", blank_pdf(), "scan.pdf")
    assert "No text could be found" in answer.json()["error"]["message"]


def test_size_limit_is_checked_before_reading(api, db, user, settings):
    settings.RESUME_MAX_BYTES = 2000
    answer = post(api, "/api/resumes", render_text(ADA) + b" " * 2000, "big.txt", user.auth)
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "file_too_large"
    huge = post(api, "/api/resumes", b"x" * (200 * 1024), "huge.txt", user.auth)  # refused by Content-Length
    assert huge.status_code == 413
    assert rows(db, user.id) == [] and objects(db, user.id) == []


def test_page_limit(api, db, user, settings):
    settings.RESUME_MAX_PAGES = 2
    answer = post(api, "/api/resumes", render_pdf(ADA, repeat=3), "long.pdf", user.auth)
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "too_many_pages"
    assert rows(db, user.id) == [] and objects(db, user.id) == []


def slow_pdf(operations: int) -> bytes:
    """One page whose flate-compressed content stream is `operations` tiny text operators (48 MB for 2
    million, in a file of about 100 KB): pypdf needs over a minute for it on the development machine."""
    content = b"BT /F1 1 Tf " + b"1 0 0 1 10 10 Tm (a) Tj " * operations + b"ET"
    stream = zlib.compress(content, 9)
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
              b"/Resources << /Font << /F1 5 0 R >> >> >>",
              b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
              b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)


def test_a_pdf_built_to_be_slow_is_stopped_after_the_timeout(api, db, user, settings):
    settings.RESUME_PARSE_TIMEOUT = 1
    data = slow_pdf(2_000_000)
    assert len(data) < 200 * 1024
    started = time.monotonic()
    answer = post(api, "/api/resumes", data, "slow.pdf", user.auth)
    assert time.monotonic() - started < 20  # a full parse takes over a minute
    assert answer.status_code == 422
    assert answer.json() == {"error": {"code": "parse_timeout", "details": {}, "message": (
        "The file could not be read within 1 seconds; it may be damaged or built to be slow. "
        "Upload a simpler PDF, a DOCX or plain text.")}}
    assert rows(db, user.id) == [] and objects(db, user.id) == []
    # the next upload is read as usual
    assert post(api, "/api/resumes", render_pdf(ADA), "cv.pdf", user.auth).status_code == 201


@pytest.mark.parametrize(("render", "name"), [(render_pdf, "cv.pdf"), (render_docx, "cv.docx"),
                                              (render_text, "cv.txt")])
def test_extracted_text_is_bounded(api, db, user, settings, render, name):
    settings.RESUME_MAX_TEXT_CHARS = 300
    answer = post(api, "/api/resumes", render(ADA), name, user.auth)
    assert answer.status_code == 413
    assert answer.json() == {"error": {"code": "too_much_text", "details": {}, "message": (
        "The file holds more than 300 characters of text; a resume is shorter.")}}
    assert rows(db, user.id) == [] and objects(db, user.id) == []
    settings.RESUME_MAX_TEXT_CHARS = 5000
    assert post(api, "/api/resumes", render(ADA), name, user.auth).status_code == 201


def test_anonymous_uploads_are_throttled_per_client_ip(api, db, settings):
    settings.RESUME_ANON_THROTTLE_PER_IP = 3
    settings.RESUME_ANON_THROTTLE_WINDOW_SECONDS = 600
    data = render_text(ADA)
    assert [post(api, "/api/resume/parse", data, "a.txt").status_code for _ in range(2)] == [200, 200]
    assert post(api, "/api/resumes", b"\x89PNG\r\n\x1a\n" + bytes(100), "a.png").status_code == 415  # counts too
    throttled = post(api, "/api/resume/parse", data, "a.txt")
    assert throttled.status_code == 429
    wait = int(throttled["Retry-After"])
    assert 540 < wait <= 600  # the rest of the configured window
    assert throttled.json() == {"error": {"code": "throttled", "details": {"retry_after": wait},
                                          "message": f"Too many resume uploads; try again in {wait} seconds."}}
    # another address has its own count
    assert post(api_client(), "/api/resume/parse", data, "a.txt").status_code == 200


def test_signed_in_uploads_have_their_own_higher_limit_per_user(api, db, settings, user, make_user):
    settings.RESUME_ANON_THROTTLE_PER_IP = 1
    settings.RESUME_USER_THROTTLE_PER_USER = 3
    settings.RESUME_USER_THROTTLE_WINDOW_SECONDS = 900
    data = render_text(ADA)
    assert post(api, "/api/resume/parse", data, "a.txt").status_code == 200  # the address's one anonymous upload
    answers = [post(api, url, data, "a.txt", user.auth).status_code
               for url in ("/api/resume/parse", "/api/resumes", "/api/db/resumes/upload")]
    assert answers == [200, 201, 201]  # not counted against the address
    throttled = post(api_client(), "/api/resumes", data, "a.txt", user.auth)  # the user's count, from anywhere
    assert throttled.status_code == 429
    wait = int(throttled["Retry-After"])
    assert 840 < wait <= 900
    assert throttled.json()["error"] == {"code": "throttled", "details": {"retry_after": wait},
                                         "message": f"Too many resume uploads; try again in {wait} seconds."}
    assert len(rows(db, user.id)) == 3  # the three admitted uploads, not the refused one
    other = make_user()
    assert post(api, "/api/resumes", data, "a.txt", {"HTTP_AUTHORIZATION": f"Bearer {other.access_token}"}
                ).status_code == 201
    assert post(api, "/api/resume/parse", data, "a.txt").status_code == 429  # anonymous still over its limit


def test_missing_file_is_a_validation_error(api, user):
    answer = api.post("/api/resumes", {}, format="multipart", **user.auth)
    assert answer.status_code == 422 and "file" in answer.json()["error"]["details"]


# no orphan -------------------------------------------------------------------------------------
@pytest.fixture
def failing_insert(db):
    """Make the row insert fail for real (a trigger raising disk_full) for one file name."""
    db.execute("""
        create or replace function public.test_fail_resume_insert() returns trigger language plpgsql as $$
        begin
          if new.file_name = 'fail-me.txt' then
            raise exception 'simulated failure' using errcode = '53100';
          end if;
          return new;
        end $$;
        create trigger test_fail_resume_insert before insert on public.resumes
          for each row execute function public.test_fail_resume_insert();
    """)
    yield
    db.execute("drop trigger test_fail_resume_insert on public.resumes;"
               "drop function public.test_fail_resume_insert();")


def test_a_failed_insert_leaves_no_object(api, db, user, failing_insert):
    answer = post(api, "/api/resumes", render_text(ADA), "fail-me.txt", user.auth)
    assert answer.status_code == 503, answer.content
    assert answer.json()["error"]["code"] == "supabase_unavailable"
    assert rows(db, user.id) == [] and objects(db, user.id) == []
    # the same user's next upload works
    assert post(api, "/api/resumes", render_text(ADA), "fine.txt", user.auth).status_code == 201
    assert len(objects(db, user.id)) == 1


# list, read, signed URL -------------------------------------------------------------------------
def test_list_is_paginated_newest_first(api, user, make_user):
    ids = [post(api, "/api/resumes", render_text(person), f"{n}.txt", user.auth).json()["resume_id"]
           for n, person in enumerate(PEOPLE[:3])]
    other = make_user()
    post(api, "/api/resumes", render_text(JOSE), "x.txt", {"HTTP_AUTHORIZATION": f"Bearer {other.access_token}"})
    first = api.get("/api/resumes?page_size=2", **user.auth).json()
    assert first["count"] == 3 and first["previous"] is None
    assert [r["id"] for r in first["results"]] == ids[::-1][:2]
    second = api.get(first["next"], **user.auth).json()
    assert [r["id"] for r in second["results"]] == ids[:1] and second["next"] is None
    assert second["previous"] is not None and "page=" not in second["previous"]
    assert api.get("/api/resumes?page=9", **user.auth).json()["results"] == []
    bad = api.get("/api/resumes?page_size=1000", **user.auth)
    assert bad.status_code == 422 and "page_size" in bad.json()["error"]["details"]


def test_detail_has_a_signed_url_for_the_exact_bytes(api, user, settings):
    settings.RESUME_SIGNED_URL_SECONDS = 120
    data = render_pdf(ADA)
    resume_id = post(api, "/api/resumes", data, "ada.pdf", user.auth).json()["resume_id"]
    detail = api.get(f"/api/resumes/{resume_id}", **user.auth).json()
    assert detail["file_url_expires_in"] == 120 and detail["parser"] == "offline"
    assert detail["parsed_json"]["email"] == ADA.email and detail["corrections"] == {}
    downloaded = httpx.get(detail["file_url"])
    assert downloaded.status_code == 200 and downloaded.content == data
    listed = api.get("/api/resumes", **user.auth).json()["results"][0]
    assert httpx.get(listed["file_url"]).content == data


def test_detail_and_list_answer_every_field(api, db, user, settings):
    settings.RESUME_SIGNED_URL_SECONDS = 90
    data = render_pdf(ADA)
    stored = post(api, "/api/resumes", data, "ada.pdf", user.auth).json()
    resume_id = stored["resume_id"]
    row = db.execute("select parsed, created_at, updated_at, parsed_at from public.resumes where id = %s",
                     (resume_id,)).fetchone()
    corrected = api.patch(f"/api/resumes/{resume_id}", {"location": "Paris, France"}, format="json", **user.auth)
    assert corrected.status_code == 200
    detail = api.get(f"/api/resumes/{resume_id}", **user.auth).json()
    updated_at = db.execute("select updated_at from public.resumes where id = %s", (resume_id,)).fetchone()[0]
    url = detail.pop("file_url")
    assert url.startswith("http") and httpx.get(url).content == data
    times = {key: datetime.fromisoformat(detail[key]) for key in ("parsed_at", "created_at", "updated_at")}
    assert times == {"parsed_at": row[3], "created_at": row[1], "updated_at": updated_at}
    assert detail == {
        "id": resume_id, "user_id": user.id, "file_name": "ada.pdf", "content_type": "application/pdf",
        "file_size_bytes": len(data), "page_count": 1, "parser": "offline",
        "parsed_json": {**row[0], "location": "Paris, France"}, "parser_output": row[0],
        "corrections": {"location": "Paris, France"}, "file_url_expires_in": 90,
        "parsed_at": detail["parsed_at"], "created_at": detail["created_at"], "updated_at": detail["updated_at"],
    }
    assert corrected.json() == {**detail, "file_url": corrected.json()["file_url"]}
    listed = api.get("/api/resumes", **user.auth).json()["results"]
    assert [{**r, "file_url": None} for r in listed] == [{**detail, "file_url": None}]
    assert httpx.get(listed[0]["file_url"]).content == data
    assert stored["file_size_bytes"] == len(data) and stored["content_type"] == "application/pdf"
    mimetype = db.execute("select metadata->>'mimetype' from storage.objects where bucket_id = 'resumes' and name = %s",
                          (db.execute("select storage_path from public.resumes where id = %s",
                                      (resume_id,)).fetchone()[0],)).fetchone()[0]
    assert mimetype == "application/pdf"
    # the upload's own answer holds the stored resume without a link
    assert stored["resume"] == {**detail, "file_url": None, "file_url_expires_in": None, "parsed_json": row[0],
                                "corrections": {}, "updated_at": stored["resume"]["updated_at"]}


def test_corrections_accumulate_and_dropping_an_absent_one_is_fine(api, user):
    resume_id = post(api, "/api/resumes", render_text(ADA), "a.txt", user.auth).json()["resume_id"]
    url = f"/api/resumes/{resume_id}"
    assert api.patch(url, {"location": "Paris, France"}, format="json", **user.auth).status_code == 200
    second = api.patch(url, {"summary": "Engineer.", "phone": None}, format="json", **user.auth)
    assert second.status_code == 200
    assert second.json()["corrections"] == {"location": "Paris, France", "summary": "Engineer."}
    third = api.patch(url, {"location": None}, format="json", **user.auth).json()
    assert third["corrections"] == {"summary": "Engineer."}
    assert third["parsed_json"]["location"] == third["parser_output"]["location"] == "London, UK"


def test_an_empty_list_asks_storage_for_no_links(api, user, monkeypatch):
    from backend.llm_api import supabase_client

    def refuse(**kwargs):
        raise AssertionError("no links to sign")

    monkeypatch.setattr(supabase_client, "storage_signed_urls", refuse)
    assert api.get("/api/resumes", **user.auth).json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_the_request_size_is_checked_from_content_length(settings):
    from backend.llm_api.services.resume_parsing import FileTooLarge
    from backend.llm_api.services.resumes import (
        MULTIPART_OVERHEAD,
        resume_admit_upload,
        resume_check_request_size,
    )

    settings.RESUME_MAX_BYTES = 10 * 1024 * 1024
    limit = 10 * 1024 * 1024 + MULTIPART_OVERHEAD
    for fine in (None, "", "nonsense", "0", 1, limit, str(limit)):
        resume_check_request_size(content_length=fine)
    for too_large, admit in ((limit + 1, False), (str(limit + 1), True)):
        with pytest.raises(FileTooLarge) as refused:
            if admit:
                resume_admit_upload(user_id=None, client_ip=None, content_length=too_large)
            else:
                resume_check_request_size(content_length=too_large)
        assert (refused.value.detail, refused.value.code) == ("The file is larger than 10 MB.", "file_too_large")


def test_file_names_are_made_safe():
    from backend.llm_api.services.resumes import safe_file_name

    assert safe_file_name("../../etc/passwd", "txt") == "passwd"
    assert safe_file_name("C:\\Users\\ada\\My CV.pdf", "pdf") == "My CV.pdf"
    assert safe_file_name("  cv\x00\x1f\u202e final\t\n  draft.pdf ", "pdf") == "cv final draft.pdf"
    assert safe_file_name("Cafe\u0301.docx", "docx") == "Café.docx"  # NFC: one code point for é
    for name in (None, "", "   ", ".", "..", "dir/", "\x00"):
        assert safe_file_name(name, "pdf") == "resume.pdf", name
    long = "a" * 300 + ".docx"
    assert safe_file_name(long, "docx") == "a" * 250 + ".docx" and len(safe_file_name(long, "docx")) == 255
    assert safe_file_name("b" * 300 + ".abcdefghijk", "pdf") == ("b" * 300 + ".abcdefghijk")[:255]
    assert safe_file_name("c" * 300, "pdf") == "c" * 255
    assert safe_file_name("d" * 255, "pdf") == "d" * 255
    assert safe_file_name("f" * 256, "pdf") == "f" * 255
    dotted = "cv.final." + "g" * 300 + ".pdf"  # the extension is what follows the last dot
    assert safe_file_name(dotted, "pdf") == dotted[:251] + ".pdf"
    assert safe_file_name("e" * 250 + ".abcdefghij", "pdf") == "e" * 244 + ".abcdefghij"


def test_the_file_size_limit_is_inclusive(api, db, user, settings):
    data = render_text(ADA)
    settings.RESUME_MAX_BYTES = len(data)
    assert post(api, "/api/resumes", data, "exact.txt", user.auth).status_code == 201
    settings.RESUME_MAX_BYTES = len(data) - 1
    refused = post(api, "/api/resumes", data, "over.txt", user.auth)
    assert refused.status_code == 413
    assert refused.json() == {"error": {"code": "file_too_large", "details": {}, "message": (
        f"The file is larger than {(len(data) - 1) / (1024 * 1024):g} MB.")}}
    assert len(rows(db, user.id)) == 1


def test_a_zero_timeout_reads_in_process_and_any_other_in_a_child(api, user, settings, monkeypatch):
    from backend.llm_api.services.resume_parsing import documents

    calls = []
    real = documents._in_child
    monkeypatch.setattr(documents, "_in_child",  # records the timeout, reads with a generous one
                        lambda data, pages, text, timeout: calls.append(timeout) or real(data, pages, text, 30))
    settings.RESUME_PARSE_TIMEOUT = 0
    assert post(api, "/api/resume/parse", render_text(ADA), "a.txt").status_code == 200
    assert calls == []
    settings.RESUME_PARSE_TIMEOUT = 0.5
    settings.RESUME_MAX_TEXT_CHARS = 5000
    settings.RESUME_MAX_PAGES = 2
    assert post(api, "/api/resume/parse", render_text(ADA), "a.txt").status_code == 200
    assert calls == [0.5]
    assert post(api, "/api/resume/parse", render_pdf(ADA, repeat=3), "a.pdf").json()["error"]["code"] == \
        "too_many_pages"
    settings.RESUME_MAX_PAGES = 20
    settings.RESUME_MAX_TEXT_CHARS = 100
    assert post(api, "/api/resume/parse", render_text(ADA), "a.txt").json()["error"]["code"] == "too_much_text"


# another user's resume ------------------------------------------------------------------------
def test_other_users_resumes_are_404(api, db, user, make_user):
    resume_id = post(api, "/api/resumes", render_text(ADA), "a.txt", user.auth).json()["resume_id"]
    other = make_user()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {other.access_token}"}
    missing = str(uuid.uuid4())
    for target in (resume_id, missing):
        for answer in (api.get(f"/api/resumes/{target}", **auth),
                       api.patch(f"/api/resumes/{target}", {"name": "Mallory"}, format="json", **auth),
                       api.post(f"/api/resumes/{target}/reparse", **auth),
                       api.delete(f"/api/resumes/{target}", **auth)):
            assert answer.status_code == 404, answer.content
            assert answer.json()["error"]["code"] in ("resume_not_found", "not_found")
    assert api.get("/api/resumes/not-a-uuid", **user.auth).status_code == 404
    assert api.get("/api/resumes", **auth).json()["count"] == 0
    assert len(rows(db, user.id)) == 1 and rows(db, user.id)[0][7]["name"] == "Ada Lovelace"


# corrections and reparse ----------------------------------------------------------------------
def test_corrections_survive_a_reparse(api, db, user):
    resume_id = post(api, "/api/resumes", render_text(ADA), "a.txt", user.auth).json()["resume_id"]
    url = f"/api/resumes/{resume_id}"
    job = {"title": "Principal Engineer", "company": "Paystream Ltd", "location": "London, UK",
           "start": "2021-03", "end": None, "current": True, "highlights": ["Owned payments."]}
    patched = api.patch(url, {"name": "Augusta Ada King", "skills": ["Python", "Rust"], "experience": [job]},
                        format="json", **user.auth)
    assert patched.status_code == 200, patched.content
    body = patched.json()
    assert body["parsed_json"]["name"] == "Augusta Ada King"
    assert body["parsed_json"]["skills"] == ["Python", "Rust"]
    assert body["parsed_json"]["experience"] == [job]
    assert body["parsed_json"]["email"] == ADA.email  # untouched fields come from the parser
    assert body["parser_output"]["name"] == "Ada Lovelace"
    assert set(body["corrections"]) == {"name", "skills", "experience"}

    db.execute("update public.resumes set parsed = '{}'::jsonb where id = %s", (resume_id,))  # reparse must refill
    reparsed = api.post(f"{url}/reparse", **user.auth)
    assert reparsed.status_code == 200, reparsed.content
    again = reparsed.json()
    assert again["parser_output"]["name"] == "Ada Lovelace" and again["parser_output"]["email"] == ADA.email
    assert again["parsed_json"]["name"] == "Augusta Ada King" and again["parsed_json"]["experience"] == [job]

    reverted = api.patch(url, {"name": None}, format="json", **user.auth).json()
    assert reverted["parsed_json"]["name"] == "Ada Lovelace" and "name" not in reverted["corrections"]


@pytest.mark.parametrize("changes", [
    {}, {"claims": []}, {"nickname": "x"}, {"skills": "Python"},
    {"experience": [{"title": "x", "company": None, "location": None, "start": "March 2020", "end": None,
                     "current": True, "highlights": []}]},
    {"links": ["javascript:alert(1)"]},
], ids=["empty", "claims", "unknown", "not-a-list", "bad-date", "bad-link"])
def test_invalid_corrections_are_422(api, user, changes):
    resume_id = post(api, "/api/resumes", render_text(ADA), "a.txt", user.auth).json()["resume_id"]
    answer = api.patch(f"/api/resumes/{resume_id}", changes, format="json", **user.auth)
    assert answer.status_code == 422, answer.content
    assert api.get(f"/api/resumes/{resume_id}", **user.auth).json()["corrections"] == {}


def test_reparse_uses_the_model_once_configured(api, user, settings):
    resume_id = post(api, "/api/resumes", render_text(ADA), "a.txt", user.auth).json()["resume_id"]
    answer = {"name": "Ada Lovelace (model)", "email": ADA.email, "phone": None, "location": None, "links": [],
              "summary": None, "skills": ["Python"], "experience": [], "education": [], "certifications": [],
              "languages": [], "claims": []}
    with FakeOpenAI(lambda body: (200, completion(json.dumps(answer)))) as server:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "test-key", server.base_url
        reparsed = api.post(f"/api/resumes/{resume_id}/reparse", **user.auth).json()
        uploaded = post(api, "/api/resume/parse", render_text(JOSE), "j.txt").json()
    assert reparsed["parser"] == "model" and reparsed["parsed_json"]["name"] == "Ada Lovelace (model)"
    assert uploaded["parser"] == "model"
    assert [request["model"] for request in server.requests] == [settings.OPENAI_MODEL] * 2
    settings.OPENAI_BASE_URL = "http://127.0.0.1:9/v1"  # nothing listens: the offline parser answers
    fallback = post(api, "/api/resume/parse", render_text(JOSE), "j.txt").json()
    assert fallback["parser"] == "offline" and fallback["data"]["name"] == "José Martínez-García"


def test_a_slow_model_gives_way_to_the_offline_parser_within_its_timeout(api, settings):
    settings.RESUME_MODEL_TIMEOUT = 0.5
    with FakeOpenAI(lambda body: (200, completion("{}")), delay=30) as server:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "test-key", server.base_url
        started = time.monotonic()
        answer = post(api, "/api/resume/parse", render_text(JOSE), "j.txt").json()
        assert time.monotonic() - started < 10
    assert answer["parser"] == "offline" and answer["data"]["name"] == "José Martínez-García"


# delete ----------------------------------------------------------------------------------------
def test_delete_removes_row_and_file_and_unlinks_interviews(api, db, user):
    resume_id = post(api, "/api/resumes", render_pdf(ADA), "a.pdf", user.auth).json()["resume_id"]
    interview = db.execute("insert into public.interviews (user_id, resume_id, job_role) values (%s, %s, 'SRE') "
                           "returning id", (user.id, resume_id)).fetchone()[0]
    assert api.delete(f"/api/resumes/{resume_id}", **user.auth).status_code == 204
    assert rows(db, user.id) == [] and objects(db, user.id) == []
    assert db.execute("select resume_id from public.interviews where id = %s", (interview,)).fetchone()[0] is None
    assert api.get(f"/api/resumes/{resume_id}", **user.auth).status_code == 404
    assert api.delete(f"/api/resumes/{resume_id}", **user.auth).status_code == 404
