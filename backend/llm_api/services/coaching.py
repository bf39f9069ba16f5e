"""Coaching across interviews: the caller's skill gaps over time, and one interview's gaps and
coverage map. Read-only: everything comes from the rows `finish_interview` wrote when each
interview ended (`skill_gaps`, `interview_coverage`, `interview_answers`), never from the scorer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend.llm_api import supabase_client
from backend.llm_api.services.interviews import InterviewNotFound

SEVERITIES = ("low", "medium", "high", "critical")  # mildest first
TRENDS = ("improving", "persisting", "resolved")
HISTORY_LIMIT = 10  # occurrences listed per skill, newest first

# coverage: the stored status -> what the API shows, and the order shown (what was never tested first)
COVERAGE_STATUS = {"not_probed": "not_probed", "not_demonstrated": "not_covered", "partial": "partial",
                   "demonstrated": "covered"}
COVERAGE_ORDER = ("not_probed", "not_covered", "partial", "covered")


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def _when(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def _key(text: str) -> str:
    """The key Postgres stores for a skill (`lower(btrim(skill))`)."""
    return text.strip(" ").lower()


def skill_gap_list(*, user_id: str, page: int, page_size: int, severity: str | None = None,
                   trend: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """A page of the user's skill gaps aggregated per skill (`skill_key`), most recently seen first
    (skill_key breaking ties), and how many skills match.

    Each occurrence is one interview that recorded the skill as a gap; it was seen when that
    interview finished (`completed_at`, the same instant `finish_interview` records the gap at).
    `times_seen`, `first_seen_at`, `last_seen_at`, `latest_severity` and `worst_severity` are
    over all occurrences (as in the `skill_gap_history` view); `interviews` lists the newest
    HISTORY_LIMIT; `recommendation` and `resources` are the latest occurrence's.

    `trend`, decided in this order:
      resolved    after the skill was last seen, the user completed an interview in which they
                  answered (did not skip) a question probing it (the skill is one of the asked
                  question's `skills`, or the answer's `category`; any case), and that interview
                  did not record it as a gap
      improving   seen in at least two interviews, and the latest severity is lower than the one
                  before it
      persisting  anything else: seen once and not probed since, or the same or a worse severity

    `severity` filters on `latest_severity`, `trend` on the trend.
    """
    rows = supabase_client.skill_gap_rows(user_id=user_id)
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        interview = row.get("interviews") or {}
        seen_at = interview.get("completed_at") or row["created_at"]
        groups.setdefault(row["skill_key"], []).append({**row, "seen_at": seen_at, "_at": _when(seen_at)})
    for occurrences in groups.values():
        occurrences.sort(key=lambda o: (o["_at"], _when(o["created_at"]), o["id"]), reverse=True)

    probed: dict[str, list[datetime]] = {}
    if groups:
        # only interviews finished after some skill was last seen can resolve anything
        since = min((occurrences[0] for occurrences in groups.values()), key=lambda o: o["_at"])["seen_at"]
        for answer in supabase_client.answered_questions_since(user_id=user_id, completed_after=since):
            if not str(answer.get("answer_text") or "").strip():
                continue
            finished = _when(answer["interviews"]["completed_at"])
            skills = {_key(str(s)) for s in ((answer.get("questions") or {}).get("skills") or [])}
            if answer.get("category"):
                skills.add(_key(str(answer["category"])))
            for skill_key in skills & groups.keys():
                probed.setdefault(skill_key, []).append(finished)

    skills: list[dict[str, Any]] = []
    for skill_key, occurrences in groups.items():
        latest = occurrences[0]
        if any(at > latest["_at"] for at in probed.get(skill_key, ())):
            skill_trend = "resolved"
        elif len(occurrences) >= 2 and _rank(latest["severity"]) < _rank(occurrences[1]["severity"]):
            skill_trend = "improving"
        else:
            skill_trend = "persisting"
        skills.append({
            "skill": latest["skill"], "skill_key": skill_key, "times_seen": len(occurrences),
            "first_seen_at": occurrences[-1]["seen_at"], "last_seen_at": latest["seen_at"],
            "latest_severity": latest["severity"],
            "worst_severity": max((o["severity"] for o in occurrences), key=_rank),
            "trend": skill_trend,
            "interviews": [{"interview_id": o["interview_id"], "severity": o["severity"], "seen_at": o["seen_at"],
                            "evidence": o["evidence"]} for o in occurrences[:HISTORY_LIMIT]],
            "recommendation": latest["recommendation"], "resources": latest["resources"],
            "_at": latest["_at"],
        })
    skills = [s for s in skills if (severity is None or s["latest_severity"] == severity)
              and (trend is None or s["trend"] == trend)]
    skills.sort(key=lambda s: s["skill_key"])
    skills.sort(key=lambda s: s["_at"], reverse=True)
    start = (page - 1) * page_size
    return [{k: v for k, v in s.items() if k != "_at"} for s in skills[start:start + page_size]], len(skills)


def interview_skill_gap_list(*, user_id: str, interview_id: str) -> list[dict[str, Any]]:
    """The interview's skill gaps, the most severe first, then by skill (any case)."""
    rows = supabase_client.interview_skill_gaps(user_id=user_id, interview_id=interview_id)
    if rows is None:
        raise InterviewNotFound()
    return skill_gaps_view(rows)


def skill_gaps_view(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An interview's `skill_gaps` rows (each with `interview_answers: {position} | null`) as shown."""
    rows = sorted(rows, key=lambda r: (-_rank(r["severity"]), r["skill_key"]))
    return [{"skill": r["skill"], "severity": r["severity"], "evidence": r["evidence"],
             "recommendation": r["recommendation"], "resources": r["resources"],
             "answer_position": (r.get("interview_answers") or {}).get("position")} for r in rows]


def interview_coverage_get(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """Every job-description requirement and resume claim of the interview, with the question that
    probed it and its status as shown (`covered`, `partial`, `not_covered`: probed but not shown,
    `not_probed`), sorted by source, then status (never tested first), then item; and the counts."""
    rows = supabase_client.interview_coverage(user_id=user_id, interview_id=interview_id)
    if rows is None:
        raise InterviewNotFound()
    return coverage_view(rows)


def coverage_view(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """An interview's `interview_coverage` rows (each with `interview_answers: {position, question_text} | null`)
    as shown: `{items, summary}`."""
    items = []
    for row in rows:
        answer = row.get("interview_answers")
        items.append({
            "source": row["source"], "item": row["item"], "status": COVERAGE_STATUS[row["status"]],
            "evidence": row["evidence"],
            "question": ({"position": answer["position"], "question_text": answer["question_text"]}
                         if answer else None),
            "_key": row["item_key"],
        })
    items.sort(key=lambda i: (i["source"], COVERAGE_ORDER.index(i["status"]), i["_key"]))
    summary = {status: sum(1 for i in items if i["status"] == status) for status in
               ("covered", "partial", "not_covered", "not_probed")}
    return {"items": [{k: v for k, v in i.items() if k != "_key"} for i in items],
            "summary": {**summary, "total": len(items)}}
