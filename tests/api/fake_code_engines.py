"""Local servers speaking Piston's and Judge0's HTTP protocols, for the runner tests.

Both run what they are sent as the engine would: the files written to a fresh directory, the entry
point executed by this machine's interpreter with the given arguments, stopped at the wall time.
`FakePiston` answers `POST /api/v2/execute` with `{language, version, run: {stdout, stderr, output,
code, signal}}`; `FakeJudge0` answers `POST /submissions?base64_encoded=true&wait=true` (the source and
a base64 zip of `additional_files`) with `{stdout, stderr (base64), status: {id, description}, time,
memory, token}`. `answer` replaces that with a fixed (status, body); every request's JSON is kept in
`.requests`, its path in `.paths`.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

INTERPRETERS = {"python": [sys.executable, "-I"], "javascript": [shutil.which("node") or "node"]}
JUDGE0_LANGUAGES = {71: "python", 63: "javascript"}


def execute(language: str, files: dict[str, str], entry: str, args: list[str], timeout: float) -> dict[str, Any]:
    """Run `entry` among `files` in a fresh directory: stdout, stderr, code, timed_out."""
    work = Path(tempfile.mkdtemp(prefix="fake-engine-"))
    try:
        for name, content in files.items():
            (work / name).write_text(content)
        try:
            done = subprocess.run([*INTERPRETERS[language], entry, *args], cwd=work, capture_output=True, text=True,
                                  timeout=timeout)
            return {"stdout": done.stdout, "stderr": done.stderr, "code": done.returncode, "timed_out": False}
        except subprocess.TimeoutExpired as exc:
            stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            return {"stdout": stdout, "stderr": "", "code": None, "timed_out": True}
    finally:
        shutil.rmtree(work, ignore_errors=True)


class FakeEngine:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.answer: tuple[int, Any] | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                fake.paths.append(self.path)
                status, reply = fake.answer if fake.answer else fake.handle(self.path, body)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def handle(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        raise NotImplementedError

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class FakePiston(FakeEngine):
    def handle(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        if path != "/api/v2/execute":
            return 404, {"message": "not found"}
        if body.get("language") not in INTERPRETERS:
            return 400, {"message": f"{body.get('language')}-{body.get('version')} runtime is unknown"}
        files = {f["name"]: f["content"] for f in body["files"]}
        ran = execute(body["language"], files, body["files"][0]["name"], body["args"], body["run_timeout"] / 1000)
        run = {"stdout": ran["stdout"], "stderr": ran["stderr"], "code": ran["code"],
               "signal": "SIGKILL" if ran["timed_out"] else None}
        return 200, {"language": body["language"], "version": "3.11.0",
                     "run": {**run, "output": run["stdout"] + run["stderr"]}}


class FakeJudge0(FakeEngine):
    def handle(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        if not path.startswith("/submissions?") or "base64_encoded=true" not in path or "wait=true" not in path:
            return 404, {"error": "not found"}
        language = JUDGE0_LANGUAGES.get(body.get("language_id"))
        if language is None:
            return 422, {"language_id": [f"language with id {body.get('language_id')} doesn't exist"]}
        entry = "script.py" if language == "python" else "script.js"
        files = {entry: base64.b64decode(body["source_code"]).decode()}
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(body.get("additional_files") or ""))) as bundle:
            files.update({name: bundle.read(name).decode() for name in bundle.namelist()})
        ran = execute(language, files, entry, body.get("command_line_arguments", "").split(), body["wall_time_limit"])
        status = ({"id": 5, "description": "Time Limit Exceeded"} if ran["timed_out"] else
                  {"id": 3, "description": "Accepted"} if ran["code"] == 0 else
                  {"id": 11, "description": "Runtime Error (NZEC)"})
        stdout, stderr = (base64.b64encode(ran[key].encode()).decode() if ran[key] else None
                          for key in ("stdout", "stderr"))
        return 201, {"stdout": stdout, "stderr": stderr, "status": status,
                     "time": "0.01", "memory": 9000, "token": "fake-token", "compile_output": None, "message": None}
