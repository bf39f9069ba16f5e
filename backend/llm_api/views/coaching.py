"""Coaching across interviews: `/api/skill-gaps`, `/api/interviews/{id}/skill-gaps` and
`/api/interviews/{id}/coverage`, read from what each interview's `end` stored."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from backend.llm_api.services import coaching
from backend.llm_api.views.inputs import (
    PAGE_SCHEMA,
    PAGE_SIZE_SCHEMA,
    NumberedPageSerializer,
    PageInput,
    page_links,
    validated_query,
)
from backend.llm_api.views.interviews import ERRORS, InterviewApi

SEVERITY_HELP = "low, medium, high or critical."


class SkillGapListInput(PageInput):
    severity = serializers.ChoiceField(choices=coaching.SEVERITIES, required=False, allow_blank=True)
    trend = serializers.ChoiceField(choices=coaching.TRENDS, required=False, allow_blank=True)


class SkillGapOccurrenceSerializer(serializers.Serializer):
    interview_id = serializers.UUIDField()
    severity = serializers.ChoiceField(choices=coaching.SEVERITIES)
    seen_at = serializers.CharField(help_text="When that interview finished.")
    evidence = serializers.CharField(allow_null=True)


class SkillGapHistorySerializer(serializers.Serializer):
    skill = serializers.CharField(help_text="As last recorded.")
    skill_key = serializers.CharField(help_text="The skill in lower case: what occurrences are grouped by.")
    times_seen = serializers.IntegerField(help_text="Interviews that recorded it as a gap.")
    first_seen_at = serializers.CharField()
    last_seen_at = serializers.CharField()
    latest_severity = serializers.ChoiceField(choices=coaching.SEVERITIES)
    worst_severity = serializers.ChoiceField(choices=coaching.SEVERITIES)
    trend = serializers.ChoiceField(
        choices=coaching.TRENDS,
        help_text="resolved: a completed interview after it was last seen had an answered question probing it "
                  "(the question's skills or category) and did not record the gap; improving: seen at least "
                  "twice and the latest severity is lower than the previous one; persisting: otherwise.")
    interviews = SkillGapOccurrenceSerializer(many=True, help_text=f"Newest first, at most "
                                                                  f"{coaching.HISTORY_LIMIT}.")
    recommendation = serializers.CharField(allow_null=True, help_text="The latest occurrence's.")
    resources = serializers.JSONField(help_text="The latest occurrence's.")


class SkillGapPageSerializer(NumberedPageSerializer):
    results = SkillGapHistorySerializer(many=True)


class InterviewSkillGapSerializer(serializers.Serializer):
    skill = serializers.CharField()
    severity = serializers.ChoiceField(choices=coaching.SEVERITIES)
    evidence = serializers.CharField(allow_null=True)
    recommendation = serializers.CharField(allow_null=True)
    resources = serializers.JSONField()
    answer_position = serializers.IntegerField(allow_null=True, help_text="The answer it was seen in.")


class InterviewSkillGapsSerializer(serializers.Serializer):
    interview_id = serializers.UUIDField()
    skill_gaps = InterviewSkillGapSerializer(many=True, help_text="Most severe first, then by skill.")


class CoverageQuestionSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    question_text = serializers.CharField()


class CoverageItemSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=["job_description", "resume"])
    item = serializers.CharField(help_text="The requirement or claim.")
    status = serializers.ChoiceField(choices=coaching.COVERAGE_ORDER,
                                     help_text="not_covered: probed, but the answer did not show it.")
    evidence = serializers.CharField(allow_null=True, help_text="A quote from the answer.")
    question = CoverageQuestionSerializer(allow_null=True, help_text="The question that probed it.")


class CoverageSummarySerializer(serializers.Serializer):
    covered = serializers.IntegerField()
    partial = serializers.IntegerField()
    not_covered = serializers.IntegerField()
    not_probed = serializers.IntegerField()
    total = serializers.IntegerField()


class InterviewCoverageSerializer(serializers.Serializer):
    interview_id = serializers.UUIDField()
    items = CoverageItemSerializer(many=True, help_text="By source, then status (not_probed first), then item.")
    summary = CoverageSummarySerializer()


class SkillGapsApi(InterviewApi):
    @extend_schema(
        operation_id="skill_gaps_list", tags=["coaching"],
        summary="The caller's skill gaps across interviews, most recently seen first",
        parameters=[
            OpenApiParameter("severity", OpenApiTypes.STR, description=f"Latest severity: {SEVERITY_HELP}"),
            OpenApiParameter("trend", OpenApiTypes.STR, description="improving, persisting or resolved."),
            OpenApiParameter("page", PAGE_SCHEMA, description="1-based page number (default 1)."),
            OpenApiParameter("page_size", PAGE_SIZE_SCHEMA, description="Skills per page, 1-100 (default 20)."),
        ],
        responses={200: SkillGapPageSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        query = validated_query(SkillGapListInput, request)
        page, size = query["page"], query["page_size"]
        results, count = coaching.skill_gap_list(user_id=request.user.id, page=page, page_size=size,
                                                 severity=query.get("severity") or None,
                                                 trend=query.get("trend") or None)
        links = page_links(request, page=page, size=size, count=count)
        return Response(SkillGapPageSerializer({"count": count, **links,
                                                "results": results}).data)


class InterviewSkillGapsApi(InterviewApi):
    @extend_schema(operation_id="interview_skill_gaps", tags=["coaching"],
                   summary="The skill gaps one interview recorded", responses={200: InterviewSkillGapsSerializer,
                                                                              **ERRORS})
    def get(self, request: Request, interview_id) -> Response:
        gaps = coaching.interview_skill_gap_list(user_id=request.user.id, interview_id=str(interview_id))
        return Response(InterviewSkillGapsSerializer({"interview_id": interview_id, "skill_gaps": gaps}).data)


class InterviewCoverageApi(InterviewApi):
    @extend_schema(operation_id="interview_coverage", tags=["coaching"],
                   summary="Coverage map: each requirement and resume claim, what probed it, and its status",
                   responses={200: InterviewCoverageSerializer, **ERRORS})
    def get(self, request: Request, interview_id) -> Response:
        coverage = coaching.interview_coverage_get(user_id=request.user.id, interview_id=str(interview_id))
        return Response(InterviewCoverageSerializer({"interview_id": interview_id, **coverage}).data)
