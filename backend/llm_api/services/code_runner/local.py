"""The local back end: a child process per run in a fresh temporary directory, bounded and cut off.

`sandbox_launch.py` (the child, before it becomes the interpreter) enters new network, mount and PID
namespaces where the OS permits, hides the project, /tmp and the other configured paths under
empty tmpfs mounts, sets RLIMIT_CPU/DATA/AS/FSIZE/NPROC/NOFILE, and, when the API runs as root,
switches to a uid of its own slot (CODE_RUNNER_UID_BASE + slot; a host-wide lock file per slot),
so RLIMIT_NPROC counts only that run's processes, and the run cannot signal or read the API or
another run. The environment is empty. This process enforces the wall time and the output cap,
then kills everything the run left (its process group, and every process of its uid).
"""

from __future__ import annotations

import fcntl
import json
import os
import selectors
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from . import HERE, LANGUAGES, Language, Limits, RunnerUnavailable, RunRequest, RunResult, parse_case_lines

LAUNCHER = HERE / "sandbox_launch.py"
PROJECT_DIR = HERE.parents[3]  # always hidden from runs: the source, .env, the local stack's data
STDERR_KEEP = 4000


@dataclass(frozen=True)
class Isolation:
    """What the launcher achieved on this machine (reported by each run; the last one kept)."""

    network_namespace: bool
    mount_namespace: bool
    pid_namespace: bool
    private_proc: bool
    hidden_paths: tuple[str, ...]
    uid: int

    def as_json(self) -> dict[str, Any]:
        return {"network_namespace": self.network_namespace, "mount_namespace": self.mount_namespace,
                "pid_namespace": self.pid_namespace, "private_proc": self.private_proc,
                "hidden_paths": list(self.hidden_paths), "uid": self.uid, "separate_uid": self.uid != os.geteuid()}


def _reachable_by_anyone(path: Path) -> bool:
    """Whether another uid can execute it: every directory above it, and the file, world-executable."""
    path = path.resolve()
    if not path.is_file():
        return False
    return all(part.stat().st_mode & stat.S_IXOTH for part in (path, *path.parents))


def _under(path: Path, roots: list[str]) -> bool:
    return any(path.resolve().is_relative_to(root) for root in roots)


class LocalRunner:
    name = "local"
    _shared: tuple[tuple, LocalRunner] | None = None
    _shared_lock = threading.Lock()

    def __init__(self) -> None:
        self.as_root = os.geteuid() == 0
        self.hidden = sorted({str(PROJECT_DIR), *(settings.CODE_RUNNER_HIDE_PATHS or [])})
        self.interpreters = {"python": self._interpreter(settings.CODE_RUNNER_PYTHON, [sys.executable,
                                                                                       "/usr/bin/python3"]),
                             "javascript": self._interpreter(settings.CODE_RUNNER_NODE, [shutil.which("node") or "",
                                                                                          "/usr/bin/node"])}
        self.isolation: Isolation | None = None

    @classmethod
    def shared(cls) -> LocalRunner:
        """One per process (interpreters are resolved once), made again when the settings it reads change."""
        key = (settings.CODE_RUNNER_PYTHON, settings.CODE_RUNNER_NODE, tuple(settings.CODE_RUNNER_HIDE_PATHS or ()))
        with cls._shared_lock:
            if cls._shared is None or cls._shared[0] != key:
                cls._shared = (key, cls())
            return cls._shared[1]

    def _interpreter(self, configured: str, candidates: list[str]) -> str | None:
        """The first interpreter the run can execute: outside the hidden paths, and, as root (the run
        gets another uid), executable by anyone."""
        for candidate in [configured] if configured else candidates:
            if not candidate:
                continue
            path = Path(candidate)
            if not path.is_absolute() or not os.access(path, os.X_OK) or _under(path, self.hidden):
                continue
            if self.as_root and not _reachable_by_anyone(path):
                continue
            return str(path.resolve())
        return None

    def run(self, request: RunRequest) -> RunResult:
        language = LANGUAGES[request.language]
        interpreter = self.interpreters[language.name]
        if interpreter is None:
            raise RunnerUnavailable(f"no {language.name} interpreter the sandbox can execute (CODE_RUNNER_"
                                    f"{'PYTHON' if language.name == 'python' else 'NODE'})")
        with _slot() if self.as_root else nullcontext() as uid:
            work = Path(tempfile.mkdtemp(prefix="code-run-", dir=settings.CODE_RUNNER_WORK_DIR or None))
            try:
                self._write_files(work, language, request, uid)
                return self._execute(work, language, interpreter, request, uid)
            finally:
                if uid is not None:
                    _kill_uid(uid)
                shutil.rmtree(work, ignore_errors=True)

    @staticmethod
    def _write_files(work: Path, language: Language, request: RunRequest, uid: int | None) -> None:
        harness = "main.py" if language.name == "python" else "main.js"
        (work / harness).write_text(language.harness, encoding="utf-8")
        (work / language.solution_file).write_text(request.source, encoding="utf-8")
        (work / "cases.json").write_text(json.dumps(request.cases), encoding="utf-8")
        for path in work.iterdir():
            path.chmod(0o644)
        if uid is not None:
            os.chown(work, uid, uid)
        work.chmod(0o700)

    def _argv(self, language: Language, interpreter: str, request: RunRequest) -> list[str]:
        if language.name == "python":
            return [interpreter, "-I", "-S", "-B", "-X", "utf8", "main.py", *request.harness_args]
        return [interpreter, f"--max-old-space-size={request.limits.memory_mb}", "main.js", *request.harness_args]

    def _execute(self, work: Path, language: Language, interpreter: str, request: RunRequest,
                 uid: int | None) -> RunResult:
        limits = request.limits
        memory = limits.memory_mb * 1024 * 1024
        processes = limits.processes if uid is not None else _own_processes() + limits.processes
        config = {
            "dir": str(work), "hide": self.hidden, "uid": uid,
            "argv": self._argv(language, interpreter, request),
            "limits": {"cpu_seconds": limits.cpu_seconds, "memory_bytes": memory, "file_bytes": limits.file_bytes,
                       "processes": processes,
                       # V8 reserves far more address space than it uses: only Python gets RLIMIT_AS
                       "address_space_bytes": memory if language.name == "python" else None},
        }
        status_read, status_write = os.pipe()
        config["status_fd"] = status_write
        try:
            child = subprocess.Popen([sys.executable, "-I", "-S", str(LAUNCHER), json.dumps(config)],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     pass_fds=(status_write,), start_new_session=True, env={}, cwd=work)
        finally:
            os.close(status_write)
        with os.fdopen(status_read, "rb") as status_pipe:
            status_raw = status_pipe.read()
        stdout, stderr, status = _collect(child, limits)
        if status_raw:
            achieved = json.loads(status_raw)
            self.isolation = Isolation(**{**achieved, "hidden_paths": tuple(achieved["hidden_paths"])})
        else:  # the launcher stopped before it could report
            raise RunnerUnavailable(f"the sandbox could not start: {stderr[-500:].decode('utf-8', 'replace')}")
        text_err = stderr.decode("utf-8", "replace")
        if status == "ok" and child.returncode not in (0, None):
            status = _failure_status(child.returncode, text_err)
        result = parse_case_lines(stdout, [case["name"] for case in request.cases], status=status,
                                  stderr=text_err[-STDERR_KEEP:])
        return RunResult(cases=result.cases, status=result.status, stderr=result.stderr,
                         isolation=self.isolation.as_json() if self.isolation else {})


def _failure_status(returncode: int, stderr: str) -> str:
    if "MemoryError" in stderr or "out of memory" in stderr or "Allocation failed" in stderr:
        return "memory_limit"
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return "time_limit"
    return "crashed"


def _collect(child: subprocess.Popen, limits: Limits) -> tuple[bytes, bytes, str]:
    """Read stdout and stderr until the child exits, within the wall time and the output cap."""
    deadline = time.monotonic() + limits.wall_seconds
    out_fd, err_fd = child.stdout.fileno(), child.stderr.fileno()
    chunks: dict[int, list[bytes]] = {out_fd: [], err_fd: []}
    total = 0
    status = "ok"
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        selector.register(child.stderr, selectors.EVENT_READ)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                status = "time_limit"
                break
            for key, _ in selector.select(timeout=remaining):
                data = os.read(key.fd, 65536)
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                chunks[key.fd].append(data)
                total += len(data)
            if total > limits.output_bytes:
                status = "output_limit"
                break
    if status != "ok":
        _kill_group(child)
    try:
        child.wait(timeout=max(0.1, deadline - time.monotonic()) if status == "ok" else 5)
    except subprocess.TimeoutExpired:  # output closed but the process lingers (it closed its own pipes)
        status = "time_limit"
        _kill_group(child)
        child.wait(timeout=5)
    _kill_group(child)
    child.stdout.close()
    child.stderr.close()
    return b"".join(chunks[out_fd]), b"".join(chunks[err_fd]), status


def _kill_group(child: subprocess.Popen) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _processes_of(uid: int) -> dict[int, bool]:
    """The processes of `uid`: pid -> alive (False: a zombie, dead but not yet reaped, still counted by
    RLIMIT_NPROC)."""
    found = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found[int(entry.name)] = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    return found


def _own_processes() -> int:
    """RLIMIT_NPROC counts every process of the user: without a uid of its own, a run gets its limit on top."""
    return len(_processes_of(os.getuid())) + 16


def _kill_uid(uid: int) -> None:
    """Kill whatever the run's uid still runs (children that left the process group); a killer as that uid."""
    for _ in range(100):  # a fork bomb may fork between two kills; then its zombies must be reaped
        processes = _processes_of(uid)
        if not processes:
            return
        if any(processes.values()):
            subprocess.run([sys.executable, "-I", "-S", "-c",
                            f"import os; os.setgid({uid}); os.setuid({uid}); os.kill(-1, 9)"],
                           env={}, timeout=10, check=False)
        time.sleep(0.02)


@contextmanager
def _slot():
    """A host-wide uid slot: the first of CODE_RUNNER_UID_SLOTS whose lock file nobody holds."""
    lock_dir = Path(tempfile.gettempdir()) / "interview-coach-code-slots"
    lock_dir.mkdir(mode=0o700, exist_ok=True)
    for index in range(int(settings.CODE_RUNNER_UID_SLOTS)):
        handle = open(lock_dir / f"{index}.lock", "a")  # noqa: SIM115 - held for the run
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        try:
            uid = int(settings.CODE_RUNNER_UID_BASE) + index
            _kill_uid(uid)  # a crashed earlier holder may have left processes
            yield uid
        finally:
            handle.close()
        return
    raise RunnerUnavailable("every sandbox uid slot is taken (CODE_RUNNER_UID_SLOTS)")
