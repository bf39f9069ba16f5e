"""A local server speaking the OpenAI chat-completions HTTP protocol, for the model tests.

`FakeOpenAI(reply)` runs a threaded http.server on 127.0.0.1; `reply(request_json)` returns
(status, body) where body is a dict answered as JSON or a str answered as is. A request with
`"stream": true` answered 200 with a `Streamed(content)` gets the content as server-sent
`chat.completion.chunk` events (`chunk_size` characters each, `chunk_delay` seconds apart),
then `data: [DONE]`, as the OpenAI API streams. Every request's JSON is kept in `.requests`;
the time each streamed answer's first chunk was sent, in `.first_chunk_at`.

`/v1/audio/transcriptions` (multipart, as the `openai` package sends it) is answered by
`transcribe(fields, audio_bytes)` -> (status, body); `transcript(words)` builds a
`verbose_json` body with word timestamps. Each request's form fields and audio size are kept
in `.transcriptions`.

`GET /v1/models` (readiness probes) is answered by `models()` -> (status, body), by default
200 with one model `fake-model`; `models_delay` seconds first. Each such request's path is
kept in `.paths` like the others.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Callable[[dict[str, Any]], tuple[int, Any]]


class Streamed:
    """A streamed answer: `content` in chunks; `fail_after` chunks, then the connection drops."""

    def __init__(self, content: str, *, chunk_size: int = 4, chunk_delay: float = 0.0,
                 fail_after: int | None = None) -> None:
        self.content = content
        self.chunk_size = chunk_size
        self.chunk_delay = chunk_delay
        self.fail_after = fail_after


def chunk(delta: dict[str, Any], *, finish: str | None = None, model: str = "fake-model") -> dict[str, Any]:
    return {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def completion(content: str, *, model: str = "fake-model") -> dict[str, Any]:
    """A chat.completion object carrying `content` as the assistant's message."""
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content, "refusal": None}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def transcript(words: list[tuple[str, float, float]], *, language: str = "english",
               duration: float | None = None, text: str | None = None) -> dict[str, Any]:
    """A `verbose_json` transcription with these (word, start, end) timestamps."""
    return {"task": "transcribe", "language": language,
            "duration": duration if duration is not None else (words[-1][2] if words else 0.0),
            "text": text if text is not None else " ".join(word for word, _, _ in words),
            "words": [{"word": word, "start": start, "end": end} for word, start, end in words],
            "segments": []}


def multipart_fields(content_type: str, body: bytes) -> tuple[dict[str, str], bytes]:
    message = BytesParser(policy=email_policy).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    fields: dict[str, str] = {}
    audio = b""
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if name == "file":
            audio = payload
        elif name:
            fields[name] = fields[name] + "," + payload.decode() if name in fields else payload.decode()
    return fields, audio


class FakeOpenAI:
    def __init__(self, reply: Reply | None = None, *, delay: float = 0.0,
                 transcribe: Callable[[dict[str, str], bytes], tuple[int, Any]] | None = None,
                 models: Callable[[], tuple[int, Any]] | None = None, models_delay: float = 0.0) -> None:
        self.models = models or (lambda: (200, {"object": "list", "data": [
            {"id": "fake-model", "object": "model", "created": 0, "owned_by": "tests"}]}))
        self.models_delay = models_delay
        self.reply = reply or (lambda body: (404, {"error": {"message": "no chat model here"}}))
        self.transcribe = transcribe
        self.transcriptions: list[tuple[dict[str, str], int]] = []
        self.delay = delay
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.release = threading.Event()
        self.first_chunk_at: list[float] = []
        self.spans: list[tuple[float, float]] = []  # (received, answered) per request, perf_counter
        self.chunk_times: list[list[tuple[float, str]]] = []  # per streamed answer: (sent at, content)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.paths.append("GET " + self.path)
                if not self.path.rstrip("/").endswith("/models"):
                    status, answer = 404, {"error": {"message": "not found"}}
                else:
                    if fake.models_delay:
                        fake.release.wait(fake.models_delay)
                    status, answer = fake.models()
                self.send_json(status, answer)

            def send_json(self, status: int, answer: Any) -> None:
                """A JSON answer (a str is sent as it is, for malformed-JSON tests)."""
                data = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def do_POST(self) -> None:
                received = time.perf_counter()
                try:
                    self.answer()
                finally:
                    fake.spans.append((received, time.perf_counter()))

            def answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if self.path.endswith("/audio/transcriptions"):
                    self.answer_transcription(self.rfile.read(length))
                    return
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(body)
                fake.paths.append(self.path)
                if fake.delay:
                    fake.release.wait(fake.delay)
                status, answer = fake.reply(body)
                if isinstance(answer, Streamed):
                    self.stream(answer)
                    return
                self.send_json(status, answer)

            def answer_transcription(self, raw: bytes) -> None:
                fields, audio = multipart_fields(self.headers.get("Content-Type") or "", raw)
                fake.transcriptions.append((fields, len(audio)))
                fake.paths.append(self.path)
                status, answer = (fake.transcribe(fields, audio) if fake.transcribe
                                  else (404, {"error": {"message": "no speech model here"}}))
                self.send_json(status, answer)

            def stream(self, answer: Streamed) -> None:
                pieces = [answer.content[i:i + answer.chunk_size]
                          for i in range(0, len(answer.content), answer.chunk_size)] or [""]
                events = [chunk({"role": "assistant", "content": ""})]
                events += [chunk({"content": piece}) for piece in pieces]
                events.append(chunk({}, finish="stop"))
                sent: list[tuple[float, str]] = []
                fake.chunk_times.append(sent)
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.send_header("Cache-Control", "no-cache")
                    self.end_headers()
                    for index, event in enumerate(events):
                        if answer.fail_after is not None and index > answer.fail_after:
                            self.wfile.flush()
                            self.connection.shutdown(2)
                            return
                        if index and answer.chunk_delay:
                            time.sleep(answer.chunk_delay)
                        self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                        self.wfile.flush()
                        sent.append((time.perf_counter(), event["choices"][0]["delta"].get("content") or ""))
                        if index == 1:
                            fake.first_chunk_at.append(time.perf_counter())
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
