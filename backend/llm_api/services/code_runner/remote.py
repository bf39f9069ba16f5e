"""The HTTP back ends: the same harness and files, run by an existing code-execution engine, so the
API servers never run candidate code. `CODE_RUNNER=piston` or `judge0`, `CODE_RUNNER_URL`.

* Piston: `POST {url}/api/v2/execute`; the first file is the entry point (the harness), the
  solution and `cases.json` sit beside it; our wall time and memory as `run_timeout` (ms) and
  `run_memory_limit` (bytes).
* Judge0: `POST {url}/submissions?base64_encoded=true&wait=true`; the harness is the source, the
  solution and `cases.json` travel as `additional_files` (a base64 zip); our limits as
  `cpu_time_limit`, `wall_time_limit` (s), `memory_limit`, `max_file_size` (KB) and
  `max_processes_and_or_threads`.

An unreachable or failing engine is the server's fault (`RunnerUnavailable`, 503), never the
candidate's; a run the engine stopped at a limit is the candidate's failure, as locally.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from typing import Any

import httpx

from . import LANGUAGES, RunnerUnavailable, RunRequest, RunResult, parse_case_lines

STDERR_KEEP = 4000


class HttpRunner:
    name = "http"

    def __init__(self, *, base_url: str, token: str = "", timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    @staticmethod
    def files(request: RunRequest) -> list[tuple[str, str]]:
        """(name, content): the harness first, then the solution and the cases (arguments only)."""
        language = LANGUAGES[request.language]
        entry = "main.py" if language.name == "python" else "main.js"
        return [(entry, language.harness), (language.solution_file, request.source),
                ("cases.json", json.dumps(request.cases))]

    def post(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        try:
            response = httpx.post(f"{self.base_url}{path}", json=body, headers=headers, timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise RunnerUnavailable(f"{self.name} did not answer: {exc}") from exc
        if response.status_code not in (200, 201):
            raise RunnerUnavailable(f"{self.name} answered {response.status_code}: {response.text[:300]}")
        try:
            data = response.json()
        except ValueError as exc:
            raise RunnerUnavailable(f"{self.name} answered without JSON") from exc
        if not isinstance(data, dict):
            raise RunnerUnavailable(f"{self.name} answered without a result")
        return data

    @staticmethod
    def result(request: RunRequest, stdout: str, stderr: str, status: str) -> RunResult:
        return parse_case_lines(stdout.encode()[: request.limits.output_bytes], [case["name"] for case in request.cases],
                                status=status, stderr=stderr[-STDERR_KEEP:])


class PistonRunner(HttpRunner):
    name = "piston"

    def run(self, request: RunRequest) -> RunResult:
        body = {
            "language": LANGUAGES[request.language].piston_name, "version": "*",
            "files": [{"name": name, "content": content} for name, content in self.files(request)],
            "args": request.harness_args, "stdin": "",
            "run_timeout": int(request.limits.wall_seconds * 1000),
            "run_memory_limit": request.limits.memory_mb * 1024 * 1024,
        }
        run = self.post("/api/v2/execute", body, {"Authorization": self.token} if self.token else {}).get("run")
        if not isinstance(run, dict):
            raise RunnerUnavailable("piston answered without a run")
        stderr = str(run.get("stderr") or "")
        status = "ok"
        if run.get("signal") == "SIGKILL" or run.get("status") == "TO":
            status = "time_limit"
        elif "MemoryError" in stderr or "out of memory" in stderr:
            status = "memory_limit"
        elif run.get("code") not in (0, None) or run.get("signal"):
            status = "crashed"
        return self.result(request, str(run.get("stdout") or ""), stderr, status)


JUDGE0_TIME_LIMIT, JUDGE0_INTERNAL = 5, (13, 14)  # status ids: Time Limit Exceeded; Internal / Exec Format Error


class Judge0Runner(HttpRunner):
    name = "judge0"

    def run(self, request: RunRequest) -> RunResult:
        harness, *extra = self.files(request)
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as bundle:
            for name, content in extra:
                bundle.writestr(name, content)
        limits = request.limits
        body = {
            "language_id": LANGUAGES[request.language].judge0_id,
            "source_code": base64.b64encode(harness[1].encode()).decode(),
            "additional_files": base64.b64encode(archive.getvalue()).decode(),
            "command_line_arguments": " ".join(request.harness_args), "stdin": "",
            "cpu_time_limit": limits.cpu_seconds, "wall_time_limit": limits.wall_seconds,
            "memory_limit": limits.memory_mb * 1024, "max_file_size": limits.file_bytes // 1024,
            "max_processes_and_or_threads": limits.processes,
        }
        data = self.post("/submissions?base64_encoded=true&wait=true", body,
                         {"X-Auth-Token": self.token} if self.token else {})
        status_id = (data.get("status") or {}).get("id")
        if status_id in JUDGE0_INTERNAL or status_id is None:
            raise RunnerUnavailable(f"judge0 could not run it: {(data.get('status') or {}).get('description')}")
        stdout, stderr = (base64.b64decode(data.get(key) or "").decode("utf-8", "replace")
                          for key in ("stdout", "stderr"))
        status = "ok" if status_id == 3 else "time_limit" if status_id == JUDGE0_TIME_LIMIT else (
            "memory_limit" if "MemoryError" in stderr or "out of memory" in stderr else "crashed")
        return self.result(request, stdout, stderr, status)
