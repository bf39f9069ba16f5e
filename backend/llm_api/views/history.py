"""History (`GET /api/interviews`), one interview in full and its deletion, statistics, the
dashboard and the progress chart, with the paths seeds 001 and 002 use for them.

Where a seed passes `user_id` as a query parameter, the owner still comes from the token only:
a `user_id` naming someone else is 403 (`user_mismatch`), as in POST /api/interviews/save.
"""

from __future__ import annotations

import uuid

from django.http import HttpResponse, QueryDict
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import SupabaseJWTAuthentication
from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import history
from backend.llm_api.services.interview_engine import (
    DIFFICULTIES,
    EXPERIENCE_LEVELS,
    INTERVIEW_TYPES,
    normalise_level,
    normalise_type,
)
from backend.llm_api.services.interview_saves import UserMismatch
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import (
    PAGE_SCHEMA,
    PAGE_SIZE_SCHEMA,
    LabelField,
    NumberedPageSerializer,
    PageInput,
    PrebuiltFieldsSerializer,
    page_links,
    validated,
    without_blanks,
)

ERRORS = {401: ErrorSerializer, 404: ErrorSerializer, 502: ErrorSerializer, 503: ErrorSerializer}
LIST_ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, **ERRORS}
USER_ID = OpenApiParameter("user_id", OpenApiTypes.STR, description=(
    "Optional (seeds 001/002 send it): must be the caller's own id, else 403. The owner is always the token's."))


class InterviewApi(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]


def check_user_id(request: Request) -> None:
    claimed = (request.query_params.get("user_id") or "").strip()
    if not claimed:
        return
    try:
        claimed = str(uuid.UUID(claimed))
    except ValueError:
        pass
    if claimed != str(request.user.id):
        raise UserMismatch()


class HistoryInput(PrebuiltFieldsSerializer, PageInput):
    status = serializers.ListField(child=serializers.ChoiceField(choices=history.STATUSES), required=False)
    difficulty = serializers.ChoiceField(choices=DIFFICULTIES, required=False, allow_blank=True)
    interview_type = LabelField(choices=INTERVIEW_TYPES, normalise=normalise_type, required=False, allow_blank=True)
    experience_level = LabelField(choices=EXPERIENCE_LEVELS, normalise=normalise_level, required=False,
                                  allow_blank=True)
    created_from = strict.DateField(required=False, allow_null=True)
    created_to = strict.DateField(required=False, allow_null=True)
    min_score = strict.FloatField(min_value=0, max_value=100, required=False, allow_null=True)
    max_score = strict.FloatField(min_value=0, max_value=100, required=False, allow_null=True)
    search = strict.CharField(max_length=200, required=False, allow_blank=True)
    ordering = serializers.ChoiceField(choices=history.ORDERINGS, default="-created_at")

    def validate(self, data):
        if data.get("created_from") and data.get("created_to") and data["created_from"] > data["created_to"]:
            raise serializers.ValidationError({"from": ["Must not be after `to`."]})
        low, high = data.get("min_score"), data.get("max_score")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"min_score": ["Must not be above max_score."]})
        return data


def _history_query(request: Request) -> dict:
    """The query string as HistoryInput reads it: `status` repeated or comma-separated, `from`/`to`
    renamed (Python keywords), blank values absent; errors name the query parameters."""
    params = without_blanks(request.query_params)
    data = QueryDict(mutable=True)
    statuses = [part.strip() for value in params.getlist("status") for part in value.split(",") if part.strip()]
    if statuses:
        data.setlist("status", statuses)
    for name in ("difficulty", "interview_type", "experience_level", "min_score", "max_score", "search", "ordering",
                 "page", "page_size"):
        if name in params:
            data[name] = params[name]
    for name, field in (("from", "created_from"), ("to", "created_to")):
        if name in params:
            data[field] = params[name]
    try:
        return validated(HistoryInput, data, status_code=400)
    except serializers.ValidationError as exc:
        renamed = {{"created_from": "from", "created_to": "to"}.get(key, key): value
                   for key, value in exc.detail.items()}
        raise serializers.ValidationError(renamed) from exc


HISTORY_PARAMETERS = [
    OpenApiParameter("status", OpenApiTypes.STR, many=True,
                     description=f"One or several (repeated or comma-separated): {', '.join(history.STATUSES)}."),
    OpenApiParameter("difficulty", OpenApiTypes.STR, description="easy, medium or hard."),
    OpenApiParameter("interview_type", OpenApiTypes.STR,
                     description="behavioral, technical, system_design, coding, mixed (seed names too)."),
    OpenApiParameter("experience_level", OpenApiTypes.STR, description="junior, mid, senior (seed names too)."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Created on or after this UTC day (YYYY-MM-DD)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Created on or before this UTC day (YYYY-MM-DD)."),
    OpenApiParameter("min_score", OpenApiTypes.NUMBER, description="Overall score at least (0-100)."),
    OpenApiParameter("max_score", OpenApiTypes.NUMBER, description="Overall score at most (0-100)."),
    OpenApiParameter("search", OpenApiTypes.STR,
                     description="Case-insensitive substring of the job role, title or job description (literal)."),
    OpenApiParameter("ordering", OpenApiTypes.STR, description=f"{', '.join(history.ORDERINGS)} (default "
                                                               f"-created_at; ties newest first)."),
    OpenApiParameter("page", PAGE_SCHEMA, description="1-based (a page past the last one is 404)."),
    OpenApiParameter("page_size", PAGE_SIZE_SCHEMA, description="1-100 (default 20)."),
    USER_ID,
]


class InterviewSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField(allow_null=True)
    job_role = serializers.CharField()
    interview_type = serializers.CharField()
    experience_level = serializers.CharField()
    difficulty = serializers.CharField()
    status = serializers.CharField()
    planned_questions = serializers.IntegerField()
    answered_count = serializers.IntegerField()
    overall_score = serializers.FloatField(allow_null=True)
    communication_score = serializers.FloatField(allow_null=True)
    technical_score = serializers.FloatField(allow_null=True)
    problem_solving_score = serializers.FloatField(allow_null=True)
    code_quality_score = serializers.FloatField(allow_null=True)
    duration_seconds = serializers.IntegerField(allow_null=True)
    started_at = serializers.CharField(allow_null=True)
    completed_at = serializers.CharField(allow_null=True)
    created_at = serializers.CharField()
    has_recordings = serializers.BooleanField()
    scheduled = serializers.BooleanField(
        help_text="Scheduled by an interviewer and accepted by the caller: open it at /api/candidate/sessions/{id}/.")


class InterviewPageSerializer(NumberedPageSerializer):
    results = InterviewSummarySerializer(many=True)


def history_page(request: Request) -> Response:
    check_user_id(request)
    query = _history_query(request)
    page, size = query.pop("page"), query.pop("page_size")
    results, count = history.interview_list(user_id=request.user.id, page=page, page_size=size, **query)
    links = page_links(request, page=page, size=size, count=count)
    return Response({"count": count, **links, "results": results})


class InterviewListAliasApi(InterviewApi):
    @extend_schema(operation_id="interviews_list_seed001", tags=["history"], parameters=HISTORY_PARAMETERS,
                   summary="The caller's interviews (seed 001's path for GET /api/interviews)",
                   responses={200: InterviewPageSerializer, **LIST_ERRORS})
    def get(self, request: Request) -> Response:
        return history_page(request)


class DbSessionsApi(InterviewApi):
    @extend_schema(operation_id="db_sessions_list", tags=["history"], parameters=HISTORY_PARAMETERS,
                   summary="The caller's interviews (seed 002's path for GET /api/interviews)",
                   responses={200: InterviewPageSerializer, **LIST_ERRORS})
    def get(self, request: Request) -> Response:
        return history_page(request)


def interview_detail(request: Request, interview_id) -> Response:
    check_user_id(request)
    return Response(history.interview_detail(user_id=request.user.id, interview_id=str(interview_id)))


def interview_delete(request: Request, interview_id) -> Response:
    check_user_id(request)
    history.interview_remove(user_id=request.user.id, interview_id=str(interview_id))
    return Response(status=status.HTTP_204_NO_CONTENT)


class DbSessionApi(InterviewApi):
    @extend_schema(operation_id="db_session_get", tags=["history"], parameters=[USER_ID],
                   summary="One interview in full (seed 002's path for GET /api/interviews/{id})",
                   responses={200: OpenApiTypes.OBJECT, 403: ErrorSerializer, **ERRORS})
    def get(self, request: Request, interview_id) -> Response:
        return interview_detail(request, interview_id)


STATISTICS_DESCRIPTION = (
    "Computed in Postgres in one round trip: totals and counts by status, completion_rate (percent of all "
    "interviews that completed), average and best of each score over completed interviews (null when there is "
    "none), breakdowns by interview type and by difficulty, questions answered and skipped, problems_solved (coding "
    "questions of the caller's own interviews with a submission that passed every hidden test), time spent, current "
    "and longest streak (UTC days with a completed interview), weekly_trend (the last 12 weeks, Monday-based, "
    "empty weeks included), top_skill_gaps (the 5 most frequent). Seed 002's total_sessions (completed "
    "interviews), total_questions_answered and total_questions_skipped too.")


def statistics(request: Request) -> Response:
    check_user_id(request)
    return Response(history.statistics_get(user_id=request.user.id))


class StatisticsApi(InterviewApi):
    @extend_schema(operation_id="statistics_get", tags=["history"], parameters=[USER_ID],
                   summary="The caller's interview statistics", description=STATISTICS_DESCRIPTION,
                   responses={200: OpenApiTypes.OBJECT, 403: ErrorSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        return statistics(request)


class InterviewStatsApi(InterviewApi):
    @extend_schema(operation_id="interviews_stats_seed001", tags=["history"], parameters=[USER_ID],
                   summary="The caller's interview statistics (seed 001's path for GET /api/statistics)",
                   description=STATISTICS_DESCRIPTION,
                   responses={200: OpenApiTypes.OBJECT, 403: ErrorSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        return statistics(request)


class DbStatisticsApi(InterviewApi):
    @extend_schema(operation_id="db_statistics_get", tags=["history"], parameters=[USER_ID],
                   summary="The caller's interview statistics (seed 002's path for GET /api/statistics)",
                   description=STATISTICS_DESCRIPTION,
                   responses={200: OpenApiTypes.OBJECT, 403: ErrorSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        return statistics(request)


DASHBOARD_DESCRIPTION = (
    "One round trip: `statistics` (as GET /api/statistics), `recent_interviews` (the 5 newest summaries; "
    "`recent_sessions` is the same list under seed 002's name), `resumes` (newest first) and `open_skill_gaps` "
    "(the 3 most severe gaps not resolved since, as GET /api/skill-gaps decides it).")


def dashboard(request: Request) -> Response:
    check_user_id(request)
    return Response(history.dashboard_get(user_id=request.user.id))


class DashboardApi(InterviewApi):
    @extend_schema(operation_id="dashboard_get", tags=["history"], parameters=[USER_ID],
                   summary="Statistics, latest interviews, resumes and top open skill gaps",
                   description=DASHBOARD_DESCRIPTION, responses={200: OpenApiTypes.OBJECT, 403: ErrorSerializer,
                                                                 **ERRORS})
    def get(self, request: Request) -> Response:
        return dashboard(request)


class DbDashboardApi(InterviewApi):
    @extend_schema(operation_id="db_dashboard_get", tags=["history"], parameters=[USER_ID],
                   summary="The dashboard (seed 002's path for GET /api/dashboard)",
                   description=DASHBOARD_DESCRIPTION, responses={200: OpenApiTypes.OBJECT, 403: ErrorSerializer,
                                                                 **ERRORS})
    def get(self, request: Request) -> Response:
        return dashboard(request)


class JsonErrorsNegotiation(BaseContentNegotiation):
    """The chart is an image whatever the Accept header says (an <img> asks for image/avif, ...);
    errors still answer the API's JSON shape."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ProgressChartApi(InterviewApi):
    content_negotiation_class = JsonErrorsNegotiation
    fmt = "png"

    def get(self, request: Request) -> HttpResponse:
        check_user_id(request)
        data, content_type = history.progress_chart(user_id=request.user.id, fmt=self.fmt)
        response = HttpResponse(data, content_type=content_type)
        response["Cache-Control"] = "private, no-cache"
        response["X-Content-Type-Options"] = "nosniff"
        if self.fmt == "svg":  # no script can run from it, even opened on its own
            response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        return response


class ProgressPngApi(ProgressChartApi):
    fmt = "png"

    @extend_schema(operation_id="statistics_progress_png", tags=["history"], parameters=[USER_ID],
                   summary="Progress chart (PNG, 800x400): overall and sub-scores of the last 100 completed "
                           "interviews; an empty state for a new user",
                   responses={(200, "image/png"): OpenApiTypes.BINARY, 403: ErrorSerializer, **ERRORS})
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)


class ProgressSvgApi(ProgressChartApi):
    fmt = "svg"

    @extend_schema(operation_id="statistics_progress_svg", tags=["history"], parameters=[USER_ID],
                   summary="Progress chart (SVG, 800x400): the same as the PNG",
                   responses={(200, "image/svg+xml"): OpenApiTypes.BINARY, 403: ErrorSerializer, **ERRORS})
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)
