"""PDF reports: content checked by extracting the text with pypdf (every question and score,
the candidate's non-Latin name), pagination of a 40-question report, caching in the private
reports bucket until the interview changes, the generate/list/show endpoints (seed 003's paths
too), 409 before completion, 404 for another user's, 401 anonymous; everything an interview
stores lives under {user_id}/{interview_id}/ and its rows go with it."""

from __future__ import annotations

import io
import re
import unicodedata

import httpx
import pytest
from pypdf import PdfReader

from backend.llm_api.services.report_pdf import render_report
from tests.api.interview_helpers import STRONG, say, started
from tests.api.media_helpers import upload, wav_bytes

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")

NAME = "José Müller 王小明 דנה"


def text_of(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def completed(api, who, n=3) -> dict:
    interview, _ = started(api, who, num_questions=n)
    for _ in range(n * 4):
        if say(api, who, interview["id"], STRONG).json()["kind"] == "closing":
            break
    ended = api.post(f"/api/interviews/{interview['id']}/end", **who.auth)
    assert ended.status_code == 200 and ended.json()["status"] == "completed", ended.content
    return interview


def report_objects(db, prefix):
    return [r[0] for r in db.execute("select name from storage.objects where bucket_id = 'reports' and name like %s"
                                     " order by name", (prefix + "%",)).fetchall()]


def test_the_report_shows_every_question_score_and_the_candidates_name(api, alice, db):
    api.patch("/api/user/profile", {"full_name": NAME}, format="json", **alice.auth)
    interview = completed(api, alice)
    answer = api.get(f"/api/interviews/{interview['id']}/report.pdf", **alice.auth)
    assert answer.status_code == 200, answer.content
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    text, pages = text_of(answer.content)
    flat = squash(text)
    evaluation = api.get(f"/api/interviews/{interview['id']}/evaluation", **alice.auth).json()
    assert "José Müller" in flat and "王小明" in flat
    assert "דנה" in flat or "דנה"[::-1] in flat  # laid out right to left; extraction may give either order
    assert "Backend Engineer" in flat and "technical" in flat and "mid" in flat
    for item in evaluation["answers"]:
        assert squash(f"Question {item['position']}: {item['question_text']}") in flat
        assert f"Score: {float(item['score']):.0f}/100" in flat
    assert f"{float(evaluation['overall_score']):.0f}/100" in flat
    assert f"Page 1 of {pages}" in flat
    fonts = {str(font) for page in PdfReader(io.BytesIO(answer.content)).pages
             for font in (page["/Resources"]["/Font"].values())}
    assert fonts  # embedded TrueType subsets
    rows = db.execute("select user_id::text, storage_path, size_bytes, page_count from public.reports"
                      " where interview_id = %s", (interview["id"],)).fetchall()
    assert len(rows) == 1 and rows[0][0] == alice.id and rows[0][2] == len(answer.content) and rows[0][3] == pages
    assert report_objects(db, f"{alice.id}/") == [rows[0][1]]
    assert rows[0][1].startswith(f"{alice.id}/{interview['id']}/")


def test_cached_until_the_interview_changes(api, alice, db):
    interview = completed(api, alice)
    first = api.post("/api/reports/generate", {"interview_id": interview["id"]}, format="json", **alice.auth)
    assert first.status_code == 200, first.content
    body = first.json()
    assert body == {"id": body["id"], "interview_id": interview["id"], "report_url": body["report_url"],
                    "report_url_expires_in": 900, "generated_at": body["generated_at"],
                    "size_bytes": body["size_bytes"], "page_count": body["page_count"], "cached": False}
    pdf = httpx.get(body["report_url"]).content
    assert pdf.startswith(b"%PDF-") and len(pdf) == body["size_bytes"]
    again = api.post("/api/reports/generate/", {"session_id": interview["id"]}, format="json", **alice.auth).json()
    assert (again["id"], again["generated_at"], again["cached"]) == (body["id"], body["generated_at"], True)
    assert api.get(f"/api/interviews/{interview['id']}/report.pdf", **alice.auth).content == pdf
    db.execute("update public.interviews set title = 'Renamed: Backend loop' where id = %s", (interview["id"],))
    remade = api.post("/api/reports/generate", {"interview_id": interview["id"]}, format="json", **alice.auth).json()
    assert remade["id"] == body["id"] and remade["cached"] is False and remade["generated_at"] != body["generated_at"]
    assert "Renamed: Backend loop" in squash(text_of(httpx.get(remade["report_url"]).content)[0])
    assert len(report_objects(db, f"{alice.id}/")) == 1  # the old PDF was removed
    listed = api.get("/api/reports", **alice.auth).json()
    assert listed["count"] == 1 and listed["next"] is None and listed["previous"] is None
    assert [(r["id"], r["cached"]) for r in listed["results"]] == [(body["id"], True)]
    assert api.get("/api/reports/", **alice.auth).json()["count"] == 1
    shown = api.get(f"/api/reports/{body['id']}", **alice.auth)
    assert shown.status_code == 200 and shown.json()["generated_at"] == remade["generated_at"]
    assert api.get(f"/api/reports/{body['id']}/", **alice.auth).json()["id"] == body["id"]


def test_only_completed_interviews_and_only_ones_own(api, alice, bob, db):
    interview, _ = started(api, alice)
    early = api.get(f"/api/interviews/{interview['id']}/report.pdf", **alice.auth)
    assert early.status_code == 409
    assert early.json() == {"error": {"code": "not_completed", "message": "The interview is active: a report needs a "
                                      "completed interview.", "details": {"status": "active"}}}
    generate = api.post("/api/reports/generate", {"interview_id": interview["id"]}, format="json", **alice.auth)
    assert generate.status_code == 409
    done = completed(api, alice)
    made = api.post("/api/reports/generate", {"interview_id": done["id"]}, format="json", **alice.auth).json()
    for response in (api.get(f"/api/interviews/{done['id']}/report.pdf", **bob.auth),
                     api.post("/api/reports/generate", {"interview_id": done["id"]}, format="json", **bob.auth),
                     api.get(f"/api/reports/{made['id']}", **bob.auth)):
        assert response.status_code == 404
    assert api.get("/api/reports", **bob.auth).json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert api.get(f"/api/interviews/{done['id']}/report.pdf").status_code == 401
    assert api.get("/api/reports").status_code == 401
    missing = api.post("/api/reports/generate", {}, format="json", **alice.auth)
    assert missing.status_code == 422 and missing.json()["error"]["details"] == {
        "interview_id": ["This field is required."]}
    assert report_objects(db, f"{bob.id}/") == []


def test_a_40_question_report_paginates_and_wraps_long_answers():
    answers = [{"position": i, "question_text": f"Question text number {i}: how would you design system {i}?",
                "answer_text": ("A long answer that keeps going. " * 60) + f"END-{i}", "skipped": False,
                "score": 40 + i, "evidence": [f"quote {i}"], "dimensions": {"communication": {"level": 3,
                                                                                           "score": 50}}}
               for i in range(1, 41)]
    data = {"interview": {"title": "Forty", "job_role": "Engineer", "interview_type": "technical",
                          "experience_level": "senior", "difficulty": "hard"}, "candidate": "Ünal 李",
            "evaluation": {"overall_score": 61, "communication_score": 55, "technical_score": 70,
                           "problem_solving_score": 65, "code_quality_score": None, "duration_seconds": 3725,
                           "completed_at": "2026-12-01T10:00:00+00:00",
                           "feedback": {"detailed_feedback": "Solid.", "strengths": [{"text": "Clear"}],
                                        "areas_for_improvement": [], "recommendations": []},
                           "answers": answers, "skill_gaps": []},
            "delivery_metrics": {}}
    pdf, pages = render_report(data)
    text, counted = text_of(pdf)
    flat = squash(text)
    assert pages == counted and pages >= 10
    for i in range(1, 41):
        assert f"Question {i}: Question text number {i}" in flat and f"Score: {40 + i}/100" in flat
    assert "END-1" not in flat  # answers are trimmed to 1,500 characters
    assert f"Page {pages} of {pages}" in flat and "Ünal 李" in flat and "62 min 05 s" in flat


def test_everything_an_interview_stores_lives_under_its_folder_and_its_rows_go_with_it(api, alice, db):
    interview = completed(api, alice)
    api.post(f"/api/interviews/{interview['id']}/recordings", {"file": upload("a.wav", wav_bytes()), "kind": "audio"},
             format="multipart", **alice.auth)
    api.post("/api/reports/generate", {"interview_id": interview["id"]}, format="json", **alice.auth)
    prefix = f"{alice.id}/{interview['id']}/"
    stored = db.execute("select bucket_id, name from storage.objects where name like %s order by bucket_id",
                        (f"{alice.id}/%",)).fetchall()
    assert [bucket for bucket, _ in stored] == ["interview-recordings", "reports"]
    assert all(name.startswith(prefix) for _, name in stored)
    db.execute("delete from public.interviews where id = %s", (interview["id"],))
    assert db.execute("select (select count(*) from public.recordings where interview_id = %(i)s),"
                      " (select count(*) from public.reports where interview_id = %(i)s)",
                      {"i": interview["id"]}).fetchone() == (0, 0)


def test_arabic_names_are_shaped_with_each_words_letters_in_order():
    """Arabic letters join (HarfBuzz picks each letter's initial, medial or final form, which the
    PDF's text maps to Arabic presentation forms) and each word keeps its letters in order."""
    data = {"interview": {"title": "Shaping", "job_role": "Engineer"}, "candidate": "محمد عبد الله",
            "evaluation": {"feedback": {}, "answers": [], "skill_gaps": []}, "delivery_metrics": {}}
    text, _ = text_of(render_report(data)[0])
    name = next(line for line in text.splitlines() if any("\u0600" <= ch <= "\ufeff" for ch in line))
    assert any("\ufe70" <= ch <= "\ufeff" for ch in name), name  # joined forms, not isolated letters
    words = unicodedata.normalize("NFKC", name).split()
    assert sorted(words) == sorted(["محمد", "عبد", "الله"]), words  # extraction may give either word order


def test_spoken_interviews_show_their_delivery_metrics():
    data = {"interview": {"title": "Spoken", "job_role": "Engineer", "interview_type": "behavioral",
                          "experience_level": "mid", "difficulty": "medium"}, "candidate": "Ana",
            "evaluation": {"overall_score": 70, "duration_seconds": 600, "feedback": {},
                           "answers": [{"position": 1, "question_text": "Tell me about a conflict.",
                                        "answer_text": "I talked to them.", "score": 70}], "skill_gaps": []},
            "delivery_metrics": {"spoken_parts": 1, "word_count": 12, "speaking_seconds": 6.1,
                                 "words_per_minute": 118.0, "fillers_per_minute": 9.8, "pause_count": 1,
                                 "pause_seconds": 2.5, "silence_count": 0, "time_to_first_word_seconds": 0.8,
                                 "flags": ["many_fillers"],
                                 "answers": {"1": {"words_per_minute": 118.0, "filler_count": 1, "pause_count": 1}}}}
    flat = squash(text_of(render_report(data)[0])[0])
    assert "Delivery (spoken answers)" in flat and "1 spoken answer(s), 12 words over 6.1 s of speech" in flat
    assert "Words per minute 118.0" in flat and "Filler words per minute 9.8" in flat and "many_fillers" in flat
    assert "Delivery: 118.0 words a minute, 1 filler words, 1 pauses" in flat
    quiet = squash(text_of(render_report({**data, "delivery_metrics": {}})[0])[0])
    assert "Delivery" not in quiet
