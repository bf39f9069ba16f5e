"""PrebuiltFieldsSerializer (backend/llm_api/views/inputs.py): fields built once per class, bound
afresh per instance, validating exactly as DRF's deep-copied fields do."""

from __future__ import annotations

import pytest
from rest_framework import serializers

from backend.llm_api.views.history import HistoryInput
from backend.llm_api.views.inputs import PrebuiltFieldsSerializer


def declare(base: type[serializers.Serializer]) -> type[serializers.Serializer]:
    class Query(base):
        status = serializers.ListField(child=serializers.ChoiceField(choices=("active", "completed")), required=False)
        search = serializers.CharField(max_length=5, required=False, allow_blank=True)
        page = serializers.IntegerField(min_value=1, default=1)
        day = serializers.DateField(required=False, allow_null=True)
        tags = serializers.DictField(child=serializers.IntegerField(max_value=3), required=False)

    return Query


Prebuilt, DeepCopied = declare(PrebuiltFieldsSerializer), declare(serializers.Serializer)

INPUTS = [
    {},
    {"status": ["completed", "active"], "search": "abc", "page": "3", "day": "2026-12-01", "tags": {"a": "2"}},
    {"status": ["finished"], "search": "too long", "page": "0", "day": "yesterday", "tags": {"a": "9"}},
    {"status": "completed", "page": "x", "tags": "no"},
    {"search": "", "day": None},
]


def outcome(serializer_class: type[serializers.Serializer], data: dict):
    serializer = serializer_class(data=data)
    return (True, dict(serializer.validated_data)) if serializer.is_valid() else (False, serializer.errors)


@pytest.mark.parametrize("data", INPUTS)
def test_validation_is_exactly_drfs(data):
    assert outcome(Prebuilt, data) == outcome(DeepCopied, data)


def test_instances_validating_in_turn_keep_their_own_results():
    bad, good = Prebuilt(data=INPUTS[2]), Prebuilt(data=INPUTS[1])
    assert not bad.is_valid()
    assert good.is_valid()
    assert set(bad.errors) == {"status", "search", "page", "day", "tags"}
    assert good.validated_data["status"] == ["completed", "active"]


def test_each_instance_binds_copies_of_the_fields_built_once():
    first, second = HistoryInput(data={}), HistoryInput(data={})
    for name in ("status", "ordering", "search"):
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name].parent is first and second.fields[name].parent is second
        assert first.fields[name].field_name == name
    # built once: what a field's __init__ made is the class's, shared, not made again per instance
    assert first.fields["ordering"].choices is second.fields["ordering"].choices
    assert first.fields["status"].child is not second.fields["status"].child
    assert first.fields["status"].child.parent is first.fields["status"]
    assert first.fields["status"].child.root is first
    # the class's own fields stay unbound
    assert HistoryInput._declared_fields["status"].field_name is None


def test_nested_serializers_are_refused():
    class Inner(serializers.Serializer):
        text = serializers.CharField()

    with pytest.raises(TypeError, match="Nested.inner"):
        type("Nested", (PrebuiltFieldsSerializer,), {"inner": Inner()})
    with pytest.raises(TypeError, match="NestedList.items"):
        type("NestedList", (PrebuiltFieldsSerializer,), {"items": serializers.ListField(child=Inner())})
