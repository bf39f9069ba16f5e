"""Recordings made for the tests: real WAV files (the standard library writes them), WebM and
MP4 headers, and a text file dressed up as a recording."""

from __future__ import annotations

import io
import wave

from django.core.files.uploadedfile import SimpleUploadedFile

# An EBML header whose DocType is "webm" (what MediaRecorder writes first), then filler.
WEBM_HEAD = (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
             b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02")
MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"


def wav_bytes(seconds: float = 1.0, rate: int = 8000) -> bytes:
    """A silent mono 16-bit WAV of exactly `seconds`."""
    out = io.BytesIO()
    with wave.open(out, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(b"\x00\x00" * int(seconds * rate))
    return out.getvalue()


def webm_bytes(size: int = 2048) -> bytes:
    return WEBM_HEAD + b"\x00" * (size - len(WEBM_HEAD))


def mp4_bytes(size: int = 2048) -> bytes:
    return MP4_HEAD + b"\x00" * (size - len(MP4_HEAD))


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
