"""The curated question bank: JSON files shipped in `data/question_bank/`, loaded into `questions`.

Each question carries a rubric (the points a strong answer covers, each with keywords the
offline engine looks for; signals; red flags; weak/adequate/strong anchors) and follow-ups.
Loading is idempotent: rows are matched by `bank_key`, so a reload updates them in place
and drops the ones no longer shipped. `python manage.py load_question_bank` runs it; `make
run` and the test suite do so on their stack.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.llm_api import supabase_client
from backend.llm_api.services.coding_problems import coding_problems_load

BANK_DIR = Path(__file__).resolve().parents[1] / "data" / "question_bank"
INTERVIEW_TYPES = ("behavioral", "technical", "system_design", "coding", "mixed")
DIFFICULTIES = ("easy", "medium", "hard")
LEVELS = ("junior", "mid", "senior")
ROLE_FAMILIES = ("backend", "frontend", "fullstack", "data", "ml", "devops", "mobile", "security", "product",
                 "management")
KEYS = {"key", "question", "interview_type", "difficulty", "experience_levels", "roles", "category", "skills",
        "rubric", "follow_ups"}
RUBRIC_KEYS = {"points", "strong_signals", "red_flags", "anchors"}
ANCHORS = ("weak", "adequate", "strong")


class BankError(ValueError):
    """A shipped question file breaks the format (a bug in the shipped data, caught by the tests)."""


@dataclass(frozen=True)
class BankQuestion:
    key: str
    question: str
    interview_type: str
    difficulty: str
    experience_levels: tuple[str, ...]
    roles: tuple[str, ...]
    category: str
    skills: tuple[str, ...]
    rubric: dict[str, Any]
    follow_ups: tuple[str, ...]

    def row(self, rubric_version: str) -> dict[str, Any]:
        return {
            "bank_key": self.key, "owner_id": None, "is_public": True, "source": "curated",
            "question_text": self.question, "interview_type": self.interview_type, "difficulty": self.difficulty,
            "category": self.category, "experience_levels": list(self.experience_levels),
            "role_tags": list(self.roles), "skills": list(self.skills), "rubric": self.rubric,
            "rubric_version": rubric_version, "follow_ups": list(self.follow_ups), "expected_answer": None,
        }


def _strings(value: Any, where: str, *, minimum: int, maximum: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not minimum <= len(value) <= maximum:
        raise BankError(f"{where}: a list of {minimum}-{maximum} strings")
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise BankError(f"{where}: every item must be a non-empty string")
    return tuple(item.strip() for item in value)


def _rubric(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != RUBRIC_KEYS:
        raise BankError(f"{where}.rubric: keys must be {sorted(RUBRIC_KEYS)}")
    points = value["points"]
    if not isinstance(points, list) or not 3 <= len(points) <= 6:
        raise BankError(f"{where}.rubric.points: 3-6 points")
    for index, point in enumerate(points):
        if not isinstance(point, dict) or set(point) != {"text", "keywords"} or not str(point["text"]).strip():
            raise BankError(f"{where}.rubric.points[{index}]: {{text, keywords}}")
        keywords = _strings(point["keywords"], f"{where}.rubric.points[{index}].keywords", minimum=1, maximum=8)
        if any(keyword != keyword.lower() for keyword in keywords):
            raise BankError(f"{where}.rubric.points[{index}].keywords: lower case")
    _strings(value["strong_signals"], f"{where}.rubric.strong_signals", minimum=1, maximum=6)
    _strings(value["red_flags"], f"{where}.rubric.red_flags", minimum=1, maximum=6)
    anchors = value["anchors"]
    if not isinstance(anchors, dict) or set(anchors) != set(ANCHORS) or not all(
            isinstance(anchors[name], str) and anchors[name].strip() for name in ANCHORS):
        raise BankError(f"{where}.rubric.anchors: weak, adequate and strong texts")
    return value


def _question(raw: Any, where: str) -> BankQuestion:
    if not isinstance(raw, dict) or set(raw) != KEYS:
        raise BankError(f"{where}: keys must be {sorted(KEYS)}")
    key = raw["key"]
    if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9][a-z0-9/-]{2,120}", key):
        raise BankError(f"{where}: bad key {key!r}")
    where = f"{where} ({key})"
    text = raw["question"]
    if not isinstance(text, str) or not 10 <= len(text.strip()) <= 4000:
        raise BankError(f"{where}.question: 10-4000 characters")
    if raw["interview_type"] not in INTERVIEW_TYPES or raw["difficulty"] not in DIFFICULTIES:
        raise BankError(f"{where}: interview_type or difficulty not allowed")
    levels = _strings(raw["experience_levels"], f"{where}.experience_levels", minimum=1, maximum=3)
    roles = tuple(raw["roles"]) if isinstance(raw["roles"], list) else None
    if roles is None or not set(levels) <= set(LEVELS) or not set(roles) <= set(ROLE_FAMILIES):
        raise BankError(f"{where}: experience_levels or roles not allowed")
    category = raw["category"]
    if not isinstance(category, str) or not 1 <= len(category.strip()) <= 100:
        raise BankError(f"{where}.category: 1-100 characters")
    return BankQuestion(
        key=key, question=text.strip(), interview_type=raw["interview_type"], difficulty=raw["difficulty"],
        experience_levels=levels, roles=roles, category=category.strip(),
        skills=_strings(raw["skills"], f"{where}.skills", minimum=1, maximum=6),
        rubric=_rubric(raw["rubric"], where),
        follow_ups=_strings(raw["follow_ups"], f"{where}.follow_ups", minimum=1, maximum=5),
    )


@functools.cache
def question_bank_entries(directory: Path = BANK_DIR) -> tuple[BankQuestion, ...]:
    """Every shipped question, validated; keys and texts unique across files."""
    questions: list[BankQuestion] = []
    for path in sorted(directory.glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise BankError(f"{path.name}: not JSON: {exc}") from exc
        if not isinstance(document, dict) or set(document) != {"questions"} or not isinstance(
                document["questions"], list):
            raise BankError(f"{path.name}: must be {{\"questions\": [...]}}")
        questions.extend(_question(raw, f"{path.name}[{index}]") for index, raw in enumerate(document["questions"]))
    seen_keys: set[str] = set()
    seen_texts: set[str] = set()
    for question in questions:
        text = re.sub(r"\W+", " ", question.question.casefold()).strip()
        if question.key in seen_keys or text in seen_texts:
            raise BankError(f"{question.key}: duplicate key or question text")
        seen_keys.add(question.key)
        seen_texts.add(text)
    return tuple(questions)


def question_bank_version(questions: tuple[BankQuestion, ...]) -> str:
    """`bank-<hash>`: changes whenever any shipped question or rubric changes."""
    digest = hashlib.sha256()
    for question in questions:
        digest.update(json.dumps(question.row(""), sort_keys=True).encode())
    return f"bank-{digest.hexdigest()[:12]}"


@dataclass(frozen=True)
class BankLoad:
    written: int
    removed: int
    rubric_version: str


def question_bank_load(*, directory: Path = BANK_DIR) -> BankLoad:
    """Write the shipped bank into `questions` (insert or update by key), drop retired questions."""
    questions = question_bank_entries(directory)
    version = question_bank_version(questions)
    rows = [question.row(version) for question in questions]
    written = 0
    for start in range(0, len(rows), 200):  # bounded request bodies
        written += supabase_client.question_bank_upsert(rows=rows[start:start + 200])
    retired = sorted(supabase_client.question_bank_keys() - {question.key for question in questions})
    supabase_client.question_bank_remove(keys=retired)
    coding_problems_load(question_keys={question.key for question in questions})
    return BankLoad(written=written, removed=len(retired), rubric_version=version)
