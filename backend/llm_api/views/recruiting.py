"""Recruiter mode, on seed 003's paths (trailing slashes): `/api/interviewers/`, `/api/students/`,
`/api/sessions/` (scheduled interviews, their start, end, invitation and results),
`/api/questions/` (a session's questions), `/api/conversations/`, `/api/ai-interview/`; and the
candidate's side: `/api/candidate/sessions/` (signed in) and `/api/invitation/` (by link).

Validation errors are 400 naming the field, as seed 003 (a DRF app) answers. A candidate holding
an invitation sends its token in the `X-Invitation-Token` header.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import BlankHeaderAnonymousAuthentication, SupabaseJWTAuthentication
from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import scheduled_interviews as scheduling
from backend.llm_api.services.interview_engine import DIFFICULTIES, EXPERIENCE_LEVELS, INTERVIEW_TYPES
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import (
    PageInput,
    page_links,
    validated,
    validated_query,
)

ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer,
          409: ErrorSerializer, 502: ErrorSerializer, 503: ErrorSerializer}
INVITATION_HEADER = OpenApiParameter(
    "X-Invitation-Token", str, OpenApiParameter.HEADER, required=False,
    description="The candidate's invitation token (from the link), instead of signing in.")


def invitation_token(request: Request) -> str | None:
    return (request.META.get("HTTP_X_INVITATION_TOKEN") or "").strip() or None


def _paged(request: Request, list_page) -> Response:
    query = validated_query(PageInput, request, status_code=400)
    page, size = query["page"], query["page_size"]
    results, count = list_page(offset=(page - 1) * size, limit=size)
    return Response({"count": count, **page_links(request, page=page, size=size, count=count), "results": results})


class RecruiterApi(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]


class PersonInput(serializers.Serializer):
    name = strict.CharField(max_length=200)
    email = strict.EmailField(max_length=320)


# Interviewers and students ------------------------------------------------------------------------


class InterviewersApi(RecruiterApi):
    @extend_schema(operation_id="interviewers_list", tags=["recruiter"], parameters=[PageInput],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS}, summary="The caller's interviewer profiles")
    def get(self, request: Request) -> Response:
        return _paged(request, lambda **page: scheduling.interviewer_list(user_id=request.user.id, **page))

    @extend_schema(operation_id="interviewers_create", tags=["recruiter"], request=PersonInput,
                   responses={201: OpenApiTypes.OBJECT, **ERRORS}, summary="Create an interviewer profile")
    def post(self, request: Request) -> Response:
        data = validated(PersonInput, request.data, status_code=400)
        return Response(scheduling.interviewer_create(user_id=request.user.id, **data), status=status.HTTP_201_CREATED)


class InterviewerApi(RecruiterApi):
    @extend_schema(operation_id="interviewer_get", tags=["recruiter"], responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def get(self, request: Request, interviewer_id) -> Response:
        return Response(scheduling.interviewer_get(user_id=request.user.id, interviewer_id=str(interviewer_id)))

    @extend_schema(operation_id="interviewer_update", tags=["recruiter"], request=PersonInput,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def put(self, request: Request, interviewer_id) -> Response:
        data = validated(PersonInput, request.data, status_code=400)
        return Response(scheduling.interviewer_update(user_id=request.user.id, interviewer_id=str(interviewer_id),
                                                      changes=data))

    @extend_schema(operation_id="interviewer_patch", tags=["recruiter"], request=PersonInput,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def patch(self, request: Request, interviewer_id) -> Response:
        data = validated(PersonInput, request.data, partial=True, status_code=400)
        return Response(scheduling.interviewer_update(user_id=request.user.id, interviewer_id=str(interviewer_id),
                                                      changes=data))

    @extend_schema(operation_id="interviewer_delete", tags=["recruiter"], responses={204: None, **ERRORS})
    def delete(self, request: Request, interviewer_id) -> Response:
        scheduling.interviewer_delete(user_id=request.user.id, interviewer_id=str(interviewer_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class StudentsApi(RecruiterApi):
    @extend_schema(operation_id="students_list", tags=["recruiter"], parameters=[PageInput],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS}, summary="The caller's candidates")
    def get(self, request: Request) -> Response:
        return _paged(request, lambda **page: scheduling.student_list(user_id=request.user.id, **page))

    @extend_schema(operation_id="students_create", tags=["recruiter"], request=PersonInput,
                   responses={201: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Add a candidate (one per e-mail address)")
    def post(self, request: Request) -> Response:
        data = validated(PersonInput, request.data, status_code=400)
        return Response(scheduling.student_create(user_id=request.user.id, **data), status=status.HTTP_201_CREATED)


class StudentApi(RecruiterApi):
    @extend_schema(operation_id="student_get", tags=["recruiter"], responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def get(self, request: Request, student_id) -> Response:
        return Response(scheduling.student_get(user_id=request.user.id, student_id=str(student_id)))

    @extend_schema(operation_id="student_update", tags=["recruiter"], request=PersonInput,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def put(self, request: Request, student_id) -> Response:
        data = validated(PersonInput, request.data, status_code=400)
        return Response(scheduling.student_update(user_id=request.user.id, student_id=str(student_id), changes=data))

    @extend_schema(operation_id="student_patch", tags=["recruiter"], request=PersonInput,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def patch(self, request: Request, student_id) -> Response:
        data = validated(PersonInput, request.data, partial=True, status_code=400)
        return Response(scheduling.student_update(user_id=request.user.id, student_id=str(student_id), changes=data))

    @extend_schema(operation_id="student_delete", tags=["recruiter"], responses={204: None, **ERRORS})
    def delete(self, request: Request, student_id) -> Response:
        scheduling.student_delete(user_id=request.user.id, student_id=str(student_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# Sessions -------------------------------------------------------------------------------------------


class SessionInput(serializers.Serializer):
    title = strict.CharField(max_length=200)
    interviewer_id = strict.UUIDField()
    student_id = strict.UUIDField()
    description = strict.CharField(max_length=5000, required=False, allow_blank=True, allow_null=True)
    duration_minutes = strict.IntegerField(min_value=5, max_value=180, default=30)
    scheduled_at = strict.DateTimeField(required=False, allow_null=True)
    job_role = strict.CharField(max_length=200, required=False, allow_blank=True,
                                help_text="What the interview is for; defaults to the title.")
    job_description = strict.CharField(max_length=20_000, required=False, allow_blank=True, allow_null=True,
                                       help_text="Never shown to the candidate.")
    interview_type = serializers.ChoiceField(choices=INTERVIEW_TYPES, default="mixed")
    experience_level = serializers.ChoiceField(choices=EXPERIENCE_LEVELS, default="mid")
    difficulty = serializers.ChoiceField(choices=DIFFICULTIES, default="medium")
    num_questions = strict.IntegerField(min_value=1, max_value=20, default=5,
                                        help_text="Questions from the bank when the session has none of its own.")
    status = serializers.ChoiceField(choices=["scheduled", "in_progress", "completed", "cancelled"], required=False,
                                     help_text="Only `cancelled` may be set (before the session starts).")

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        for key in ("description", "job_role", "job_description"):
            if key in value:
                value[key] = (value[key] or "").strip() or None
        for key in ("interviewer_id", "student_id"):
            if value.get(key) is not None:
                value[key] = str(value[key])
        return value


class SessionListInput(PageInput):
    status = serializers.ChoiceField(choices=["scheduled", "in_progress", "completed", "cancelled"], required=False)
    student_id = strict.UUIDField(required=False)
    interviewer_id = strict.UUIDField(required=False)


class SessionsApi(RecruiterApi):
    @extend_schema(operation_id="sessions_list", tags=["recruiter"], parameters=[SessionListInput],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="The interviews the caller scheduled, soonest first")
    def get(self, request: Request) -> Response:
        query = validated_query(SessionListInput, request, status_code=400)
        return _paged(request, lambda **page: scheduling.session_list(
            user_id=request.user.id, status=query.get("status"),
            student_id=str(query["student_id"]) if query.get("student_id") else None,
            interviewer_id=str(query["interviewer_id"]) if query.get("interviewer_id") else None, **page))

    @extend_schema(operation_id="sessions_create", tags=["recruiter"], request=SessionInput,
                   responses={201: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Schedule an interview for one of the caller's students")
    def post(self, request: Request) -> Response:
        data = validated(SessionInput, request.data, status_code=400)
        data.pop("status", None)
        return Response(scheduling.session_create(user_id=request.user.id, data=data), status=status.HTTP_201_CREATED)


class SessionApi(RecruiterApi):
    @extend_schema(operation_id="session_get", tags=["recruiter"], responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def get(self, request: Request, session_id) -> Response:
        return Response(scheduling.session_get(user_id=request.user.id, session_id=str(session_id)))

    @extend_schema(operation_id="session_update", tags=["recruiter"], request=SessionInput,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Change a session before it starts (or cancel it)")
    def put(self, request: Request, session_id) -> Response:
        return self.patch(request, session_id)

    @extend_schema(operation_id="session_patch", tags=["recruiter"], request=SessionInput,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def patch(self, request: Request, session_id) -> Response:
        data = validated(SessionInput, request.data, partial=True, status_code=400)
        return Response(scheduling.session_update(user_id=request.user.id, session_id=str(session_id), data=data))

    @extend_schema(operation_id="session_delete", tags=["recruiter"], responses={204: None, **ERRORS},
                   summary="Delete the session and everything it produced")
    def delete(self, request: Request, session_id) -> Response:
        scheduling.session_delete(user_id=request.user.id, session_id=str(session_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SessionStartApi(RecruiterApi):
    @extend_schema(operation_id="session_start", tags=["recruiter"], request=None,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Start: the plan (the session's questions, else the bank's) and the first question")
    def post(self, request: Request, session_id) -> Response:
        return Response(scheduling.session_start(user_id=request.user.id, session_id=str(session_id)))


class SessionEndApi(RecruiterApi):
    @extend_schema(operation_id="session_end", tags=["recruiter"], request=None,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS}, summary="End and score the interview")
    def post(self, request: Request, session_id) -> Response:
        return Response(scheduling.session_end(user_id=request.user.id, session_id=str(session_id)))


class InviteInput(serializers.Serializer):
    send_email = strict.BooleanField(default=True, help_text="Mail it (when INVITATION_EMAIL is `supabase`).")


class SessionInviteApi(RecruiterApi):
    @extend_schema(operation_id="session_invitation", tags=["recruiter"],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS}, summary="The session's live invitation, if any")
    def get(self, request: Request, session_id) -> Response:
        return Response({"invitation": scheduling.invitation_status(user_id=request.user.id,
                                                                    session_id=str(session_id))})

    @extend_schema(operation_id="session_invite", tags=["recruiter"], request=InviteInput,
                   responses={201: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Issue (or reissue) the candidate's single-use, expiring invitation link")
    def post(self, request: Request, session_id) -> Response:
        data = validated(InviteInput, request.data, status_code=400)
        issued = scheduling.invitation_issue(user_id=request.user.id, session_id=str(session_id),
                                             api_base=request.build_absolute_uri("/"), send_email=data["send_email"])
        return Response(issued, status=status.HTTP_201_CREATED)

    @extend_schema(operation_id="session_invite_revoke", tags=["recruiter"], responses={204: None, **ERRORS},
                   summary="Revoke the invitation: its link stops working")
    def delete(self, request: Request, session_id) -> Response:
        scheduling.invitation_revoke(user_id=request.user.id, session_id=str(session_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SessionResultsApi(RecruiterApi):
    @extend_schema(operation_id="session_results", tags=["recruiter"], responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Evaluation, job-description coverage, and the role's candidates side by side")
    def get(self, request: Request, session_id) -> Response:
        return Response(scheduling.session_results(user_id=request.user.id, session_id=str(session_id)))


# A session's questions -----------------------------------------------------------------------------------


class SessionQuestionInput(serializers.Serializer):
    session = strict.UUIDField()
    question_text = strict.CharField(max_length=4000)
    category = strict.CharField(max_length=100, required=False, allow_blank=True, allow_null=True)
    difficulty = serializers.ChoiceField(choices=DIFFICULTIES, default="medium")
    order = strict.IntegerField(min_value=0, max_value=1000, default=0)
    expected_answer = strict.CharField(max_length=20_000, required=False, allow_blank=True, allow_null=True,
                                       help_text="Feeds the question's rubric; never shown to the candidate.")


class SessionQuestionsBulkInput(serializers.Serializer):
    questions = SessionQuestionInput(many=True, allow_empty=False, max_length=50)


class SessionQuestionListInput(PageInput):
    session_id = strict.UUIDField(required=False)


class SessionQuestionsApi(RecruiterApi):
    @extend_schema(operation_id="session_questions_list", tags=["recruiter"], parameters=[SessionQuestionListInput],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="The questions the caller wrote for their sessions (one session's with session_id)")
    def get(self, request: Request) -> Response:
        query = validated_query(SessionQuestionListInput, request, status_code=400)
        session_id = str(query["session_id"]) if query.get("session_id") else None
        return _paged(request, lambda **page: scheduling.session_question_list(
            user_id=request.user.id, session_id=session_id, **page))

    @extend_schema(operation_id="session_questions_create", tags=["recruiter"], request=SessionQuestionInput,
                   responses={201: OpenApiTypes.OBJECT, **ERRORS}, summary="Add a question to a session")
    def post(self, request: Request) -> Response:
        data = validated(SessionQuestionInput, request.data, status_code=400)
        [created] = scheduling.session_questions_add(user_id=request.user.id, questions=[data])
        return Response(created, status=status.HTTP_201_CREATED)


class SessionQuestionsBulkCreateApi(RecruiterApi):
    @extend_schema(operation_id="session_questions_bulk_create", tags=["recruiter"], request=SessionQuestionsBulkInput,
                   responses={201: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Seed 003: add several questions at once (all or none)")
    def post(self, request: Request) -> Response:
        data = validated(SessionQuestionsBulkInput, request.data, status_code=400, flat=True)
        created = scheduling.session_questions_add(user_id=request.user.id, questions=data["questions"])
        return Response(created, status=status.HTTP_201_CREATED)


class SessionQuestionApi(RecruiterApi):
    @extend_schema(operation_id="session_question_get", tags=["recruiter"],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def get(self, request: Request, question_id) -> Response:
        return Response(scheduling.session_question_get(user_id=request.user.id, question_id=str(question_id)))

    @extend_schema(operation_id="session_question_update", tags=["recruiter"], request=SessionQuestionInput,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def put(self, request: Request, question_id) -> Response:
        return self.patch(request, question_id)

    @extend_schema(operation_id="session_question_patch", tags=["recruiter"], request=SessionQuestionInput,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def patch(self, request: Request, question_id) -> Response:
        data = validated(SessionQuestionInput, request.data, partial=True, status_code=400)
        data.pop("session", None)
        return Response(scheduling.session_question_update(user_id=request.user.id, question_id=str(question_id),
                                                           changes=data))

    @extend_schema(operation_id="session_question_delete", tags=["recruiter"], responses={204: None, **ERRORS})
    def delete(self, request: Request, question_id) -> Response:
        scheduling.session_question_delete(user_id=request.user.id, question_id=str(question_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# Driving a session: the interviewer, its signed-in candidate, or an invitation -----------------------------


class SessionPartyApi(APIView):
    """Open to the session's interviewer, its signed-in candidate, and its invitation's holder."""

    authentication_classes = [BlankHeaderAnonymousAuthentication]
    permission_classes = [AllowAny]

    def access(self, request: Request, session_id: Any) -> scheduling.SessionAccess:
        user_id = request.user.id if request.user and request.user.is_authenticated else None
        return scheduling.session_access(user_id=user_id, invitation_token=invitation_token(request),
                                         session_id=str(session_id))


class AiInterviewInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=["initialize", "respond", "end"])
    session_id = strict.UUIDField()
    student_response = strict.CharField(max_length=20_000, required=False, allow_blank=True)
    client_message_id = strict.CharField(max_length=100, required=False,
                                         help_text="Send the same id when retrying an answer: it is kept once.")

    def validate(self, data):
        if data["action"] == "respond" and not (data.get("student_response") or "").strip():
            raise serializers.ValidationError({"student_response": ["This field is required to respond."]})
        return data


class AiInterviewApi(SessionPartyApi):
    @extend_schema(operation_id="ai_interview", tags=["recruiter"], request=AiInterviewInput,
                   parameters=[INVITATION_HEADER], responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Seed 003's AI interview: initialize, respond, end (over the interview engine)")
    def post(self, request: Request) -> Response:
        data = validated(AiInterviewInput, request.data, status_code=400)
        access = self.access(request, data["session_id"])
        if data["action"] == "initialize":
            return Response(scheduling.ai_initialize(access=access))
        if data["action"] == "respond":
            return Response(scheduling.ai_respond(access=access, student_response=data["student_response"].strip(),
                                                  client_message_id=data.get("client_message_id")))
        return Response(scheduling.ai_end(access=access))


class ConversationListInput(serializers.Serializer):
    session_id = strict.UUIDField()


class ConversationInput(serializers.Serializer):
    session = strict.UUIDField()
    speaker = serializers.ChoiceField(choices=["ai", "student"])
    message = strict.CharField(max_length=20_000)
    client_message_id = strict.CharField(max_length=100, required=False)


class ConversationsApi(SessionPartyApi):
    @extend_schema(operation_id="conversations_list", tags=["recruiter"],
                   parameters=[ConversationListInput, INVITATION_HEADER],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS}, summary="A session's conversation, in order")
    def get(self, request: Request) -> Response:
        query = validated_query(ConversationListInput, request, status_code=400)
        return Response(scheduling.conversation_list(access=self.access(request, query["session_id"])))

    @extend_schema(operation_id="conversations_create", tags=["recruiter"], request=ConversationInput,
                   parameters=[INVITATION_HEADER], responses={201: OpenApiTypes.OBJECT, **ERRORS},
                   summary="The student's message (their answer, through the engine) and the AI's reply")
    def post(self, request: Request) -> Response:
        data = validated(ConversationInput, request.data, status_code=400)
        turn = scheduling.conversation_add(access=self.access(request, data["session"]), speaker=data["speaker"],
                                           message=data["message"].strip(),
                                           client_message_id=data.get("client_message_id"))
        return Response(turn, status=status.HTTP_201_CREATED)


class ConversationApi(SessionPartyApi):
    @extend_schema(operation_id="conversation_get", tags=["recruiter"],
                   parameters=[ConversationListInput, INVITATION_HEADER],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS}, summary="One message of a session's conversation")
    def get(self, request: Request, message_id) -> Response:
        query = validated_query(ConversationListInput, request, status_code=400)
        for entry in scheduling.conversation_list(access=self.access(request, query["session_id"])):
            if entry["id"] == str(message_id):
                return Response(entry)
        raise scheduling.RecordNotFound("No such message in this session.")


# The candidate's side ------------------------------------------------------------------------------------


class CandidateSessionsApi(RecruiterApi):
    @extend_schema(operation_id="candidate_sessions", tags=["recruiter"], parameters=[PageInput],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Interviews scheduled for the caller's verified e-mail address")
    def get(self, request: Request) -> Response:
        return _paged(request, lambda **page: scheduling.candidate_session_list(user_id=request.user.id, **page))


class CandidateSessionApi(RecruiterApi):
    @extend_schema(operation_id="candidate_session", tags=["recruiter"], responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="A scheduled interview the caller accepted")
    def get(self, request: Request, session_id) -> Response:
        return Response(scheduling.candidate_session_get(user_id=request.user.id, session_id=str(session_id)))


class CandidateSessionAcceptApi(RecruiterApi):
    @extend_schema(operation_id="candidate_session_accept", tags=["recruiter"], request=None,
                   responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Accept a scheduled interview: it joins the caller's history, and they take it")
    def post(self, request: Request, session_id) -> Response:
        return Response(scheduling.candidate_session_accept(user_id=request.user.id, session_id=str(session_id)))


class InvitationApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="invitation_get", tags=["recruiter"], parameters=[INVITATION_HEADER],
                   responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="What an invitation opens (for the candidate's landing page)")
    def get(self, request: Request) -> Response:
        token = invitation_token(request)
        if not token:
            raise scheduling.InvitationRefused("Send the invitation's token in the X-Invitation-Token header.")
        return Response(scheduling.invitation_view(invitation_token=token))
