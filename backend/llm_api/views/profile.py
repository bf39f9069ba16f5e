"""`/api/user/...`: the caller's profile, avatar, statistics, data export and account deletion."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiTypes, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import SupabaseJWTAuthentication
from backend.llm_api.services import accounts, profiles
from backend.llm_api.views import strict
from backend.llm_api.views.auth import ERRORS
from backend.llm_api.views.inputs import client_ip, url_on, validate_username, validated


class UserApi(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]


class ProfileSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField(allow_null=True)
    username = serializers.CharField()
    full_name = serializers.CharField(allow_null=True)
    is_active = serializers.BooleanField()
    created_at = serializers.CharField()
    updated_at = serializers.CharField()
    bio = serializers.CharField(allow_null=True)
    location = serializers.CharField(allow_null=True)
    github_url = serializers.CharField(allow_null=True)
    linkedin_url = serializers.CharField(allow_null=True)
    website_url = serializers.CharField(allow_null=True)
    preferred_language = serializers.CharField(allow_null=True)
    avatar_path = serializers.CharField(allow_null=True)
    avatar_url = serializers.CharField(allow_null=True, help_text="Public URL of the avatar, if any.")
    keep_recordings = serializers.BooleanField(help_text="false: transcript only (spoken answers' audio discarded).")


def _url_field(*hosts: str) -> serializers.URLField:
    return strict.URLField(max_length=500, allow_null=True, allow_blank=True, required=False,
                           validators=[url_on(*hosts)])


class ProfileApi(UserApi):
    class InputSerializer(serializers.Serializer):
        username = strict.CharField(required=False, validators=[validate_username])
        full_name = strict.CharField(min_length=2, max_length=200, required=False, allow_null=True)
        bio = strict.CharField(max_length=500, required=False, allow_null=True, allow_blank=True)
        location = strict.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)
        github_url = _url_field("github.com")
        linkedin_url = _url_field("linkedin.com")
        website_url = _url_field()
        preferred_language = serializers.ChoiceField(
            choices=profiles.PREFERRED_LANGUAGES, required=False, allow_null=True,
            help_text="One of: " + ", ".join(profiles.PREFERRED_LANGUAGES),
        )
        keep_recordings = strict.BooleanField(
            required=False, help_text="false: transcript only (a spoken answer's audio is discarded).")

        def validate(self, attrs: dict) -> dict:
            # an empty string clears a field, as null does
            return {key: (None if value == "" else value) for key, value in attrs.items()}

    @extend_schema(operation_id="profile_get", tags=["profile"], summary="The caller's profile",
                   responses={200: ProfileSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        return Response(ProfileSerializer(profiles.profile_get(user_id=request.user.id)).data)

    @extend_schema(operation_id="profile_update", tags=["profile"], summary="Update profile fields",
                   request=InputSerializer, responses={200: ProfileSerializer, **ERRORS})
    def put(self, request: Request) -> Response:
        changes = validated(self.InputSerializer, request.data, partial=True)
        return Response(ProfileSerializer(profiles.profile_update(user_id=request.user.id, changes=changes)).data)

    @extend_schema(operation_id="profile_patch", tags=["profile"], summary="Update some profile fields",
                   request=InputSerializer, responses={200: ProfileSerializer, **ERRORS})
    def patch(self, request: Request) -> Response:
        return self.put(request)


class AvatarApi(UserApi):
    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(help_text="PNG, JPEG, WebP or GIF; at most 5 MB and 40 megapixels.")

    @extend_schema(operation_id="avatar_upload", tags=["profile"], summary="Set the avatar",
                   request={"multipart/form-data": InputSerializer},
                   responses={200: ProfileSerializer, 413: OpenApiTypes.OBJECT, 415: OpenApiTypes.OBJECT, **ERRORS})
    def post(self, request: Request) -> Response:
        upload = validated(self.InputSerializer, request.data)["file"]
        profile = profiles.avatar_replace(user_id=request.user.id, upload=upload)
        return Response(ProfileSerializer(profile).data)

    @extend_schema(operation_id="avatar_delete", tags=["profile"], summary="Remove the avatar",
                   responses={204: None, **ERRORS})
    def delete(self, request: Request) -> Response:
        profiles.avatar_remove(user_id=request.user.id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StatsApi(UserApi):
    class OutputSerializer(serializers.Serializer):
        total_interviews = serializers.IntegerField()
        completed_interviews = serializers.IntegerField()
        average_score = serializers.FloatField()
        best_score = serializers.FloatField()
        total_questions_answered = serializers.IntegerField()
        total_problems_solved = serializers.IntegerField()
        average_communication_score = serializers.FloatField()
        average_technical_score = serializers.FloatField()
        average_problem_solving_score = serializers.FloatField()
        average_code_quality_score = serializers.FloatField()
        current_streak = serializers.IntegerField(help_text="Days in a row (UTC) with a completed interview.")
        longest_streak = serializers.IntegerField()
        last_activity_at = serializers.CharField(allow_null=True)
        member_since = serializers.CharField()
        account_status = serializers.ChoiceField(choices=["active", "inactive"])

    @extend_schema(operation_id="user_stats", tags=["profile"], summary="Dashboard statistics (0-100 scores)",
                   responses={200: OutputSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(profiles.user_statistics(user_id=request.user.id)).data)


class ExportApi(UserApi):
    @extend_schema(operation_id="user_export", tags=["profile"], summary="Everything stored about the caller",
                   responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def get(self, request: Request) -> Response:
        return Response(accounts.account_export(user_id=request.user.id))


class AccountApi(UserApi):
    class InputSerializer(serializers.Serializer):
        password = strict.CharField(trim_whitespace=False, max_length=1024)

    @extend_schema(operation_id="account_delete", tags=["profile"],
                   summary="Delete the account, its data and its files (password required)",
                   request=InputSerializer, responses={204: None, **ERRORS})
    def delete(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        accounts.account_delete(user_id=request.user.id, email=request.user.email, password=data["password"],
                                client_ip=client_ip(request))
        return Response(status=status.HTTP_204_NO_CONTENT)



@extend_schema_view(
    post=extend_schema(operation_id="avatar_upload_alias", summary="Set the avatar (alias path)"),
    delete=extend_schema(operation_id="avatar_delete_alias", summary="Remove the avatar (alias path)"),
)
class AvatarAliasApi(AvatarApi):
    """`/api/user/avatar`: the same operations as `/api/user/profile/avatar`."""
