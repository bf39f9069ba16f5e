"""Speech and recordings: `/api/transcriptions` (and seed 003's `/api/conversations/voice_to_text/`),
`/api/interviews/{id}/recordings` and `/api/recordings/{id}`."""

from __future__ import annotations

from django.core.files.uploadhandler import TemporaryFileUploadHandler
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import BlankHeaderAnonymousAuthentication, SupabaseJWTAuthentication
from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import recordings, scheduled_interviews, transcription
from backend.llm_api.services.media import RECORDING_KINDS
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import validated
from backend.llm_api.views.recruiting import INVITATION_HEADER, invitation_token

ERRORS = {401: ErrorSerializer, 404: ErrorSerializer, 413: ErrorSerializer, 415: ErrorSerializer,
          422: ErrorSerializer, 502: ErrorSerializer, 503: ErrorSerializer}


class DiskMultiPartParser(MultiPartParser):
    """Multipart whose files always go to a temporary file as they arrive, whatever their size.

    Django's default keeps a file under FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) in memory, so a small
    recording would be held whole (and sent on from there); on disk, the request holds one
    64 KiB chunk of it at a time, and the file is streamed to storage from the temporary file.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        django_request = parser_context["request"]._request
        django_request.upload_handlers = [TemporaryFileUploadHandler(django_request)]
        return super().parse(stream, media_type, parser_context)


class SignedInApi(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]


class WordSerializer(serializers.Serializer):
    word = serializers.CharField()
    start = serializers.FloatField(help_text="Seconds from the start of the audio.")
    end = serializers.FloatField()


class TranscriptSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    language = serializers.CharField(allow_null=True)
    duration_seconds = serializers.FloatField(allow_null=True)
    words = WordSerializer(many=True, help_text="Empty when the server gives no word timestamps.")
    engine = serializers.ChoiceField(choices=["model"])
    model = serializers.CharField()


class TranscriptionsApi(SignedInApi):
    parser_classes = [DiskMultiPartParser]
    field_names = ("audio", "audio_file", "file")

    class InputSerializer(serializers.Serializer):
        audio = serializers.FileField(help_text="webm, ogg, mp3, wav or m4a (told by its bytes); `audio_file` or "
                                                "`file` are accepted too.")

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses={200: TranscriptSerializer, **ERRORS},
                   summary="Transcribe audio (with word timestamps when the speech model gives them)")
    def post(self, request: Request) -> Response:
        return self.transcribe(request, user_id=request.user.id)

    def transcribe(self, request: Request, *, user_id: str) -> Response:
        recordings.check_request_size(content_length=request.META.get("CONTENT_LENGTH"),
                                      max_bytes=transcription.transcription_max_bytes())
        upload = next((request.FILES[name] for name in self.field_names if name in request.FILES), None)
        if upload is None:
            validated(self.InputSerializer, {})
        return Response(recordings.transcription_create(user_id=user_id, upload=upload))


class VoiceToTextApi(TranscriptionsApi):
    """Seed 003's path: also open to a candidate holding a live invitation (`X-Invitation-Token`),
    whose audio is transcribed on the account of the interviewer who invited them."""

    authentication_classes = [BlankHeaderAnonymousAuthentication]
    permission_classes = [AllowAny]

    @extend_schema(request={"multipart/form-data": TranscriptionsApi.InputSerializer},
                   parameters=[INVITATION_HEADER],
                   responses={200: TranscriptSerializer, **ERRORS}, summary="Seed 003's voice to text (`audio_file`)")
    def post(self, request: Request) -> Response:
        token = invitation_token(request)
        if token:
            return self.transcribe(request, user_id=scheduled_interviews.invitation_owner(invitation_token=token))
        if not request.user:
            raise NotAuthenticated()
        return self.transcribe(request, user_id=request.user.id)


class RecordingSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    interview_id = serializers.UUIDField()
    answer_id = serializers.UUIDField(allow_null=True)
    answer_position = serializers.IntegerField(allow_null=True)
    kind = serializers.ChoiceField(choices=RECORDING_KINDS)
    content_type = serializers.CharField()
    size_bytes = serializers.IntegerField()
    duration_seconds = serializers.FloatField(allow_null=True)
    duration_source = serializers.ChoiceField(choices=["file", "request"], allow_null=True)
    transcript = serializers.CharField(allow_null=True)
    delivery_metrics = serializers.DictField(allow_null=True)
    url = serializers.CharField(allow_null=True, help_text="Signed playback URL (honours Range).")
    url_expires_in = serializers.IntegerField(allow_null=True)
    expires_at = serializers.CharField(allow_null=True, help_text="When the recording is deleted (retention).")
    created_at = serializers.CharField()


class InterviewRecordingsApi(SignedInApi):
    parser_classes = [DiskMultiPartParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(allow_empty_file=False)
        kind = serializers.ChoiceField(choices=RECORDING_KINDS)
        duration_seconds = strict.FloatField(required=False, min_value=0, allow_null=True,
                                             help_text="Used when the file does not tell (WebM).")
        answer_position = strict.IntegerField(required=False, min_value=1, allow_null=True)

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses={201: RecordingSerializer, **ERRORS},
                   summary="Upload a recording (private; checked by its bytes)")
    def post(self, request: Request, interview_id) -> Response:
        recordings.check_request_size(content_length=request.META.get("CONTENT_LENGTH"),
                                      max_bytes=recordings.largest_recording_bytes())
        data = validated(self.InputSerializer, request.data)
        made = recordings.recording_create(
            user_id=request.user.id, interview_id=str(interview_id), upload=data["file"], kind=data["kind"],
            duration_seconds=data.get("duration_seconds"), answer_position=data.get("answer_position"))
        return Response(made, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   summary="The interview's recordings with signed playback URLs")
    def get(self, request: Request, interview_id) -> Response:
        found = recordings.recordings_for_interview(user_id=request.user.id, interview_id=str(interview_id))
        return Response({"interview_id": str(interview_id), "recordings": found})


class RecordingApi(SignedInApi):
    @extend_schema(responses={204: None, **ERRORS}, summary="Delete a recording: its row and its stored object")
    def delete(self, request: Request, recording_id) -> Response:
        recordings.recording_delete(user_id=request.user.id, recording_id=str(recording_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
