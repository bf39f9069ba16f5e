"""POST /api/transcriptions and seed 003's /api/conversations/voice_to_text/: audio told by its
bytes, sent to the speech model through the openai package (a fake OpenAI-compatible server
here), word timestamps passed on; 503 with no speech model configured, never a made-up text."""

from __future__ import annotations

import pytest

from tests.api.fake_openai import FakeOpenAI, transcript
from tests.api.media_helpers import upload, wav_bytes, webm_bytes

pytestmark = pytest.mark.usefixtures("stack_settings")

WORDS = [("I", 0.5, 0.6), ("led", 0.7, 0.9), ("the", 1.0, 1.1), ("migration.", 1.2, 1.6)]


def use(settings, fake: FakeOpenAI) -> None:
    settings.OPENAI_API_KEY = "test-key"
    settings.OPENAI_BASE_URL = fake.base_url
    settings.TRANSCRIPTION_MODEL = "fake-whisper"


def test_without_a_speech_model_it_is_503_and_says_what_to_configure(api, alice, settings):
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = ""
    answer = api.post("/api/transcriptions", {"audio": upload("a.wav", wav_bytes())}, format="multipart",
                      **alice.auth)
    assert answer.status_code == 503
    assert answer.json() == {"error": {
        "code": "transcription_not_configured",
        "message": "Transcription needs a speech model configured: set OPENAI_API_KEY (or OPENAI_BASE_URL for an "
                   "OpenAI-compatible server) and TRANSCRIPTION_MODEL.", "details": {}}}
    settings.OPENAI_API_KEY = "key"
    settings.TRANSCRIPTION_MODEL = ""
    again = api.post("/api/transcriptions", {"audio": upload("a.wav", wav_bytes())}, format="multipart",
                     **alice.auth)
    assert again.status_code == 503 and again.json()["error"]["code"] == "transcription_not_configured"


def test_transcribes_through_the_speech_model_with_word_timestamps(api, alice, settings):
    audio = wav_bytes(2.0)
    with FakeOpenAI(transcribe=lambda fields, data: (200, transcript(WORDS, duration=2.0))) as fake:
        use(settings, fake)
        answer = api.post("/api/transcriptions", {"audio": upload("clip.wav", audio)}, format="multipart",
                          **alice.auth)
    assert answer.status_code == 200, answer.content
    assert answer.json() == {
        "text": "I led the migration.", "language": "english", "duration_seconds": 2.0, "engine": "model",
        "model": "fake-whisper",
        "words": [{"word": "I", "start": 0.5, "end": 0.6}, {"word": "led", "start": 0.7, "end": 0.9},
                  {"word": "the", "start": 1.0, "end": 1.1}, {"word": "migration.", "start": 1.2, "end": 1.6}]}
    [(fields, size)] = fake.transcriptions
    assert fake.paths == ["/v1/audio/transcriptions"]
    assert size == len(audio)
    assert fields == {"model": "fake-whisper", "response_format": "verbose_json",
                      "timestamp_granularities[]": "word"}


def test_seed_003_voice_to_text_takes_audio_file(api, alice, settings):
    with FakeOpenAI(transcribe=lambda fields, data: (200, {"text": " Hello there. ", "language": "en"})) as fake:
        use(settings, fake)
        answer = api.post("/api/conversations/voice_to_text/", {"audio_file": upload("v.webm", webm_bytes())},
                          format="multipart", **alice.auth)
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"text": "Hello there.", "language": "en", "duration_seconds": None, "words": [],
                             "engine": "model", "model": "fake-whisper"}


def test_a_text_file_named_webm_is_415_and_never_reaches_the_model(api, alice, settings):
    with FakeOpenAI(transcribe=lambda fields, data: (200, transcript(WORDS))) as fake:
        use(settings, fake)
        answer = api.post("/api/transcriptions", {"audio": upload("answer.webm", b"just some text\n" * 50,
                                                                  "audio/webm")}, format="multipart", **alice.auth)
    assert answer.status_code == 415
    assert answer.json() == {"error": {
        "code": "unsupported_media_type",
        "message": "An audio recording must be one of: m4a, mp3, ogg, wav, webm (told by the file's bytes).",
        "details": {"kind": "audio", "accepted": ["m4a", "mp3", "ogg", "wav", "webm"]}}}
    assert fake.transcriptions == []


def test_audio_over_the_limit_is_413(api, alice, settings):
    settings.TRANSCRIPTION_MAX_BYTES = 4000
    with FakeOpenAI(transcribe=lambda fields, data: (200, transcript(WORDS))) as fake:
        use(settings, fake)
        answer = api.post("/api/transcriptions", {"audio": upload("a.wav", wav_bytes(1.0))}, format="multipart",
                          **alice.auth)
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "file_too_large"
    assert fake.transcriptions == []


def test_a_failing_speech_model_is_502_and_missing_audio_422(api, alice, settings):
    with FakeOpenAI(transcribe=lambda fields, data: (500, {"error": {"message": "down"}})) as fake:
        use(settings, fake)
        answer = api.post("/api/transcriptions", {"audio": upload("a.wav", wav_bytes())}, format="multipart",
                          **alice.auth)
        missing = api.post("/api/transcriptions", {}, format="multipart", **alice.auth)
    assert answer.status_code == 502
    assert answer.json()["error"]["code"] == "transcription_failed"
    assert missing.status_code == 422
    assert missing.json()["error"]["details"] == {"audio": ["No file was submitted."]}


def test_anonymous_callers_are_401(api):
    answer = api.post("/api/transcriptions", {"audio": upload("a.wav", wav_bytes())}, format="multipart")
    assert answer.status_code == 401
