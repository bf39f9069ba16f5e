"""The Python test harness, run inside the sandbox (stdlib only; never imported by the API).

Loads `solution.py` and runs each case of `cases.json` (arguments only: expected values never
enter the sandbox, so printing them cannot help) in one of three modes (`main.py NAME MODE`):

* `function`: calls the function NAME with the case's arguments;
* `class`: the arguments are `[constructor_args, [[method, *args], ...]]`: builds the class NAME,
  calls the methods in order, and the value is the list of their results;
* `functions`: NAME is a comma-separated list of functions, the arguments `[[[function, *args], ...]]`,
  and the value is the list of the calls' results.

An argument `{"$predicate": {"true_from": K, "max_calls": M}}` becomes a function k -> k >= K that
counts its calls and fails the case past M of them (a search must stay within its call budget);
`{"$tree": [preorder ids, None for a missing child]}` becomes a tree of `CategoryNode(id, left,
right)` (a name the solution sees), and a returned tree goes back as that preorder list.
It writes one line per case to the real stdout, `\x1e` + JSON, as soon as the case ends: a case
that hangs or crashes the process still leaves the earlier ones reported. A list value is sent as
`runs` ([item, count] pairs of equal neighbours, nested lists as `{"$runs": pairs}`) so long
repetitive results fit the output cap.
The candidate's own output is captured per case and trimmed.
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


class CallBudgetExceeded(Exception):
    pass


class MissingEntry(Exception):
    pass


def predicate(spec):
    """k -> k >= true_from, failing once called more than max_calls times."""
    threshold, budget = spec["true_from"], spec["max_calls"]
    calls = [0]

    def check(k):
        calls[0] += 1
        if calls[0] > budget:
            raise CallBudgetExceeded(f"called more than {budget} times (the most this search may take)")
        return k >= threshold

    check.calls, check.budget = calls, budget
    return check


class CategoryNode:
    """A binary tree node handed to and taken from the candidate's code (`{"$tree": ...}` arguments)."""

    def __init__(self, id, left=None, right=None):  # noqa: A002 - the name the problems use
        self.id, self.left, self.right = id, left, right

    def __repr__(self):
        return f"CategoryNode({self.id!r})"


def tree_from(preorder):
    """The tree a preorder list of ids (None for a missing child) describes, built without recursion."""
    if not preorder or preorder[0] is None:
        return None
    root = CategoryNode(preorder[0])
    open_nodes = [[root, "left"]]  # nodes whose next child slot is still to fill
    for value in preorder[1:]:
        if not open_nodes:
            break
        parent = open_nodes[-1]
        node = None if value is None else CategoryNode(value)
        setattr(parent[0], parent[1], node)
        if parent[1] == "left":
            parent[1] = "right"
        else:
            open_nodes.pop()
        if node is not None:
            open_nodes.append([node, "left"])
    return root


def tree_to(root):
    """The preorder list of ids (None for a missing child) of a returned tree, without recursion."""
    listed, pending = [], [root]
    while pending:
        node = pending.pop()
        if node is None:
            listed.append(None)
        else:
            listed.append(node.id)
            pending += [node.right, node.left]
    return listed


def materialized(args):
    """The arguments with `$predicate` and `$tree` values made into what they describe."""
    made = []
    for arg in args:
        if isinstance(arg, dict) and set(arg) == {"$predicate"}:
            arg = predicate(arg["$predicate"])
        elif isinstance(arg, dict) and set(arg) == {"$tree"}:
            arg = tree_from(arg["$tree"])
        made.append(arg)
    return made


def is_tree(value):
    """A CategoryNode, or a node of the candidate's own class with the same fields."""
    return isinstance(value, CategoryNode) or (
        not isinstance(value, (dict, list, str, int, float, type(None)))
        and all(hasattr(value, field) for field in ("id", "left", "right")))


def plain(value):
    """A returned tree (alone or among the calls' results) as its preorder list."""
    if is_tree(value):
        return tree_to(value)
    if isinstance(value, list):
        return [tree_to(item) if is_tree(item) else item for item in value]
    return value


def call(mode, entry, args):
    """The case's value: the function's result, or the list of the calls' results."""
    if mode == "function":
        made = materialized(args)
        value = entry(*made)
        for check in made:
            if hasattr(check, "calls") and check.calls[0] > check.budget:  # it caught CallBudgetExceeded
                raise CallBudgetExceeded(f"called more than {check.budget} times (the most this search may take)")
        return value
    if mode == "class":
        constructor_args, calls = args
        instance = entry(*materialized(constructor_args))
        return [getattr(instance, method)(*materialized(method_args)) for method, *method_args in calls]
    return [entry[function](*materialized(function_args)) for function, *function_args in args[0]]


def runs(items):
    """[item, count] pairs of equal neighbours (equal as JSON, so 1 and True stay apart); a list item
    is itself sent as `{"$runs": pairs}`."""
    pairs, last = [], None
    for item in items:
        if isinstance(item, list):
            item = {"$runs": runs(item)}
        key = (type(item), item) if item is None or isinstance(item, (bool, int, float, str)) else json.dumps(item)
        if pairs and key == last:
            pairs[-1][1] += 1
        else:
            pairs.append([item, 1])
            last = key
    return pairs


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


def load_entry(namespace, name, mode):
    """The function, the class, or (mode `functions`) the functions by name that the cases call."""
    names = name.split(",") if mode == "functions" else [name]
    missing = [each for each in names if not callable(namespace.get(each))]
    if missing:
        kind = "class" if mode == "class" else "function"
        raise MissingEntry(f"NameError: the solution defines no {kind} named {missing[0]}")
    return {each: namespace[each] for each in names} if mode == "functions" else namespace[name]


def main():
    out = sys.stdout
    name = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else "function"
    with open("cases.json", encoding="utf-8") as handle:
        cases = json.load(handle)
    with open("solution.py", encoding="utf-8") as handle:
        source = handle.read()
    namespace = {"__name__": "solution", "CategoryNode": CategoryNode}
    loaded, load_error = io.StringIO(), None
    try:
        with contextlib.redirect_stdout(loaded), contextlib.redirect_stderr(loaded):
            exec(compile(source, "solution.py", "exec"), namespace)
        entry = load_entry(namespace, name, mode)
    except MissingEntry as exc:
        load_error = str(exc)
    except BaseException as exc:  # noqa: BLE001 - any failure is the candidate's, reported as such
        load_error = error_text(exc)
    for case in cases:
        if load_error:
            report(out, name=case["name"], error=load_error, stdout="", stderr=loaded.getvalue()[:KEEP],
                   time_ms=0, memory_kb=0)
            continue
        captured_out, captured_err = io.StringIO(), io.StringIO()
        started = time.perf_counter()
        elapsed, fields = None, {}
        try:
            with contextlib.redirect_stdout(captured_out), contextlib.redirect_stderr(captured_err):
                value = call(mode, entry, case["args"])
            elapsed = (time.perf_counter() - started) * 1000  # the candidate's time, not the reporting's
            value = json.loads(json.dumps(plain(value)))
            if isinstance(value, list):
                fields["runs"] = runs(value)
            else:
                fields["value"] = value
        except BaseException as exc:  # noqa: BLE001 - a value that is not JSON fails here too
            fields["error"] = error_text(exc)
        if elapsed is None:
            elapsed = (time.perf_counter() - started) * 1000
        report(out, name=case["name"], stdout=captured_out.getvalue()[:KEEP], stderr=captured_err.getvalue()[:KEEP],
               time_ms=round(elapsed, 3), memory_kb=peak_memory_kb(), **fields)


main()
