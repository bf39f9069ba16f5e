"""Coding interviews through the API: the problem, run and submit, every submission stored (RLS:
the owner reads, nobody writes), solved counting in the statistics, code-quality evidence from the
submissions, throttles, hostile code as the candidate's failure, and the Piston back end."""

from __future__ import annotations

import json

import postgrest
import pytest

from backend.llm_api.services import coding
from backend.llm_api.services.coding_problems import coding_problem_entries, problem_entry
from backend.llm_api.services.question_bank import question_bank_entries
from tests.api.coding_solutions import CORRECT, INCORRECT
from tests.api.fake_code_engines import FakeJudge0, FakePiston
from tests.api.fake_openai import FakeOpenAI, Streamed, completion
from tests.api.interview_helpers import STRONG, say, started
from tests.conftest import make_client

pytestmark = pytest.mark.usefixtures("stack_settings", "question_bank")

DISCUSSION = (
    "I used a single pass with a hash map because it gives O(n) time and O(n) extra space instead of the "
    "O(n^2) brute force with nested loops. I handled the edge cases: no pair, duplicate prices and never using "
    "the same item twice. I tested the example, an empty list and a single element."
)


@pytest.fixture(autouse=True)
def _short_limits(settings):
    settings.CODE_RUN_CPU_SECONDS = 1
    settings.CODE_RUN_WALL_SECONDS = 3


def coding_interview(api, who, num_questions: int = 1) -> tuple[str, str]:
    """A started coding interview and the bank key of its current problem."""
    interview, _ = started(api, who, interview_type="coding", difficulty="easy", num_questions=num_questions)
    key = interview["plan"][0]
    assert key["interview_type"] == "coding"
    got = api.get(f"/api/interviews/{interview['id']}/code", **who.auth)
    assert got.status_code == 200, got.content
    bank_key = next(q.key for q in question_bank_entries() if q.question == got.json()["question"])
    return interview["id"], bank_key


def python_entry(key: str) -> tuple[str, str]:
    """(name, mode) of what the problem's Python tests call."""
    return problem_entry(next(p for p in coding_problem_entries() if p["question_key"] == key), "python")


def hostile(key: str, body: str) -> str:
    """Python source whose every entry point the tests call (function, class or functions) runs `body`."""
    names = python_entry(key)[0].split(",")
    return f"import os\ndef hostile(*args):\n    {body}\n" + "".join(f"{name} = hostile\n" for name in names)


def looping(key: str) -> str:
    return hostile(key, "while True:\n        pass")


def post(api, who, interview_id: str, action: str, language: str, source: str):
    return api.post(f"/api/interviews/{interview_id}/code/{action}", {"language": language, "source": source},
                    format="json", **who.auth)


def test_the_problem_shows_starters_and_visible_tests_but_no_hidden_test(api, alice):
    interview_id, _ = coding_interview(api, alice)
    problem = api.get(f"/api/interviews/{interview_id}/code", **alice.auth).json()
    shown = problem["problem"]
    entry = shown.get("functions") or shown["class"]
    assert set(shown["starter"]) == set(entry) == {"python", "javascript"} == set(shown["languages"])
    assert shown["tests"] and all(set(t) == {"name", "args", "expected"} for t in shown["tests"])
    assert isinstance(shown["hidden_tests"], int) and shown["hidden_tests"] > 0
    assert problem["submissions"] == [] and problem["position"] == 1


def test_a_senior_coding_interview_gets_runnable_problems_first_and_a_full_plan(api, alice, db):
    interview, _ = started(api, alice, interview_type="coding", experience_level="senior", num_questions=5)
    ids = [q["question_id"] for q in interview["plan"]]
    runnable = db.execute("select q.id::text from public.questions q join public.coding_problems p using (bank_key)"
                          " where q.id::text = any(%s)", (ids,)).fetchall()
    for_seniors = {q.key for q in question_bank_entries() if q.interview_type == "coding"
                   and "senior" in q.experience_levels} & {p["question_key"] for p in coding_problem_entries()}
    assert len(ids) == 5 and len(runnable) == min(5, len(for_seniors))  # runnable problems first, then talk-only


def test_a_mixed_interviews_coding_question_is_a_runnable_problem(api, alice, db):
    interview, _ = started(api, alice, interview_type="mixed", experience_level="senior", num_questions=10)
    coding_ids = [q["question_id"] for q in interview["plan"] if q["interview_type"] == "coding"]
    assert len(coding_ids) == 1
    assert db.execute("select count(*) from public.questions q join public.coding_problems p using (bank_key)"
                      " where q.id = %s", (coding_ids[0],)).fetchone()[0] == 1


def test_run_answers_the_visible_tests_and_stores_nothing(api, alice, db):
    interview_id, key = coding_interview(api, alice)
    ran = post(api, alice, interview_id, "run", "javascript", CORRECT[key]["javascript"])
    assert ran.status_code == 200, ran.content
    body = ran.json()
    assert body["passed"] == body["total"] == len(body["tests"]) > 0
    assert all({"name", "passed", "stdout", "stderr", "time_ms", "memory_kb"} <= set(t) for t in body["tests"])
    assert not any(t["hidden"] for t in body["tests"])
    assert db.execute("select count(*) from public.code_submissions where interview_id = %s",
                      (interview_id,)).fetchone()[0] == 0


def test_submissions_are_kept_in_order_and_solving_counts_once(api, alice):
    interview_id, key = coding_interview(api, alice)
    wrong = post(api, alice, interview_id, "submit", "python", INCORRECT[key]["python"])
    assert wrong.status_code == 201, wrong.content
    wrong = wrong.json()
    assert (wrong["seq"], wrong["solved"], wrong["passed_visible"]) == (1, False, wrong["total_visible"])
    assert wrong["passed_hidden"] < wrong["total_hidden"]
    hidden = [t for t in wrong["tests"] if t["hidden"]]
    assert hidden and all(set(t) == {"name", "passed", "time_ms", "memory_kb", "failure", "hidden", "kind"}
                          for t in hidden)  # nothing the code printed about hidden arguments comes back
    right = post(api, alice, interview_id, "submit", "javascript", CORRECT[key]["javascript"]).json()
    assert (right["seq"], right["solved"], right["first_solve"]) == (2, True, True)
    again = post(api, alice, interview_id, "submit", "python", CORRECT[key]["python"]).json()
    assert (again["seq"], again["solved"], again["first_solve"]) == (3, True, False)
    listed = api.get(f"/api/interviews/{interview_id}/code", **alice.auth).json()["submissions"]
    assert [(s["seq"], s["language"], s["solved"]) for s in listed] == [
        (1, "python", False), (2, "javascript", True), (3, "python", True)]
    assert api.get("/api/user/stats", **alice.auth).json()["total_problems_solved"] == 1
    exported = api.get("/api/user/export", **alice.auth).json()
    assert [s["seq"] for s in exported["interviews"][0]["code_submissions"]] == [1, 2, 3]
    seqs = [m["seq"] for m in exported["interviews"][0]["interview_messages"]]
    assert len(seqs) == 7 and seqs == sorted(seqs)  # the opening, then each submission and its reply, in order


def test_only_questions_of_ones_own_interviews_count_as_solved(api, alice, bob, db):
    interview_id, key = coding_interview(api, alice)
    post(api, alice, interview_id, "submit", "python", CORRECT[key]["python"])
    others, _ = coding_interview(api, bob)  # as an interview someone else holds (one alice scheduled, say)
    db.execute("insert into public.code_submissions (user_id, interview_id, position, seq, language, source, results,"
               " passed_visible, total_visible, passed_hidden, total_hidden, solved, status, runner)"
               " values (%s, %s, 1, 1, 'python', 'x', '[]', 1, 1, 1, 1, true, 'ok', 'local')", (alice.id, others))
    assert api.get("/api/user/stats", **alice.auth).json()["total_problems_solved"] == 1
    assert api.get("/api/user/stats", **bob.auth).json()["total_problems_solved"] == 0


def test_code_quality_comes_from_the_submissions_with_evidence(api, alice):
    interview_id, key = coding_interview(api, alice)
    post(api, alice, interview_id, "submit", "python", INCORRECT[key]["python"])
    post(api, alice, interview_id, "submit", "python", CORRECT[key]["python"])
    assert say(api, alice, interview_id, DISCUSSION).status_code == 200
    while api.get(f"/api/interviews/{interview_id}/state", **alice.auth).json()["awaiting"] == "answer":
        say(api, alice, interview_id, STRONG)
    ended = api.post(f"/api/interviews/{interview_id}/end", **alice.auth).json()
    quality = ended["answers"][0]["dimensions"]["code_quality"]
    hidden_total = len([t for t in post_results(api, alice, interview_id) if t["hidden"]])
    assert quality["quotes"][0] == f"hidden tests: {hidden_total}/{hidden_total} passed"
    number, text = next(q for q in quality["quotes"] if q.startswith("line ")).removeprefix("line ").split(": ", 1)
    assert CORRECT[key]["python"].splitlines()[int(number) - 1].strip() == text  # a real line of the code
    assert quality["level"] >= 4 and ended["code_quality_score"] == quality["score"]


def post_results(api, who, interview_id: str) -> list[dict]:
    """The latest stored submission's results (read back through the evaluation's interview detail)."""
    detail = api.get(f"/api/interviews/{interview_id}", **who.auth).json()
    return coding.supabase_client.code_submissions(user_id=detail["user_id"], interview_id=interview_id)[-1][
        "results"]


def test_submissions_are_read_by_their_owner_only_and_written_by_nobody(api, alice, bob, stack_settings, db):
    interview_id, key = coding_interview(api, alice)
    post(api, alice, interview_id, "submit", "python", CORRECT[key]["python"])
    owner = make_client(stack_settings.url, stack_settings.anon_key, alice.auth["HTTP_AUTHORIZATION"][7:])
    other = make_client(stack_settings.url, stack_settings.anon_key, bob.auth["HTTP_AUTHORIZATION"][7:])
    assert len(owner.table("code_submissions").select("id,solved").eq("interview_id", interview_id)
               .execute().data) == 1
    assert other.table("code_submissions").select("id").execute().data == []
    with pytest.raises(postgrest.APIError):
        owner.table("code_submissions").insert({"user_id": alice.id, "interview_id": interview_id, "position": 1,
                                                "seq": 9, "language": "python", "source": "x", "results": [],
                                                "passed_visible": 0, "total_visible": 0, "passed_hidden": 0,
                                                "total_hidden": 0, "solved": False, "status": "ok",
                                                "runner": "local"}).execute()
    for refused in (owner.table("code_submissions").update({"solved": False}),
                    owner.table("code_submissions").delete()):
        with pytest.raises(postgrest.APIError):
            refused.eq("interview_id", interview_id).execute()
    assert db.execute("select count(*), bool_and(solved) from public.code_submissions where interview_id = %s",
                      (interview_id,)).fetchone() == (1, True)
    with pytest.raises(postgrest.APIError):  # hidden tests stay hidden
        owner.table("coding_problems").select("bank_key").execute()
    with pytest.raises(postgrest.APIError):  # the turn that stores a submission is the server's
        owner.rpc("interview_accept", {"p_user_id": alice.id, "p_interview_id": interview_id, "p_kind": "code",
                                       "p_content": "x", "p_client_message_id": None, "p_lease_seconds": 60,
                                       "p_recent": 1, "p_submission": {"position": 1}}).execute()
    assert db.execute("select count(*) from public.code_submissions where interview_id = %s",
                      (interview_id,)).fetchone()[0] == 1


def test_a_class_problem_is_judged_on_its_method_calls_through_the_api(api, alice):
    job = "Requirements:\n- Caching for a high-traffic API\n"
    interview, _ = started(api, alice, interview_type="coding", difficulty="medium", experience_level="mid",
                           num_questions=1, job_description=job)
    shown = api.get(f"/api/interviews/{interview['id']}/code", **alice.auth).json()
    assert shown["problem"]["class"] == {"python": "LRUCache", "javascript": "LRUCache"}
    assert "functions" not in shown["problem"]
    ran = post(api, alice, interview["id"], "run", "javascript", CORRECT["coding/lru-cache"]["javascript"])
    assert ran.status_code == 200 and ran.json()["passed"] == ran.json()["total"] > 0, ran.content
    first = ran.json()["tests"][0]
    assert first["output"] == first["expected"] == [None, None, "a", None, None, "c", "a"]
    missing = post(api, alice, interview["id"], "run", "python", "class Cache:\n    pass\n").json()["tests"][0]
    assert (missing["failure"], missing["error"]) == ("error", "NameError: the solution defines no class named LRUCache")
    wrong = post(api, alice, interview["id"], "submit", "python", INCORRECT["coding/lru-cache"]["python"]).json()
    assert (wrong["passed_visible"], wrong["solved"]) == (wrong["total_visible"], False)
    right = post(api, alice, interview["id"], "submit", "python", CORRECT["coding/lru-cache"]["python"]).json()
    assert right["solved"] and right["passed_hidden"] == right["total_hidden"]


def test_hostile_code_is_the_candidates_failure_never_a_server_error(api, alice):
    interview_id, key = coding_interview(api, alice)
    for source, failure in ((hostile(key, "os.kill(os.getppid(), 9)"), "error"), (looping(key), "time_limit"),
                            (hostile(key, "while True:\n        os.write(1, b'x' * 65536)"), "output_limit"), ("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
                             "time_limit")):
        ran = post(api, alice, interview_id, "run", "python", source)
        assert ran.status_code == 200, ran.content
        assert ran.json()["passed"] == 0 and {t["failure"] for t in ran.json()["tests"]} == {failure}


def test_bad_input_and_the_wrong_question_are_clear_4xx(api, alice, bob):
    interview_id, key = coding_interview(api, alice)
    assert post(api, alice, interview_id, "run", "cobol", "x").status_code == 422
    assert post(api, alice, interview_id, "run", "python", "x" * 50_001).status_code == 422
    assert post(api, bob, interview_id, "run", "python", CORRECT[key]["python"]).status_code == 404
    assert api.post(f"/api/interviews/{interview_id}/code/run", {}, format="json").status_code == 401
    technical, _ = started(api, alice, num_questions=1)
    refused = post(api, alice, technical["id"], "submit", "python", "def f(): pass")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "not_a_coding_question")


def test_runs_are_throttled_per_user_and_capped_per_process(api, alice, bob, settings):
    interview_id, key = coding_interview(api, alice)
    settings.CODE_RUN_THROTTLE_PER_USER = 1
    assert post(api, alice, interview_id, "run", "python", CORRECT[key]["python"]).status_code == 200
    throttled = post(api, alice, interview_id, "run", "python", CORRECT[key]["python"])
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    settings.CODE_RUN_THROTTLE_PER_USER = 100
    settings.CODE_RUN_MAX_CONCURRENT = 1
    other_id, other_key = coding_interview(api, bob)
    slots = coding._run_slots()
    assert slots.acquire(blocking=False)  # a run in progress holds the process's only slot
    try:
        busy = post(api, bob, other_id, "run", "python", CORRECT[other_key]["python"])
    finally:
        slots.release()
    assert (busy.status_code, busy.json()["error"]["code"]) == (429, "code_runner_busy")
    assert post(api, bob, other_id, "run", "python", CORRECT[other_key]["python"]).status_code == 200


def serving(settings, kind: str, fake):
    """`fake` answering as the CODE_RUNNER `kind` for the test."""
    settings.CODE_RUNNER, settings.CODE_RUNNER_URL = kind, fake.url
    yield fake
    fake.close()


@pytest.fixture
def piston(settings):
    yield from serving(settings, "piston", FakePiston())


@pytest.fixture
def judge0(settings):
    yield from serving(settings, "judge0", FakeJudge0())


def test_the_piston_back_end_runs_the_same_harness_through_its_http_api(api, alice, piston):
    interview_id, key = coding_interview(api, alice)
    solved = post(api, alice, interview_id, "submit", "javascript", CORRECT[key]["javascript"])
    assert solved.status_code == 201, solved.content
    assert (solved.json()["solved"], solved.json()["runner"]) == (True, "piston")
    sent = piston.requests[-1]
    assert (sent["language"], sent["version"], [f["name"] for f in sent["files"]]) == (
        "javascript", "*", ["main.js", "solution.js", "cases.json"])
    assert sent["run_timeout"] == 3000 and sent["run_memory_limit"] == 256 * 1024 * 1024
    assert "expected" not in sent["files"][2]["content"]  # expected values never leave the API
    looped = post(api, alice, interview_id, "run", "python", looping(key))
    assert looped.status_code == 200 and {t["failure"] for t in looped.json()["tests"]} == {"time_limit"}


def test_the_judge0_back_end_sends_the_harness_and_its_files_as_one_submission(api, alice, judge0):
    interview_id, key = coding_interview(api, alice)
    solved = post(api, alice, interview_id, "submit", "python", CORRECT[key]["python"])
    assert solved.status_code == 201, solved.content
    assert (solved.json()["solved"], solved.json()["runner"]) == (True, "judge0")
    sent = judge0.requests[-1]
    assert judge0.paths[-1] == "/submissions?base64_encoded=true&wait=true"
    assert (sent["language_id"], sent["command_line_arguments"], sent["cpu_time_limit"], sent["memory_limit"]) == (
        71, " ".join(python_entry(key)), 1, 256 * 1024)
    looped = post(api, alice, interview_id, "run", "python", looping(key))
    assert looped.status_code == 200 and {t["failure"] for t in looped.json()["tests"]} == {"time_limit"}


@pytest.mark.parametrize("engine", ["piston", "judge0"])
def test_a_failing_engine_is_a_503_not_the_candidates_failure(api, alice, engine, request):
    fake = request.getfixturevalue(engine)
    interview_id, key = coding_interview(api, alice)
    fake.answer = (500, {"message": "internal error"})
    failed = post(api, alice, interview_id, "submit", "python", CORRECT[key]["python"])
    assert (failed.status_code, failed.json()["error"]["code"]) == (503, "code_runner_unavailable")
    assert api.get(f"/api/interviews/{interview_id}/code", **alice.auth).json()["submissions"] == []


def hidden_result(submitted: dict) -> str:
    return f"{submitted['passed_hidden']} of {submitted['total_hidden']} hidden tests passed"


def conversation(db, interview_id: str) -> list[tuple]:
    return db.execute("select role, content, metadata from public.interview_messages where interview_id = %s"
                      " order by seq", (interview_id,)).fetchall()


def test_after_a_submit_the_interviewer_states_the_results_and_asks_about_the_approach(api, alice, db):
    interview_id, key = coding_interview(api, alice)
    wrong = post(api, alice, interview_id, "submit", "python", INCORRECT[key]["python"])
    assert wrong.status_code == 201, wrong.content
    wrong = wrong.json()
    reply = wrong["message"]
    assert wrong["engine"] == "offline" and wrong["next"] == reply["content"]
    assert hidden_result(wrong) in reply["content"] and "complexity" in reply["content"] and "?" in reply["content"]
    failing = sorted({t["kind"] for t in wrong["tests"] if t["hidden"] and not t["passed"]})
    assert f"the failing ones ({' and '.join(failing)} cases)" in reply["content"]  # which kinds of test failed
    *_, (code_role, code_line, code_meta), (reply_role, reply_text, reply_meta) = conversation(db, interview_id)
    assert (code_role, code_meta["kind"], code_meta["submission_id"], code_meta["seq"]) == (
        "candidate", "code", wrong["id"], 1)
    assert hidden_result(wrong) in code_line
    assert (reply_role, reply_text, reply_meta["kind"], reply_meta["position"]) == (
        "interviewer", reply["content"], "code_review", 1)
    state = api.get(f"/api/interviews/{interview_id}/state", **alice.auth).json()
    assert (state["awaiting"], state["current_question"]["position"], state["last_interviewer_message"]["id"]) == (
        "answer", 1, reply["id"])
    assert state["progress"]["follow_ups_left"] == 2  # asking about the code is not a follow-up
    assert db.execute("select answer_text, follow_up_count from public.interview_answers where interview_id = %s",
                      (interview_id,)).fetchone() == (None, 0)
    # a retried submission answers the original, with its reply, and stores nothing again
    body = {"language": "python", "source": CORRECT[key]["python"], "client_message_id": "submit-1"}
    first = api.post(f"/api/interviews/{interview_id}/code/submit", body, format="json", **alice.auth)
    again = api.post(f"/api/interviews/{interview_id}/code/submit", body, format="json", **alice.auth)
    assert (first.status_code, again.status_code) == (201, 200)
    first, again = first.json(), again.json()
    assert (first["seq"], first["solved"], first["first_solve"], again["replayed"]) == (2, True, True, True)
    assert (again["id"], again["message"], again["first_solve"]) == (first["id"], first["message"], True)
    assert hidden_result(first) in first["message"]["content"] and "submission 2" in first["message"]["content"]
    assert db.execute("select count(*) from public.code_submissions where interview_id = %s",
                      (interview_id,)).fetchone()[0] == 2
    assert len(conversation(db, interview_id)) == 5  # opening, then two submissions and their replies
    # the discussion is the answer to the question, as for any answer
    assert say(api, alice, interview_id, DISCUSSION).status_code == 200
    assert db.execute("select answer_text from public.interview_answers where interview_id = %s",
                      (interview_id,)).fetchone()[0] == DISCUSSION


def test_the_model_words_the_reply_to_a_submission_and_must_state_the_results(api, alice, settings):
    def reply(body):
        prompt = body["messages"][1]["content"]
        result = next(line for line in prompt.splitlines() if line.startswith("TEST RESULTS")).split("; ")[1]
        content = json.dumps({"target": "none", "reply": f"The server reports {result}. What is the time and space "
                                                         "complexity of your approach, and why does it work?"})
        return 200, Streamed(content) if body.get("stream") else completion(content)

    interview_id, key = coding_interview(api, alice)
    with FakeOpenAI(reply) as fake:
        settings.LLM_PROVIDER, settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "", "test-key", fake.base_url
        settings.OPENAI_MODEL, settings.INTERVIEW_MODEL_RETRIES = "fake-model", 0
        submitted = post(api, alice, interview_id, "submit", "python", CORRECT[key]["python"]).json()
        prompt = fake.requests[0]["messages"][1]["content"]
        fake.reply = lambda body: (200, Streamed(json.dumps({"target": "none", "reply": "Nice. Why does it work?"}))
                                   if body.get("stream") else completion(json.dumps(
                                       {"target": "none", "reply": "Nice. Why does it work?"})))
        unstated = post(api, alice, interview_id, "submit", "javascript", CORRECT[key]["javascript"]).json()
    assert submitted["engine"] == "model" and submitted["message"]["content"].startswith(
        f"The server reports {hidden_result(submitted)}.")
    assert "CODE SUBMITTED (python, submission 1)" in prompt and CORRECT[key]["python"].strip() in prompt
    # a reply that does not state the results is repaired once, then worded offline
    assert unstated["engine"] == "offline" and hidden_result(unstated) in unstated["message"]["content"]


def test_submitted_code_never_discussed_is_scored_on_code_quality(api, alice, db):
    interview_id, key = coding_interview(api, alice, num_questions=2)
    submitted = post(api, alice, interview_id, "submit", "python", CORRECT[key]["python"]).json()
    assert api.post(f"/api/interviews/{interview_id}/skip", **alice.auth).status_code == 200  # moves on
    assert db.execute("select skipped from public.interview_answers where interview_id = %s and position = 1",
                      (interview_id,)).fetchone()[0] is False
    ended = api.post(f"/api/interviews/{interview_id}/end", **alice.auth).json()
    first = ended["answers"][0]
    assert (first["skipped"], first["answer_text"], first["scoring_engine"]) == (False, None, coding.CODE_ENGINE)
    quality = first["dimensions"]["code_quality"]
    assert set(first["dimensions"]) == {"code_quality"}  # the discussion's dimensions are absent, not zero
    assert quality["quotes"][0] == f"hidden tests: {submitted['total_hidden']}/{submitted['total_hidden']} passed"
    assert first["score"] == quality["score"] == ended["code_quality_score"] and quality["level"] >= 3
    assert ended["answers"][1]["skipped"] is True and ended["overall_score"] == round(first["score"] / 2, 1)
    assert ended["answered_count"] == 1  # the code was the answer
    assert api.get("/api/statistics", **alice.auth).json()["questions_answered"] == 1
    detail = api.get(f"/api/interviews/{interview_id}", **alice.auth).json()
    assert detail["answers"][0]["score"] == first["score"]


def test_problems_solved_in_the_statistics_counts_solved_questions_of_ones_own_interviews(api, alice, bob, db):
    solved_id, key = coding_interview(api, alice)
    post(api, alice, solved_id, "submit", "python", INCORRECT[key]["python"])
    post(api, alice, solved_id, "submit", "python", CORRECT[key]["python"])
    post(api, alice, solved_id, "submit", "javascript", CORRECT[key]["javascript"])  # the same question again
    unsolved_id, other_key = coding_interview(api, alice)
    post(api, alice, unsolved_id, "submit", "python", INCORRECT[other_key]["python"])
    bobs, _ = coding_interview(api, bob)  # a solved row of alice's on an interview that is not hers
    db.execute("insert into public.code_submissions (user_id, interview_id, position, seq, language, source, results,"
               " passed_visible, total_visible, passed_hidden, total_hidden, solved, status, runner)"
               " values (%s, %s, 1, 1, 'python', 'x', '[]', 1, 1, 1, 1, true, 'ok', 'local')", (alice.id, bobs))
    for path in ("/api/statistics", "/api/interviews/stats", "/api/db/statistics"):
        assert api.get(path, **alice.auth).json()["problems_solved"] == 1, path
    assert api.get("/api/dashboard", **alice.auth).json()["statistics"]["problems_solved"] == 1
    assert api.get("/api/statistics", **bob.auth).json()["problems_solved"] == 0
    assert api.get("/api/user/stats", **alice.auth).json()["total_problems_solved"] == 1


def test_a_mixed_interviews_coding_question_runs_and_submits_like_a_coding_interviews(api, alice):
    interview, _ = started(api, alice, interview_type="mixed", experience_level="senior", num_questions=10)
    position = next(q["position"] for q in interview["plan"] if q["interview_type"] == "coding")
    for _ in range(position - 1):
        assert api.post(f"/api/interviews/{interview['id']}/skip", **alice.auth).status_code == 200
    shown = api.get(f"/api/interviews/{interview['id']}/code", **alice.auth)
    assert shown.status_code == 200 and shown.json()["position"] == position
    key = next(q.key for q in question_bank_entries() if q.question == shown.json()["question"])
    assert post(api, alice, interview["id"], "run", "python", CORRECT[key]["python"]).json()["passed"] > 0
    submitted = post(api, alice, interview["id"], "submit", "python", CORRECT[key]["python"])
    assert submitted.status_code == 201 and hidden_result(submitted.json()) in submitted.json()["message"]["content"]
    assert submitted.json()["position"] == position


def test_a_submission_whose_reply_was_lost_is_answered_before_the_next_answer(api, alice, db, settings):
    interview_id, _ = coding_interview(api, alice)
    submission = {"position": 1, "language": "python", "source": "def f():\n    return 1\n", "status": "ok",
                  "runner": "local", "passed_visible": 1, "total_visible": 2, "passed_hidden": 1, "total_hidden": 4,
                  "solved": False, "results": [{"name": "h1", "hidden": True, "kind": "edge", "passed": False,
                                                "failure": "wrong_answer"}]}
    # what a request that died after storing the submission, before the interviewer replied, left behind
    stored = db.execute("select public.interview_accept(%s, %s, 'code', '[Code submitted]', null, 60, 5, %s)",
                        (alice.id, interview_id, json.dumps(submission))).fetchone()[0]
    assert stored["outcome"] == "accepted" and stored["submission"]["seq"] == 1
    assert api.get(f"/api/interviews/{interview_id}/state", **alice.auth).json()["awaiting"] == "reply"
    busy = post(api, alice, interview_id, "submit", "python", submission["source"])  # while that reply is due
    assert (busy.status_code, busy.json()["error"]["code"]) == (409, "reply_in_progress")
    assert db.execute("select count(*) from public.code_submissions where interview_id = %s",
                      (interview_id,)).fetchone()[0] == 1
    settings.INTERVIEW_REPLY_LEASE_SECONDS = 0  # its lease is over
    answered = say(api, alice, interview_id, DISCUSSION)
    assert answered.status_code == 200, answered.content
    *_, (_, _, code), (_, review, review_meta), (_, discussion, _), (role, _, _) = conversation(db, interview_id)
    assert (code["kind"], review_meta["kind"], review_meta["reply_to"]) == ("code", "code_review", stored["answer"]["id"])
    assert "1 of 4 hidden tests passed; the failing ones (edge cases) hit a wrong answer" in review
    assert (discussion, role) == (DISCUSSION, "interviewer")
