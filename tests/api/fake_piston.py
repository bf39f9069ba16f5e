"""A local server speaking Piston's HTTP protocol (`POST /api/v2/execute`), for the runner tests.

It runs what it is sent as Piston would: the files written to a fresh directory, the first one
executed by this machine's interpreter with `args`, answering `{language, version, run: {stdout,
stderr, output, code, signal}}`. `answer` can replace that with a fixed (status, body). Every
request's JSON is kept in `.requests`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

INTERPRETERS = {"python": [sys.executable, "-I"], "javascript": [shutil.which("node") or "node"]}


class FakePiston:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.answer: tuple[int, Any] | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                if fake.answer:
                    status, reply = fake.answer
                elif body.get("language") not in INTERPRETERS:
                    status, reply = 400, {"message": f"{body.get('language')}-{body.get('version')} runtime is unknown"}
                else:
                    status, reply = 200, fake.execute(body)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def execute(self, body: dict[str, Any]) -> dict[str, Any]:
        work = Path(tempfile.mkdtemp(prefix="fake-piston-"))
        try:
            for file in body["files"]:
                (work / file["name"]).write_text(file["content"])
            try:
                done = subprocess.run([*INTERPRETERS[body["language"]], body["files"][0]["name"], *body["args"]],
                                      cwd=work, capture_output=True, text=True, input=body.get("stdin", ""),
                                      timeout=body["run_timeout"] / 1000)
                run = {"stdout": done.stdout, "stderr": done.stderr, "code": done.returncode, "signal": None}
            except subprocess.TimeoutExpired as exc:
                run = {"stdout": (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else exc.stdout or "",
                       "stderr": "", "code": None, "signal": "SIGKILL"}
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return {"language": body["language"], "version": "3.11.0",
                "run": {**run, "output": run["stdout"] + run["stderr"]}}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
