"""Speech to text through the `openai` package's audio transcription (any OpenAI-compatible
server via OPENAI_BASE_URL), with word timestamps when the server gives them.

With no speech model configured the API says so (503); it never makes a transcript up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings

from backend.llm_api.errors import AppError
from backend.llm_api.services.media import SNIFF_BYTES, MediaTooLarge, media_for_kind

logger = logging.getLogger(__name__)


class TranscriptionNotConfigured(AppError):
    status_code = 503
    default_code = "transcription_not_configured"
    default_detail = ("Transcription needs a speech model configured: set OPENAI_API_KEY (or OPENAI_BASE_URL for "
                      "an OpenAI-compatible server) and TRANSCRIPTION_MODEL.")


class TranscriptionFailed(AppError):
    status_code = 502
    default_code = "transcription_failed"
    default_detail = "The speech model could not transcribe the audio; try again."


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str | None
    duration_seconds: float | None
    words: list[dict[str, Any]]
    model: str

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "language": self.language, "duration_seconds": self.duration_seconds,
                "words": self.words, "engine": "model", "model": self.model}


def transcription_configured() -> bool:
    return bool((settings.OPENAI_API_KEY or settings.OPENAI_BASE_URL) and settings.TRANSCRIPTION_MODEL)


def check_audio(*, file: IO[bytes], size: int) -> str:
    """415 unless the bytes are audio the API accepts, 413 over TRANSCRIPTION_MAX_BYTES; the MIME type."""
    limit = int(settings.TRANSCRIPTION_MAX_BYTES)
    if size > limit:
        raise MediaTooLarge(f"Audio for transcription may be at most {limit / (1024 * 1024):g} MB.",
                            details={"max_bytes": limit})
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return media_for_kind(head=head, kind="audio").content_type


def _number(value: Any) -> float | None:
    try:
        return round(float(value), 3)
    except (TypeError, ValueError):
        return None


def _words(raw: Any) -> list[dict[str, Any]]:
    words = []
    for item in raw or []:
        get = item.get if isinstance(item, dict) else lambda key, item=item: getattr(item, key, None)
        word, start, end = get("word"), _number(get("start")), _number(get("end"))
        if not isinstance(word, str) or not word.strip() or start is None or end is None or end < start:
            continue
        words.append({"word": word.strip(), "start": start, "end": end})
    words.sort(key=lambda w: (w["start"], w["end"]))
    return words


def transcribe(*, file: IO[bytes], file_name: str, content_type: str) -> Transcript:
    """The transcript of the audio in `file` (read from its start), or 503/502."""
    if not transcription_configured():
        raise TranscriptionNotConfigured()
    import openai

    client = openai.OpenAI(api_key=settings.OPENAI_API_KEY or "not-needed", base_url=settings.OPENAI_BASE_URL or None,
                           timeout=float(settings.TRANSCRIPTION_TIMEOUT), max_retries=1)
    file.seek(0)
    try:
        answer = client.audio.transcriptions.create(
            model=settings.TRANSCRIPTION_MODEL, file=(file_name, file, content_type),
            response_format="verbose_json", timestamp_granularities=["word"])
    except openai.APIError as exc:
        logger.warning("transcription failed: %s", exc)
        raise TranscriptionFailed(details={"upstream_status": getattr(exc, "status_code", None)}) from exc
    except Exception as exc:  # the server answered something the client cannot read
        logger.warning("transcription failed", exc_info=True)
        raise TranscriptionFailed() from exc
    data = answer.model_dump() if hasattr(answer, "model_dump") else dict(answer)
    text = data.get("text")
    if not isinstance(text, str):
        raise TranscriptionFailed("The speech model answered without a transcript.")
    return Transcript(text=text.strip(), language=data.get("language") or None,
                      duration_seconds=_number(data.get("duration")), words=_words(data.get("words")),
                      model=str(settings.TRANSCRIPTION_MODEL))


def transcription_max_bytes() -> int:
    return int(settings.TRANSCRIPTION_MAX_BYTES)
