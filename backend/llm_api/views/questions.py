"""`/api/questions...`: the question bank (issue 18) and seed 003's bulk path.

Anonymous callers read the public bank; signed-in users also read, and alone write, their own
questions. Items of seed 003's bulk body carry `session` and `order`: accepted and ignored
(questions belong to the bank, not to a session), like any other key the API does not know.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.llm_api.authentication import BlankHeaderAnonymousAuthentication, SupabaseJWTAuthentication
from backend.llm_api.exceptions import ErrorSerializer
from backend.llm_api.services import questions
from backend.llm_api.services.labels import (
    DIFFICULTIES,
    EXPERIENCE_LEVELS,
    INTERVIEW_TYPES,
    difficulty_value,
    experience_level_value,
    interview_type_value,
)
from backend.llm_api.views import strict
from backend.llm_api.views.inputs import (
    PAGE_SCHEMA,
    PAGE_SIZE_SCHEMA,
    LabelField,
    NumberedPageSerializer,
    PageInput,
    page_links,
    validated,
    validated_query,
)

ERRORS = {401: ErrorSerializer, 404: ErrorSerializer, 422: ErrorSerializer, 502: ErrorSerializer,
          503: ErrorSerializer}
WRITE_ERRORS = {403: ErrorSerializer, **ERRORS}

SHORT = 200


def _strings(max_items: int, max_length: int, **kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=strict.CharField(max_length=max_length), max_length=max_items,
                                 **kwargs)


def _no_braces(value: str) -> str:
    """Role tags are matched as a Postgres array literal: braces could not be matched."""
    if "{" in value or "}" in value:
        raise serializers.ValidationError("Must not contain { or }.")
    return value


def _role_tags(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=strict.CharField(max_length=100, validators=[_no_braces]),
                                 max_length=50, **kwargs)


# Rubric ---------------------------------------------------------------------------------------

class StrictSerializer(serializers.Serializer):
    """Refuses keys it does not know (a misspelt rubric key would otherwise vanish silently)."""

    def to_internal_value(self, data: Any) -> dict:
        value = super().to_internal_value(data)  # a non-object is refused here
        unknown = set(data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError({key: ["Unknown field."] for key in sorted(unknown)})
        return dict(value)


class RubricPointSerializer(StrictSerializer):
    text = strict.CharField(max_length=1000)
    keywords = _strings(50, 100, default=list)


class RubricAnchorsSerializer(StrictSerializer):
    weak = strict.CharField(max_length=2000)
    adequate = strict.CharField(max_length=2000)
    strong = strict.CharField(max_length=2000)


class RubricSerializer(StrictSerializer):
    """What a good answer covers; every key optional."""

    points = RubricPointSerializer(many=True, max_length=30, required=False)
    strong_signals = _strings(30, 500, required=False)
    red_flags = _strings(30, 500, required=False)
    anchors = RubricAnchorsSerializer(required=False, help_text="What a weak, adequate and strong answer is.")

    def to_internal_value(self, data: Any) -> dict:
        # nested validated data as plain JSON (dicts and lists)
        value = super().to_internal_value(data)
        return {key: ([dict(point) for point in item] if key == "points" else
                      dict(item) if key == "anchors" else item) for key, item in value.items()}


# Input and output -----------------------------------------------------------------------------

class QuestionInput(serializers.Serializer):
    """A question of one's own; only `question_text` is required, the rest have defaults."""

    question_text = strict.CharField(max_length=4000)
    interview_type = LabelField(normalise=interview_type_value, choices=INTERVIEW_TYPES, required=False,
                                help_text="Default `mixed`; seed names (\"Behavioral\", \"System Design\") too.")
    difficulty = LabelField(normalise=difficulty_value, choices=DIFFICULTIES, required=False,
                            help_text="easy, medium (default) or hard.")
    category = strict.CharField(max_length=100, allow_null=True, allow_blank=True, required=False)
    experience_levels = serializers.ListField(
        child=LabelField(normalise=experience_level_value, choices=EXPERIENCE_LEVELS), min_length=1, max_length=3,
        required=False, help_text="Default all three; \"Junior\", \"Mid-level\", \"Senior\" accepted.")
    role_tags = _role_tags(required=False, help_text="Roles it suits (stored lower-case); none: any role.")
    roles = _role_tags(required=False, write_only=True, help_text="Another name for `role_tags`.")
    skills = _strings(50, 100, required=False)
    expected_answer = strict.CharField(max_length=20000, allow_null=True, allow_blank=True, required=False)
    follow_ups = _strings(20, 1000, required=False)
    rubric = RubricSerializer(required=False)
    is_public = strict.BooleanField(required=False, help_text="Shared with every user (default false).")

    def validate(self, attrs: dict) -> dict:
        if "roles" in attrs:
            roles = attrs.pop("roles")
            if "role_tags" in attrs and attrs["role_tags"] != roles:
                raise serializers.ValidationError({"roles": ["Send role_tags or roles, not both."]})
            attrs["role_tags"] = roles
        return attrs


class QuestionChangesInput(QuestionInput):
    """PATCH: any writable field, at least one. Validated whole (not DRF's `partial`, which would
    also waive the required keys of a rubric's points and anchors)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question_text"].required = False

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        if not attrs:
            raise serializers.ValidationError("Send at least one field to change.")
        return attrs


class QuestionReplaceInput(QuestionInput):
    """PUT: every writable field (`category` and `expected_answer` may be null; `roles` may stand
    for `role_tags`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        data = kwargs.get("data")
        sends_roles = isinstance(data, dict) and "roles" in data
        for name, field in self.fields.items():
            field.required = name != "roles" and not (name == "role_tags" and sends_roles)


class BulkInput(serializers.Serializer):
    questions = QuestionInput(many=True, min_length=1, max_length=questions.MAX_BULK,
                              help_text=f"1-{questions.MAX_BULK} questions, stored all together or not at all.")


class ListInput(PageInput):
    interview_type = LabelField(normalise=interview_type_value, choices=INTERVIEW_TYPES, required=False,
                                allow_blank=True)
    difficulty = LabelField(normalise=difficulty_value, choices=DIFFICULTIES, required=False, allow_blank=True)
    category = strict.CharField(max_length=100, required=False, allow_blank=True)
    role = strict.CharField(max_length=100, required=False, allow_blank=True, validators=[_no_braces])
    search = strict.CharField(max_length=SHORT, required=False, allow_blank=True)


class RubricOutputSerializer(serializers.Serializer):
    points = RubricPointSerializer(many=True, required=False)
    strong_signals = serializers.ListField(child=strict.CharField(), required=False)
    red_flags = serializers.ListField(child=strict.CharField(), required=False)
    anchors = RubricAnchorsSerializer(required=False)


class QuestionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    question_text = serializers.CharField()
    interview_type = serializers.ChoiceField(choices=INTERVIEW_TYPES)
    difficulty = serializers.ChoiceField(choices=DIFFICULTIES)
    category = serializers.CharField(allow_null=True)
    experience_levels = serializers.ListField(child=serializers.ChoiceField(choices=EXPERIENCE_LEVELS))
    role_tags = serializers.ListField(child=strict.CharField(), help_text="Empty: meant for any role.")
    skills = serializers.ListField(child=strict.CharField())
    expected_answer = serializers.CharField(allow_null=True)
    rubric = serializers.JSONField(help_text="points[{text, keywords[]}], strong_signals[], red_flags[], "
                                             "anchors{weak, adequate, strong}; `{}` when none.")
    rubric_version = serializers.CharField(allow_null=True)
    follow_ups = serializers.ListField(child=strict.CharField())
    source = serializers.ChoiceField(choices=["curated", "user", "generated"])
    is_public = serializers.BooleanField()
    is_own = serializers.BooleanField(help_text="The caller owns it (and may change or delete it).")
    owner_id = serializers.UUIDField(allow_null=True, help_text="The caller's id on their own questions; "
                                                                "null on everyone else's.")
    created_at = serializers.CharField()
    updated_at = serializers.CharField()


class QuestionPageSerializer(NumberedPageSerializer):
    results = QuestionSerializer(many=True)


class BulkResultSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = QuestionSerializer(many=True)


LIST_PARAMETERS = [
    OpenApiParameter("interview_type", OpenApiTypes.STR,
                     description="behavioral, technical, system_design, coding or mixed (seed names too)."),
    OpenApiParameter("difficulty", OpenApiTypes.STR, description="easy, medium or hard."),
    OpenApiParameter("category", OpenApiTypes.STR, description="Exact category, any case."),
    OpenApiParameter("role", OpenApiTypes.STR, description="Questions tagged with this role, and those with no "
                                                           "role tags (meant for any role)."),
    OpenApiParameter("search", OpenApiTypes.STR, description="Text the question contains, any case, taken "
                                                             "literally (no wildcards)."),
    OpenApiParameter("page", PAGE_SCHEMA, description="1-based page number (default 1)."),
    OpenApiParameter("page_size", PAGE_SIZE_SCHEMA, description="Questions per page, 1-100 (default 20)."),
]


# Views -------------------------------------------------------------------------------------

def _caller(request: Request) -> str | None:
    return request.user.id if request.user and request.user.is_authenticated else None


class QuestionsApi(APIView):
    authentication_classes = [BlankHeaderAnonymousAuthentication]
    permission_classes = [IsAuthenticatedOrReadOnly]  # anyone reads the public bank

    @extend_schema(operation_id="questions_list", tags=["questions"],
                   summary="The public bank and the caller's own questions, newest first",
                   description="Anonymous: the public questions only. Signed in: also the caller's private "
                               "ones, never another user's. Newest first, id breaking ties.",
                   parameters=LIST_PARAMETERS, responses={200: QuestionPageSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        query = validated_query(ListInput, request)
        page, size = query.pop("page"), query.pop("page_size")
        query = {key: value for key, value in query.items() if value}  # a blank filter is no filter
        results, count = questions.question_list(user_id=_caller(request), page=page, page_size=size, **query)
        links = page_links(request, page=page, size=size, count=count)
        return Response(QuestionPageSerializer({"count": count, **links,
                                        "results": results}).data)

    @extend_schema(operation_id="questions_create", tags=["questions"], summary="Create a question of one's own",
                   request=QuestionInput, responses={201: QuestionSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        fields = validated(QuestionInput, request.data, flat=True)
        question = questions.question_create(user_id=request.user.id, fields=fields)
        return Response(QuestionSerializer(question).data, status=status.HTTP_201_CREATED)


BULK_DESCRIPTION = ("One invalid item refuses the lot (422 naming `questions[index].field`) and nothing is "
                    "stored. Seed 003's `session` and `order` keys are ignored.")


class QuestionsBulkApi(APIView):
    """`POST /api/questions/bulk`; `QuestionsBulkCreateApi` is seed 003's name for it."""

    authentication_classes = [SupabaseJWTAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="questions_bulk_create", tags=["questions"],
                   summary="Create up to 100 questions at once (all or none)", description=BULK_DESCRIPTION,
                   request=BulkInput, responses={201: BulkResultSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        return self.create(request)

    def create(self, request: Request) -> Response:
        items = validated(BulkInput, request.data, flat=True)["questions"]
        created = questions.question_create_many(user_id=request.user.id, items=items)
        return Response(BulkResultSerializer({"count": len(created), "results": created}).data,
                        status=status.HTTP_201_CREATED)


class QuestionsBulkCreateApi(QuestionsBulkApi):
    @extend_schema(operation_id="questions_bulk_create_seed", tags=["questions"],
                   summary="Create up to 100 questions at once (seed 003's path)", description=BULK_DESCRIPTION,
                   request=BulkInput, responses={201: BulkResultSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        return self.create(request)


class QuestionApi(APIView):
    """One question. Reading: public or own (another user's private one is 404, like a missing
    id). Changing and deleting: own only; a public question someone else owns (the curated bank,
    or another user's shared one) is 403, since it is visible anyway."""

    authentication_classes = [BlankHeaderAnonymousAuthentication]
    permission_classes = [IsAuthenticatedOrReadOnly]  # anyone reads the public bank

    @extend_schema(operation_id="question_get", tags=["questions"], summary="One question (public or own)",
                   responses={200: QuestionSerializer, **ERRORS})
    def get(self, request: Request, question_id) -> Response:
        question = questions.question_get(user_id=_caller(request), question_id=str(question_id))
        return Response(QuestionSerializer(question).data)

    @extend_schema(operation_id="question_update", tags=["questions"], summary="Change one's own question",
                   request=QuestionChangesInput, responses={200: QuestionSerializer, **WRITE_ERRORS})
    def patch(self, request: Request, question_id) -> Response:
        changes = validated(QuestionChangesInput, request.data, flat=True)
        return self._update(request, question_id, changes)

    @extend_schema(operation_id="question_replace", tags=["questions"],
                   summary="Replace one's own question (every field required)",
                   request=QuestionReplaceInput, responses={200: QuestionSerializer, **WRITE_ERRORS})
    def put(self, request: Request, question_id) -> Response:
        return self._update(request, question_id, validated(QuestionReplaceInput, request.data, flat=True))

    @extend_schema(operation_id="question_delete", tags=["questions"], summary="Delete one's own question",
                   responses={204: None, **WRITE_ERRORS})
    def delete(self, request: Request, question_id) -> Response:
        questions.question_delete(user_id=request.user.id, question_id=str(question_id))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _update(self, request: Request, question_id, changes: dict) -> Response:
        question = questions.question_update(user_id=request.user.id, question_id=str(question_id), changes=changes)
        return Response(QuestionSerializer(question).data)
