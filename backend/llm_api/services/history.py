"""History, one interview in full, deleting it, statistics, the dashboard and the progress chart.

A fixed number of round trips to Supabase whatever the number of interviews: the list is one
(page and count together, `interview_history`), the detail one plus one for the recordings'
signed links when it has recordings, statistics one, the dashboard one, the chart one. Everything
is computed in Postgres (supabase_migrations/20261201170000_history.sql); Python only shapes it.

Deleting removes the rows first (with the interview's objects queued in `storage_deletions` in the
same transaction), then the objects, retried; objects Storage would not remove stay queued and the
caller is told (503), and deleting again finishes the job. So no row ever points at a removed
object, and no object is ever left without a row naming it.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError
from backend.llm_api.services import coaching, interviews
from backend.llm_api.services import progress_chart as chart
from backend.llm_api.services.interviews import InterviewNotFound

logger = logging.getLogger(__name__)

STATUSES = ("scheduled", "preparing", "active", "completed", "abandoned", "cancelled")
ORDERINGS = ("-created_at", "created_at", "overall_score", "-overall_score", "-completed_at")
RECORDINGS_BUCKET = "interview-recordings"
REPORTS_BUCKET = "reports"
RECENT_INTERVIEWS = 5  # on the dashboard
DASHBOARD_GAPS = 3
CHART_POINTS = 100  # the latest completed interviews the progress chart shows
STORAGE_ATTEMPTS = 3
EMBEDDED = ("interview_answers", "interview_messages", "skill_gaps", "interview_coverage", "recordings", "resumes")


class PageNotFound(AppError):
    """A page past the last one: 404 as DRF's paginators answer it."""

    status_code = 404
    default_code = "not_found"
    default_detail = "Invalid page."


class StorageCleanupPending(AppError):
    status_code = 503
    default_code = "storage_cleanup_pending"
    default_detail = "The interview was deleted, but some of its stored files could not be removed yet."


# The list ----------------------------------------------------------------------------------------


def interview_list(*, user_id: str, page: int, page_size: int, ordering: str = "-created_at",
                   status: list[str] | None = None, difficulty: str | None = None, interview_type: str | None = None,
                   experience_level: str | None = None, created_from: date | None = None,
                   created_to: date | None = None, min_score: float | None = None, max_score: float | None = None,
                   search: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """A page of the user's interview summaries and how many match, in one round trip.

    `created_from`/`created_to` are UTC days, both included; `search` is a literal, case-insensitive
    substring of the title, job role or job description. A page past the last one is 404 (the first
    page of nothing is an empty page)."""
    filters: dict[str, Any] = {}
    if status:
        filters["status"] = sorted(set(status))
    for key, value in (("difficulty", difficulty), ("interview_type", interview_type),
                       ("experience_level", experience_level), ("min_score", min_score), ("max_score", max_score)):
        if value is not None:
            filters[key] = value
    if created_from is not None:
        filters["from"] = datetime.combine(created_from, clock.min, UTC).isoformat()
    if created_to is not None:
        filters["to"] = datetime.combine(created_to + timedelta(days=1), clock.min, UTC).isoformat()
    if search:
        filters["search"] = search
    offset = (page - 1) * page_size
    data = supabase_client.interview_history(user_id=user_id, filters=filters, ordering=ordering, limit=page_size,
                                             offset=offset)
    count = int(data["count"])
    if page > 1 and offset >= count:
        raise PageNotFound()
    return list(data["results"]), count


# One interview -------------------------------------------------------------------------------------


def interview_detail(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """Everything about one of the user's interviews: settings and plan, the conversation in order,
    the answers with their evaluation, feedback and scores, skill gaps, coverage, the resume it used,
    and its recordings with short-lived signed links."""
    row = supabase_client.interview_full(user_id=user_id, interview_id=interview_id)
    if row is None:
        raise InterviewNotFound()
    evaluation = interviews.evaluation_view(row)
    positions = {answer["id"]: answer["position"] for answer in row.get("interview_answers") or []}
    messages = [{key: message.get(key) for key in supabase_client.MESSAGE_COLUMNS.split(",")}
                for message in row.get("interview_messages") or []]
    shown = interviews.interview_view({key: value for key, value in row.items() if key not in EMBEDDED[1:]})
    return {
        **shown,
        "question_count": row["planned_questions"],
        "resume": row.get("resumes"),
        "messages": messages,
        "conversation": [{"role": "user" if m["role"] == "candidate" else m["role"], "content": m["content"]}
                         for m in messages],
        "answers": evaluation["answers"],
        "skill_gaps": coaching.skill_gaps_view(list(row.get("skill_gaps") or [])),
        "coverage": coaching.coverage_view(list(row.get("interview_coverage") or [])),
        "recordings": _recordings(user_id, row.get("recordings") or [], positions),
        # spoken answers' pace, pauses and fillers, apart from the content scores (docs/delivery.md)
        "delivery_metrics": {key: value for key, value in (row.get("delivery_metrics") or {}).items()
                             if key != "parts"} or None,
    }


def _recordings(user_id: str, rows: list[dict[str, Any]], positions: dict[str, int]) -> list[dict[str, Any]]:
    expires_in = int(settings.RECORDINGS_SIGNED_URL_SECONDS)
    own = [row["storage_path"] for row in rows if row["storage_path"].startswith(f"{user_id}/")]
    urls = supabase_client.storage_signed_urls(user_id=user_id, bucket=RECORDINGS_BUCKET, paths=own,
                                               expires_in=expires_in) if own else {}
    shown = []
    for row in rows:
        url = urls.get(row["storage_path"])
        shown.append({
            **{key: row.get(key) for key in ("id", "kind", "content_type", "size_bytes", "duration_seconds",
                                             "expires_at", "created_at")},
            "answer_position": positions.get(row.get("answer_id")),
            "url": url, "url_expires_in": expires_in if url else None,
        })
    return shown


def interview_remove(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """Delete the user's interview and its stored objects: `{removed_objects}`.

    Raises InterviewNotFound when there is nothing of it left, StorageCleanupPending (the rows are
    gone, the objects still queued) when Storage kept failing; deleting again retries those."""
    deleted = supabase_client.interview_delete(user_id=user_id, interview_id=interview_id)
    if deleted["outcome"] == "not_found":
        raise InterviewNotFound()
    objects = deleted.get("objects") or []
    if not objects:
        return {"removed_objects": 0}
    done: list[str] = []
    failed: list[str] = []
    error: str | None = None
    for bucket in sorted({item["bucket"] for item in objects}):
        batch = [item for item in objects if item["bucket"] == bucket]
        for attempt in range(STORAGE_ATTEMPTS):
            try:
                supabase_client.storage_remove(user_id=user_id, bucket=bucket, paths=[item["path"] for item in batch])
            except supabase_client.SupabaseError as exc:
                error = f"{bucket}: {exc}"
                logger.warning("removing %d objects of deleted interview %s from %s failed (attempt %d): %s",
                               len(batch), interview_id, bucket, attempt + 1, exc)
                if attempt + 1 < STORAGE_ATTEMPTS:
                    time.sleep(0.2 * 2 ** attempt)
                    continue
                failed.extend(item["id"] for item in batch)
            else:
                done.extend(item["id"] for item in batch)
            break
    supabase_client.storage_deletions_done(user_id=user_id, done=done, failed=failed, error=error)
    if failed:
        raise StorageCleanupPending(
            f"The interview was deleted, but {len(failed)} of its stored files could not be removed yet: "
            "delete it again to retry.",
            details={"interview_deleted": True, "pending_objects": len(failed)})
    return {"removed_objects": len(done)}


# Statistics, dashboard, chart ----------------------------------------------------------------------


def _with_seed_names(stats: dict[str, Any]) -> dict[str, Any]:
    """Seed 002's names beside ours: its sessions were completed interviews."""
    return {**stats, "total_sessions": stats["completed_interviews"],
            "total_questions_answered": stats["questions_answered"],
            "total_questions_skipped": stats["questions_skipped"]}


def statistics_get(*, user_id: str) -> dict[str, Any]:
    return _with_seed_names(supabase_client.history_statistics(user_id=user_id))


def dashboard_get(*, user_id: str) -> dict[str, Any]:
    """The statistics, the latest interviews, the resumes and the top open skill gaps: one round trip."""
    data = supabase_client.history_dashboard(user_id=user_id, recent=RECENT_INTERVIEWS, gaps=DASHBOARD_GAPS)
    recent = list(data.get("recent_interviews") or [])
    return {"statistics": _with_seed_names(data["statistics"]), "recent_interviews": recent,
            "recent_sessions": recent, "resumes": list(data.get("resumes") or []),
            "open_skill_gaps": list(data.get("open_skill_gaps") or [])}


def progress_chart(*, user_id: str, fmt: str) -> tuple[bytes, str]:
    """The progress chart as (bytes, content type)."""
    points = supabase_client.history_progress(user_id=user_id, limit=CHART_POINTS)
    return chart.render(points, fmt), chart.CONTENT_TYPES[fmt]
