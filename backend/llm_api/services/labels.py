"""The closed sets interviews and questions use, and the names clients send for them.

Seed front ends say "Behavioral", "System Design", "Mid-level"; the schema stores
`behavioral`, `system_design`, `mid`. These functions map both spellings (any case,
spaces, hyphens or underscores) to the stored value, or None when it is not one.
"""

from __future__ import annotations

import re

INTERVIEW_TYPES = ("behavioral", "technical", "system_design", "coding", "mixed")
EXPERIENCE_LEVELS = ("junior", "mid", "senior")
DIFFICULTIES = ("easy", "medium", "hard")

_LEVEL_ALIASES = {"mid_level": "mid", "middle": "mid", "intermediate": "mid", "entry": "junior",
                  "entry_level": "junior", "senior_level": "senior", "junior_level": "junior", "jr": "junior",
                  "intern": "junior", "sr": "senior", "staff": "senior", "lead": "senior"}
_TYPE_ALIASES = {"behavioural": "behavioral", "systemdesign": "system_design", "system": "system_design"}


def _key(value: str) -> str:
    return re.sub(r"[\s_-]+", "_", value.strip().lower()).strip("_")


def interview_type_value(value: str) -> str | None:
    """"System Design", "system-design", "system_design" -> "system_design"; None if unknown."""
    key = _key(value)
    key = _TYPE_ALIASES.get(key, key)
    return key if key in INTERVIEW_TYPES else None


def experience_level_value(value: str) -> str | None:
    """"Junior" -> "junior", "Mid-level" -> "mid", "Senior" -> "senior"; None if unknown."""
    key = _key(value)
    key = _LEVEL_ALIASES.get(key, key)
    return key if key in EXPERIENCE_LEVELS else None


def difficulty_value(value: str) -> str | None:
    key = _key(value)
    return key if key in DIFFICULTIES else None
