"""The model interviewer: any OpenAI-compatible chat-completions server, through `openai`.

Output is JSON `{"target", "reply"}` by JSON schema; a server that refuses JSON schema is
asked for JSON mode, and one that refuses that for plain text (remembered per server and
model for the process). The reply streams: the `reply` string is decoded from the JSON as
it arrives. The finished answer is validated (a follow-up must be a question that stays on
it; an acknowledgement must not ask, end or score anything); a malformed answer gets one
repair request, and what is still wrong raises `EngineFailed`. Timeouts are bounded and the
`openai` client retries 429 and 5xx with back-off.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from . import prompts
from .turns import EngineFailed, Turn

MODES = ("json_schema", "json_object", "text")
REPLY_SCHEMA = {
    "type": "object",
    "properties": {"target": {"type": "string"}, "reply": {"type": "string"}},
    "required": ["target", "reply"],
    "additionalProperties": False,
}
MAX_REPLY_CHARS = {"follow_up": 600, "question": 300, "closing": 300, "code_review": 600}
ASKING = ("follow_up", "code_review")  # the replies that ask the candidate something
_OVERREACH = re.compile(
    r"(that|this) (concludes|ends|wraps up)|end (of )?(the|this|our) interview|no more questions|"
    r"last question|final question|next question|moving on to|let'?s move on|you (scored|passed|failed|got the job)|"
    r"full marks|\bscore\b|out of (10|100)|/10\b",
    re.IGNORECASE,
)


class Reset:
    """Yielded when text already streamed is replaced (a repaired answer): discard it."""


RESET = Reset()


@dataclass(frozen=True)
class ModelSettings:
    api_key: str
    base_url: str | None
    model: str
    timeout: float
    max_retries: int
    temperature: float = 0.3


_modes: dict[tuple[str | None, str], str] = {}
_modes_lock = threading.Lock()


def _mode_for(settings: ModelSettings) -> str:
    with _modes_lock:
        return _modes.get((settings.base_url, settings.model), MODES[0])


def _downgrade(settings: ModelSettings, mode: str) -> str | None:
    index = MODES.index(mode)
    if index + 1 >= len(MODES):
        return None
    with _modes_lock:
        _modes[(settings.base_url, settings.model)] = MODES[index + 1]
    return MODES[index + 1]


def forget_modes() -> None:
    with _modes_lock:
        _modes.clear()


class ReplyStringDecoder:
    """Decodes the value of `"reply"` from a JSON text arriving in chunks, as it arrives."""

    _START = re.compile(r'"reply"\s*:\s*"')

    def __init__(self) -> None:
        self.buffer = ""
        self.position: int | None = None  # index just after the opening quote
        self.done = False

    def feed(self, chunk: str) -> str:
        self.buffer += chunk
        if self.done:
            return ""
        if self.position is None:
            match = self._START.search(self.buffer)
            if not match:
                return ""
            self.position = match.end()
        out = []
        index = self.position
        while index < len(self.buffer):
            char = self.buffer[index]
            if char == '"':
                self.done = True
                index += 1
                break
            if char == "\\":
                if index + 1 >= len(self.buffer):
                    break
                escape = self.buffer[index + 1]
                if escape == "u":
                    if index + 6 > len(self.buffer):
                        break
                    try:
                        out.append(chr(int(self.buffer[index + 2:index + 6], 16)))
                    except ValueError:
                        out.append("?")
                    index += 6
                    continue
                out.append({"n": "\n", "t": "\t", "r": "", "b": "", "f": ""}.get(escape, escape))
                index += 2
                continue
            out.append(char)
            index += 1
        self.position = index
        return "".join(out)


def _validated(turn: Turn, raw: str, mode: str) -> tuple[str, str | None]:
    """(reply, target) from the model's whole answer; raises ValueError when unusable."""
    if mode == "text":
        reply, target = raw.strip(), None
    else:
        data = json.loads(raw)
        if not isinstance(data, dict) or not isinstance(data.get("reply"), str):
            raise ValueError("no reply string")
        reply, target = data["reply"].strip(), data.get("target")
    kind = turn.decision.kind
    if not reply or len(reply) > MAX_REPLY_CHARS[kind]:
        raise ValueError("empty or too long")
    if _OVERREACH.search(reply):
        raise ValueError("the reply tries to move the interview on, end it or score it")
    if kind in ASKING and "?" not in reply:
        raise ValueError("a follow-up must ask something")
    if kind == "code_review" and turn.submission is not None and turn.submission.result not in reply:
        raise ValueError(f"the reply must state the result as \"{turn.submission.result}\"")
    if kind not in ASKING and "?" in reply:
        raise ValueError("an acknowledgement must not ask a question of its own")
    allowed = {lack.kind for lack in turn.decision.allowed}
    return reply, target if isinstance(target, str) and target in allowed else None


class ModelInterviewer:
    name = "model"

    def __init__(self, settings: ModelSettings) -> None:
        self.settings = settings
        self.target: str | None = None  # the lack the model chose to follow up on, once replied
        self.prompt_chars = 0

    def _client(self):
        import openai

        return openai.OpenAI(api_key=self.settings.api_key or "not-needed", base_url=self.settings.base_url or None,
                             timeout=self.settings.timeout, max_retries=self.settings.max_retries)

    def _request(self, client, mode: str, messages: list[dict[str, str]], *, stream: bool):
        kwargs: dict[str, Any] = {"model": self.settings.model, "messages": messages, "stream": stream,
                                  "temperature": self.settings.temperature, "max_tokens": 300}
        if mode == "json_schema":
            kwargs["response_format"] = {"type": "json_schema", "json_schema": {
                "name": "interviewer_reply", "strict": True, "schema": REPLY_SCHEMA}}
        elif mode == "json_object":
            kwargs["response_format"] = {"type": "json_object"}
        return client.chat.completions.create(**kwargs)

    def _open_stream(self, client, turn: Turn) -> tuple[Any, str, list[dict[str, str]]]:
        import openai

        mode = _mode_for(self.settings)
        while True:
            messages = prompts.messages(turn, json_output=mode != "text")
            try:
                return self._request(client, mode, messages, stream=True), mode, messages
            except openai.BadRequestError as exc:
                refused = re.search(r"response_format|json_schema|json_object|json mode", str(exc), re.IGNORECASE)
                next_mode = _downgrade(self.settings, mode) if refused else None
                if next_mode is None:
                    raise
                mode = next_mode

    def reply(self, turn: Turn) -> Generator[str | Reset, None, str]:
        import openai

        client = self._client()
        try:
            stream, mode, messages = self._open_stream(client, turn)
            self.prompt_chars = sum(len(message["content"]) for message in messages)
            decoder = ReplyStringDecoder()
            raw: list[str] = []
            for chunk in stream:
                if not chunk.choices:
                    continue
                delta = chunk.choices[0].delta.content or ""
                if not delta:
                    continue
                raw.append(delta)
                piece = delta if mode == "text" else decoder.feed(delta)
                if piece:
                    yield piece
            try:
                reply, self.target = _validated(turn, "".join(raw), mode)
                return reply
            except ValueError as problem:
                repair = [*messages, {"role": "assistant", "content": "".join(raw)[:2000]},
                          {"role": "user", "content": f"That answer cannot be used ({problem}). "
                                                      + prompts.task_text(turn, json_output=mode != "text")}]
            answer = self._request(client, mode, repair, stream=False)
            content = (answer.choices[0].message.content or "") if answer.choices else ""
            try:
                reply, self.target = _validated(turn, content, mode)
            except ValueError as problem:
                raise EngineFailed(f"the model's answer was unusable twice: {problem}") from problem
            yield RESET
            yield reply
            return reply
        except openai.OpenAIError as exc:
            raise EngineFailed(f"the model server failed: {type(exc).__name__}: {exc}") from exc
        except (ValueError, TypeError, KeyError, AttributeError) as exc:  # a body the client cannot read
            raise EngineFailed(f"the model server's answer is unreadable: {exc}") from exc
        finally:
            client.close()
