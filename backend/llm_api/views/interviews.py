"""`/api/interviews...`: create with a plan, start, answer (JSON or server-sent events), skip,
end, and the state a front end resumes from."""

from __future__ import annotations

import contextvars
import json
import queue
import threading
from collections.abc import Iterator
from typing import Any, TypeVar

from django.conf import settings
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import renderers, serializers, status
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import SupabaseJWTAuthentication
from backend.llm_api.errors import AppError
from backend.llm_api.exceptions import ErrorSerializer, app_error_response
from backend.llm_api.services import interview_scores, interviews, practice
from backend.llm_api.services.interview_engine import (
    DIFFICULTIES,
    EXPERIENCE_LEVELS,
    INTERVIEW_TYPES,
    normalise_level,
    normalise_type,
)
from backend.llm_api.views import history as history_views
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import LabelField, validated
from backend.llm_api.views.recordings import DiskMultiPartParser

ERRORS = {401: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer, 422: ErrorSerializer,
          502: ErrorSerializer, 503: ErrorSerializer}
# A turn's answer as server-sent events (`Accept: text/event-stream` or `?format=sse`): every event,
# an error included, is `event: <name>` and `data: <JSON>`; an error's data is the usual error body.
SSE_EVENT = {
    "type": "object", "required": ["event", "data"],
    "properties": {"event": {"type": "string", "enum": ["token", "reset", "message", "error"]},
                   "data": {"type": "string", "description": "JSON: a token, the turn, or the error body."}},
}
TURN_RESPONSES = {
    (200, "application/json"): OpenApiTypes.OBJECT, (200, "text/event-stream"): SSE_EVENT,
    **{(code, "application/json"): serializer for code, serializer in ERRORS.items()},
    **{(code, "text/event-stream"): SSE_EVENT for code in ERRORS},
}


def sse(event: str, data: Any) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, separators=(',', ':'), default=str)}\n\n".encode()


HEARTBEAT = b": keep-alive\n\n"  # an SSE comment: clients ignore it, proxies see the stream is alive
_Event = TypeVar("_Event")
_END = object()


def with_heartbeats(events: Iterator[_Event], *, every: float) -> Iterator[_Event | None]:
    """The events, and None each time `every` seconds pass without one (a model's first token can
    take longer than a load balancer's idle timeout). The events are produced in a thread of their
    own, which also finishes the turn if the client goes away mid-stream; 0 turns this off."""
    if every <= 0:
        yield from events
        return
    produced: queue.SimpleQueue = queue.SimpleQueue()

    def produce() -> None:
        try:
            for event in events:
                produced.put((event, None))
            produced.put((_END, None))
        except BaseException as exc:  # handed to the stream, which raises it where the view expects it
            produced.put((_END, exc))

    threading.Thread(target=contextvars.copy_context().run, args=(produce,), daemon=True,
                     name="sse-events").start()
    while True:
        try:
            event, error = produced.get(timeout=every)
        except queue.Empty:
            yield None
            continue
        if error is not None:
            raise error
        if event is _END:
            return
        yield event


class EventStreamRenderer(renderers.BaseRenderer):
    """`text/event-stream`: a stream is sent as is; anything else (an error) as one `error` event."""

    media_type = "text/event-stream"
    format = "sse"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return sse("error", data) if data is not None else b""


class InterviewApi(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]


class InterviewsApi(InterviewApi):
    class InputSerializer(serializers.Serializer):
        job_role = strict.CharField(max_length=200)
        experience_level = LabelField(choices=EXPERIENCE_LEVELS, normalise=normalise_level)
        interview_type = LabelField(choices=INTERVIEW_TYPES, normalise=normalise_type)
        difficulty = serializers.ChoiceField(choices=DIFFICULTIES, default="medium")
        num_questions = strict.IntegerField(min_value=1, max_value=20, default=5)
        resume_id = strict.UUIDField(required=False, allow_null=True)
        job_description = strict.CharField(max_length=20_000, required=False, allow_null=True,
                                           allow_blank=True)
        title = strict.CharField(max_length=200, required=False, allow_null=True, allow_blank=True)

    @extend_schema(request=InputSerializer, responses={201: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Create an interview and its plan")
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        created = interviews.interview_create(
            user_id=request.user.id, job_role=data["job_role"].strip(), experience_level=data["experience_level"],
            interview_type=data["interview_type"], difficulty=data["difficulty"],
            num_questions=data["num_questions"], resume_id=str(data["resume_id"]) if data.get("resume_id") else None,
            job_description=(data.get("job_description") or "").strip() or None,
            title=(data.get("title") or "").strip() or None,
        )
        return Response(created, status=status.HTTP_201_CREATED)

    @extend_schema(operation_id="interviews_list", tags=["history"], parameters=history_views.HISTORY_PARAMETERS,
                   responses={200: history_views.InterviewPageSerializer, **history_views.LIST_ERRORS},
                   summary="The caller's interviews: filtered, searched, ordered, paged (one round trip)")
    def get(self, request: Request) -> Response:
        return history_views.history_page(request)


class InterviewDetailApi(InterviewApi):
    @extend_schema(parameters=[history_views.USER_ID], responses={200: OpenApiTypes.OBJECT, 403: ErrorSerializer, **ERRORS},
                   summary="Everything about one interview: settings and plan, the conversation, answers with "
                           "their evaluation, feedback and scores, skill gaps, coverage, resume, recordings "
                           "(signed links)")
    def get(self, request: Request, interview_id) -> Response:
        return history_views.interview_detail(request, interview_id)

    @extend_schema(parameters=[history_views.USER_ID], responses={204: None, 403: ErrorSerializer, **ERRORS},
                   summary="Delete the interview, everything it holds and its stored files (recordings, reports)")
    def delete(self, request: Request, interview_id) -> Response:
        return history_views.interview_delete(request, interview_id)


class InterviewStartApi(InterviewApi):
    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Start: the opening message and the first question")
    def post(self, request: Request, interview_id) -> Response:
        return Response(interviews.interview_start(user_id=request.user.id, interview_id=str(interview_id)))


class TurnApi(InterviewApi):
    """A turn answers JSON, or server-sent events when the client accepts `text/event-stream`."""

    renderer_classes = [renderers.JSONRenderer, EventStreamRenderer]

    def respond(self, request: Request, turn: interviews.PendingTurn | interviews.TurnResult,
                extra: dict[str, Any] | None = None):
        extra = extra or {}
        if isinstance(turn, interviews.TurnResult):
            if self.streaming(request):
                return self.stream(request, iter([("message", turn)]), extra)
            return Response({**turn.as_json(), **extra})
        if self.streaming(request):
            return self.stream(request, turn.events(), extra)
        return Response({**turn.finish().as_json(), **extra})

    @staticmethod
    def streaming(request: Request) -> bool:
        return getattr(request.accepted_renderer, "format", None) == "sse"

    def stream(self, request: Request, events: Iterator[tuple[str, Any]], extra: dict[str, Any] | None = None):
        from django.http import StreamingHttpResponse

        def body() -> Iterator[bytes]:
            try:
                for item in with_heartbeats(events, every=settings.SSE_HEARTBEAT_SECONDS):
                    if item is None:
                        yield HEARTBEAT
                        continue
                    event, value = item
                    if event == "token":
                        yield sse("token", {"text": value})
                    elif event == "reset":
                        yield sse("reset", {})
                    else:
                        yield sse("message", {**value.as_json(), **(extra or {})})
            except AppError as exc:  # the answer is stored; the client may retry for the reply
                yield sse("error", app_error_response(exc).data)

        response = StreamingHttpResponse(body(), content_type="text/event-stream")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"  # proxies must not hold events back
        return response


class InterviewMessagesApi(TurnApi):
    parser_classes = [JSONParser, FormParser, DiskMultiPartParser]  # a spoken answer's audio goes to disk

    class InputSerializer(serializers.Serializer):
        content = strict.CharField(max_length=20_000, trim_whitespace=True)
        client_message_id = strict.CharField(max_length=100, required=False, allow_null=True,
                                             help_text="Retrying with the same id returns the original turn.")

    class SpokenInputSerializer(serializers.Serializer):
        audio = serializers.FileField(required=False, help_text="A spoken answer (webm, ogg, mp3, wav, m4a); may be "
                                                                "left out when retrying a kept one.")
        client_message_id = strict.CharField(max_length=100, required=False, allow_null=True)

    @extend_schema(request={"application/json": InputSerializer, "multipart/form-data": SpokenInputSerializer},
                   responses=TURN_RESPONSES, summary="Answer (text, or multipart `audio`): the interviewer's reply")
    def post(self, request: Request, interview_id):
        if request.content_type.startswith("multipart/"):
            return self.spoken(request, interview_id)
        data = validated(self.InputSerializer, request.data)
        turn = interviews.interview_answer_begin(
            user_id=request.user.id, interview_id=str(interview_id), kind="answer", content=data["content"],
            client_message_id=data.get("client_message_id") or None)
        return self.respond(request, turn)

    def spoken(self, request: Request, interview_id):
        from backend.llm_api.services import recordings

        recordings.check_request_size(content_length=request.META.get("CONTENT_LENGTH"),
                                      max_bytes=recordings.limit_for("audio"))
        data = validated(self.SpokenInputSerializer, request.data)
        turn, spoken = interviews.interview_spoken_answer_begin(
            user_id=request.user.id, interview_id=str(interview_id), audio=data.get("audio"),
            client_message_id=data.get("client_message_id") or None)
        return self.respond(request, turn, extra={"spoken": spoken})


class InterviewSkipApi(TurnApi):
    @extend_schema(request=None, responses=TURN_RESPONSES, summary="Skip the current question")
    def post(self, request: Request, interview_id):
        turn = interviews.interview_answer_begin(user_id=request.user.id, interview_id=str(interview_id),
                                                 kind="skip", content=None)
        return self.respond(request, turn)


class InterviewEndApi(InterviewApi):
    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="End: score and finish (again: the same result)")
    def post(self, request: Request, interview_id) -> Response:
        return Response(interviews.interview_end(user_id=request.user.id, interview_id=str(interview_id)))


class InterviewStateApi(InterviewApi):
    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS}, summary="What a front end resumes from")
    def get(self, request: Request, interview_id) -> Response:
        return Response(interviews.interview_state(user_id=request.user.id, interview_id=str(interview_id)))


class InterviewEvaluationApi(InterviewApi):
    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS}, summary="The evaluation `end` produced")
    def get(self, request: Request, interview_id) -> Response:
        return Response(interviews.interview_evaluation(user_id=request.user.id, interview_id=str(interview_id)))


class InterviewAnswerApi(InterviewApi):
    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Why this score: per dimension the anchor reached, its quotes, what would raise it")
    def get(self, request: Request, interview_id, position: int) -> Response:
        return Response(interview_scores.answer_explain(user_id=request.user.id, interview_id=str(interview_id),
                                                        position=position))


class InterviewAnswerRetryApi(InterviewApi):
    class InputSerializer(serializers.Serializer):
        content = strict.CharField(max_length=20_000)

    @extend_schema(request=InputSerializer, responses={201: OpenApiTypes.OBJECT, **ERRORS},
                   summary="Retry a question: scored with the same rubric, kept beside the earlier attempts")
    def post(self, request: Request, interview_id, position: int) -> Response:
        data = validated(self.InputSerializer, request.data)
        attempt = interview_scores.answer_retry(user_id=request.user.id, interview_id=str(interview_id),
                                                position=position, content=data["content"])
        return Response(attempt, status=status.HTTP_201_CREATED)


class PracticeApi(InterviewApi):
    class InputSerializer(serializers.Serializer):
        question_id = strict.UUIDField(required=False)
        question_text = strict.CharField(max_length=4000, required=False)
        interview_type = LabelField(choices=INTERVIEW_TYPES, normalise=normalise_type, required=False)
        answer = strict.CharField(max_length=20_000, trim_whitespace=False)
        role = strict.CharField(max_length=200, required=False, allow_blank=True)

        def validate(self, data):
            if "question_id" in data and "question_text" in data:
                raise serializers.ValidationError({"question_id": ["Give question_id or question_text, not both."]})
            if "question_id" not in data and not ("question_text" in data and data.get("interview_type")):
                raise serializers.ValidationError(
                    {"question_id": ["Give question_id, or question_text with interview_type."]})
            return data

    @extend_schema(request=InputSerializer, responses={200: OpenApiTypes.OBJECT, 429: ErrorSerializer, **ERRORS},
                   summary="Practise one question: instant feedback on one answer")
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        return Response(practice.practice_score(
            user_id=request.user.id, answer=data["answer"],
            question_id=str(data["question_id"]) if data.get("question_id") else None,
            question_text=data.get("question_text"), interview_type=data.get("interview_type")))
