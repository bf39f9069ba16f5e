"""Coding questions: the problem being asked, running the candidate's code on its visible tests,
submitting it (visible and hidden tests, every submission stored as a turn the interviewer replies
to), and the code-quality score (also of code submitted but never discussed).

Runs are bounded per user (`CODE_RUN_THROTTLE_*`, counted in Postgres) and per process
(`CODE_RUN_MAX_CONCURRENT` at once, then 429). The runner only executes; judging (comparing the
returned values with the expected ones) happens here, so expected values never enter a sandbox.
Whatever the candidate's code does (loops, bombs, crashes) is a failed test, never an error.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import replace
from typing import Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError, TooManyRequests
from backend.llm_api.services.code_runner import (
    FAILURES,
    LANGUAGES,
    CaseRun,
    Limits,
    RunnerUnavailable,
    RunRequest,
    runner_from_settings,
)
from backend.llm_api.services.coding_problems import expand, problem_entry
from backend.llm_api.services.interview_engine import EngineState, PlannedQuestion
from backend.llm_api.services.scoring import AnswerScore, DimensionScore
from backend.llm_api.services.scoring.rubric import anchor, dimensions_for, level_score

TEXT_KEEP = 2000  # characters of a visible test's stdout/stderr shown


class NotACodingQuestion(AppError):
    status_code = 409
    default_code = "not_a_coding_question"
    default_detail = "The question being asked has no code to run."


class NoRunnableProblem(AppError):
    status_code = 404
    default_code = "no_runnable_problem"
    default_detail = ("This coding question has no runnable problem yet: answer it in words and pseudo-code "
                      "instead.")


class CodeRunnerUnavailable(AppError):
    status_code = 503
    default_code = "code_runner_unavailable"
    default_detail = "Code cannot be run right now."


class CodeRunnerBusy(TooManyRequests):
    default_code = "code_runner_busy"


_slots: tuple[int, threading.BoundedSemaphore] | None = None
_slots_lock = threading.Lock()


def _run_slots() -> threading.BoundedSemaphore:
    """The process's cap on concurrent runs (rebuilt when CODE_RUN_MAX_CONCURRENT changes)."""
    global _slots
    size = max(1, int(settings.CODE_RUN_MAX_CONCURRENT))
    with _slots_lock:
        if _slots is None or _slots[0] != size:
            _slots = (size, threading.BoundedSemaphore(size))
        return _slots[1]


def _current(*, user_id: str, interview_id: str) -> tuple[PlannedQuestion, dict[str, Any]]:
    """The question being asked and its problem (hidden tests included), or 404/409."""
    from backend.llm_api.services.interviews import InterviewNotFound, InvalidTransition

    row = supabase_client.interview_get(user_id=user_id, interview_id=interview_id)
    if row is None:
        raise InterviewNotFound()
    state = EngineState.from_state(row["engine_state"])
    if row["status"] != "active" or state.phase != "asking" or state.question is None:
        raise InvalidTransition(f"Code runs only while a question is being asked (the interview is {row['status']}).",
                                status=row["status"])
    question = state.question
    problem = supabase_client.coding_problem_get(bank_key=question.bank_key) if question.bank_key else None
    if problem is None:
        raise NoRunnableProblem() if question.interview_type == "coding" else NotACodingQuestion()
    return question, problem


def _public(problem: dict[str, Any]) -> dict[str, Any]:
    shown = dict(problem["problem"])
    shown["hidden_tests"] = len(problem["hidden_tests"])
    shown["languages"] = sorted(LANGUAGES)
    shown["tests"] = [{"name": t["name"], "args": t["args"], "expected": t["expected"]} for t in shown["tests"]]
    return shown


def code_problem(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """The problem of the question being asked (no hidden test's content) and its submissions so far."""
    question, problem = _current(user_id=user_id, interview_id=interview_id)
    return {"position": question.position, "question": question.text, "problem": _public(problem),
            "submissions": [_submission_view(s) for s in supabase_client.code_submissions(
                user_id=user_id, interview_id=interview_id, position=question.position)]}


def same_value(got: Any, expected: Any) -> bool:
    """JSON equality, strict about types (True is not 1), numbers equal within 1e-9."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(got) is type(expected) and got == expected
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(
            same_value(a, b) for a, b in zip(got, expected, strict=True))
    if isinstance(expected, dict):
        return isinstance(got, dict) and got.keys() == expected.keys() and all(
            same_value(got[k], expected[k]) for k in expected)
    return type(got) is type(expected) and got == expected


_LIMITS_HIT = {message: status for status, message in FAILURES.items() if status != "crashed"}


def _failure(error: str) -> str:
    """time_limit, memory_limit, output_limit (the run stopped at a limit), or error (the code's own)."""
    if error.startswith("MemoryError"):
        return "memory_limit"
    return _LIMITS_HIT.get(error, "error")


def _judged(case: CaseRun, test: dict[str, Any], *, hidden: bool) -> dict[str, Any]:
    expected = expand(test["expected"])
    passed = case.error is None and same_value(case.value, expected)
    failure = None if passed else "wrong_answer" if case.error is None else _failure(case.error)
    judged = {"name": test["name"], "passed": passed, "time_ms": case.time_ms, "memory_kb": case.memory_kb,
              "failure": failure}
    if hidden:  # nothing the candidate's code could have printed about the hidden arguments
        return {**judged, "hidden": True, "kind": test["kind"]}
    return {**judged, "hidden": False, "stdout": case.stdout[:TEXT_KEEP], "stderr": case.stderr[:TEXT_KEEP],
            "error": case.error, "output": case.value if case.error is None else None, "expected": expected}


def _run(*, user_id: str, language: str, source: str, problem: dict[str, Any],
         tests: list[tuple[dict[str, Any], bool]]) -> tuple[list[dict[str, Any]], str, str]:
    wait = supabase_client.rate_limit_hit(bucket=f"code:user:{user_id}", limit=int(settings.CODE_RUN_THROTTLE_PER_USER),
                                          window_seconds=int(settings.CODE_RUN_THROTTLE_WINDOW_SECONDS))
    if wait:
        raise TooManyRequests(wait, f"Too many code runs; try again in {wait} seconds.")
    slots = _run_slots()
    if not slots.acquire(blocking=False):
        raise CodeRunnerBusy(1, "Every code runner of this server is busy; try again in a moment.")
    try:
        runner = runner_from_settings()
        function, mode = problem_entry(problem["problem"], language)
        request = RunRequest(language=language, source=source, function=function, mode=mode,
                             cases=[{"name": t["name"], "args": expand(t["args"])} for t, _ in tests],
                             limits=Limits.from_settings())
        result = runner.run(request)
    except RunnerUnavailable as exc:
        raise CodeRunnerUnavailable(details={"reason": str(exc)}) from exc
    finally:
        slots.release()
    judged = [_judged(case, test, hidden=hidden) for case, (test, hidden) in zip(result.cases, tests, strict=True)]
    return judged, result.status, runner.name


def _summary(judged: list[dict[str, Any]]) -> dict[str, int]:
    visible = [j for j in judged if not j["hidden"]]
    hidden = [j for j in judged if j["hidden"]]
    return {"passed_visible": sum(j["passed"] for j in visible), "total_visible": len(visible),
            "passed_hidden": sum(j["passed"] for j in hidden), "total_hidden": len(hidden)}


def code_run(*, user_id: str, interview_id: str, language: str, source: str) -> dict[str, Any]:
    """Run the code on the visible tests; nothing is stored."""
    question, problem = _current(user_id=user_id, interview_id=interview_id)
    judged, status, runner = _run(user_id=user_id, language=language, source=source, problem=problem,
                                  tests=[(t, False) for t in problem["problem"]["tests"]])
    summary = _summary(judged)
    return {"position": question.position, "language": language, "status": status, "runner": runner,
            "tests": judged, "passed": summary["passed_visible"], "total": summary["total_visible"]}


LANGUAGE_NAMES = {"python": "Python", "javascript": "JavaScript"}


def code_submit(*, user_id: str, interview_id: str, language: str, source: str,
                client_message_id: str | None = None) -> dict[str, Any]:
    """Run the visible and hidden tests, then store the submission against the question being asked as a
    turn of the conversation (the submission, the candidate's message recording it, the reply pending:
    one transaction), and the interviewer's reply to it: the results, then the approach and complexity.
    A retried `client_message_id` answers the original submission and reply (its code is not stored again)."""
    from backend.llm_api.services import interviews

    question, problem = _current(user_id=user_id, interview_id=interview_id)
    tests = [(t, False) for t in problem["problem"]["tests"]] + [(t, True) for t in problem["hidden_tests"]]
    judged, status, runner = _run(user_id=user_id, language=language, source=source, problem=problem, tests=tests)
    summary = _summary(judged)
    solved = summary["passed_hidden"] == summary["total_hidden"] > 0
    line = (f"[Code submitted: {LANGUAGE_NAMES.get(language, language)}, {summary['passed_hidden']} of "
            f"{summary['total_hidden']} hidden tests passed]")
    turn = interviews.interview_answer_begin(
        user_id=user_id, interview_id=interview_id, kind="code", content=line, client_message_id=client_message_id,
        submission={"position": question.position, "language": language, "source": source, "results": judged,
                    **summary, "solved": solved, "status": status, "runner": runner})
    result = turn if isinstance(turn, interviews.TurnResult) else turn.finish()
    if result.submission is None:  # the client id was an answer's, not a submission's
        raise interviews.InvalidTransition("That client_message_id was already used for an answer.",
                                           status=result.status, code="client_message_id_reused")
    recorded = result.submission
    message = result.message
    return {**_submission_view(recorded), "first_solve": bool(recorded["solved"]) and not recorded["solved_before"],
            "message": message, "engine": result.engine, "replayed": result.replayed,
            "next": (message or {}).get("content")}


def _submission_view(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "position", "seq", "language", "source", "passed_visible", "total_visible", "passed_hidden",
            "total_hidden", "solved", "status", "runner", "created_at")
    return {**{key: row.get(key) for key in keys}, "tests": row.get("results") or []}


# Code quality ----------------------------------------------------------------------------------

_NAME = re.compile(r"\b(?:def|function|let|const|var)\s+([A-Za-z_$][\w$]*)|\b([A-Za-z_$][\w$]*)\s*=(?!=)")
_SHORT_OK = {"i", "j", "k", "n", "m", "x", "y", "_"}


def readability(source: str) -> dict[str, Any]:
    """Signals read from the code itself: names, line length, nesting, and the lines behind them."""
    lines = source.splitlines()
    names = [a or b for a, b in _NAME.findall(source)]
    cryptic = sorted({name for name in names if len(name) < 2 and name not in _SHORT_OK})
    long_lines = [n for n, line in enumerate(lines, 1) if len(line) > 100]
    indents = [(len(line) - len(line.lstrip(" \t"))) for line in lines if line.strip()]
    unit = min([i for i in indents if i] or [4])
    depth = max(indents or [0]) // unit
    return {"cryptic_names": cryptic, "long_lines": long_lines, "max_depth": depth,
            "readable": not cryptic and not long_lines and depth <= 4}


def _cited_line(source: str) -> str | None:
    """The first substantive line of the candidate's code, quoted with its number."""
    for number, line in enumerate(source.splitlines(), 1):
        text = line.strip()
        if text and not text.startswith(("def ", "function ", "#", "//", "return", "}", "pass")):
            return f"line {number}: {text[:120]}"
    return None


def code_quality_dimension(*, submission: dict[str, Any], problem: dict[str, Any] | None,
                           discussed: DimensionScore | None) -> DimensionScore:
    """The code-quality level from the best submission (hidden tests passed, the large tests within the
    problem's limit, readability), with the discussion's level weighing a quarter. Its quotes cite the
    test results and the candidate's code."""
    results = [r for r in submission.get("results") or [] if r.get("hidden")]
    total = len(results) or 1
    passed = sum(bool(r.get("passed")) for r in results)
    efficient_ms = ((problem or {}).get("problem") or {}).get("limits", {}).get("efficient_ms")
    large = [r for r in results if r.get("kind") == "large"]
    efficient = bool(large) and all(r.get("passed") and efficient_ms and (r.get("time_ms") or 0) <= efficient_ms
                                    for r in large)
    signals = readability(str(submission.get("source") or ""))
    if passed == 0:
        level = 1
    elif passed < total:
        level = 2 if passed / total < 0.6 else 3
    else:
        level = 3 + efficient + signals["readable"]
    if discussed is not None:
        level = max(1, min(5, round(0.75 * level + 0.25 * discussed.level)))
    if passed < total:
        level = min(level, 3)
    failed = [r["name"] for r in results if not r.get("passed")]
    quotes = [f"hidden tests: {passed}/{len(results)} passed" + (f" (failed: {', '.join(failed)})" if failed else "")]
    quotes += [f"{r['name']}: {r.get('time_ms')} ms (limit {efficient_ms} ms)" for r in large if r.get("passed")]
    cited = _cited_line(str(submission.get("source") or ""))
    if cited:
        quotes.append(cited)
    if signals["cryptic_names"]:
        quotes.append(f"unclear names: {', '.join(signals['cryptic_names'])}")
    if signals["long_lines"]:
        quotes.append(f"lines over 100 characters: {', '.join(map(str, signals['long_lines'][:5]))}")
    return DimensionScore(name="code_quality", level=level, score=level_score(level), anchor=anchor("code_quality",
                          level), quotes=tuple(quotes))


def _best(submissions: list[dict[str, Any]]) -> dict[str, Any]:
    return max(submissions, key=lambda s: (s["passed_hidden"], s["seq"]))


CODE_ENGINE = "code-tests-1"  # the scoring engine of an answer scored from its submissions alone


def with_code_quality(*, user_id: str, interview_id: str, plan: list[PlannedQuestion],
                      scores: dict[int, AnswerScore]) -> dict[int, AnswerScore]:
    """The answers' scores with code quality taken from the code submitted for coding questions. Code
    submitted but never discussed is still an answer: it is scored on code quality alone (the
    discussion's dimensions are absent, not zero)."""
    submissions = supabase_client.code_submissions(user_id=user_id, interview_id=interview_id)
    if not submissions:
        return scores
    by_position: dict[int, list[dict[str, Any]]] = {}
    for submission in submissions:
        by_position.setdefault(submission["position"], []).append(submission)
    questions = {q.position: q for q in plan}
    updated = dict(scores)
    for position, submitted in by_position.items():
        question = questions.get(position)
        if question is None or not question.bank_key:
            continue
        weights = dimensions_for(question.interview_type)
        if "code_quality" not in weights:
            continue
        scored = scores.get(position)
        best = _best(submitted)
        problem = supabase_client.coding_problem_get(bank_key=question.bank_key)
        dimension = code_quality_dimension(submission=best, problem=problem,
                                           discussed=scored.dimension("code_quality") if scored else None)
        notes = {"code_submission": str(best["id"])}
        if scored is None:
            updated[position] = AnswerScore(
                position=position, score=dimension.score, dimensions=(dimension,), guard=None, covered=(),
                missed=tuple(str(p.get("text")) for p in question.rubric.get("points") or []), engine=CODE_ENGINE,
                notes={**notes, "discussed": "no"})
            continue
        dimensions = tuple(dimension if d.name == "code_quality" else d for d in scored.dimensions)
        score = sum(d.score * weights.get(d.name, 0) for d in dimensions) / sum(weights.values())
        if scored.guard is not None:
            score = min(score, scored.score)
        updated[position] = replace(scored, dimensions=dimensions, score=round(score, 1),
                                    notes={**scored.notes, **notes})
    return updated
