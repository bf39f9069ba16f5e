"""Service status: `/`, `/api/health`, `/api/ready` and `/api/info`. Public, no authentication."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import api_info, health, readiness


class PublicApiView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class RootApi(PublicApiView):
    class OutputSerializer(serializers.Serializer):
        name = serializers.CharField()
        version = serializers.CharField()
        mode = serializers.ChoiceField(choices=["local", "supabase"])
        database = serializers.ChoiceField(choices=["connected", "unreachable"])

    @extend_schema(
        operation_id="root", tags=["status"], summary="Service name, version and Supabase state",
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(health.system_status()).data)


class HealthApi(PublicApiView):
    class OutputSerializer(serializers.Serializer):
        status = serializers.CharField(default="ok")
        version = serializers.CharField()
        mode = serializers.ChoiceField(choices=["local", "supabase"])
        database = serializers.ChoiceField(choices=["connected", "unreachable"])
        supabase_url = serializers.CharField()
        latency_ms = serializers.FloatField(help_text="Round trip of the Supabase check.")

    @extend_schema(
        operation_id="health", tags=["status"], summary="200 when Supabase answers, 503 when not",
        responses={200: OutputSerializer, 503: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(health.require_healthy()).data)


class ReadyApi(PublicApiView):
    class OutputSerializer(serializers.Serializer):
        class ChecksSerializer(serializers.Serializer):
            class SupabaseSerializer(serializers.Serializer):
                ok = serializers.BooleanField()
                latency_ms = serializers.FloatField()
                error = serializers.CharField(required=False)

            class ModelSerializer(serializers.Serializer):
                ok = serializers.BooleanField(help_text="True when no model is configured (offline engine).")
                configured = serializers.BooleanField()
                engine = serializers.CharField(help_text="`model` or `offline`: the engine turns are worded by now.")
                error = serializers.CharField(required=False)

            supabase = SupabaseSerializer()
            model = ModelSerializer()

        status = serializers.ChoiceField(choices=["ready", "not_ready"])
        checks = ChecksSerializer()

    @extend_schema(
        operation_id="ready", tags=["status"],
        summary="Readiness: 200 when Supabase answers (the model is reported, not required), 503 when not",
        responses={200: OutputSerializer, 503: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        result = readiness.readiness()
        data = {"status": result.status, "checks": {
            name: {key: value for key, value in vars(check).items() if value is not None or key != "error"}
            for name, check in result.checks.items()}}
        return Response(self.OutputSerializer(data).data, status=200 if result.ready else 503)


class InfoApi(PublicApiView):
    class OutputSerializer(serializers.Serializer):
        class EngineSerializer(serializers.Serializer):
            name = serializers.ChoiceField(choices=["openai", "offline"])
            model = serializers.CharField(allow_null=True)
            base_url = serializers.CharField(allow_null=True)

        class FeaturesSerializer(serializers.Serializer):
            spoken_answers = serializers.BooleanField(
                help_text="True when a speech model is configured: answers may be spoken (multipart `audio`).")

        name = serializers.CharField()
        version = serializers.CharField()
        docs = serializers.DictField(child=serializers.CharField())
        endpoints = serializers.ListField(child=serializers.CharField())
        engine = EngineSerializer()
        features = FeaturesSerializer()

    @extend_schema(
        operation_id="info", tags=["status"], summary="API name, version, endpoints and engine settings",
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(api_info.api_info()).data)
