"""The sandbox's launcher: run by the API's interpreter (`-I -S`) as the child of one run, it
drops what it can, then `execve`s the language's interpreter with an empty environment.

In order: a new network namespace (only a down loopback) and a new mount namespace, where
`unshare` permits (root, or an unprivileged user namespace); in that mount namespace a fresh
tmpfs over each hidden path (the project, /tmp, home directories...) and the run directory
bound at /tmp/run; resource limits; then, when started as root, the run's own uid and gid
(one per concurrent slot, so runs cannot signal or read each other); the parent-death signal.
It reports what it achieved on the pipe `status_fd` before the exec. Stdlib only; never imported by the API.
"""

import ctypes
import json
import os
import resource
import signal
import sys

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG = 1
RUN_POINT = "/tmp/run"

config = json.loads(sys.argv[1])
libc = ctypes.CDLL(None, use_errno=True)
achieved = {"network_namespace": False, "mount_namespace": False, "hidden_paths": [], "uid": os.geteuid()}


def mount(source, target, kind, flags, data):
    if libc.mount(source, target.encode(), kind, flags, data) != 0:
        raise OSError(ctypes.get_errno(), f"mount {target}")


def map_own_ids(uid, gid):
    """In a new user namespace, keep the same uid and gid (unmapped ones cannot create files)."""
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)


os.chdir(config["dir"])
own_uid, own_gid = os.getuid(), os.getgid()
user_namespace = 0 if os.geteuid() == 0 else CLONE_NEWUSER
if libc.unshare(CLONE_NEWNET | CLONE_NEWNS | user_namespace) == 0:
    achieved["network_namespace"] = achieved["mount_namespace"] = True
elif libc.unshare(CLONE_NEWNET | user_namespace) == 0:
    achieved["network_namespace"] = True
if user_namespace and achieved["network_namespace"]:
    map_own_ids(own_uid, own_gid)
if achieved["mount_namespace"]:
    try:
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
    except OSError as exc:
        sys.stderr.write(f"sandbox: {exc}\n")
        sys.exit(125)

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
