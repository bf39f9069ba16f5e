"""`/api/auth/...`: register, log in, refresh, log out and who am I (seed 004's contract).

Sessions are Supabase Auth's own, so a front end may use these or supabase-js directly.
"""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import SupabaseJWTAuthentication
from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import accounts
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import client_ip, validate_password_strength, validate_username, validated

ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 422: ErrorSerializer,
          429: ErrorSerializer, 503: ErrorSerializer}


class AccountSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField(allow_null=True)
    username = serializers.CharField(allow_null=True)
    full_name = serializers.CharField(allow_null=True)
    is_active = serializers.BooleanField()
    created_at = serializers.CharField()


class SessionSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    refresh_token = serializers.CharField()
    token_type = serializers.CharField()
    expires_in = serializers.IntegerField()
    expires_at = serializers.IntegerField(allow_null=True)
    user = AccountSerializer()


class PublicAuthApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class RegisterApi(PublicAuthApi):
    class InputSerializer(serializers.Serializer):
        email = strict.EmailField(max_length=320)
        username = strict.CharField(validators=[validate_username])
        password = strict.CharField(trim_whitespace=False, validators=[validate_password_strength])
        full_name = strict.CharField(min_length=2, max_length=200)

    @extend_schema(operation_id="auth_register", tags=["auth"], summary="Create an account",
                   request=InputSerializer, responses={201: AccountSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        account = accounts.account_register(**data, client_ip=client_ip(request))
        return Response(AccountSerializer(asdict(account)).data, status=status.HTTP_201_CREATED)


class LoginApi(PublicAuthApi):
    class InputSerializer(serializers.Serializer):
        email = strict.EmailField(max_length=320)
        password = strict.CharField(trim_whitespace=False, max_length=1024)

    @extend_schema(operation_id="auth_login", tags=["auth"], summary="Sign in with e-mail and password",
                   request=InputSerializer, responses={200: SessionSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        session = accounts.account_login(**data, client_ip=client_ip(request))
        return Response(SessionSerializer(asdict(session)).data)


class RefreshApi(PublicAuthApi):
    class InputSerializer(serializers.Serializer):
        refresh_token = strict.CharField(max_length=2048)

    @extend_schema(operation_id="auth_refresh", tags=["auth"], summary="Trade a refresh token for a new session",
                   request=InputSerializer, responses={200: SessionSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        return Response(SessionSerializer(asdict(accounts.session_refresh(**data))).data)


class LogoutApi(APIView):
    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        scope = serializers.ChoiceField(choices=["local", "global", "others"], default="local")

    @extend_schema(operation_id="auth_logout", tags=["auth"], summary="End this session (or every session)",
                   request=InputSerializer, responses={204: None, **ERRORS})
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        accounts.session_logout(access_token=request.auth, scope=data["scope"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    """The caller (seed 004's flat fields), the rest of their profile, and their token's role."""

    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]

    class OutputSerializer(AccountSerializer):
        role = serializers.CharField()
        bio = serializers.CharField(allow_null=True, required=False)
        location = serializers.CharField(allow_null=True, required=False)
        github_url = serializers.CharField(allow_null=True, required=False)
        linkedin_url = serializers.CharField(allow_null=True, required=False)
        website_url = serializers.CharField(allow_null=True, required=False)
        preferred_language = serializers.CharField(allow_null=True, required=False)
        avatar_path = serializers.CharField(allow_null=True, required=False)
        updated_at = serializers.CharField(allow_null=True, required=False)

    @extend_schema(operation_id="auth_me", tags=["auth"], summary="The signed-in user and their profile",
                   responses={200: OutputSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        me = accounts.account_current(user_id=request.user.id, role=request.user.role)
        return Response(self.OutputSerializer(me).data)
