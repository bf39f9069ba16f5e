"""Audio and video files told by their bytes (never by their name or declared type), and
their duration read from the container where a well-kept library (mutagen) covers it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import IO

from backend.llm_api.errors import AppError

logger = logging.getLogger(__name__)

SNIFF_BYTES = 4096  # enough for an EBML header's DocType, an MP4 `ftyp` box, ID3 or RIFF headers

# The containers each kind accepts, with the MIME type each is stored as.
AUDIO_TYPES = {"webm": "audio/webm", "ogg": "audio/ogg", "mp3": "audio/mpeg", "wav": "audio/wav",
               "m4a": "audio/mp4"}
VIDEO_TYPES = {"webm": "video/webm", "mp4": "video/mp4"}
KIND_TYPES = {"audio": AUDIO_TYPES, "video": VIDEO_TYPES, "screen": VIDEO_TYPES}
RECORDING_KINDS = ("audio", "video", "screen")
EXTENSIONS = {"webm": "webm", "ogg": "ogg", "mp3": "mp3", "wav": "wav", "m4a": "m4a", "mp4": "mp4"}
AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}


class UnsupportedMedia(AppError):
    status_code = 415
    default_code = "unsupported_media_type"
    default_detail = "The file is not a supported recording."


class MediaTooLarge(AppError):
    status_code = 413
    default_code = "file_too_large"
    default_detail = "The file is too large."


def container_of(head: bytes) -> str | None:
    """`webm`, `ogg`, `mp3`, `wav`, `m4a` or `mp4` from the file's first bytes; None otherwise."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: Matroska or WebM, told apart by the DocType
        return "webm" if b"\x42\x82\x84webm" in head[:SNIFF_BYTES] or b"webm" in head[:64] else None
    if head.startswith(b"OggS"):
        return "ogg"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0
                                   and (head[1] & 0x06) != 0):  # MPEG audio frame sync, layer set
        return "mp3"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "m4a" if head[8:12] in AUDIO_BRANDS else "mp4"
    return None


@dataclass(frozen=True)
class Media:
    container: str
    content_type: str
    extension: str


def media_for_kind(*, head: bytes, kind: str) -> Media:
    """The recording's container and stored MIME type, or 415 when its bytes are not one `kind` accepts."""
    accepted = KIND_TYPES[kind]
    container = container_of(head)
    if container == "m4a" and kind != "audio":
        container = "mp4"  # an audio-only MP4 is still an MP4
    if container == "mp4" and kind == "audio":
        container = "m4a"  # MP4 audio under another brand
    if container not in accepted:
        names = ", ".join(sorted(accepted))
        article = "An" if kind == "audio" else "A"
        raise UnsupportedMedia(f"{article} {kind} recording must be one of: {names} (told by the file's bytes).",
                               details={"kind": kind, "accepted": sorted(accepted)})
    return Media(container=container, content_type=accepted[container], extension=EXTENSIONS[container])


def duration_from_file(*, source: str | IO[bytes], container: str) -> float | None:
    """Seconds, read from the container (MP3, Ogg, WAV, MP4/M4A); None where it cannot tell (WebM)."""
    if container == "webm":
        return None  # mutagen has no Matroska reader, and WebM from MediaRecorder often has no duration
    try:
        import mutagen

        if not isinstance(source, str):
            source.seek(0)
        parsed = mutagen.File(source)
    except Exception:  # a damaged file: the duration is then the caller's
        logger.info("could not read the duration of a %s file", container, exc_info=True)
        return None
    length = getattr(getattr(parsed, "info", None), "length", None)
    if not length or length <= 0:
        return None
    return round(float(length), 2)
