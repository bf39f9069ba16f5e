"""PDF reports: `/api/interviews/{id}/report.pdf`, `/api/reports/generate`, `/api/reports`,
`/api/reports/{id}` (and seed 003's trailing-slash paths)."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, OpenApiTypes, extend_schema
from rest_framework import renderers, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import SupabaseJWTAuthentication
from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import reports
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import (
    NumberedPageSerializer,
    PageInput,
    page_links,
    validated,
    validated_query,
)

ERRORS = {401: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer, 422: ErrorSerializer,
          502: ErrorSerializer, 503: ErrorSerializer}


class PdfRenderer(renderers.BaseRenderer):
    """`application/pdf` is accepted; what goes through a renderer (an error) is sent as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if renderer_context and renderer_context.get("response") is not None:
            renderer_context["response"]["Content-Type"] = "application/json"
        return renderers.JSONRenderer().render(data)


class ReportSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    interview_id = serializers.UUIDField()
    report_url = serializers.CharField(allow_null=True, help_text="Signed download link (short-lived).")
    report_url_expires_in = serializers.IntegerField(allow_null=True)
    generated_at = serializers.CharField()
    size_bytes = serializers.IntegerField()
    page_count = serializers.IntegerField()
    cached = serializers.BooleanField(help_text="true when nothing changed since the stored report was made.")


class ReportPageSerializer(NumberedPageSerializer):
    results = ReportSerializer(many=True)


class ReportsBaseApi(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]


class InterviewReportPdfApi(ReportsBaseApi):
    renderer_classes = [renderers.JSONRenderer, PdfRenderer]

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), **ERRORS},
                   summary="The interview's PDF report (completed interviews; cached until the interview changes)")
    def get(self, request: Request, interview_id) -> HttpResponse:
        pdf = reports.report_pdf_bytes(user_id=request.user.id, interview_id=str(interview_id))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="interview-{interview_id}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class ReportsGenerateApi(ReportsBaseApi):
    class InputSerializer(serializers.Serializer):
        interview_id = strict.UUIDField(required=False)
        session_id = strict.UUIDField(required=False, help_text="Seed 003's name for interview_id.")

        def validate(self, data):
            if not data.get("interview_id") and not data.get("session_id"):
                raise serializers.ValidationError({"interview_id": ["This field is required."]})
            if data.get("interview_id") and data.get("session_id") and data["interview_id"] != data["session_id"]:
                raise serializers.ValidationError({"session_id": ["Give interview_id or session_id, not both."]})
            return data

    @extend_schema(operation_id="reports_generate", request=InputSerializer, responses={200: ReportSerializer, **ERRORS},
                   summary="Generate (or fetch the cached) report of a completed interview")
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        interview_id = str(data.get("interview_id") or data["session_id"])
        return Response(reports.report_generate(user_id=request.user.id, interview_id=interview_id))


class ReportsApi(ReportsBaseApi):
    @extend_schema(operation_id="reports_list", parameters=[PageInput], responses={200: ReportPageSerializer, **ERRORS},
                   summary="The caller's reports, newest first")
    def get(self, request: Request) -> Response:
        query = validated_query(PageInput, request)
        page, size = query["page"], query["page_size"]
        results, count = reports.report_list(user_id=request.user.id, page=page, page_size=size)
        links = page_links(request, page=page, size=size, count=count)
        return Response({"count": count, **links, "results": results})


class ReportApi(ReportsBaseApi):
    @extend_schema(operation_id="report_get", responses={200: ReportSerializer, **ERRORS},
                   summary="One of the caller's reports")
    def get(self, request: Request, report_id) -> Response:
        return Response(reports.report_get(user_id=request.user.id, report_id=str(report_id)))


# Seed 003's trailing-slash paths: the same operations under their own operation ids.
class ReportsGenerateSeedApi(ReportsGenerateApi):
    @extend_schema(operation_id="reports_generate_seed", request=ReportsGenerateApi.InputSerializer,
                   responses={200: ReportSerializer, **ERRORS}, summary="Seed 003: generate a report ({session_id})")
    def post(self, request: Request) -> Response:
        return super().post(request)


class ReportsSeedApi(ReportsApi):
    @extend_schema(operation_id="reports_list_seed", parameters=[PageInput],
                   responses={200: ReportPageSerializer, **ERRORS}, summary="Seed 003: the caller's reports")
    def get(self, request: Request) -> Response:
        return super().get(request)


class ReportSeedApi(ReportApi):
    @extend_schema(operation_id="report_get_seed", responses={200: ReportSerializer, **ERRORS},
                   summary="Seed 003: one of the caller's reports")
    def get(self, request: Request, report_id) -> Response:
        return super().get(request, report_id)
