"""What the interviewer knows about the interview: role, level, type, the job description's
key requirements and the resume's claims, kept compact so every prompt can carry it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from backend.llm_api.services.resume_parsing.vocabulary import vocabulary

# Role families of the bank, recognised in a free-text job title (first match wins, so the
# more specific titles come first).
_FAMILY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("management", r"engineering manager|\bem\b|head of engineering|director of engineering|vp of engineering|"
                   r"cto\b|team lead|tech lead manager"),
    ("product", r"product manager|product owner|\bpm\b|product lead|head of product"),
    ("ml", r"machine learning|\bml\b|\bai\b|deep learning|\bnlp\b|computer vision|mlops|research scientist"),
    ("data", r"\bdata\b|analytics|\bbi\b|business intelligence|\betl\b|analyst"),
    ("security", r"secur|appsec|infosec|penetration|pentest|\bsoc\b|cyber"),
    ("devops", r"devops|\bsre\b|site reliability|platform|infrastructure|\bcloud\b|reliability|kubernetes"),
    ("mobile", r"mobile|\bios\b|android|flutter|react native|swift|kotlin"),
    ("fullstack", r"full[\s-]?stack"),
    ("frontend", r"front[\s-]?end|\bui\b|\bweb developer\b|react|angular|vue|javascript"),
    ("backend", r"back[\s-]?end|\bapi\b|server|java\b|python|golang|\bgo\b|\.net|ruby|node"),
)


def role_family(job_role: str) -> str | None:
    """The bank's role family for a job title, or None for a generic title ("Software Engineer")."""
    text = job_role.casefold()
    for family, pattern in _FAMILY_PATTERNS:
        if re.search(pattern, text):
            return family
    return None


_REQUIREMENT_HEADING = re.compile(
    r"^\s*(requirements?|qualifications?|what you.?ll (need|bring)|you have|must have|skills|about you|"
    r"responsibilities|what you.?ll do|nice to have)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25cf\u25aa\u2013]|\d+[.)])\s+(.*\S)")
MAX_REQUIREMENTS = 12


def job_requirements(job_description: str | None) -> list[str]:
    """The job description's requirement lines (its bullets, those under requirement headings
    first), at most MAX_REQUIREMENTS, each under 200 characters."""
    if not job_description:
        return []
    ranked: list[tuple[int, int, str]] = []
    under_heading = False
    for index, line in enumerate(job_description.splitlines()):
        if _REQUIREMENT_HEADING.match(line) and len(line) < 80:
            under_heading = True
            continue
        bullet = _BULLET.match(line)
        if not bullet:
            if line.strip() and not line.strip().endswith(":"):
                under_heading = under_heading and len(line) < 200
            continue
        text = re.sub(r"\s+", " ", bullet.group(1)).strip()[:200]
        if len(text) >= 8:
            ranked.append((0 if under_heading else 1, index, text))
    if not ranked:  # no bullets: sentences naming known skills
        for index, sentence in enumerate(re.split(r"(?<=[.;])\s+", job_description)):
            if vocabulary().mentions(sentence):
                ranked.append((1, index, re.sub(r"\s+", " ", sentence).strip()[:200]))
    seen: set[str] = set()
    requirements = []
    for _, _, text in sorted(ranked):
        if text.casefold() not in seen:
            seen.add(text.casefold())
            requirements.append(text)
    return requirements[:MAX_REQUIREMENTS]


@dataclass(frozen=True)
class Brief:
    job_role: str
    experience_level: str
    interview_type: str
    difficulty: str
    role_family: str | None
    requirements: tuple[str, ...] = ()
    job_skills: tuple[str, ...] = ()  # vocabulary skills the job description names
    resume_skills: tuple[str, ...] = ()
    claims: tuple[dict[str, Any], ...] = field(default=())  # resume claims: {text, kind, source}

    def as_state(self) -> dict[str, Any]:
        data = asdict(self)
        return {key: list(value) if isinstance(value, tuple) else value for key, value in data.items()}

    @classmethod
    def from_state(cls, data: dict[str, Any]) -> Brief:
        return cls(**{key: tuple(value) if isinstance(value, list) else value for key, value in data.items()})


MAX_CLAIMS = 8


def make_brief(*, job_role: str, experience_level: str, interview_type: str, difficulty: str,
               job_description: str | None, resume: dict[str, Any] | None) -> Brief:
    requirements = job_requirements(job_description)
    job_skills = tuple(skill.name for skill in vocabulary().mentions(job_description or ""))
    resume_skills: tuple[str, ...] = ()
    claims: tuple[dict[str, Any], ...] = ()
    if resume:
        resume_skills = tuple(str(name) for name in resume.get("skills") or [])[:40]
        wanted = {name.casefold() for name in job_skills}
        ranked = sorted(
            (claim for claim in resume.get("claims") or [] if isinstance(claim, dict) and claim.get("text")),
            # claims naming a skill the job asks for first, then quantified ones, then the rest
            key=lambda claim: (
                not any(str(skill).casefold() in wanted for skill in claim.get("skills") or []),
                claim.get("kind") != "quantified",
            ),
        )
        claims = tuple({"text": str(claim["text"])[:300], "kind": claim.get("kind") or "technology",
                        "source": str(claim.get("source") or claim["text"])[:300]} for claim in ranked[:MAX_CLAIMS])
    return Brief(job_role=job_role, experience_level=experience_level, interview_type=interview_type,
                 difficulty=difficulty, role_family=role_family(job_role), requirements=tuple(requirements),
                 job_skills=job_skills[:20], resume_skills=resume_skills, claims=claims)
