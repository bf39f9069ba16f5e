"""The local code runner: known solutions in both languages, and every hostile submission failing
as the candidate's failure while the server (this test process) and the host stay untouched."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

from backend.llm_api.services.code_runner import Limits, RunnerUnavailable, RunRequest, local
from backend.llm_api.services.code_runner.local import LocalRunner

CASES = [{"name": "small", "args": [[40, 15, 25, 60], 75]}, {"name": "none", "args": [[1, 2], 10]}]
PAIR_PY = ("def budget_pair(prices, card):\n    seen = {}\n    for j, price in enumerate(prices):\n"
           "        if card - price in seen:\n            return [seen[card - price], j]\n"
           "        seen.setdefault(price, j)\n    return []\n")
PAIR_JS = ("function budgetPair(prices, card) {\n  const seen = new Map();\n"
           "  for (let j = 0; j < prices.length; j++) {\n    if (seen.has(card - prices[j])) return [seen.get(card - prices[j]), j];\n"
           "    if (!seen.has(prices[j])) seen.set(prices[j], j);\n  }\n  return [];\n}\n")


@pytest.fixture
def runner(settings):
    settings.CODE_RUN_CPU_SECONDS = 1
    settings.CODE_RUN_WALL_SECONDS = 3
    settings.CODE_RUN_MEMORY_MB = 128
    return LocalRunner()


def run(runner: LocalRunner, source: str, *, language: str = "python", function: str = "f", cases=None):
    return runner.run(RunRequest(language=language, source=source, function=function,
                                 cases=cases or [{"name": "only", "args": [1]}], limits=Limits.from_settings()))


def test_a_correct_solution_returns_each_case_in_both_languages(runner):
    for language, source, function in (("python", PAIR_PY, "budget_pair"), ("javascript", PAIR_JS, "budgetPair")):
        result = run(runner, source, language=language, function=function, cases=CASES)
        assert result.status == "ok", result
        assert [case.value for case in result.cases] == [[1, 3], []]
        assert all(case.error is None and case.memory_kb > 0 for case in result.cases)


def test_the_candidates_output_and_errors_are_captured_per_case(runner):
    source = "def f(x):\n    print('looking at', x)\n    raise ValueError('no luck')\n"
    case = run(runner, source).cases[0]
    assert case.stdout == "looking at 1\n"
    assert case.error == "ValueError: no luck (line 3)"
    js = run(runner, "function f(x) { console.log('js', x); return x + 1; }", language="javascript").cases[0]
    assert (js.stdout, js.value) == ("js 1", 2)


def test_an_infinite_loop_is_stopped_as_a_time_limit(runner):
    result = run(runner, "def f(x):\n    while True:\n        pass\n")
    assert result.status == "time_limit"
    assert result.cases[0].error.startswith("Time limit exceeded")


def test_a_fork_bomb_is_contained_and_leaves_no_process(runner):
    source = ("import os\ndef f(x):\n    while True:\n        try:\n            os.fork()\n"
              "        except OSError:\n            pass\n")
    result = run(runner, source)
    assert result.status == "time_limit" and result.cases[0].error
    uid = result.isolation["uid"]
    assert result.isolation["separate_uid"] and local._processes_of(uid) == {}


def test_a_memory_bomb_fails_on_memory_in_both_languages(runner):
    py = run(runner, "def f(x):\n    hoard = []\n    while True:\n        hoard.append(bytearray(10**7))\n")
    assert py.cases[0].error.startswith("MemoryError")
    js = run(runner, "function f(x) { const hoard = []; for (;;) hoard.push(new Array(1e6).fill(1.5)); }",
             language="javascript")
    assert js.status == "memory_limit" and js.cases[0].error.startswith("Memory limit"), js.stderr[:600]


def test_huge_output_is_cut_at_the_cap(runner, settings):
    settings.CODE_RUN_OUTPUT_BYTES = 64 * 1024
    result = run(runner, "import os\ndef f(x):\n    while True:\n        os.write(1, b'x' * 65536)\n")
    assert result.status == "output_limit" and result.cases[0].error.startswith("Output limit")


def test_the_environment_is_empty(runner, monkeypatch):
    monkeypatch.setenv("CODE_RUNNER_TEST_SECRET", "s3cret-env")
    result = run(runner, "import os\ndef f(x):\n    return dict(os.environ)\n")
    assert set(result.cases[0].value) <= {"LC_CTYPE"}  # only what Python's own locale coercion (PEP 538) sets
    js = run(runner, "function f(x) { return process.env; }", language="javascript")
    assert js.cases[0].value == {}


def test_files_outside_the_run_directory_cannot_be_read(runner, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret-file")
    project_file = local.PROJECT_DIR / "pyproject.toml"
    for path in (secret, project_file, f"/proc/{os.getpid()}/environ"):
        case = run(runner, f"def f(x):\n    return open({str(path)!r}).read()\n").cases[0]
        assert case.value is None and case.error.split(":")[0] in ("FileNotFoundError", "PermissionError"), case
    listing = run(runner, "import os\ndef f(x):\n    return sorted(os.listdir('.'))\n").cases[0]
    assert listing.value == ["cases.json", "main.py", "solution.py"]


def test_sockets_reach_nothing(runner):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        source = (f"import socket\ndef f(x):\n    socket.create_connection(('127.0.0.1', {port}), timeout=1)\n"
                  "    return 'connected'\n")
        case = run(runner, source).cases[0]
        assert case.value is None and case.error.split(":")[0] in ("OSError", "ConnectionRefusedError")
        with pytest.raises(BlockingIOError):
            listener.accept()


def test_os_system_and_killing_the_parent_harm_nothing(runner):
    marker = f"/tmp/code-runner-owned-{uuid.uuid4().hex}"
    source = (f"import os\ndef f(x):\n    os.system('touch {marker}; kill -9 {os.getpid()}')\n"
              "    os.kill(os.getppid(), 9)\n")
    case = run(runner, source).cases[0]
    assert case.error.startswith("PermissionError")
    assert not os.path.exists(marker)
    everyone = run(runner, "import os, signal\ndef f(x):\n    os.kill(-1, signal.SIGKILL)\n    return 'alive'\n")
    if everyone.isolation["pid_namespace"]:  # nothing to signal but the namespace's process 1, which kill(-1) skips
        assert everyone.cases[0].error.startswith("ProcessLookupError")
    else:  # only the run's own uid, and never the signalling process itself
        assert everyone.cases[0].value == "alive"


def test_a_run_sees_only_its_own_processes(runner):
    source = "import os\ndef f(x):\n    return [os.getppid(), sorted(int(p) for p in os.listdir('/proc') if p.isdigit())]\n"
    result = run(runner, source)
    assert result.isolation["pid_namespace"] and result.isolation["private_proc"]
    assert result.cases[0].value == [1, [1, 2]]  # the namespace's reaper and the run itself


def test_the_sandboxs_interpreter_is_one_the_run_can_reach(settings):
    assert LocalRunner.shared() is LocalRunner.shared()
    settings.CODE_RUNNER_PYTHON = str(local.PROJECT_DIR / ".venv" / "bin" / "python")  # hidden from runs
    refused = LocalRunner.shared()
    assert refused.interpreters["python"] is None
    with pytest.raises(RunnerUnavailable):
        run(refused, "def f(x):\n    return x\n")


MOVING_PY = ("class Window:\n    def __init__(self, size):\n        self.size, self.seen = size, []\n"
             "    def add(self, x):\n        self.seen.append(x)\n        return sum(self.seen[-self.size:]) / len(self.seen[-self.size:])\n")
MOVING_JS = ("class Window {\n  constructor(size) { this.size = size; this.seen = []; }\n"
             "  add(x) { this.seen.push(x); const last = this.seen.slice(-this.size);\n"
             "    return last.reduce((a, b) => a + b, 0) / last.length; }\n}\n")


def test_a_class_is_built_and_its_methods_called_in_order_in_both_languages(runner):
    cases = [{"name": "window", "args": [[2], [["add", 1], ["add", 3], ["add", 5]]]},
             {"name": "no such method", "args": [[2], [["pop"]]]}]
    for language, source in (("python", MOVING_PY), ("javascript", MOVING_JS)):
        result = runner.run(RunRequest(language=language, source=source, function="Window", mode="class",
                                       cases=cases, limits=Limits.from_settings()))
        assert result.status == "ok" and result.cases[0].value == [1, 2, 4], result
        assert result.cases[1].error and "pop" in result.cases[1].error
        missing = runner.run(RunRequest(language=language, source=source, function="Other", mode="class",
                                        cases=cases[:1], limits=Limits.from_settings()))
        assert "defines no class named Other" in missing.cases[0].error


def test_several_functions_are_called_by_name(runner):
    cases = [{"name": "round trip", "args": [[["double", 2], ["half", 8], ["double", 0.5]]]}]
    for language, source in (("python", "def double(x):\n    return 2 * x\ndef half(x):\n    return x / 2\n"),
                             ("javascript", "const double = (x) => 2 * x;\nfunction half(x) { return x / 2; }\n")):
        result = runner.run(RunRequest(language=language, source=source, function="double,half", mode="functions",
                                       cases=cases, limits=Limits.from_settings()))
        assert result.cases[0].value == [4, 4, 1], result


def test_a_predicate_argument_counts_its_calls_and_fails_past_its_budget(runner):
    cases = [{"name": name, "args": [1000, {"$predicate": {"true_from": 700, "max_calls": 11}}]}
             for name in ("search",)]
    searches = {
        "python": ("def first(n, broken):\n    lo, hi = 1, n\n    while lo < hi:\n        mid = (lo + hi) // 2\n"
                   "        if broken(mid):\n            hi = mid\n        else:\n            lo = mid + 1\n    return lo\n",
                   "def first(n, broken):\n    return next(k for k in range(1, n + 1) if broken(k))\n",
                   "def first(n, broken):\n    for k in range(1, n + 1):\n        try:\n            if broken(k):\n"
                   "                return k\n        except Exception:\n            pass\n"),
        "javascript": ("function first(n, broken) { let lo = 1, hi = n; while (lo < hi) { const mid = Math.floor((lo + hi) / 2);"
                       " if (broken(mid)) hi = mid; else lo = mid + 1; } return lo; }",
                       "function first(n, broken) { for (let k = 1; k <= n; k++) if (broken(k)) return k; }",
                       "function first(n, broken) { for (let k = 1; k <= n; k++) try { if (broken(k)) return k; }"
                       " catch (e) { /* swallowed */ } }"),
    }
    for language, (binary, linear, swallowing) in searches.items():
        outcomes = [runner.run(RunRequest(language=language, source=source, function="first", cases=cases,
                                          limits=Limits.from_settings())).cases[0] for source in (binary, linear, swallowing)]
        assert (outcomes[0].value, outcomes[0].error) == (700, None)
        assert all(o.error and "called more than 11 times" in o.error for o in outcomes[1:]), outcomes


def test_long_list_results_travel_as_runs_within_the_output_cap(runner, settings):
    settings.CODE_RUN_OUTPUT_BYTES = 64 * 1024
    source = "def f(x):\n    return [None] * 200000 + [1, 1, True, 2]\n"
    value = run(runner, source).cases[0].value
    assert len(value) == 200004 and value[-4:] == [1, 1, True, 2] and value[0] is None
    assert value[-2] is True


def test_forged_runs_are_the_candidates_failure_not_the_servers():
    from backend.llm_api.services.code_runner import MARK, parse_case_lines

    forged = [{"name": "a", "runs": [[0, 10**9]]}, {"name": "b", "runs": [[0, "many"]]}]
    stdout = "".join(MARK + __import__("json").dumps(line) + "\n" for line in forged).encode()
    result = parse_case_lines(stdout, ["a", "b"], status="ok", stderr="")
    assert [case.value for case in result.cases] == [None, None] and all(case.error for case in result.cases)


def test_tree_arguments_are_built_and_returned_trees_sent_back_as_preorder_lists(runner):
    chain = [5] * 3000 + [None] * 3001  # deeper than Python's recursion limit: the harness must not recurse
    cases = [{"name": "mirror", "args": [[["mirror", {"$tree": [1, 2, None, None, 3, None, None]}]]]},
             {"name": "deep", "args": [[["mirror", {"$tree": chain}]]]},
             {"name": "empty", "args": [[["mirror", {"$tree": [None]}]]]}]
    mirror = {
        "python": ("def mirror(root):\n    pending = [root]\n    while pending:\n        node = pending.pop()\n"
                   "        if node:\n            node.left, node.right = node.right, node.left\n"
                   "            pending += [node.left, node.right]\n    return root if root else CategoryNode(0)\n"),
        "javascript": ("function mirror(root) {\n  const pending = [root];\n  while (pending.length) {\n"
                       "    const node = pending.pop();\n    if (node) { [node.left, node.right] = [node.right, node.left];"
                       " pending.push(node.left, node.right); }\n  }\n  return root || new CategoryNode(0);\n}\n"),
    }
    for language, source in mirror.items():
        result = runner.run(RunRequest(language=language, source=source, function="mirror", mode="functions",
                                       cases=cases, limits=Limits.from_settings()))
        assert [case.value for case in result.cases] == [
            [[1, 3, None, None, 2, None, None]], [[5] + [None, 5] * 2999 + [None, None]], [[0, None, None]]], result


def test_a_tree_of_the_candidates_own_node_class_is_read_by_its_fields(runner):
    source = ("class Node:\n    def __init__(self, id, left=None, right=None):\n"
              "        self.id, self.left, self.right = id, left, right\n"
              "def grow(n):\n    return Node(n, Node(n + 1))\n")
    result = run(runner, source, function="grow")
    assert result.cases[0].value == [1, 2, None, None, None], result


def test_the_http_back_ends_pass_the_mode_to_the_same_harness(settings):
    from backend.llm_api.services.code_runner.remote import Judge0Runner, PistonRunner
    from tests.api.fake_code_engines import FakeJudge0, FakePiston

    settings.CODE_RUN_WALL_SECONDS = 5
    cases = [{"name": "window", "args": [[2], [["add", 1], ["add", 3], ["add", 5]]]}]
    for fake, runner_class in ((FakePiston(), PistonRunner), (FakeJudge0(), Judge0Runner)):
        try:
            result = runner_class(base_url=fake.url).run(RunRequest(
                language="python", source=MOVING_PY, function="Window", mode="class", cases=cases,
                limits=Limits.from_settings()))
        finally:
            fake.close()
        assert result.cases[0].value == [1, 2, 4], result
