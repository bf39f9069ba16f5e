"""The Python test harness, run inside the sandbox (stdlib only; never imported by the API).

Loads `solution.py`, calls the named function once per case of `cases.json` (arguments only:
expected values never enter the sandbox, so printing them cannot help), and writes one line
per case to the real stdout, `\x1e` + JSON, as soon as the case ends: a case that hangs or
crashes the process still leaves the earlier ones reported. The candidate's own output is
captured per case and trimmed.
"""

import contextlib
import io
import json
import resource
import sys
import time

MARK = "\x1e"
KEEP = 2000  # characters of a case's stdout/stderr kept


def report(out, **fields):
    out.write(MARK + json.dumps(fields) + "\n")
    out.flush()


def error_text(exc):
    line = ""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "solution.py":
            line = f" (line {tb.tb_lineno})"
        tb = tb.tb_next
    return f"{type(exc).__name__}: {exc}"[:500] + line


def peak_memory_kb():
    """VmHWM: the peak of this process's own memory (ru_maxrss would count the API process that forked it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    out = sys.stdout
    name = sys.argv[1]
    with open("cases.json", encoding="utf-8") as handle:
        cases = json.load(handle)
    with open("solution.py", encoding="utf-8") as handle:
        source = handle.read()
    namespace = {"__name__": "solution"}
    loaded, load_error = io.StringIO(), None
    try:
        with contextlib.redirect_stdout(loaded), contextlib.redirect_stderr(loaded):
            exec(compile(source, "solution.py", "exec"), namespace)
        function = namespace[name]
    except KeyError:
        load_error = f"NameError: the solution defines no function named {name}"
    except BaseException as exc:  # noqa: BLE001 - any failure is the candidate's, reported as such
        load_error = error_text(exc)
    for case in cases:
        if load_error:
            report(out, name=case["name"], error=load_error, stdout="", stderr=loaded.getvalue()[:KEEP],
                   time_ms=0, memory_kb=0)
            continue
        captured_out, captured_err = io.StringIO(), io.StringIO()
        started = time.perf_counter()
        fields = {}
        try:
            with contextlib.redirect_stdout(captured_out), contextlib.redirect_stderr(captured_err):
                value = function(*case["args"])
            fields["value"] = json.loads(json.dumps(value))
        except BaseException as exc:  # noqa: BLE001 - a value that is not JSON fails here too
            fields["error"] = error_text(exc)
        elapsed = (time.perf_counter() - started) * 1000
        report(out, name=case["name"], stdout=captured_out.getvalue()[:KEEP], stderr=captured_err.getvalue()[:KEEP],
               time_ms=round(elapsed, 3), memory_kb=peak_memory_kb(), **fields)


main()
