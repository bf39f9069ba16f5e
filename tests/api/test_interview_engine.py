"""The interview engine on its own (no stack): what an answer lacks, the server's rules, the
planner, the model's streamed JSON decoding and the prompt's bound."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import pytest

from backend.llm_api.services.interview_engine import (
    Brief,
    EmptyBank,
    EngineState,
    Lack,
    PlannedQuestion,
    Turn,
    assess,
    candidate_types,
    decide,
    make_brief,
    plan_interview,
)
from backend.llm_api.services.interview_engine.brief import job_requirements, role_family
from backend.llm_api.services.interview_engine.flow import after_follow_up
from backend.llm_api.services.interview_engine.model import ReplyStringDecoder
from backend.llm_api.services.interview_engine.prompts import user_prompt
from backend.llm_api.services.question_bank import question_bank_entries
from tests.api.interview_helpers import INJECTION, STRONG, WEAK

RUBRIC = {"points": [{"text": "Explains the index lookup", "keywords": ["index", "lookup"]},
                     {"text": "Mentions write cost", "keywords": ["write", "insert"]},
                     {"text": "Says how to verify", "keywords": ["explain", "query plan"]}],
          "strong_signals": [], "red_flags": [], "anchors": {}}


def kinds(question_type: str, answer: str) -> list[str]:
    return [lack.kind for lack in assess(question_type=question_type, question_text="How does a database index "
                                         "speed up a query?", rubric=RUBRIC, skills=("PostgreSQL",),
                                         category="Databases", answer=answer)]


@pytest.mark.parametrize("answer,expected", [
    (WEAK, "too_short"),
    (INJECTION, "off_topic"),
    ("The weather in Lisbon is lovely in spring and the food there is excellent, especially the grilled sardines "
     "near the river, and we walked for hours every single day.", "off_topic"),
])
def test_what_an_answer_lacks(answer, expected):
    assert kinds("technical", answer)[0] == expected


def test_behavioural_checks():
    team = ("We noticed the deploys were slow, so we split the pipeline and we cached dependencies, and our team "
            "then moved the slowest tests to a nightly job, and we documented the new process for everyone else "
            "who works on the service.")
    found = kinds("behavioral", team)
    assert "we_not_i" in found and "no_outcome" in found and "no_numbers" in found
    assert "we_not_i" not in kinds("behavioral", STRONG) and "no_outcome" not in kinds("behavioral", STRONG)


def test_technical_checks_ask_for_trade_offs_and_missed_points():
    answer = ("An index keeps keys sorted so the lookup is logarithmic rather than scanning every row, which makes "
              "reads on that column fast, and the planner picks it whenever the filter is selective enough for it.")
    found = assess(question_type="technical", question_text="How does an index work?", rubric=RUBRIC,
                   skills=(), category="Databases", answer=answer)
    assert found == [Lack("missing_point", "Mentions write cost"), Lack("no_tradeoff")]


def question(position: int, **overrides) -> PlannedQuestion:
    base = PlannedQuestion(position=position, text=f"Question {position}: how does an index work?",
                           interview_type="technical", category="Databases", difficulty="medium",
                           question_id=None, bank_key=None, skills=("PostgreSQL",), rubric=RUBRIC,
                           follow_ups=("How would you verify it is used?",))
    return replace(base, **overrides)


BRIEF = Brief(job_role="Backend Engineer", experience_level="mid", interview_type="technical", difficulty="medium",
              role_family="backend")


def state(count: int = 2) -> EngineState:
    return EngineState(plan=tuple(question(n) for n in range(1, count + 1)), brief=BRIEF, phase="asking")


def test_decide_follows_up_until_the_cap_then_moves_on():
    current = state()
    first = decide(state=current, answer_text=WEAK, skipped=False, max_follow_ups=2, max_per_kind=3)
    assert first.kind == "follow_up" and first.lack.kind == "too_short"
    current = after_follow_up(current, first.lack)
    second = decide(state=current, answer_text=WEAK, skipped=False, max_follow_ups=2, max_per_kind=3)
    assert second.kind == "follow_up" and second.lack.kind != "too_short"  # each kind once per question
    current = after_follow_up(current, second.lack)
    third = decide(state=current, answer_text=WEAK, skipped=False, max_follow_ups=2, max_per_kind=3)
    assert third.kind == "question" and third.next_question.position == 2
    assert third.state.current == 2 and third.state.follow_ups_used == 0 and third.state.kinds_asked == ()
    last = decide(state=third.state, answer_text=WEAK, skipped=True, max_follow_ups=2, max_per_kind=3)
    assert last.kind == "closing" and last.state.phase == "closed" and "skipped" in last.state.summary[-1]


def test_a_kind_of_follow_up_is_capped_per_interview():
    current = replace(state(), kind_totals={"too_short": 1})
    decision = decide(state=current, answer_text=WEAK, skipped=False, max_follow_ups=2, max_per_kind=1)
    assert decision.lack.kind != "too_short"
    assert all(lack.kind != "too_short" for lack in decision.allowed)


def test_a_sufficient_answer_moves_on_at_once():
    good = ("An index keeps keys sorted, so the lookup is logarithmic instead of a scan. The cost is on every "
            "write and insert, which must update the index too, so on a write-heavy table I would weigh that "
            "trade-off. To verify, I run explain and read the query plan to see the index scan being used.")
    decision = decide(state=state(), answer_text=good, skipped=False, max_follow_ups=2, max_per_kind=3)
    assert decision.kind == "question"


def test_engine_state_round_trips():
    current = replace(state(3), phase="closed", current=3, turn=7, follow_ups_used=1, kinds_asked=("no_numbers",),
                      kind_totals={"no_numbers": 2}, summary=("Q1 (Databases): skipped",))
    stored = json.loads(json.dumps(current.as_state()))
    assert {key: value for key, value in stored.items() if key not in ("plan", "brief")} == {
        "version": 1, "phase": "closed", "current": 3, "turn": 7, "follow_ups_used": 1,
        "kinds_asked": ["no_numbers"], "kind_totals": {"no_numbers": 2}, "summary": ["Q1 (Databases): skipped"]}
    assert EngineState.from_state(stored) == current
    with pytest.raises(KeyError):
        EngineState.from_state({key: value for key, value in stored.items() if key != "turn"})


def test_follow_ups_are_counted_per_question_and_per_interview():
    once = after_follow_up(state(), Lack("no_numbers"))
    twice = after_follow_up(once, Lack("no_numbers"))
    assert (once.follow_ups_used, once.kinds_asked, once.kind_totals) == (1, ("no_numbers",), {"no_numbers": 1})
    assert (twice.follow_ups_used, twice.kind_totals) == (2, {"no_numbers": 2})
    assert after_follow_up(twice, Lack("too_short")).kind_totals == {"no_numbers": 2, "too_short": 1}


def test_the_summary_says_what_each_closed_question_covered():
    covered_one = "An index lookup is fast."
    moved = decide(state=state(), answer_text=covered_one, skipped=False, max_follow_ups=0, max_per_kind=3)
    assert moved.state.summary == ("Q1 (Databases): covered 1/3 rubric points; missed: Mentions write cost",)
    everything = "index lookup, write cost on insert, explain the query plan"
    moved = decide(state=state(), answer_text=everything, skipped=False, max_follow_ups=0, max_per_kind=3)
    assert moved.state.summary == ("Q1 (Databases): covered 3/3 rubric points",)
    long_point = replace(state(), plan=(question(1, rubric={**RUBRIC, "points": [
        {"text": "x" * 100, "keywords": ["zzz"]}]}), question(2)))
    line = decide(state=long_point, answer_text=WEAK, skipped=False, max_follow_ups=0, max_per_kind=3).state.summary[0]
    assert line == "Q1 (Databases): covered 0/1 rubric points; missed: " + "x" * 80


def test_decisions_carry_exactly_what_they_allow():
    current = state()
    follow = decide(state=current, answer_text=WEAK, skipped=False, max_follow_ups=2, max_per_kind=3)
    assert follow.state is current and follow.next_question is None and follow.allowed[0] == follow.lack
    moved = decide(state=current, answer_text=WEAK, skipped=True, max_follow_ups=2, max_per_kind=3)
    assert (moved.lack, moved.allowed) == (None, ())
    closed = decide(state=moved.state, answer_text=WEAK, skipped=True, max_follow_ups=2, max_per_kind=3)
    assert (closed.lack, closed.allowed, closed.next_question) == (None, (), None)
    with pytest.raises(ValueError, match="^the interview has no current question$"):
        decide(state=closed.state, answer_text=WEAK, skipped=False, max_follow_ups=2, max_per_kind=3)


@pytest.mark.parametrize("answer", [
    # sharing words only with the question's text, only with its category, or only with its skills
    "I would look at the slow endpoint first and tune whatever search it runs today, step by step.",
    "Performance matters to me more than anything else in every project I take on, always and everywhere.",
    "Elasticsearch is what I have used most in my career, along with plenty of other tools I like.",
])
def test_sharing_words_with_the_question_is_on_topic(answer):
    tuned = question(1, text="How would you tune a slow search endpoint?", category="Performance",
                     skills=("Elasticsearch",), rubric={**RUBRIC, "points": [{"text": "Mentions zzz",
                                                                              "keywords": ["zzz"]}]})
    current = replace(state(), plan=(tuned, question(2)))
    lacks = decide(state=current, answer_text=answer, skipped=False, max_follow_ups=2, max_per_kind=3).allowed
    assert "off_topic" not in [lack.kind for lack in lacks]
    unrelated = "My cat sleeps all afternoon on the warm windowsill while the neighbours argue about gardening."
    lacks = decide(state=current, answer_text=unrelated, skipped=False, max_follow_ups=2, max_per_kind=3).allowed
    assert lacks[0].kind == "off_topic"
@pytest.mark.parametrize("title,family", [
    ("Senior Backend Engineer", "backend"), ("Front-end Developer (React)", "frontend"),
    ("Full Stack Engineer", "fullstack"), ("Data Engineer", "data"), ("Machine Learning Engineer", "ml"),
    ("Site Reliability Engineer", "devops"), ("iOS Developer", "mobile"), ("Application Security Engineer",
                                                                           "security"),
    ("Product Manager", "product"), ("Engineering Manager", "management"), ("Software Engineer", None),
])
def test_role_families(title, family):
    assert role_family(title) == family


def test_job_requirements_come_from_the_bullets_under_requirement_headings():
    text = ("We are a payments company.\n\nResponsibilities:\n* Own the ledger service\n\nRequirements\n"
            "- 5+ years with Go or Java\n- Experience with Kafka and PostgreSQL\n\nPerks\n- Free lunch on Fridays\n")
    assert job_requirements(text)[:3] == ["Own the ledger service", "5+ years with Go or Java",
                                          "Experience with Kafka and PostgreSQL"]
    assert job_requirements(None) == [] and job_requirements("Python and Kubernetes daily.") == \
        ["Python and Kubernetes daily."]


def bank_rows() -> list[dict]:
    return [{**q.row("v"), "id": f"id-{index}"} for index, q in enumerate(question_bank_entries())]


def test_plans_are_deterministic_without_duplicates_and_fit_the_setup():
    brief = make_brief(job_role="Backend Engineer", experience_level="mid", interview_type="technical",
                       difficulty="hard", job_description=None, resume=None)
    rows = [row for row in bank_rows() if "mid" in row["experience_levels"]]
    first = plan_interview(brief=brief, candidates=rows, num_questions=8, recent_question_ids=set(), skill_gaps=[])
    again = plan_interview(brief=brief, candidates=rows, num_questions=8, recent_question_ids=set(), skill_gaps=[])
    assert first == again and len(first) == 8
    assert len({q.question_id for q in first}) == 8
    assert all(q.interview_type == "technical" for q in first)
    fitting_hard = [row for row in rows if row["interview_type"] == "technical" and row["difficulty"] == "hard"
                    and (not row["role_tags"] or "backend" in row["role_tags"])]
    assert sum(q.difficulty == "hard" for q in first) == min(8, len(fitting_hard))  # every hard one first
    assert not any(q.difficulty == "easy" for q in first)  # and the nearest difficulty after them
    recent = {q.question_id for q in first}
    fresh = plan_interview(brief=brief, candidates=rows, num_questions=8, recent_question_ids=recent, skill_gaps=[])
    assert not {q.question_id for q in fresh} & recent  # a repeat interview gets new questions


def test_plans_target_open_skill_gaps():
    brief = make_brief(job_role="Backend Engineer", experience_level="mid", interview_type="technical",
                       difficulty="medium", job_description=None, resume=None)
    rows = bank_rows()
    skill = next(s for row in rows if row["interview_type"] == "technical" and "backend" in row["role_tags"]
                 and row["difficulty"] == "easy" for s in row["skills"])  # a question it would not pick otherwise
    plan = plan_interview(brief=brief, candidates=rows, num_questions=5, recent_question_ids=set(),
                          skill_gaps=[{"skill": skill, "skill_key": skill.casefold()}])
    assert any({"kind": "skill_gap", "text": skill} in q.targets for q in plan)


def test_mixed_plans_mix_types():
    brief = make_brief(job_role="Software Engineer", experience_level="senior", interview_type="mixed",
                       difficulty="medium", job_description=None, resume=None)
    plan = plan_interview(brief=brief, candidates=bank_rows(), num_questions=10, recent_question_ids=set(),
                          skill_gaps=[])
    types = {q.interview_type for q in plan}
    assert {"behavioral", "technical"} <= types and len(plan) == 10


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 5, 7, 1000])
def test_the_reply_is_decoded_from_streamed_json_at_any_split(chunk_size):
    reply = 'Say "why" \\ and\nhow — naïve? \u00e9'
    raw = json.dumps({"target": "too_short", "reply": reply})
    decoder = ReplyStringDecoder()
    decoded = "".join(decoder.feed(raw[i:i + chunk_size]) for i in range(0, len(raw), chunk_size))
    assert decoded == reply and decoder.done


def test_the_prompt_stays_bounded_as_the_interview_grows():
    plan = tuple(question(n) for n in range(1, 21))
    sizes = {}
    for number in (3, 20):
        current = replace(EngineState(plan=plan, brief=BRIEF, phase="asking", current=number),
                          summary=tuple(f"Q{n} (Databases): covered 2/3 rubric points; missed: Mentions write cost"
                                        for n in range(1, number)))
        decision = decide(state=current, answer_text=STRONG * 3, skipped=False, max_follow_ups=2, max_per_kind=3)
        recent = tuple({"role": "interviewer" if n % 2 else "candidate", "content": STRONG} for n in range(8))
        turn = Turn(number=number, brief=BRIEF, question=plan[number - 1], total_questions=20, decision=decision,
                    answer_text=STRONG * 3, latest=STRONG, skipped=False, summary=current.summary, recent=recent)
        sizes[number] = len(user_prompt(turn, json_output=True))
    assert sizes[20] <= 1.5 * sizes[3]


def lack_kinds(question_type: str, answer: str, **question) -> list[str]:
    found = assess(question_type=question_type, question_text=question.get("text", "How do indexes work?"),
                   rubric=question.get("rubric", {"points": [{"text": "Mentions zzz", "keywords": ["zzz"]}]}),
                   skills=(), category="", answer=answer)
    return [lack.kind for lack in found]


FILLER = "my cat sleeps all afternoon on the warm windowsill while neighbours argue about gardening"


def test_topic_words_match_on_their_first_five_letters_and_three_letters_up():
    assert "off_topic" not in lack_kinds("technical", f"Indexing, {FILLER}.")  # indexes ~ indexing
    assert "off_topic" not in lack_kinds("technical", f"The api, {FILLER}.", text="How do you version an API?")
    assert "off_topic" in lack_kinds("technical", f"The ui, {FILLER}.", text="How do you test a UI?")


def test_off_topic_needs_a_dozen_words():
    unrelated = "my cat sleeps all afternoon on the warm windowsill while neighbours argue".split()
    assert len(unrelated) == 12
    assert "off_topic" in lack_kinds("technical", " ".join(unrelated))
    assert "off_topic" not in lack_kinds("technical", " ".join(unrelated[:11]))


def test_rubric_point_texts_count_as_the_questions_topic():
    rubric = {"points": [{"text": "Mentions replication lag", "keywords": ["zzz"]}]}
    assert "off_topic" not in lack_kinds("technical", f"Replication matters, {FILLER}.", rubric=rubric)


def test_coding_answers_may_be_shorter():
    thirty = " ".join(["indexes"] + ["word"] * 29)
    assert "too_short" not in lack_kinds("coding", thirty)
    assert "too_short" in lack_kinds("technical", thirty)
    assert "too_short" in lack_kinds("an unknown type", thirty)  # checked like a mixed question


def test_no_example_and_we_not_i_thresholds():
    general = ("In general I think indexes help because they let the database find rows faster, and I would add "
               "them where queries filter, sort or join on a column, while keeping the write cost in mind.")
    assert "no_example" in lack_kinds("behavioral", general)
    assert "no_example" not in lack_kinds("behavioral", "When I joined my last team, " + general)
    three_we = "We planned it, then we built it and our indexes work well for everybody involved in the project now."
    assert "we_not_i" in lack_kinds("behavioral", three_we)
    assert "we_not_i" not in lack_kinds("behavioral", three_we.replace("our indexes", "the indexes"))


def test_keywords_match_across_line_breaks_and_spaces():
    rubric = {"points": [{"text": "Reads the plan", "keywords": ["query plan"]}]}
    assert "missing_point" not in lack_kinds("technical", "I read the query\n   plan first. " * 10, rubric=rubric)
    assert Lack("missing_point", "Reads the plan").as_state() == {"kind": "missing_point", "point": "Reads the plan"}


def synthetic(key: str, interview_type: str = "technical", difficulty: str = "medium", roles=(), skills=("Go",),
              category: str | None = None) -> dict:
    return {"id": f"id-{key}", "bank_key": key, "question_text": f"Question {key}?", "interview_type": interview_type,
            "difficulty": difficulty, "role_tags": list(roles), "skills": list(skills),
            "category": category or f"category-{key}", "rubric": RUBRIC, "follow_ups": ["Why?"]}


def brief_for(**overrides) -> Brief:
    return replace(BRIEF, **overrides)


def test_claim_probes_are_spread_through_the_plan_with_their_own_rubric():
    claims = ({"text": "Cut build times by 60%.", "kind": "quantified", "source": "x"},
              {"text": "Introduced Kafka for order events", "kind": "technology", "source": "x"},
              {"text": "Led a team of five", "kind": "leadership", "source": "x"})
    rows = [synthetic(f"q{n}") for n in range(10)]
    plan = plan_interview(brief=brief_for(claims=claims), candidates=rows, num_questions=8,
                          recent_question_ids=set(), skill_gaps=[])
    probes = [q for q in plan if q.targets[0]["kind"] == "resume_claim"]
    assert [q.position for q in probes] == [2, 5] and len(plan) == 8  # 8 // 4 probes, after the warm-up
    first, second = probes
    assert first.text == ("Your resume says: \u201cCut build times by 60%\u201d. Walk me through how that happened: "
                          "where things stood before, what you did yourself, and how the result was measured.")
    assert (first.interview_type, first.category, first.difficulty, first.question_id) == \
        ("behavioral", "Resume claim", "medium", None)
    assert first.targets == ({"kind": "resume_claim", "text": "Cut build times by 60%."},)
    assert second.interview_type == "technical" and "Introduced Kafka for order events" in second.text
    assert len(first.rubric["points"]) == 4 and all(p["keywords"] for p in first.rubric["points"])
    assert first.rubric["anchors"]["strong"] and first.follow_ups


@pytest.mark.parametrize("interview_type,total,expected", [
    ("technical", 1, 0), ("technical", 2, 1), ("technical", 7, 1), ("technical", 8, 2), ("technical", 20, 3),
    ("coding", 8, 0),
])
def test_how_many_claims_are_probed(interview_type, total, expected):
    claims = tuple({"text": f"Claim number {n}", "kind": "leadership", "source": "x"} for n in range(3))
    rows = [synthetic(f"q{n}", interview_type=interview_type) for n in range(25)]
    plan = plan_interview(brief=brief_for(claims=claims, interview_type=interview_type), candidates=rows,
                          num_questions=total, recent_question_ids=set(), skill_gaps=[])
    assert sum(q.targets[0]["kind"] == "resume_claim" for q in plan) == expected and len(plan) == total


def test_an_unknown_claim_kind_is_probed_as_a_technology():
    claims = ({"text": "Something unusual", "kind": "other", "source": "x"},)
    plan = plan_interview(brief=brief_for(claims=claims), candidates=[synthetic("a"), synthetic("b")],
                          num_questions=2, recent_question_ids=set(), skill_gaps=[])
    assert plan[1].text.startswith("Your resume mentions \u201cSomething unusual\u201d. Why was that the right")


@pytest.mark.parametrize("level,expected", [
    ("senior", {"behavioral": 5, "technical": 3, "coding": 1, "system_design": 1}),
    ("junior", {"behavioral": 5, "technical": 4, "coding": 1}),
])
def test_mixed_interviews_follow_their_shares(level, expected):
    rows = [synthetic(f"{kind}-{n}", interview_type=kind) for kind in ("behavioral", "technical", "coding",
                                                                        "system_design", "mixed") for n in range(12)]
    plan = plan_interview(brief=brief_for(interview_type="mixed", experience_level=level), candidates=rows,
                          num_questions=10, recent_question_ids=set(), skill_gaps=[])
    assert dict(Counter(q.interview_type for q in plan)) == expected
    assert candidate_types("mixed") == ["behavioral", "technical", "coding", "system_design", "mixed"]
    assert candidate_types("coding") == ["coding"]


def test_what_makes_a_question_preferred_and_why_it_was_chosen():
    requirement = "Production experience with Kafka"
    brief = brief_for(requirements=(requirement,), job_skills=("Kafka",), resume_skills=("Rust",))
    rows = [synthetic("plain"), synthetic("kafka", skills=("Kafka",)), synthetic("rust", skills=("Rust",)),
            synthetic("gap", skills=("Terraform",)), synthetic("hard", difficulty="hard"),
            synthetic("backend", roles=("backend",)), synthetic("frontend", roles=("frontend",))]
    plan = plan_interview(brief=brief, candidates=rows, num_questions=6, recent_question_ids={"id-plain"},
                          skill_gaps=[{"skill": "Terraform", "skill_key": "terraform"}])
    chosen = {q.bank_key: q for q in plan}
    assert "frontend" not in chosen  # another role's question, while the role's own are left
    assert chosen["kafka"].targets == ({"kind": "job_requirement", "text": requirement},)
    assert chosen["gap"].targets == ({"kind": "skill_gap", "text": "Terraform"},)
    assert chosen["backend"].targets == ({"kind": "core_competency", "text": "category-backend"},)
    order = [q.bank_key for q in plan]
    # medium before hard; among the medium ones, by how well they fit
    assert order[-1] == "hard" and order.index("gap") < order.index("plain")
    assert order.index("kafka") < order.index("plain") and order.index("backend") < order.index("plain")


def test_the_roles_questions_come_first_and_generic_titles_draw_on_engineering_roles():
    rows = [synthetic("frontend", roles=("frontend",)), synthetic("data", roles=("data",)), synthetic("any")]
    generic = plan_interview(brief=brief_for(role_family=None), candidates=rows, num_questions=2,
                             recent_question_ids=set(), skill_gaps=[])
    assert {q.bank_key for q in generic} == {"frontend", "any"}
    relaxed = plan_interview(brief=brief_for(role_family="security"), candidates=rows, num_questions=3,
                             recent_question_ids=set(), skill_gaps=[])
    assert len(relaxed) == 3 and relaxed[0].bank_key == "any"


def test_an_empty_bank_is_an_error_and_a_small_one_a_shorter_plan():
    with pytest.raises(EmptyBank):
        plan_interview(brief=BRIEF, candidates=[], num_questions=3, recent_question_ids=set(), skill_gaps=[])
    assert len(plan_interview(brief=BRIEF, candidates=[synthetic("only")], num_questions=3,
                              recent_question_ids=set(), skill_gaps=[])) == 1


def test_the_tiebreak_depends_on_the_role_and_level():
    rows = [synthetic(f"q{n}") for n in range(30)]
    first = [q.bank_key for q in plan_interview(brief=BRIEF, candidates=rows, num_questions=5,
                                                 recent_question_ids=set(), skill_gaps=[])]
    other = [q.bank_key for q in plan_interview(brief=brief_for(job_role="Platform Engineer"), candidates=rows,
                                                 num_questions=5, recent_question_ids=set(), skill_gaps=[])]
    senior = [q.bank_key for q in plan_interview(brief=brief_for(experience_level="senior"), candidates=rows,
                                                  num_questions=5, recent_question_ids=set(), skill_gaps=[])]
    assert first != other and first != senior
    planned = plan_interview(brief=BRIEF, candidates=rows, num_questions=1, recent_question_ids=set(),
                             skill_gaps=[])[0]
    assert PlannedQuestion.from_state(json.loads(json.dumps(planned.as_state()))) == planned


def scored(question: dict, brief: Brief = BRIEF, recent=(), gaps=()):
    from backend.llm_api.services.interview_engine.planner import _score

    candidate = _score(question, brief, set(recent), list(gaps))
    return candidate.score, candidate.targets


@pytest.mark.parametrize("question,brief,expected", [
    (synthetic("a"), BRIEF, 4),
    (synthetic("a", difficulty="easy"), BRIEF, 1),
    (synthetic("a", difficulty="hard"), BRIEF, 1),
    (synthetic("a", difficulty="hard"), replace(BRIEF, difficulty="easy"), -3),
    (synthetic("a", roles=("backend",)), BRIEF, 6),
    (synthetic("a", roles=("backend",)), replace(BRIEF, role_family=None), 4),
])
def test_difficulty_and_role_weights(question, brief, expected):
    assert scored(question, brief) == (expected, [{"kind": "core_competency", "text": "category-a"}])


def test_a_question_probing_an_open_gap_gains_4_once():
    go = synthetic("a", skills=("Go",))
    assert scored(go, gaps=[{"skill": "Go", "skill_key": "go"}, {"skill": "go"}]) == (
        8, [{"kind": "skill_gap", "text": "Go"}])
    assert scored(go, gaps=[{"skill": "Go"}]) == (8, [{"kind": "skill_gap", "text": "Go"}])
    by_category = synthetic("b", skills=("Rust",), category="Concurrency in Go")
    assert scored(by_category, gaps=[{"skill_key": "concurrency"}]) == (
        8, [{"kind": "skill_gap", "text": "concurrency"}])
    assert scored(go, gaps=[{"skill": ""}, {"skill_key": "python"}])[0] == 4


def test_job_requirements_count_for_two_at_most():
    brief = replace(BRIEF, requirements=("Uses Go daily", "Go and Rust", "More Go", "Python"))
    assert scored(synthetic("a", skills=("Go",)), brief) == (7, [
        {"kind": "job_requirement", "text": "Uses Go daily"}, {"kind": "job_requirement", "text": "Go and Rust"}])
    one = replace(BRIEF, requirements=("Go daily",), job_skills=("Go",))
    assert scored(synthetic("a", skills=("Go",)), one) == (5.5, [{"kind": "job_requirement", "text": "Go daily"}])


def test_skills_the_job_or_resume_names_gain_up_to_3():
    brief = replace(BRIEF, job_skills=("Go", "SQL", "C"), resume_skills=("Rust",))
    assert scored(synthetic("a", skills=("Rust",)), brief) == (5.5, [
        {"kind": "core_competency", "text": "category-a"}])  # the resume's: no target of the job
    assert scored(synthetic("a", skills=("Go", "Rust")), brief) == (7, [
        {"kind": "job_requirement", "text": "Go, Rust"}])
    assert scored(synthetic("a", skills=("Go", "Rust", "SQL", "C")), brief) == (7, [
        {"kind": "job_requirement", "text": "Go, Rust, SQL"}])


def test_recent_questions_lose_10_and_unnamed_categories_fall_back_to_skills():
    assert scored(synthetic("a"), recent={"id-a"})[0] == -6
    nameless = {**synthetic("a", skills=("Go", "Rust")), "category": None}
    assert scored(nameless)[1] == [{"kind": "core_competency", "text": "Go, Rust"}]


def test_the_tiebreak_uses_the_bank_key_or_else_the_id():
    from backend.llm_api.services.interview_engine.planner import _score, _tiebreak

    keyed = synthetic("a")
    assert _score(keyed, BRIEF, set(), []).tiebreak == _tiebreak("a", BRIEF)
    own = {**keyed, "bank_key": None}
    assert _score(own, BRIEF, set(), []).tiebreak == _tiebreak("id-a", BRIEF)


# An interviewer's own questions (recruiter mode) --------------------------------------------------


def test_an_expected_answer_becomes_one_rubric_point_per_sentence_or_bullet():
    from backend.llm_api.services.interview_engine import points_covered
    from backend.llm_api.services.interview_engine.planner import rubric_from_expected_answer

    rubric = rubric_from_expected_answer("Add a composite index on the filtered columns. Then check the plan!\n"
                                         "- Measure before and after; watch write latency")
    assert [point["text"] for point in rubric["points"]] == [
        "Add a composite index on the filtered columns.", "Then check the plan!", "Measure before and after;",
        "watch write latency"]
    assert rubric == {"points": [
        {"text": "Add a composite index on the filtered columns.", "keywords": ["compos", "index", "filter", "column"]},
        {"text": "Then check the plan!", "keywords": ["check", "plan"]},  # no stop words, none under 4 letters
        {"text": "Measure before and after;", "keywords": ["measur"]},
        {"text": "watch write latency", "keywords": ["watch", "write", "latenc"]},
    ]}
    assert points_covered(rubric, "I added a COMPOSITE INDEX on the filtered columns") == [True, False, False, False]
    assert points_covered(rubric, "then I checked the query plan") == [False, True, False, False]
    assert rubric_from_expected_answer(None) == {} and rubric_from_expected_answer(" the and of. ") == {}
    many = rubric_from_expected_answer(". ".join(f"Point number {n} about caching" for n in range(20)))
    assert len(many["points"]) == 12
    long = rubric_from_expected_answer("alpha bravo charlie delta echo foxtrot golf hotel india juliet")
    assert len(long["points"][0]["keywords"]) == 8


def test_a_sessions_questions_are_planned_in_order_with_types_from_their_categories():
    from backend.llm_api.services.interview_engine.planner import question_type_for, session_plan

    assert question_type_for("Behavioral", "mixed") == "behavioral"
    assert question_type_for("Introduction", "mixed") == "behavioral"
    assert question_type_for("System Design", "mixed") == "system_design"
    assert question_type_for("Algorithms", "mixed") == "coding"
    assert question_type_for("Databases", "mixed") == "technical"
    assert question_type_for(None, "mixed") == "technical"
    assert question_type_for("Behavioral", "technical") == "technical"  # a typed session keeps its type
    plan = session_plan(questions=[
        {"id": "q1", "question_text": " Tell me about yourself ", "category": "Introduction", "difficulty": "easy",
         "expected_answer": None},
        {"id": "q2", "question_text": "Design a rate limiter", "category": None, "difficulty": None,
         "expected_answer": "Use a token bucket per client."},
    ], interview_type="mixed")
    assert [(q.position, q.text, q.interview_type, q.category, q.difficulty, q.question_id) for q in plan] == [
        (1, "Tell me about yourself", "behavioral", "Introduction", "easy", "q1"),
        (2, "Design a rate limiter", "technical", "General", "medium", "q2")]
    assert plan[0].rubric == {} and plan[1].rubric["points"][0]["keywords"] == ["token", "bucket", "client"]
    assert plan[0].targets == ({"kind": "interviewer_question", "text": "Written by the interviewer for this session"},)
    assert (plan[0].skills, plan[0].follow_ups, plan[0].bank_key) == ((), (), None)


def test_coding_questions_with_code_to_run_come_first_and_the_rest_still_fill_the_plan():
    rows = [synthetic(f"coding-{n}", interview_type="coding", difficulty=difficulty)
            for n, difficulty in enumerate(("medium", "medium", "hard", "easy", "medium", "hard"))]
    runnable = frozenset({"coding-2", "coding-3"})  # a hard one and an easy one, each a step from medium
    plan = plan_interview(brief=brief_for(interview_type="coding"), candidates=rows, num_questions=4,
                          recent_question_ids=set(), skill_gaps=[], runnable=runnable)
    assert len(plan) == 4 and runnable <= {q.bank_key for q in plan}
    plain = plan_interview(brief=brief_for(interview_type="coding"), candidates=rows, num_questions=4,
                           recent_question_ids=set(), skill_gaps=[])
    assert not runnable <= {q.bank_key for q in plain}  # without code to run, the medium ones would win
