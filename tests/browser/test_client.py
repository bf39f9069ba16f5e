"""The browser client end to end, as a person uses it: sign up, a resume, a whole interview with the
reply streamed in, feedback and a retry, history filters, the report, the dashboard, the account's
deletion; and recruiter mode, from scheduling to a candidate taking the interview through the
invitation link. Every page passes axe-core at 375 and 1440 px and is photographed at both."""

from __future__ import annotations

import io
import re
import uuid

import httpx
import pytest
from PIL import Image

from tests.api.fake_openai import FakeOpenAI, transcript
from tests.api.interview_helpers import STRONG
from tests.api.media_helpers import wav_bytes

expect = pytest.importorskip("playwright.sync_api", reason="browser tests skipped: Playwright is not installed").expect

pytestmark = pytest.mark.timeout(240)

PASSWORD = "Browser-Test-1"
RESUME = b"""Ada Lovelace
ada@example.test | London

Summary
Backend engineer building Python services on PostgreSQL.

Experience
Senior Backend Engineer, Analytical Engines Ltd, 2021 - Present
- Cut p99 latency of the billing API by 40% by adding indexes and query plans to review
- Led a team of 4 engineers migrating services to Kubernetes

Skills
Python, PostgreSQL, Django, Kubernetes, Redis
"""
# Records every text an interviewer's bubble is given, so the test sees the reply grow token by token.
WATCH_STREAM = """() => {
  window.streamed = [];
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeType === Node.TEXT_NODE && record.target.closest?.('.from-interviewer')) window.streamed.push(node.data);
    }
  }).observe(document.querySelector('.conversation'), {childList: true, subtree: true});
}"""


def sign_up(tab, name: str, email: str | None = None) -> str:
    """Sign up through the form (after seeing a broken rule shown beside its field); the e-mail."""
    email = email or f"{name}-{uuid.uuid4().hex[:8]}@example.test"
    tab.open("/app/signup")
    tab.check("sign up")
    page = tab.page
    page.get_by_label("Full name").fill(f"{name.title()} Tester")
    page.get_by_label("Username").fill(f"{name}_{uuid.uuid4().hex[:8]}")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    password_field = page.locator('[data-field="password"]')
    expect(password_field.locator(".field-error")).to_contain_text("uppercase letter and a digit")
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1, name="Dashboard")).to_be_visible()
    return email


def api_session(tab) -> dict:
    return tab.page.evaluate("JSON.parse(localStorage.getItem('interview-coach.session'))")


def api(tab, method: str, path: str, **kwargs) -> httpx.Response:
    """The API as the signed-in person of `tab` (to compare what the page shows with what is stored)."""
    token = api_session(tab)["access_token"]
    return httpx.request(method, tab.base + path, headers={"Authorization": f"Bearer {token}"}, timeout=30, **kwargs)


def answer_in_the_room(tab, text: str) -> str:
    """Send an answer and wait for the interviewer's streamed reply; the reply's text."""
    page = tab.page
    replies = page.locator(".from-interviewer")
    before = replies.count()
    page.evaluate(WATCH_STREAM)
    page.get_by_label("Your answer").fill(text)
    with page.expect_response(re.compile(r"/messages$")) as turn:
        page.get_by_role("button", name="Send answer").click()
    assert turn.value.headers["content-type"].startswith("text/event-stream")
    expect(replies).to_have_count(before + 1)
    expect(page.locator(".streaming")).to_have_count(0)
    reply = replies.last.locator("p").inner_text()
    streamed = page.evaluate("window.streamed")
    assert len(set(streamed)) > 1 and all(reply.startswith(part.strip()) for part in streamed), streamed
    return reply


def test_a_candidate_practises_end_to_end(new_tab):
    tab = new_tab()
    page = tab.page
    email = sign_up(tab, "candidate")
    tab.check("dashboard empty")

    # a resume: upload, parsed fields, a correction
    page.get_by_role("link", name="Resumes").click()
    tab.check("resumes")
    page.get_by_role("button", name="Upload and parse").click()
    expect(page.locator('[data-field="file"] .field-error')).to_have_text("Choose a file first.")
    page.get_by_label("Resume file").set_input_files({"name": "cv.png", "mimeType": "image/png",
                                                     "buffer": b"\x89PNG\r\n\x1a\n" + bytes(64)})
    page.get_by_role("button", name="Upload and parse").click()
    expect(page.get_by_role("alert")).to_contain_text("PDF")  # the API's 415 in words, by the upload
    page.get_by_label("Resume file").set_input_files({"name": "ada.txt", "mimeType": "text/plain", "buffer": RESUME})
    page.get_by_role("button", name="Upload and parse").click()
    expect(page.get_by_role("heading", level=1, name="ada.txt")).to_be_visible()
    expect(page.get_by_label("Skills")).to_have_value(re.compile("PostgreSQL"))
    page.get_by_label("Location").fill("Cambridge")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.locator("#main").get_by_text("Corrections saved.").first).to_be_visible()
    tab.check("resume")
    resume_id = page.url.rsplit("/", 1)[1]
    assert api(tab, "GET", f"/api/resumes/{resume_id}").json()["parsed_json"]["location"] == "Cambridge"

    # a new interview with that resume and a job description
    page.get_by_role("link", name="Practise with this resume").click()
    expect(page.get_by_label("Resume (optional)")).to_have_value(resume_id)
    tab.check("new interview")
    page.get_by_label("Job role").fill("Backend Engineer")
    page.get_by_label("Number of questions").fill("2")
    page.get_by_label("Job description (optional)").fill("Python services, PostgreSQL performance tuning, Kubernetes")
    page.get_by_role("button", name="Create and start").click()
    expect(page.locator(".from-interviewer")).to_have_count(1)
    interview_id = page.url.rsplit("/", 1)[1]
    expect(page.locator("#room-progress")).to_contain_text("Question 1 of 2")
    tab.check("interview room")

    # the reply streams in; it is what the server stored; a reload resumes the same conversation
    reply = answer_in_the_room(tab, STRONG)
    stored = api(tab, "GET", f"/api/interviews/{interview_id}").json()["messages"]
    assert stored[-1]["role"] == "interviewer" and stored[-1]["content"] == reply
    page.reload()
    expect(page.locator(".bubble")).to_have_count(len([m for m in stored if m["role"] != "system"]))
    expect(page.locator(".from-interviewer").last).to_have_text(re.compile(re.escape(reply[:40])))

    # skip ahead until the interviewer closes, then end
    for _ in range(6):
        if "end the interview" in page.locator("#room-progress").inner_text():
            break
        with page.expect_response(re.compile(r"/skip$")):
            page.get_by_role("button", name="Skip question").click()
        expect(page.locator(".streaming")).to_have_count(0)
    expect(page.locator("#room-progress")).to_contain_text("end the interview")
    expect(page.get_by_role("button", name="Send answer")).to_be_disabled()
    page.get_by_role("button", name="End interview").click()

    # feedback: the scores the API recorded, why this score, a retry
    expect(page.get_by_role("heading", level=1, name=re.compile("^Feedback"))).to_be_visible()
    evaluation = api(tab, "GET", f"/api/interviews/{interview_id}/evaluation").json()
    expect(page.get_by_role("img", name=f"Overall: {round(evaluation['overall_score'])} out of 100")).to_be_visible()
    expect(page.get_by_role("heading", name="Coverage map")).to_be_visible()
    expect(page.locator(".coverage li").first).to_be_visible()
    tab.check("feedback")
    page.get_by_role("button", name="Why this score").first.click()
    expect(page.locator(".explanation").first).to_contain_text("level")
    page.get_by_label("Another attempt at question 1").fill(STRONG + " I also wrote a runbook for the on-call team.")
    page.get_by_role("button", name="Score my new attempt").first.click()
    expect(page.locator("#main").get_by_text(re.compile(r"New attempt scored \d+"))).to_be_visible()
    attempts = api(tab, "GET", f"/api/interviews/{interview_id}/answers/1").json()["attempts"]
    assert len(attempts) == 1
    expect(page.locator("#main .success")).to_contain_text(f"New attempt scored {round(attempts[0]['score'])} ")
    tab.check("feedback with a retry")

    # the report
    page.get_by_role("button", name="Download the PDF report").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Save report.pdf").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # a recording of the first answer plays and seeks (signed Storage link, Range requests, the page's CSP)
    stored_recording = api(tab, "POST", f"/api/interviews/{interview_id}/recordings",
                           data={"kind": "audio", "answer_position": "1"},
                           files={"file": ("answer.wav", wav_bytes(seconds=3.0), "audio/wav")})
    assert stored_recording.status_code == 201, stored_recording.text
    page.reload()
    player = page.get_by_label("Recording of answer 1")
    expect(player).to_be_visible()
    assert player.evaluate("""audio => new Promise((done, fail) => {
        audio.onerror = () => fail(new Error('the recording did not load'));
        const seek = () => { audio.onseeked = () => done(audio.currentTime); audio.currentTime = 2; };
        audio.readyState >= 1 ? seek() : audio.addEventListener('loadedmetadata', seek, {once: true});
    })""") == 2
    tab.check("feedback with a recording")

    # history: a second interview left unfinished, then filters and search
    made = api(tab, "POST", "/api/interviews", json={"job_role": "Data Analyst", "experience_level": "junior",
                                                      "interview_type": "behavioral", "difficulty": "easy"})
    assert made.status_code == 201
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", name="2 interviews")).to_be_visible()
    tab.check("history")
    page.get_by_label("Status").select_option("completed")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 interview")).to_be_visible()
    expect(page.get_by_role("link", name="Backend Engineer")).to_be_visible()
    assert "status=completed" in page.url
    page.get_by_label("Status").select_option("")
    page.get_by_label("Search role, title or job description").fill("analyst")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 interview")).to_be_visible()
    expect(page.get_by_role("link", name="Data Analyst")).to_be_visible()
    for number in range(9):  # 11 in all: two pages of ten
        assert api(tab, "POST", "/api/interviews", json={"job_role": f"Analyst {number}", "experience_level": "junior",
                                                         "interview_type": "behavioral", "difficulty": "easy",
                                                         "num_questions": 1}).status_code == 201
    page.reload()
    expect(page.get_by_role("heading", name="10 interviews")).to_be_visible()  # the search still applies
    page.get_by_role("link", name="Clear").click()
    expect(page.get_by_role("heading", name="11 interviews")).to_be_visible()
    expect(page.get_by_role("table").locator("tbody tr")).to_have_count(10)
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.get_by_role("table").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_role("link", name="Backend Engineer")).to_be_visible()  # the oldest, last
    tab.check("history page 2")

    # the dashboard counts both, with the chart; the session is refreshed when it is about to expire
    page.evaluate("""() => { const s = JSON.parse(localStorage.getItem('interview-coach.session'));
                              s.expires_at = Math.floor(Date.now() / 1000) + 5;
                              localStorage.setItem('interview-coach.session', JSON.stringify(s)); }""")
    old_token = api_session(tab)["access_token"]
    with page.expect_response(re.compile(r"/api/auth/refresh$")) as refreshed:
        page.get_by_role("link", name="Dashboard").click()
    assert refreshed.value.status == 200
    expect(page.locator(".stat").filter(has_text="Interviews")).to_contain_text("11")
    expect(page.locator(".stat").filter(has_text="Completed")).to_contain_text("1")
    assert api_session(tab)["access_token"] != old_token
    tab.check("dashboard")

    # the resume goes; the interview that used it stays
    page.get_by_role("link", name="Resumes").click()
    page.get_by_role("link", name="ada.txt").click()
    page.get_by_role("button", name="Delete this resume").click()
    expect(page.locator("#main").get_by_text("No resume yet")).to_be_visible()
    assert api(tab, "GET", f"/api/resumes/{resume_id}").status_code == 404
    assert api(tab, "GET", f"/api/interviews/{interview_id}").json()["resume"] is None

    # practice, profile, then the account's deletion
    page.get_by_role("link", name="Practice").click()
    page.get_by_label("Your answer").fill(STRONG)
    page.get_by_role("button", name="Score my answer").click()
    expect(page.get_by_role("heading", name=re.compile(r"Score \d+ of 100"))).to_be_visible()
    tab.check("practice")
    page.get_by_role("link", name="Profile").click()
    wide = io.BytesIO()
    Image.new("RGB", (600, 300), (30, 80, 200)).save(wide, "PNG")
    page.get_by_label("Image").set_input_files({"name": "me.png", "mimeType": "image/png", "buffer": wide.getvalue()})
    expect(page.get_by_role("img", name=re.compile("Preview of the new avatar"))).to_be_visible()
    page.get_by_role("button", name="Upload avatar").click()
    avatar = page.get_by_role("img", name="Your avatar")
    expect(avatar).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Preview"))).to_be_hidden()
    # the server's centred square, loaded from Storage (allowed by the page's img-src)
    assert avatar.evaluate("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])") == [300, 300]
    tab.check("profile")
    page.get_by_role("button", name="Export my data").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Save interview-coach-export.json").click()
    with open(download.value.path(), encoding="utf-8") as exported:
        assert email in exported.read()
    page.get_by_label("Your password").fill("Wrong-password-1")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator('[data-field="password"] .field-error, .form-error').first).to_be_visible()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#main").get_by_text("Your account and everything in it were deleted.")).to_be_visible()
    tab.check("log in after deletion")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile("Invalid|invalid|credentials|password"))


def answer_until_the_last_question(talk) -> None:
    """A scheduled interview's room: answer until the interviewer says that was the last question."""
    for _ in range(4):
        if "last question" in talk.locator("#interview-progress").inner_text():
            break
        replies = talk.locator(".from-interviewer").count()
        talk.get_by_label("Your answer").fill(STRONG)
        talk.get_by_role("button", name="Send answer").click()
        expect(talk.locator(".from-interviewer")).to_have_count(replies + 1)
    expect(talk.locator("#interview-progress")).to_contain_text("That was the last question")


def test_a_recruiter_schedules_a_session_and_the_candidate_takes_it_through_the_link(new_tab):
    recruiter = new_tab()
    page = recruiter.page
    sign_up(recruiter, "recruiter")
    page.get_by_role("link", name="Recruiter").click()
    recruiter.check("recruiter empty")
    interviewers = page.get_by_role("form", name="Add interviewer")
    interviewers.get_by_label("Name").fill("John Doe")
    interviewers.get_by_label("E-mail").fill("john@example.test")
    interviewers.get_by_role("button", name="Add interviewer").click()
    expect(page.locator("#main").get_by_text("John Doe · john@example.test")).to_be_visible()
    candidate_email = f"jane-{uuid.uuid4().hex[:8]}@example.test"
    candidates = page.get_by_role("form", name="Add candidate")
    candidates.get_by_label("Name").fill("Jane Smith")
    candidates.get_by_label("E-mail").fill(candidate_email)
    candidates.get_by_role("button", name="Add candidate").click()
    expect(page.locator("#main").get_by_text(f"Jane Smith · {candidate_email}")).to_be_visible()
    schedule = page.get_by_role("form", name="Schedule a session")
    schedule.get_by_label("Questions").fill("1")
    schedule.get_by_label("Job description").fill("Python services and PostgreSQL performance tuning")
    recruiter.check("recruiter")
    schedule.get_by_role("button", name="Schedule").click()

    expect(page.get_by_role("heading", level=1, name="Software Engineer Interview")).to_be_visible()
    page.get_by_role("button", name="Create the invitation link").click()
    link = page.get_by_label("Invitation link (send it to the candidate)").input_value()
    assert re.fullmatch(rf"{re.escape(recruiter.base)}/app/invitation#token=[\w-]{{40,}}", link), link
    recruiter.check("session with invitation")

    candidate = new_tab()  # no account, another browser
    candidate.page.goto(link)
    talk = candidate.page
    expect(talk.get_by_role("heading", level=1, name="Software Engineer Interview")).to_be_visible()
    expect(talk.locator("#main").get_by_text("John Doe")).to_be_visible()
    candidate.check("invitation")
    talk.get_by_role("button", name="Begin the interview").click()
    expect(talk.locator(".from-interviewer")).to_have_count(1)
    candidate.check("invitation interview")
    answer_until_the_last_question(talk)
    talk.get_by_role("button", name="Finish the interview").click()
    expect(talk.get_by_role("heading", level=1, name="Thank you")).to_be_visible()
    candidate.check("invitation finished")
    talk.goto(link)
    expect(talk.get_by_role("alert")).to_contain_text("This interview has ended")

    page.reload()
    expect(page.get_by_role("heading", name="Candidates for Backend Engineer, side by side")).to_be_visible()
    expect(page.get_by_role("cell", name="Jane Smith (this session)")).to_be_visible()
    results = api(recruiter, "GET", page.url.replace(recruiter.base + "/app/recruiter", "/api") + "/results/").json()
    overall = round(results["evaluation"]["overall_score"])
    expect(page.get_by_role("img", name=f"Overall: {overall} out of 100")).to_be_visible()
    recruiter.check("session results")


def press_tab_until(page, name: str, key: str = "Tab", limit: int = 60) -> None:
    """Tab (or `key`: Shift+Tab) until the focused element is named `name`: it is reachable by keyboard."""
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate("""() => { const e = document.activeElement;
            return e.labels?.[0]?.textContent || e.getAttribute('aria-label') || e.textContent.trim(); }""")
        if focused == name:
            return
    raise AssertionError(f"{name!r} is not reachable with {key}")


def test_the_keyboard_alone_signs_in_starts_an_interview_and_answers(new_tab):
    tab = new_tab()
    page = tab.page
    email = f"keys-{uuid.uuid4().hex[:8]}@example.test"
    made = httpx.post(tab.base + "/api/auth/register", json={"email": email, "username": f"keys_{uuid.uuid4().hex[:8]}",
                                                             "password": PASSWORD, "full_name": "Key Board"})
    assert made.status_code == 201, made.text
    tab.open("/app/login")
    expect(page.get_by_role("heading", level=1, name="Log in")).to_be_focused()
    press_tab_until(page, "Skip to content", key="Shift+Tab")  # back past the navigation to the first stop
    page.keyboard.press("Enter")
    press_tab_until(page, "E-mail")
    page.keyboard.type(email)
    press_tab_until(page, "Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Dashboard")).to_be_focused()

    press_tab_until(page, "Start a new interview")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="New interview")).to_be_focused()
    press_tab_until(page, "Job role")
    page.keyboard.type("Site Reliability Engineer")
    press_tab_until(page, "Create and start")
    page.keyboard.press("Enter")
    expect(page.locator(".from-interviewer")).to_have_count(1)
    press_tab_until(page, "Your answer")
    page.keyboard.type(STRONG)
    page.keyboard.press("Control+Enter")
    expect(page.locator(".from-interviewer")).to_have_count(2)
    expect(page.locator(".streaming")).to_have_count(0)
    expect(page.get_by_label("Your answer")).to_be_focused()


def test_a_signed_in_candidate_accepts_a_scheduled_interview_and_takes_it(new_tab):
    recruiter = new_tab()
    page = recruiter.page
    sign_up(recruiter, "hiring")
    sam_email = f"sam-{uuid.uuid4().hex[:8]}@example.test"
    for form_name, name, email in (("Add interviewer", "Ann Lee", "ann@example.test"), ("Add candidate", "Sam Roe", sam_email)):
        page.get_by_role("link", name="Recruiter").click()
        form = page.get_by_role("form", name=form_name)
        form.get_by_label("Name").fill(name)
        form.get_by_label("E-mail").fill(email)
        form.get_by_role("button", name=form_name).click()
        expect(page.locator("#main").get_by_text(f"{name} · {email}")).to_be_visible()
    schedule = page.get_by_role("form", name="Schedule a session")
    schedule.get_by_label("Title").fill("Platform round")
    schedule.get_by_label("Questions").fill("1")
    schedule.get_by_role("button", name="Schedule").click()
    expect(page.get_by_role("heading", level=1, name="Platform round")).to_be_visible()

    sam = new_tab()
    talk = sam.page
    sign_up(sam, "sam", email=sam_email)  # the address the session was scheduled for (verified on sign-up)
    talk.get_by_role("link", name="Invitations").click()
    sam.check("invitations")
    talk.get_by_role("link", name="Platform round").click()
    talk.get_by_role("button", name="Accept the interview").click()
    talk.get_by_role("button", name="Begin the interview").click()
    expect(talk.locator(".from-interviewer")).to_have_count(1)
    answer_until_the_last_question(talk)
    talk.get_by_role("button", name="Finish the interview").click()
    expect(talk.get_by_role("heading", level=1, name="Thank you")).to_be_visible()

    # it is in Sam's history, and opening it there leads to the candidate's side, not an error
    talk.get_by_role("link", name="History").click()
    talk.get_by_role("link", name="Platform round").click()
    expect(talk.get_by_role("heading", level=1, name="Thank you")).to_be_visible()
    assert talk.url.endswith("/app/invited/" + talk.url.rsplit("/", 1)[1])
    sam.check("invited interview finished")


SPOKEN = [("So,", 0.6, 0.9), ("um,", 1.0, 1.2), ("I", 1.3, 1.4), ("measured", 1.5, 1.9), ("the", 2.0, 2.1),
          ("latency", 2.2, 2.6), ("first", 2.7, 3.0), ("and", 5.4, 5.6), ("then", 5.7, 5.9), ("I", 6.0, 6.1),
          ("added", 6.2, 6.5), ("an", 6.55, 6.6), ("index.", 6.65, 6.9)]


def test_a_spoken_answer_is_recorded_transcribed_and_its_delivery_shown(new_tab, settings):
    with FakeOpenAI(transcribe=lambda fields, audio: (200, transcript(SPOKEN, duration=7.5))) as speech:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "test-key", speech.base_url  # a speech model...
        settings.LLM_PROVIDER, settings.SCORING_WITH_MODEL = "offline", False  # ...and nothing else on it
        settings.TRANSCRIPTION_MODEL = "fake-whisper"
        tab = new_tab()
        page = tab.page
        sign_up(tab, "speaker")
        page.get_by_role("link", name="Start a new interview").click()
        page.get_by_label("Job role").fill("Backend Engineer")
        page.get_by_label("Number of questions").fill("1")
        page.get_by_role("button", name="Create and start").click()
        record = page.get_by_role("button", name="Record a spoken answer")
        record.click()
        expect(page.get_by_role("button", name="Stop and send")).to_have_attribute("aria-pressed", "true")
        with page.expect_response(re.compile(r"/messages$")) as turn:
            page.get_by_role("button", name="Stop and send").click()
        assert turn.value.headers["content-type"].startswith("text/event-stream")
        heard = " ".join(word for word, _, _ in SPOKEN)
        expect(page.locator(".from-candidate").last).to_have_text(re.compile(re.escape(heard)))
        expect(page.locator(".from-interviewer")).to_have_count(2)
        expect(page.locator(".streaming")).to_have_count(0)
        [(fields, audio_size)] = speech.transcriptions
        assert fields["model"] == "fake-whisper" and audio_size > 0  # the browser's recording reached the model
        tab.check("interview room with a speech model")
        if "end the interview" not in page.locator("#room-progress").inner_text():
            with page.expect_response(re.compile(r"/skip$")):
                page.get_by_role("button", name="Skip question").click()
        page.get_by_role("button", name="End interview").click()
        expect(page.get_by_role("heading", name="Delivery")).to_be_visible()
        expect(page.locator(".stat").filter(has_text="Filler words per minute")).to_contain_text(re.compile(r"\d"))
        expect(page.locator(".note").filter(has_text="To work on")).to_contain_text("many filler words")
        tab.check("feedback with a spoken answer")
