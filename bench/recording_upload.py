"""Peak memory of the API process while a 200 MB recording is uploaded.

Starts a LocalSupabase in one child process and the API (Django's WSGI app on a threaded
server) in another, so the API process's memory is its own; this process is the client. The
200 MB WebM is generated on disk in 1 MB pieces and sent as multipart by httpx from the open
file (streamed). The API's peak resident memory during each upload is read from
/proc/<pid>/status (VmHWM, reset before each upload through /proc/<pid>/clear_refs; VmRSS
sampled every 2 ms as well where the reset is not allowed).
Baseline, measured in the same run: the API's idle footprint after a warm-up upload, and the
same measurement for a 1 MB and a 20 MB upload. Goal: the 200 MB upload's peak under 2x the
upload chunk size (Django's upload handler and httpx both move 64 KiB at a time) above the
idle footprint, and not growing with the file size.
Run from the repo root:  .venv/bin/python bench/recording_upload.py
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.local_stack import django_on_stack, sign_up, stack_in_child, wsgi_server  # noqa: E402

MB = 1024 * 1024
CHUNK = 64 * 1024
WEBM_HEAD = (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
             b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02")


def serve_api(env: dict, conn) -> None:
    django_on_stack(env)
    from django.core.wsgi import get_wsgi_application

    server = wsgi_server(get_wsgi_application())
    conn.send((os.getpid(), server.server_port))
    server.serve_forever()


def status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def reset_peak(pid: int) -> bool:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def make_file(directory: Path, size: int) -> Path:
    path = directory / f"recording-{size // MB}mb.webm"
    with open(path, "wb") as out:
        out.write(WEBM_HEAD)
        piece = os.urandom(MB)
        left = size - len(WEBM_HEAD)
        while left > 0:
            out.write(piece[:min(left, MB)])
            left -= min(left, MB)
    return path


def upload(api: httpx.Client, pid: int, auth: dict, interview_id: str, path: Path) -> tuple[int, float]:
    """(peak bytes during the upload, seconds)."""
    exact = reset_peak(pid)
    peak = {"rss": status(pid, "VmRSS")}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak["rss"] = max(peak["rss"], status(pid, "VmRSS"))
            time.sleep(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    with open(path, "rb") as handle:
        answer = api.post(f"/interviews/{interview_id}/recordings", headers=auth,
                          files={"file": (path.name, handle, "video/webm")},
                          data={"kind": "video", "duration_seconds": "600"})
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    assert answer.status_code == 201, answer.text
    return (status(pid, "VmHWM") if exact else peak["rss"]), seconds


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="recording-bench-"))
    context = multiprocessing.get_context("spawn")
    try:
        with stack_in_child("recording-bench-", data_dir=work / "stack") as stack_settings:
            run(context, work, stack_settings)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(context, work: Path, stack_settings) -> None:
    """The API in a process of its own (its memory is what is measured), against the stack."""
    api_process = None
    try:
        env = {**stack_settings.as_env(), "DJANGO_SETTINGS_MODULE": "backend.settings", "LOG_LEVEL": "WARNING",
               "ACCOUNT_THROTTLE_PER_IP": "1000", "ACCOUNT_THROTTLE_PER_EMAIL": "1000", "TMPDIR": str(work)}
        api_parent, api_child = multiprocessing.Pipe()
        api_process = context.Process(target=serve_api, args=(env, api_child))
        api_process.start()
        pid, port = api_parent.recv()
        api = httpx.Client(base_url=f"http://127.0.0.1:{port}/api", timeout=600)
        _, auth = sign_up(api)
        interview = api.post("/interviews", headers=auth, json={"job_role": "Engineer", "experience_level": "mid",
                                                                "interview_type": "technical"}).json()
        files = {size: make_file(work, size * MB) for size in (1, 20, 200)}
        upload(api, pid, auth, interview["id"], files[1])  # warm-up: every code path imported and used once
        time.sleep(0.5)
        idle = status(pid, "VmRSS")
        print(f"API process idle footprint after warm-up: {idle / MB:.1f} MB; upload chunk {CHUNK // 1024} KiB, "
              f"goal: peak < idle + {2 * CHUNK // 1024} KiB")
        print(f"{'upload':>8} {'peak MB':>9} {'above idle':>12} {'x chunk':>8} {'seconds':>8} {'MB/s':>7}")
        for size, path in files.items():
            peak, seconds = upload(api, pid, auth, interview["id"], path)
            above = peak - idle
            print(f"{size:>5} MB {peak / MB:>9.1f} {above / 1024:>9.0f} KiB {above / CHUNK:>8.1f} {seconds:>8.2f} "
                  f"{size / seconds:>7.0f}")
    finally:
        if api_process is not None:
            api_process.terminate()
            api_process.join(timeout=30)


if __name__ == "__main__":
    main()
