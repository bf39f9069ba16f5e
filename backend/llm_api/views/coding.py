"""`/api/interviews/{id}/code...`: the coding question's problem, running and submitting code."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import coding
from backend.llm_api.services.code_runner import LANGUAGES
from backend.llm_api.views.inputs import validated
from backend.llm_api.views.interviews import ERRORS, InterviewApi

CODE_ERRORS = {**ERRORS, 429: ErrorSerializer}


class CodeInputSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=sorted(LANGUAGES))
    source = serializers.CharField(max_length=50_000, trim_whitespace=False)


class InterviewCodeApi(InterviewApi):
    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="The coding problem being asked (statement, starters, visible tests) and its submissions")
    def get(self, request: Request, interview_id) -> Response:
        return Response(coding.code_problem(user_id=request.user.id, interview_id=str(interview_id)))


class InterviewCodeRunApi(InterviewApi):
    @extend_schema(request=CodeInputSerializer, responses={200: OpenApiTypes.OBJECT, **CODE_ERRORS},
                   summary="Run code on the visible tests (nothing stored)")
    def post(self, request: Request, interview_id) -> Response:
        data = validated(CodeInputSerializer, request.data)
        return Response(coding.code_run(user_id=request.user.id, interview_id=str(interview_id),
                                        language=data["language"], source=data["source"]))


class InterviewCodeSubmitApi(InterviewApi):
    @extend_schema(request=CodeInputSerializer, responses={201: OpenApiTypes.OBJECT, **CODE_ERRORS},
                   summary="Submit code: visible and hidden tests, stored against the current question")
    def post(self, request: Request, interview_id) -> Response:
        data = validated(CodeInputSerializer, request.data)
        return Response(coding.code_submit(user_id=request.user.id, interview_id=str(interview_id),
                                           language=data["language"], source=data["source"]), status=201)
