"""The shipped skills vocabulary and place names (backend/llm_api/data/), loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    ambiguous: bool


def skill_key(text: str) -> str:
    """How skill names are compared: case, spaces, dots and hyphens ignored ("Node JS" = "node.js")."""
    return re.sub(r"[\s.\-_]+", "", text.casefold())


@dataclass(frozen=True)
class Vocabulary:
    skills: tuple[Skill, ...]
    by_key: dict[str, Skill]
    pattern: re.Pattern[str]  # unambiguous names and aliases, for running text
    alias_of: dict[str, Skill]  # casefolded alias text (as written in the file) -> skill

    def lookup(self, text: str) -> Skill | None:
        return self.by_key.get(skill_key(text))

    def mentions(self, text: str) -> list[Skill]:
        """Unambiguous skills named in running text, in order, without repeats."""
        found: list[Skill] = []
        for match in self.pattern.finditer(text):
            skill = self.alias_of.get(match.group(0).casefold())
            if skill and skill not in found:
                found.append(skill)
        return found


@cache
def vocabulary() -> Vocabulary:
    skills: list[Skill] = []
    by_key: dict[str, Skill] = {}
    alias_of: dict[str, Skill] = {}
    category = ""
    for raw in (DATA_DIR / "skills.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            category = line.strip("[]")
            continue
        name, _, rest = (part.strip() for part in line.partition("|"))
        aliases_text, _, flags = (part.strip() for part in rest.partition("|"))
        skill = Skill(name, category, "ambiguous" in flags)
        skills.append(skill)
        aliases = [a.strip() for a in aliases_text.split(",") if a.strip()]
        for index, alias in enumerate([name, *aliases]):
            section_only = alias.startswith("~") or len(alias) <= 2 or (index == 0 and skill.ambiguous)
            alias = alias.lstrip("~")
            by_key.setdefault(skill_key(alias), skill)
            if not section_only:
                alias_of.setdefault(alias.casefold(), skill)
    names = sorted(alias_of, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w+#.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w+#]|\.\w)", re.IGNORECASE
    )
    return Vocabulary(tuple(skills), by_key, pattern, alias_of)


@cache
def places() -> dict[str, str]:
    """Casefolded place name -> its kind: "work modes", "countries", "regions" or "cities"."""
    found: dict[str, str] = {}
    kind = ""
    for raw in (DATA_DIR / "places.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("["):
            kind = line.strip("[]")
        elif line and not line.startswith("#"):
            found.setdefault(place_key(line), kind)
    return found


def place_key(text: str) -> str:
    """How place names are looked up: casefolded, Turkish "İ" as "i" ("İstanbul" is "Istanbul")."""
    return text.casefold().replace("i\u0307", "i")
