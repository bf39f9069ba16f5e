"""Peak memory of the API process while a 200 MB recording is uploaded.

Starts a LocalSupabase in one child process and the API (Django's WSGI app on a threaded
server) in another, so the API process's memory is its own (Storage's receiving side is not
in it); this process is the client. The WebM files are generated on disk in 1 MB pieces and
sent as multipart by httpx from the open file (streamed).

Every size is uploaded once before it is measured (a warm-up of the same kind: imports, the
first temporary file, heap pages the process then owns), then measured twice:
- RSS: /proc/<pid>/status VmHWM, reset through /proc/<pid>/clear_refs just before the upload,
  minus VmRSS at that moment (VmRSS sampled every 2 ms where the reset is not allowed);
- traced: tracemalloc's peak of the Python allocations made during the request, above those
  alive just before it (in a second pass with tracing on, so it does not weigh on the RSS).
The 4 KiB upload, measured in the same run, is the floor any upload request costs whatever
its file (Django's and DRF's request objects, the requests to PostgREST and Storage and their
JSON, one 64 KiB socket read); "file's share" is each upload's traced peak above it.
Goal (issue 21): the 200 MB upload's peak under 2x the upload chunk size (Django's upload
handler and httpx both move 64 KiB at a time) above the idle footprint, not the file size.
Run from the repo root:  .venv/bin/python bench/recording_upload.py
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
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
    """The API serving in a thread; this thread answers the bench's memory commands, each acknowledged
    before the bench goes on: `settle` (collect garbage), `trace` (start tracemalloc), `mark` (collect,
    then take the traced memory alive now as the base and reset the peak), `peak` (peak above the base)."""
    django_on_stack(env)
    from django.core.wsgi import get_wsgi_application

    server = wsgi_server(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conn.send((os.getpid(), server.server_port))
    base = 0
    while True:
        command = conn.recv()
        if command == "trace":
            tracemalloc.start()
        elif command in ("settle", "mark"):
            gc.collect()
            if command == "mark":
                tracemalloc.reset_peak()
                base = tracemalloc.get_traced_memory()[0]
        conn.send(tracemalloc.get_traced_memory()[1] - base if command == "peak" else "ok")


def command(conn, name: str):
    conn.send(name)
    return conn.recv()


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
    path = directory / f"recording-{size}.webm"
    with open(path, "wb") as out:
        out.write(WEBM_HEAD)
        piece = os.urandom(MB)
        left = size - len(WEBM_HEAD)
        while left > 0:
            out.write(piece[:min(left, MB)])
            left -= min(left, MB)
    return path


def label(size: int) -> str:
    return f"{size // MB} MB" if size >= MB else f"{size // 1024} KiB"


def send(api: httpx.Client, auth: dict, interview_id: str, path: Path) -> None:
    with open(path, "rb") as handle:
        answer = api.post(f"/interviews/{interview_id}/recordings", headers=auth,
                          files={"file": (path.name, handle, "video/webm")},
                          data={"kind": "video", "duration_seconds": "600"})
    assert answer.status_code == 201, answer.text


def rss_upload(api: httpx.Client, pid: int, auth: dict, interview_id: str, path: Path) -> tuple[int, int, float]:
    """(resident bytes just before, peak resident bytes during the upload, seconds)."""
    before = status(pid, "VmRSS")
    exact = reset_peak(pid)
    peak = {"rss": before}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak["rss"] = max(peak["rss"], status(pid, "VmRSS"))
            time.sleep(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    try:
        send(api, auth, interview_id, path)
    finally:
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    return before, (status(pid, "VmHWM") if exact else peak["rss"]), seconds


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
        api_process = context.Process(target=serve_api, args=(env, api_child), daemon=True)
        api_process.start()
        pid, port = api_parent.recv()
        api = httpx.Client(base_url=f"http://127.0.0.1:{port}/api", timeout=600)
        _, auth = sign_up(api)
        interview = api.post("/interviews", headers=auth, json={"job_role": "Engineer", "experience_level": "mid",
                                                                "interview_type": "technical"}).json()
        sizes = (4 * 1024, MB, 20 * MB, 200 * MB)
        files = {size: make_file(work, size) for size in sizes}
        measured: dict[int, dict] = {}
        for size in sizes:
            send(api, auth, interview["id"], files[size])  # warm-up: the same kind of upload once
            command(api_parent, "settle")
            before, peak, seconds = rss_upload(api, pid, auth, interview["id"], files[size])
            measured[size] = {"idle": before, "rss": peak - before, "seconds": seconds}
        command(api_parent, "trace")
        send(api, auth, interview["id"], files[sizes[0]])  # tracing's own first use
        for size in sizes:
            command(api_parent, "mark")
            send(api, auth, interview["id"], files[size])
            measured[size]["traced"] = command(api_parent, "peak")
        report(measured, floor=measured[sizes[0]]["traced"], idle=measured[sizes[0]]["idle"])
    finally:
        if api_process is not None:
            api_process.terminate()
            api_process.join(timeout=30)


def report(measured: dict[int, dict], *, floor: int, idle: int) -> None:
    print(f"API process idle: {idle / MB:.1f} MB resident before the first measured upload (each upload is measured "
          f"from its own idle, just before it, after one warm-up upload of the same size)")
    print(f"Upload chunk {CHUNK // 1024} KiB; goal: the 200 MB upload's peak under idle + {2 * CHUNK // 1024} KiB. "
          f"Traced: Python allocations at the request's peak; file share: above the 4 KiB upload's")
    print(f"{'upload':>8} {'RSS above idle':>15} {'traced peak':>12} {'file share':>11} {'x chunk':>8} "
          f"{'seconds':>8} {'MB/s':>6}")
    for size, row in measured.items():
        share = row["traced"] - floor
        print(f"{label(size):>8} {row['rss'] / 1024:>11.0f} KiB {row['traced'] / 1024:>8.0f} KiB "
              f"{share / 1024:>7.0f} KiB {share / CHUNK:>8.2f} {row['seconds']:>8.2f} "
              f"{size / MB / row['seconds']:>6.0f}")
    big = measured[max(measured)]
    print(f"200 MB: RSS +{big['rss'] / 1024:.0f} KiB above idle "
          f"({'within' if big['rss'] < 2 * CHUNK else 'over'} the goal of {2 * CHUNK // 1024} KiB); traced peak "
          f"{big['traced'] / 1024:.0f} KiB, of which {floor / 1024:.0f} KiB is the floor every upload request has "
          f"(the 4 KiB upload's) and {(big['traced'] - floor) / 1024:.0f} KiB depends on the file")


if __name__ == "__main__":
    main()
