"""Seed 001's `POST /api/interviews/save`: store a finished, client-scored interview.

Its contract answers bad input with 400 (not the 422 of the newer endpoints), and its front
ends check `success`. Anyone may save: signed in, the interview is the caller's; signed out
(no or blank Authorization header), it is stored without an owner.
"""

from __future__ import annotations

import uuid
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import BlankHeaderAnonymousAuthentication
from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import interview_saves
from backend.llm_api.services.labels import (
    EXPERIENCE_LEVELS,
    INTERVIEW_TYPES,
    experience_level_value,
    interview_type_value,
)
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import LabelField, validated

ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 502: ErrorSerializer,
          503: ErrorSerializer}
SAVED_MESSAGE = "Interview saved successfully"


class ScoreField(strict.FloatField):
    """A 1-10 score, kept as sent (an integer stays one) in the stored feedback."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=10, help_text="1-10 (stored times ten, on the 0-100 scale).",
                         **kwargs)

    def to_internal_value(self, data: Any) -> float | int:
        value = super().to_internal_value(data)
        return data if isinstance(data, int) else value  # kept as sent in the stored feedback


def _texts(max_items: int, max_length: int) -> serializers.ListField:
    return serializers.ListField(child=strict.CharField(max_length=max_length, allow_blank=True),
                                 max_length=max_items, default=list)


class MessageInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=["interviewer", "user", "candidate"],
                                   help_text="`user` (or `candidate`) is the candidate.")
    content = strict.CharField(max_length=interview_saves.MAX_MESSAGE_CHARS, allow_blank=True,
                               trim_whitespace=False)


class FeedbackInput(serializers.Serializer):
    overallScore = ScoreField()  # noqa: N815 (the seed's names)
    communicationScore = ScoreField()  # noqa: N815
    technicalScore = ScoreField()  # noqa: N815
    strengths = _texts(50, 2000)
    areasForImprovement = _texts(50, 2000)  # noqa: N815
    detailedFeedback = strict.CharField(max_length=20000, allow_blank=True, default="",  # noqa: N815
                                        trim_whitespace=False)
    recommendations = _texts(50, 2000)


class SaveInput(serializers.Serializer):
    user_id = strict.CharField(required=False, allow_null=True, allow_blank=True, max_length=100,
                               help_text="Optional; when signed in it must be the caller's id (else 403). "
                                         "Without a token it is not trusted: ignored, the save is anonymous.")
    title = strict.CharField(required=False, allow_null=True, allow_blank=True, max_length=200)
    job_role = strict.CharField(max_length=200)
    experience_level = LabelField(normalise=experience_level_value, choices=EXPERIENCE_LEVELS,
                                  help_text="junior, mid, senior (\"Junior\", \"Mid-level\", \"Senior\" too).")
    interview_type = LabelField(normalise=interview_type_value, choices=INTERVIEW_TYPES,
                                help_text="behavioral, technical, system_design, coding, mixed "
                                          "(\"Behavioral\", \"System Design\" too).")
    conversation = MessageInput(many=True, min_length=1, max_length=interview_saves.MAX_MESSAGES)
    feedback = FeedbackInput()
    question_count = strict.IntegerField(min_value=1, max_value=interview_saves.MAX_QUESTIONS, required=False,
                                         allow_null=True,
                                         help_text="Questions planned (default: the interviewer's messages).")

    def validate_conversation(self, value: list) -> list:
        if sum(len(message["content"]) for message in value) > interview_saves.MAX_CONVERSATION_CHARS:
            raise serializers.ValidationError(
                f"The conversation holds more than {interview_saves.MAX_CONVERSATION_CHARS:,} characters.")
        return value

    def validate_user_id(self, value: str | None) -> str | None:
        """Blank is absent; a UUID in any spelling compares as the canonical one."""
        if value is None or not value.strip():
            return None
        try:
            return str(uuid.UUID(value.strip()))
        except ValueError:
            return value.strip()  # e.g. the seed's "optional-user-uuid": never anyone's id


class SavedMessageSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=["interviewer", "user"])
    content = serializers.CharField()


class SavedInterviewSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    user_id = serializers.UUIDField(allow_null=True)
    anonymous = serializers.BooleanField(help_text="Stored without an owner.")
    title = serializers.CharField(allow_null=True)
    job_role = serializers.CharField()
    experience_level = serializers.ChoiceField(choices=EXPERIENCE_LEVELS)
    interview_type = serializers.ChoiceField(choices=INTERVIEW_TYPES)
    status = serializers.CharField()
    question_count = serializers.IntegerField()
    planned_questions = serializers.IntegerField()
    answered_count = serializers.IntegerField(help_text="The candidate's messages.")
    message_count = serializers.IntegerField()
    conversation = SavedMessageSerializer(many=True)
    feedback = serializers.JSONField(help_text="The feedback object as sent (scores 1-10).")
    overall_score = serializers.FloatField(help_text="0-100 (the 1-10 score times ten).")
    communication_score = serializers.FloatField()
    technical_score = serializers.FloatField()
    scoring_engine = serializers.CharField()
    rubric_version = serializers.CharField()
    completed_at = serializers.CharField()
    created_at = serializers.CharField()
    updated_at = serializers.CharField()


class SaveResultSerializer(serializers.Serializer):
    success = serializers.BooleanField()
    message = serializers.CharField()
    warning = serializers.CharField(allow_null=True, help_text="Set when the body's user_id was ignored.")
    data = SavedInterviewSerializer()


class InterviewSaveApi(APIView):
    authentication_classes = [BlankHeaderAnonymousAuthentication]
    permission_classes = [AllowAny]

    @extend_schema(operation_id="interviews_save", tags=["interviews"],
                   summary="Save a finished interview with its conversation and feedback (seed 001)",
                   description="The interview row and its messages are stored together or not at all. The "
                               "owner is the caller's token: a body `user_id` that differs is 403; without a "
                               "token it is ignored (anonymous save, `warning` says so). Scores outside 1-10 "
                               "and other bad input: 400.",
                   request=SaveInput, responses={201: SaveResultSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = validated(SaveInput, request.data, status_code=400, flat=True)
        caller = request.user.id if request.user and request.user.is_authenticated else None
        saved = interview_saves.interview_save(
            caller_id=caller, claimed_user_id=data.pop("user_id", None), job_role=data["job_role"],
            experience_level=data["experience_level"], interview_type=data["interview_type"],
            conversation=data["conversation"], feedback=dict(data["feedback"]),
            question_count=data.get("question_count"), title=(data.get("title") or "").strip() or None,
        )
        body = {"success": True, "message": SAVED_MESSAGE, "warning": saved.notice, "data": saved.interview}
        return Response(SaveResultSerializer(body).data, status=status.HTTP_201_CREATED)
