"""`/api/resumes...` and seed 002's `/api/resume/parse`, `/api/db/resumes[/upload]`."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import BlankHeaderAnonymousAuthentication, SupabaseJWTAuthentication
from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import resumes
from backend.llm_api.services.resume_parsing.schema import CLAIM_KINDS
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import (
    PAGE_SCHEMA,
    PAGE_SIZE_SCHEMA,
    NumberedPageSerializer,
    PageInput,
    client_ip,
    page_links,
    validated,
    validated_query,
)

ERRORS = {401: ErrorSerializer, 404: ErrorSerializer, 422: ErrorSerializer, 429: ErrorSerializer,
          502: ErrorSerializer, 503: ErrorSerializer}
UPLOAD_ERRORS = {413: ErrorSerializer, 415: ErrorSerializer, **ERRORS}


# Serializers (the OpenAPI schema and the PATCH validation) ---------------------------------

class ExperienceSerializer(serializers.Serializer):
    title = strict.CharField(allow_null=True, max_length=500)
    company = strict.CharField(allow_null=True, max_length=500)
    location = strict.CharField(allow_null=True, max_length=500)
    start = strict.RegexField(r"^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$", allow_null=True,
                              help_text="YYYY-MM or YYYY")
    end = strict.RegexField(r"^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$", allow_null=True,
                            help_text="YYYY-MM or YYYY; null when current")
    current = strict.BooleanField()
    highlights = serializers.ListField(child=strict.CharField(max_length=500), max_length=100)


class EducationSerializer(serializers.Serializer):
    degree = strict.CharField(allow_null=True, max_length=500)
    field = strict.CharField(allow_null=True, max_length=500)
    institution = strict.CharField(allow_null=True, max_length=500)
    start = strict.RegexField(r"^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$", allow_null=True)
    end = strict.RegexField(r"^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$", allow_null=True)


class ClaimSerializer(serializers.Serializer):
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=CLAIM_KINDS)
    source = serializers.CharField(help_text="The resume line the claim comes from.")
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=CLAIM_KINDS), required=False,
                                  help_text="Every kind that applies (offline parser).")
    skills = serializers.ListField(child=serializers.CharField(), required=False,
                                   help_text="Vocabulary skills the claim names (offline parser).")
    context = serializers.CharField(allow_null=True, required=False, help_text="The role it belongs to.")


class ParsedSerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    location = serializers.CharField(allow_null=True)
    links = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField(allow_null=True)
    skills = serializers.ListField(child=serializers.CharField())
    experience = ExperienceSerializer(many=True)
    education = EducationSerializer(many=True)
    certifications = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    claims = ClaimSerializer(many=True)


class ResumeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    user_id = serializers.UUIDField()
    file_name = serializers.CharField()
    content_type = serializers.CharField(allow_null=True)
    file_size_bytes = serializers.IntegerField(allow_null=True)
    page_count = serializers.IntegerField(allow_null=True)
    parser = serializers.ChoiceField(choices=["offline", "model"], allow_null=True)
    parsed_json = ParsedSerializer(help_text="The parser's output with the candidate's corrections applied.")
    parser_output = ParsedSerializer(help_text="What the parser produced, before corrections.")
    corrections = serializers.DictField(help_text="The fields the candidate corrected.")
    file_url = serializers.CharField(allow_null=True, help_text="Signed download link (short-lived).")
    file_url_expires_in = serializers.IntegerField(allow_null=True, help_text="Seconds the link stays valid.")
    parsed_at = serializers.CharField(allow_null=True)
    created_at = serializers.CharField()
    updated_at = serializers.CharField()


class UploadResultSerializer(serializers.Serializer):
    success = serializers.BooleanField()
    data = ParsedSerializer()
    filename = serializers.CharField()
    saved_to_database = serializers.BooleanField()
    resume_id = serializers.UUIDField(required=False, help_text="Only when saved (a signed-in caller).")
    parser = serializers.ChoiceField(choices=["offline", "model"])
    content_type = serializers.CharField()
    file_size_bytes = serializers.IntegerField()
    page_count = serializers.IntegerField(allow_null=True)
    resume = ResumeSerializer(required=False)


class PageSerializer(NumberedPageSerializer):
    results = ResumeSerializer(many=True)


class UploadInput(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, help_text="PDF, DOCX or plain UTF-8 text; by default at "
                                                                  "most 10 MB and 20 pages.")


class CorrectionsInput(serializers.Serializer):
    """Any parsed field but claims; null drops the correction (the parser's value shows again)."""

    name = strict.CharField(allow_null=True, allow_blank=True, max_length=200, required=False)
    email = strict.EmailField(allow_null=True, allow_blank=True, max_length=200, required=False)
    phone = strict.CharField(allow_null=True, allow_blank=True, max_length=200, required=False)
    location = strict.CharField(allow_null=True, allow_blank=True, max_length=200, required=False)
    links = serializers.ListField(child=strict.URLField(max_length=500), max_length=100, allow_null=True,
                                  required=False)
    summary = strict.CharField(allow_null=True, allow_blank=True, max_length=3000, required=False)
    skills = serializers.ListField(child=strict.CharField(max_length=200), max_length=100, allow_null=True,
                                   required=False)
    experience = ExperienceSerializer(many=True, allow_null=True, required=False)
    education = EducationSerializer(many=True, allow_null=True, required=False)
    certifications = serializers.ListField(child=strict.CharField(max_length=500), max_length=100,
                                           allow_null=True, required=False)
    languages = serializers.ListField(child=strict.CharField(max_length=100), max_length=100,
                                      allow_null=True, required=False)

    def validate(self, attrs: dict) -> dict:
        unknown = set(self.initial_data) - set(self.fields) if isinstance(self.initial_data, dict) else set()
        if unknown:
            raise serializers.ValidationError({key: ["Not a correctable field."] for key in sorted(unknown)})
        if not attrs:
            raise serializers.ValidationError("Send at least one field to correct.")
        return attrs


# Views -----------------------------------------------------------------------------------------

class AuthenticatedForReads(BasePermission):
    """Anyone may upload (anonymous: parsed, not stored); listing needs a signed-in caller."""

    anonymous_methods = ("POST",)  # the schema's security lists anonymous access for these (schema.AutoSchema)

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method in self.anonymous_methods or bool(request.user and request.user.is_authenticated)


def _upload_body(result: resumes.ParsedUpload) -> dict[str, Any]:
    body: dict[str, Any] = {
        "success": True, "data": result.data, "filename": result.filename,
        "saved_to_database": result.resume is not None, "parser": result.parser,
        "content_type": result.content_type, "file_size_bytes": result.size_bytes, "page_count": result.page_count,
    }
    if result.resume is not None:
        body["resume_id"] = result.resume["id"]
        body["resume"] = result.resume
    return body


class UploadMixin:
    parser_classes = [MultiPartParser, FormParser]
    created_status = status.HTTP_201_CREATED

    def upload(self, request: Request) -> Response:
        user_id = request.user.id if request.user and request.user.is_authenticated else None
        resumes.resume_admit_upload(user_id=user_id, client_ip=client_ip(request),
                                    content_length=request.META.get("CONTENT_LENGTH"))
        upload = validated(UploadInput, request.data)["file"]
        result = resumes.resume_parse_upload(upload=upload, file_name=getattr(upload, "name", None), user_id=user_id)
        code = self.created_status if result.resume is not None else status.HTTP_200_OK
        return Response(UploadResultSerializer(_upload_body(result)).data, status=code)


def _page(request: Request) -> Response:
    query = validated_query(PageInput, request)
    results, count = resumes.resume_list(user_id=request.user.id, page=query["page"], page_size=query["page_size"])
    links = page_links(request, page=query["page"], size=query["page_size"], count=count)
    return Response(PageSerializer({"count": count, **links, "results": results}).data)


PAGE_PARAMETERS = [
    OpenApiParameter("page", PAGE_SCHEMA, description="1-based page number (default 1)."),
    OpenApiParameter("page_size", PAGE_SIZE_SCHEMA, description="Resumes per page, 1-100 (default 20)."),
]


class ResumesApi(UploadMixin, APIView):
    authentication_classes = [BlankHeaderAnonymousAuthentication]
    permission_classes = [AuthenticatedForReads]

    @extend_schema(operation_id="resumes_list", tags=["resumes"], summary="The caller's resumes, newest first",
                   parameters=PAGE_PARAMETERS, responses={200: PageSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        return _page(request)

    @extend_schema(operation_id="resumes_upload", tags=["resumes"],
                   summary="Upload and parse a resume (stored when signed in)",
                   description="Anonymous: parsed and answered, nothing stored (200). Signed in: the file goes "
                               "to the `resumes` bucket and the parsed row to `resumes` (201).",
                   request={"multipart/form-data": UploadInput},
                   responses={200: UploadResultSerializer, 201: UploadResultSerializer, **UPLOAD_ERRORS})
    def post(self, request: Request) -> Response:
        return self.upload(request)


class ResumeParseApi(UploadMixin, APIView):
    """Seed 002's `POST /api/resume/parse`: always 200, stored when signed in."""

    authentication_classes = [BlankHeaderAnonymousAuthentication]
    created_status = status.HTTP_200_OK

    @extend_schema(operation_id="resume_parse", tags=["resumes"],
                   summary="Parse a resume (seed 002's path; stored when signed in)",
                   request={"multipart/form-data": UploadInput},
                   responses={200: UploadResultSerializer, **UPLOAD_ERRORS})
    def post(self, request: Request) -> Response:
        return self.upload(request)


class DbResumesUploadApi(UploadMixin, APIView):
    """Seed 002's `POST /api/db/resumes/upload`: like `POST /api/resumes`, for signed-in callers."""

    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="db_resumes_upload", tags=["resumes"],
                   summary="Upload, parse and store a resume (seed 002's path)",
                   request={"multipart/form-data": UploadInput},
                   responses={201: UploadResultSerializer, **UPLOAD_ERRORS})
    def post(self, request: Request) -> Response:
        return self.upload(request)


class DbResumesApi(APIView):
    """Seed 002's `GET /api/db/resumes`: like `GET /api/resumes`."""

    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="db_resumes_list", tags=["resumes"],
                   summary="The caller's resumes (seed 002's path)", parameters=PAGE_PARAMETERS,
                   responses={200: PageSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        return _page(request)


class ResumeApi(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="resume_get", tags=["resumes"],
                   summary="One resume: parsed data and a signed download link",
                   responses={200: ResumeSerializer, **ERRORS})
    def get(self, request: Request, resume_id) -> Response:
        return Response(ResumeSerializer(resumes.resume_get(user_id=request.user.id,
                                                            resume_id=str(resume_id))).data)

    @extend_schema(operation_id="resume_correct", tags=["resumes"],
                   summary="Correct parsed fields (kept apart from the parser's output)",
                   request=CorrectionsInput, responses={200: ResumeSerializer, **ERRORS})
    def patch(self, request: Request, resume_id) -> Response:
        changes = validated(CorrectionsInput, request.data)
        resume = resumes.resume_correct(user_id=request.user.id, resume_id=str(resume_id), changes=changes)
        return Response(ResumeSerializer(resume).data)

    @extend_schema(operation_id="resume_delete", tags=["resumes"],
                   summary="Delete a resume and its file (interviews keep theirs, unlinked)",
                   responses={204: None, **ERRORS})
    def delete(self, request: Request, resume_id) -> Response:
        resumes.resume_delete(user_id=request.user.id, resume_id=str(resume_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ResumeReparseApi(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="resume_reparse", tags=["resumes"],
                   summary="Parse the stored file again (corrections stay)", request=None,
                   responses={200: ResumeSerializer, **ERRORS})
    def post(self, request: Request, resume_id) -> Response:
        return Response(ResumeSerializer(resumes.resume_reparse(user_id=request.user.id,
                                                                resume_id=str(resume_id))).data)
