"""PDF reports of completed interviews, cached in the private `reports` bucket at
`{user_id}/{interview_id}/<generated name>` with a `reports` row per interview.

The cache key (`interview_version`) is a hash of everything the report shows (the evaluation,
the interview's facts, the candidate's name, the delivery metrics), so a report is regenerated
exactly when its content would change: a rename, a retried answer, new delivery metrics."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

from backend.llm_api import supabase_client
from backend.llm_api.errors import AppError
from backend.llm_api.services import report_pdf

BUCKET = "reports"
RENDERER_VERSION = "report-v1"  # bump when the layout changes: every cached report is then remade


class ReportNotFound(supabase_client.NotFound):
    default_code = "report_not_found"
    default_detail = "No such report."


class InterviewNotCompleted(AppError):
    status_code = 409
    default_code = "not_completed"


def _report_data(*, user_id: str, interview_id: str) -> dict[str, Any]:
    from backend.llm_api.services.interviews import InterviewNotFound, interview_evaluation

    row = supabase_client.interview_get(user_id=user_id, interview_id=interview_id)
    if row is None:
        raise InterviewNotFound()
    if row["status"] != "completed":
        raise InterviewNotCompleted(f"The interview is {row['status']}: a report needs a completed interview.",
                                    details={"status": row["status"]})
    evaluation = interview_evaluation(user_id=user_id, interview_id=interview_id)
    if row.get("scheduled_by") and row.get("student_id"):  # a scheduled interview: its student is the candidate
        student = supabase_client.student_get(user_id=user_id, student_id=row["student_id"]) or {}
        profile = {"full_name": student.get("name")}
    else:
        profile = supabase_client.get_profile(user_id=user_id) or {}
    interview = {key: row.get(key) for key in ("id", "title", "job_role", "interview_type", "experience_level",
                                               "difficulty", "completed_at", "started_at")}
    delivery = supabase_client.interview_delivery_metrics(user_id=user_id, interview_id=interview_id)
    delivery = {key: value for key, value in delivery.items() if key != "parts"}
    return {"interview": interview, "candidate": profile.get("full_name") or profile.get("username"),
            "evaluation": evaluation, "delivery_metrics": delivery}


def _version(data: dict[str, Any]) -> str:
    blob = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return f"{RENDERER_VERSION}:{hashlib.sha256(blob.encode()).hexdigest()}"


def _view(row: dict[str, Any], *, cached: bool) -> dict[str, Any]:
    expires = int(settings.REPORT_SIGNED_URL_SECONDS)
    url = supabase_client.storage_signed_urls(user_id=row["user_id"], bucket=BUCKET, paths=[row["storage_path"]],
                                              expires_in=expires).get(row["storage_path"])
    return {"id": row["id"], "interview_id": row["interview_id"], "report_url": url,
            "report_url_expires_in": expires if url else None, "generated_at": row["generated_at"],
            "size_bytes": int(row["size_bytes"]), "page_count": int(row["page_count"]), "cached": cached}


def _ensure(*, user_id: str, interview_id: str) -> tuple[dict[str, Any], bytes | None]:
    """The interview's up-to-date report row, and the PDF bytes when it was just rendered."""
    data = _report_data(user_id=user_id, interview_id=interview_id)
    version = _version(data)
    existing = supabase_client.report_for_interview(user_id=user_id, interview_id=interview_id)
    if existing is not None and existing["interview_version"] == version:
        return existing, None
    pdf, pages = report_pdf.render_report(data)
    path = f"{user_id}/{interview_id}/{secrets.token_hex(16)}.pdf"
    supabase_client.storage_upload(user_id=user_id, bucket=BUCKET, path=path, data=pdf, content_type="application/pdf")
    try:
        row = supabase_client.report_save(user_id=user_id, interview_id=interview_id, row={
            "storage_path": path, "size_bytes": len(pdf), "page_count": pages, "interview_version": version,
            "generated_at": datetime.now(UTC).isoformat()})
    except Exception:
        supabase_client.storage_remove(user_id=user_id, bucket=BUCKET, paths=[path])
        raise
    if existing is not None and existing["storage_path"] != path:
        supabase_client.storage_remove(user_id=user_id, bucket=BUCKET, paths=[existing["storage_path"]])
    return row, pdf


def report_generate(*, user_id: str, interview_id: str) -> dict[str, Any]:
    """The report of a completed interview (made now, or the cached one if nothing changed)."""
    row, made = _ensure(user_id=user_id, interview_id=interview_id)
    return _view(row, cached=made is None)


def report_pdf_bytes(*, user_id: str, interview_id: str) -> bytes:
    row, made = _ensure(user_id=user_id, interview_id=interview_id)
    if made is not None:
        return made
    return supabase_client.storage_download(user_id=user_id, bucket=BUCKET, path=row["storage_path"])


def report_get(*, user_id: str, report_id: str) -> dict[str, Any]:
    row = supabase_client.report_get(user_id=user_id, report_id=report_id)
    if row is None:
        raise ReportNotFound()
    return _view(row, cached=True)


def report_list(*, user_id: str, page: int, page_size: int) -> tuple[list[dict[str, Any]], int]:
    rows, count = supabase_client.report_list(user_id=user_id, offset=(page - 1) * page_size, limit=page_size)
    return [_view(row, cached=True) for row in rows], count
