"""`GET /api/auth/me`: who the bearer token belongs to, and their profile."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api import supabase_client
from backend.llm_api.authentication import SupabaseJWTAuthentication
from backend.llm_api.exceptions import ErrorSerializer


class MeApi(APIView):
    """The caller's identity (from the verified token) and profile row (from the database)."""

    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        class UserSerializer(serializers.Serializer):
            id = serializers.UUIDField()
            email = serializers.EmailField(allow_null=True)
            role = serializers.CharField()

        class ProfileSerializer(serializers.Serializer):
            id = serializers.UUIDField()
            username = serializers.CharField()
            full_name = serializers.CharField(allow_null=True)
            bio = serializers.CharField(allow_null=True)
            location = serializers.CharField(allow_null=True)
            github_url = serializers.URLField(allow_null=True)
            linkedin_url = serializers.URLField(allow_null=True)
            website_url = serializers.URLField(allow_null=True)
            preferred_language = serializers.CharField(allow_null=True)
            avatar_path = serializers.CharField(
                allow_null=True, help_text="Object name in the `avatars` bucket, under the user's id."
            )
            created_at = serializers.DateTimeField()
            updated_at = serializers.DateTimeField()

        user = UserSerializer()
        profile = ProfileSerializer(allow_null=True, help_text="Null when the user has no profile row.")

    @extend_schema(
        operation_id="auth_me",
        tags=["auth"],
        summary="The signed-in user and their profile",
        responses={200: OutputSerializer, 401: ErrorSerializer, 503: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        profile = supabase_client.get_profile(user_id=request.user.id)
        return Response(self.OutputSerializer({"user": request.user, "profile": profile}).data)
