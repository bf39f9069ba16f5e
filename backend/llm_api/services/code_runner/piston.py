"""The Piston back end: the same harness and files, run by a Piston server through its HTTP API
(`POST {CODE_RUNNER_URL}/api/v2/execute`), so the API servers never run candidate code.

The first file is Piston's entry point (the harness), the solution and `cases.json` sit beside
it; Piston's own limits get ours (`run_timeout` ms, `run_memory_limit` bytes). An unreachable or
failing server is the server's fault (`RunnerUnavailable`, 503), never the candidate's.
"""

from __future__ import annotations

import json

import httpx

from . import LANGUAGES, RunnerUnavailable, RunRequest, RunResult, parse_case_lines


class PistonRunner:
    name = "piston"

    def __init__(self, *, base_url: str, token: str = "", timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = {"Authorization": token} if token else {}
        self.timeout = timeout

    def run(self, request: RunRequest) -> RunResult:
        language = LANGUAGES[request.language]
        entry = "main.py" if language.name == "python" else "main.js"
        body = {
            "language": language.piston_name, "version": "*",
            "files": [{"name": entry, "content": language.harness},
                      {"name": language.solution_file, "content": request.source},
                      {"name": "cases.json", "content": json.dumps(request.cases)}],
            "args": [request.function], "stdin": "",
            "run_timeout": int(request.limits.wall_seconds * 1000),
            "run_memory_limit": request.limits.memory_mb * 1024 * 1024,
        }
        try:
            response = httpx.post(f"{self.base_url}/api/v2/execute", json=body, headers=self.headers,
                                  timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise RunnerUnavailable(f"Piston did not answer: {exc}") from exc
        if response.status_code != 200:
            raise RunnerUnavailable(f"Piston answered {response.status_code}: {response.text[:300]}")
        try:
            run = response.json()["run"]
        except (ValueError, KeyError, TypeError) as exc:
            raise RunnerUnavailable("Piston answered without a run") from exc
        stdout = str(run.get("stdout") or "").encode()[: request.limits.output_bytes]
        stderr = str(run.get("stderr") or "")
        signal_name = run.get("signal")
        status = "ok"
        if signal_name == "SIGKILL" or str(run.get("status") or "") in ("TO", "timeout"):
            status = "time_limit"
        elif "MemoryError" in stderr or "out of memory" in stderr:
            status = "memory_limit"
        elif run.get("code") not in (0, None) or signal_name:
            status = "crashed"
        return parse_case_lines(stdout, [case["name"] for case in request.cases], status=status, stderr=stderr[-4000:])
