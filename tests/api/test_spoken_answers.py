"""A spoken answer turn end to end: multipart `audio` on POST /api/interviews/{id}/messages is
kept as a recording linked to its answer, transcribed by the (fake) speech model, answered as
text, and leaves delivery metrics on the answer and the interview; transcript-only users keep
no audio; a failed transcription keeps the audio for a retry with the same client_message_id."""

from __future__ import annotations

import pytest

from backend.llm_api.services.delivery import THRESHOLDS
from tests.api.fake_openai import FakeOpenAI, transcript
from tests.api.interview_helpers import started
from tests.api.media_helpers import upload, wav_bytes

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")

# "Um, I measured the latency first and then I added an index" with a 2.5 s pause after "first":
# 11 words from 0.8 s to 6.9 s (6.1 s): 108.2 wpm; 1 filler: 9.8 a minute; one pause of 2.5 s.
SPOKEN = [("Um,", 0.8, 1.0), ("I", 1.1, 1.2), ("measured", 1.3, 1.7), ("the", 1.8, 1.9), ("latency", 2.0, 2.5),
          ("first", 2.6, 2.9), ("and", 5.4, 5.6), ("then", 5.7, 5.9), ("I", 6.0, 6.1), ("added", 6.2, 6.5),
          ("an", 6.55, 6.6), ("index.", 6.65, 6.9)]
TEXT = "Um, I measured the latency first and then I added an index."
METRICS = {"word_count": 12, "speaking_seconds": 6.1, "words_per_minute": 118.0, "pace": "acceptable",
           "filler_count": 1, "fillers_per_minute": 9.8, "pause_count": 1, "pause_seconds": 2.5,
           "longest_pause_seconds": 2.5, "silence_count": 0, "time_to_first_word_seconds": 0.8,
           "flags": ["many_fillers"]}


@pytest.fixture
def speech(settings):
    replies = [(200, transcript(SPOKEN, duration=7.5))]
    with FakeOpenAI(transcribe=lambda fields, data: replies[0]) as fake:
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = fake.base_url
        settings.LLM_PROVIDER = "offline"  # the interviewer words offline; only speech goes to the fake
        settings.SCORING_WITH_MODEL = False
        settings.TRANSCRIPTION_MODEL = "fake-whisper"
        fake.replies = replies
        yield fake


def speak(api, who, interview_id, audio: bytes | None, **fields):
    body = {**({"audio": upload("answer.wav", audio)} if audio is not None else {}), **fields}
    return api.post(f"/api/interviews/{interview_id}/messages", body, format="multipart", **who.auth)


def recording_rows(db, interview_id):
    return db.execute("select r.kind, r.client_message_id, r.transcript, a.position, r.storage_path"
                      " from public.recordings r left join public.interview_answers a on a.id = r.answer_id"
                      " where r.interview_id = %s order by r.created_at", (interview_id,)).fetchall()


def stored_objects(db, user_id):
    return [r[0] for r in db.execute("select name from storage.objects where bucket_id = 'interview-recordings'"
                                     " and name like %s", (f"{user_id}/%",)).fetchall()]


def test_a_spoken_answer_turn_end_to_end(api, alice, db, speech):
    interview, _ = started(api, alice)
    audio = wav_bytes(7.5)
    turn = speak(api, alice, interview["id"], audio, client_message_id="voice-1")
    assert turn.status_code == 200, turn.content
    body = turn.json()
    assert body["answer"]["content"] == TEXT and body["answer"]["role"] == "candidate"
    assert body["kind"] in ("follow_up", "question") and body["status"] == "active"
    spoken = body["spoken"]
    recording = spoken.pop("recording")
    assert spoken == {"transcript": {"text": TEXT, "language": "english", "duration_seconds": 7.5,
                                     "words": [{"word": w, "start": s, "end": e} for w, s, e in SPOKEN],
                                     "engine": "model", "model": "fake-whisper"},
                      "delivery_metrics": METRICS, "recording_kept": True}
    assert (recording["kind"], recording["answer_position"], recording["transcript"], recording["duration_seconds"],
            recording["duration_source"], recording["size_bytes"]) == ("audio", 1, TEXT, 7.5, "file", len(audio))
    [(kind, client_id, text, position, path)] = recording_rows(db, interview["id"])
    assert (kind, client_id, text, position) == ("audio", "voice-1", TEXT, 1)
    assert path.startswith(f"{alice.id}/{interview['id']}/") and stored_objects(db, alice.id) == [path]
    [fields] = [f for f, _ in speech.transcriptions]
    assert fields["model"] == "fake-whisper"
    answer_metrics = db.execute("select delivery_metrics from public.interview_answers where interview_id = %s"
                                " and position = 1", (interview["id"],)).fetchone()[0]
    assert answer_metrics == {**METRICS, "spoken_parts": 1}
    overall = db.execute("select delivery_metrics from public.interviews where id = %s",
                         (interview["id"],)).fetchone()[0]
    assert overall["answers"] == {"1": {**METRICS, "spoken_parts": 1}}
    assert {k: overall[k] for k in ("word_count", "words_per_minute", "filler_count", "pause_count")} == {
        "word_count": 12, "words_per_minute": 118.0, "filler_count": 1, "pause_count": 1}
    assert overall["thresholds"] == THRESHOLDS
    messages = db.execute("select content from public.interview_messages where interview_id = %s and"
                          " role = 'candidate'", (interview["id"],)).fetchall()
    assert messages == [(TEXT,)]
    detail = api.get(f"/api/interviews/{interview['id']}", **alice.auth).json()
    assert detail["answers"][0]["delivery_metrics"] == {**METRICS, "spoken_parts": 1}
    assert detail["answers"][1]["delivery_metrics"] is None  # not answered (or typed): none
    assert detail["delivery_metrics"]["answers"] == overall["answers"]
    assert detail["delivery_metrics"]["words_per_minute"] == 118.0 and "parts" not in detail["delivery_metrics"]
    # the same client_message_id again: the original turn, no second recording or message
    again = speak(api, alice, interview["id"], audio, client_message_id="voice-1")
    assert again.status_code == 200 and again.json()["replayed"] is True
    assert len(recording_rows(db, interview["id"])) == 1
    assert db.execute("select count(*) from public.interview_messages where interview_id = %s and"
                      " role = 'candidate'", (interview["id"],)).fetchone()[0] == 1


def test_transcript_only_keeps_no_audio(api, alice, db, speech):
    api.patch("/api/user/profile", {"keep_recordings": False}, format="json", **alice.auth)
    interview, _ = started(api, alice)
    turn = speak(api, alice, interview["id"], wav_bytes(7.5), client_message_id="v1")
    assert turn.status_code == 200, turn.content
    assert turn.json()["spoken"]["recording"] is None and turn.json()["spoken"]["recording_kept"] is False
    assert turn.json()["answer"]["content"] == TEXT
    assert recording_rows(db, interview["id"]) == [] and stored_objects(db, alice.id) == []
    assert db.execute("select delivery_metrics->>'word_count' from public.interview_answers where interview_id = %s"
                      " and position = 1", (interview["id"],)).fetchone()[0] == "12"


def test_a_failed_transcription_keeps_the_audio_for_a_retry(api, alice, db, speech):
    interview, _ = started(api, alice)
    speech.replies[0] = (500, {"error": {"message": "speech model down"}})
    failed = speak(api, alice, interview["id"], wav_bytes(7.5), client_message_id="v7")
    assert failed.status_code == 502 and failed.json()["error"]["code"] == "transcription_failed"
    [(kind, client_id, text, position, path)] = recording_rows(db, interview["id"])
    assert (kind, client_id, text, position) == ("audio", "v7", None, None)
    assert stored_objects(db, alice.id) == [path]
    assert db.execute("select count(*) from public.interview_messages where interview_id = %s and"
                      " role = 'candidate'", (interview["id"],)).fetchone()[0] == 0
    speech.replies[0] = (200, transcript(SPOKEN, duration=7.5))
    retried = speak(api, alice, interview["id"], None, client_message_id="v7")  # the kept audio is used
    assert retried.status_code == 200, retried.content
    assert retried.json()["answer"]["content"] == TEXT
    assert recording_rows(db, interview["id"]) == [("audio", "v7", TEXT, 1, path)]
    # the 500 was retried once by the client, then the kept audio was sent again
    assert [size for _, size in speech.transcriptions] == [len(wav_bytes(7.5))] * 3


def test_refusals(api, alice, bob, db, speech, settings):
    interview, _ = started(api, alice)
    other = speak(api, bob, interview["id"], wav_bytes(1.0))
    assert other.status_code == 404 and other.json()["error"]["code"] == "interview_not_found"
    assert api.post(f"/api/interviews/{interview['id']}/messages", {"audio": upload("a.wav", wav_bytes())},
                    format="multipart").status_code == 401
    text = speak(api, alice, interview["id"], b"this is text, not audio\n" * 30)
    assert text.status_code == 415
    missing = speak(api, alice, interview["id"], None, client_message_id="nothing-kept")
    assert missing.status_code == 422 and missing.json()["error"]["details"] == {"audio": ["No file was submitted."]}
    from tests.api.interview_helpers import create
    fresh = create(api, alice)
    not_started = speak(api, alice, fresh["id"], wav_bytes(1.0))
    assert not_started.status_code == 409 and not_started.json()["error"]["code"] == "invalid_transition"
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = ""
    no_model = speak(api, alice, interview["id"], wav_bytes(1.0))
    assert no_model.status_code == 503 and no_model.json()["error"]["code"] == "transcription_not_configured"
    assert recording_rows(db, interview["id"]) == [] and speech.transcriptions == []
