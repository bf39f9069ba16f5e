"""The sandbox's launcher: run by the API's interpreter (`-I -S`) as the child of one run, it
drops what it can, then `execve`s the language's interpreter with an empty environment.

In order, where `unshare` permits (root, or an unprivileged user namespace, keeping the same ids):
new network (only a down loopback), mount and PID namespaces; in the mount namespace a fresh tmpfs
over each hidden path (the project, /tmp, home directories...) and the run directory bound at
/tmp/run. In the PID namespace a reaper is process 1, with its own /proc, and the interpreter its
child: the run sees and can signal only its own processes, and when the reaper goes (the run ends
or is killed) the kernel kills everything left in the namespace. Then the interpreter's resource
limits; when started as root, the run's own uid and gid (one per concurrent slot, so runs cannot
signal or read each other); the parent-death signal. It reports what it achieved on the pipe
`status_fd` before the exec. Stdlib only; never imported by the API.
"""

import ctypes
import json
import os
import resource
import signal
import sys

CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x20000000, 0x10000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 8, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG = 1
RUN_POINT = "/tmp/run"
SIGNALLED = 128  # the reaper exits 128 + the signal that ended the interpreter (as process 1 it cannot die of it)

config = json.loads(sys.argv[1])
libc = ctypes.CDLL(None, use_errno=True)
achieved = {"network_namespace": False, "mount_namespace": False, "pid_namespace": False, "private_proc": False,
            "hidden_paths": [], "uid": os.geteuid()}


def mount(source, target, kind, flags, data):
    if libc.mount(source, target.encode(), kind, flags, data) != 0:
        raise OSError(ctypes.get_errno(), f"mount {target}")


def map_own_ids(uid, gid):
    """In a new user namespace, keep the same uid and gid (unmapped ones cannot create files)."""
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)


def hide_paths():
    """Empty tmpfs over the hidden paths; the run directory alone at RUN_POINT, the new working directory."""
    mount(None, "/", None, MS_REC | MS_PRIVATE, None)  # nothing below propagates to the host
    run_dir = os.open(".", os.O_RDONLY | os.O_DIRECTORY)
    for path in ["/tmp", *config["hide"]]:
        if os.path.isdir(path) and path not in achieved["hidden_paths"]:
            mount(b"tmpfs", path, b"tmpfs", MS_NOSUID | MS_NODEV, b"size=16m,mode=1777")
            achieved["hidden_paths"].append(path)
    os.mkdir(RUN_POINT)
    mount(f"/proc/self/fd/{run_dir}".encode(), RUN_POINT, None, MS_BIND, None)
    os.chdir(RUN_POINT)
    os.close(run_dir)


def become_interpreter():
    limits = config["limits"]
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_seconds"], limits["cpu_seconds"] + 1))
    resource.setrlimit(resource.RLIMIT_DATA, (limits["memory_bytes"], limits["memory_bytes"]))
    if limits.get("address_space_bytes"):
        resource.setrlimit(resource.RLIMIT_AS, (limits["address_space_bytes"], limits["address_space_bytes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if config.get("uid") is not None and os.geteuid() == 0:
        os.setgroups([])
        os.setgid(config["uid"])
        os.setuid(config["uid"])
        achieved["uid"] = config["uid"]
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # after setuid, which clears it
    with os.fdopen(config["status_fd"], "w") as status:
        status.write(json.dumps(achieved))
    os.execve(config["argv"][0], config["argv"], {})


def wait_for(pid):
    """Wait for `pid`, then end this process the way it ended."""
    os.close(config["status_fd"])  # only the interpreter reports
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        if os.getpid() == 1:
            os._exit(SIGNALLED + os.WTERMSIG(status))
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    code = os.WEXITSTATUS(status)
    if os.getpid() != 1 and code > SIGNALLED and code - SIGNALLED in (signal.SIGXCPU, signal.SIGKILL, signal.SIGSEGV,
                                                                      signal.SIGABRT):
        signal.signal(code - SIGNALLED, signal.SIG_DFL)
        os.kill(os.getpid(), code - SIGNALLED)
    os._exit(code)


os.chdir(config["dir"])
own_uid, own_gid = os.getuid(), os.getgid()
user_namespace = 0 if os.geteuid() == 0 else CLONE_NEWUSER
if libc.unshare(CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID | user_namespace) == 0:
    achieved["network_namespace"] = achieved["mount_namespace"] = achieved["pid_namespace"] = True
elif libc.unshare(CLONE_NEWNET | user_namespace) == 0:
    achieved["network_namespace"] = True
if user_namespace and achieved["network_namespace"]:
    map_own_ids(own_uid, own_gid)
try:
    if achieved["mount_namespace"]:
        hide_paths()
except OSError as exc:
    sys.stderr.write(f"sandbox: {exc}\n")
    sys.exit(125)
if not achieved["pid_namespace"]:
    become_interpreter()
reaper = os.fork()
if reaper:
    wait_for(reaper)
libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # process 1 of the namespace: the launcher going takes it along
try:
    mount(b"proc", "/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    achieved["private_proc"] = True
except OSError:
    pass  # a /proc the kernel will not mount again here: the host's stays (its other processes unreachable)
interpreter = os.fork()
if interpreter == 0:
    become_interpreter()
wait_for(interpreter)
