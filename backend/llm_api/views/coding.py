"""`/api/interviews/{id}/code...`: the coding question's problem, running and submitting code.

Open to the interview's owner, the interviewer who scheduled it, and a scheduled interview's
candidate (signed in and accepted, or with its `X-Invitation-Token`): the code runs as the
interview's owner (for a scheduled one, its scheduler), so the throttle counts on that account."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import BlankHeaderAnonymousAuthentication
from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import coding, scheduled_interviews
from backend.llm_api.services.code_runner import LANGUAGES
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import validated
from backend.llm_api.views.interviews import ERRORS
from backend.llm_api.views.recruiting import INVITATION_HEADER, invitation_token

CODE_ERRORS = {**ERRORS, 429: ErrorSerializer}


class CodeInputSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=sorted(LANGUAGES))
    source = strict.CharField(max_length=50_000, trim_whitespace=False)


class CodeSubmitInputSerializer(CodeInputSerializer):
    client_message_id = strict.CharField(
        max_length=100, required=False, allow_null=True,
        help_text="Makes the submission idempotent: a retry with the same id answers the original submission "
                  "and reply instead of storing the code again.")


class CodeApi(APIView):
    authentication_classes = [BlankHeaderAnonymousAuthentication]
    permission_classes = [AllowAny]

    def owner(self, request: Request, interview_id) -> str:
        return scheduled_interviews.engine_owner(user_id=request.user.id if request.user else None,
                                                 invitation_token=invitation_token(request),
                                                 interview_id=str(interview_id))


class InterviewCodeApi(CodeApi):
    @extend_schema(parameters=[INVITATION_HEADER], responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="The coding problem being asked (statement, starters, visible tests) and its submissions")
    def get(self, request: Request, interview_id) -> Response:
        return Response(coding.code_problem(user_id=self.owner(request, interview_id), interview_id=str(interview_id)))


class InterviewCodeRunApi(CodeApi):
    @extend_schema(request=CodeInputSerializer, parameters=[INVITATION_HEADER],
                   responses={200: OpenApiTypes.OBJECT, **CODE_ERRORS}, summary="Run code on the visible tests (nothing stored)")
    def post(self, request: Request, interview_id) -> Response:
        owner = self.owner(request, interview_id)
        data = validated(CodeInputSerializer, request.data)
        return Response(coding.code_run(user_id=owner, interview_id=str(interview_id),
                                        language=data["language"], source=data["source"]))


class InterviewCodeSubmitApi(CodeApi):
    @extend_schema(request=CodeSubmitInputSerializer, parameters=[INVITATION_HEADER],
                   responses={201: OpenApiTypes.OBJECT, 200: OpenApiTypes.OBJECT, **CODE_ERRORS},
                   summary="Submit code: visible and hidden tests, stored against the current question as a turn "
                           "the interviewer replies to (`message`: the results, then the approach and complexity)")
    def post(self, request: Request, interview_id) -> Response:
        owner = self.owner(request, interview_id)
        data = validated(CodeSubmitInputSerializer, request.data)
        submitted = coding.code_submit(user_id=owner, interview_id=str(interview_id), language=data["language"],
                                       source=data["source"], client_message_id=data.get("client_message_id") or None)
        return Response(submitted, status=200 if submitted["replayed"] else 201)
