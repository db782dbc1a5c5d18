"""What staff read through the API: the cases their jurisdiction covers, and their tasks."""

from django import forms
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import EnforcementCase
from workflows.task_actions import completion_form, task_actions

from .common import RegionSerializer, label_of
from .register import ProductRefSerializer


class EnforcementCaseSerializer(serializers.ModelSerializer):
    bureau = serializers.CharField(source="bureau.name", read_only=True)
    region = RegionSerializer(read_only=True)
    products = ProductRefSerializer(many=True, read_only=True)
    status_label = label_of("status")
    source_label = label_of("source")
    violation_type_label = label_of("violation_type")

    class Meta:
        model = EnforcementCase
        fields = [
            "id",
            "number",
            "status",
            "status_label",
            "source",
            "source_label",
            "violation_type",
            "violation_type_label",
            "bureau",
            "region",
            "products",
            "party_description",
            "summary",
            "is_major",
            "clock_pause_reason",
            "verification_extended",
            "filed_on",
            "decided_on",
            "closed_on",
        ]


# The kind of value each form field takes, most specific first (a multiple choice is a choice).
FIELD_TYPES = (
    (forms.FileField, "file"),
    (forms.BooleanField, "boolean"),
    (forms.MultipleChoiceField | forms.ModelMultipleChoiceField, "multiple_choice"),
    (forms.ChoiceField, "choice"),
    (forms.DateTimeField, "datetime"),
    (forms.DateField, "date"),
    (forms.DecimalField, "decimal"),
    (forms.IntegerField, "integer"),
)


def field_type(field: forms.Field) -> str:
    return next((name for kind, name in FIELD_TYPES if isinstance(field, kind)), "string")


class FormChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class FormFieldSerializer(serializers.Serializer):
    """One field of the task's form: what `complete` expects under `name`."""

    name = serializers.CharField()
    label = serializers.CharField()
    type = serializers.ChoiceField(
        choices=["string", *(name for _kind, name in FIELD_TYPES)],
        help_text="A file is sent as multipart/form-data; every other value may be sent as JSON.",
    )
    required = serializers.BooleanField()
    choices = FormChoiceSerializer(many=True, help_text="The values accepted (choice types only).")


def _choices(field: forms.Field) -> list[dict]:
    # A model choice's value is its id; the empty choice ("---------") is no value to send.
    return [{"value": str(value), "label": str(label)} for value, label in getattr(field, "choices", []) if value != ""]


def describe_form(form: forms.Form) -> list[dict]:
    return [
        {
            "name": name,
            "label": str(field.label or name),
            "type": field_type(field),
            "required": field.required,
            "choices": _choices(field),
        }
        for name, field in form.fields.items()
    ]


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    process_id = serializers.IntegerField(read_only=True)
    flow = serializers.SerializerMethodField()
    node = serializers.CharField(source="flow_task.name", read_only=True)
    title = serializers.SerializerMethodField()
    summary = serializers.CharField(source="process.brief", read_only=True)
    status = serializers.CharField(read_only=True)
    owner = serializers.CharField(source="owner.username", read_only=True, allow_null=True, default=None)
    created = serializers.DateTimeField(read_only=True)
    actions = serializers.SerializerMethodField()
    form = serializers.SerializerMethodField(
        help_text="The fields `complete` expects (the task page's form); empty when it cannot be completed here."
    )

    def get_flow(self, task) -> str:
        return task.process.flow_class.instance.flow_label

    def get_title(self, task) -> str:
        return str(task.title or task.flow_task)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(["assign", "unassign", "complete"])))
    def get_actions(self, task):
        return task_actions(self.context["request"].user, task)

    @extend_schema_field(FormFieldSerializer(many=True))
    def get_form(self, task):
        form = completion_form(task)
        return describe_form(form) if form else []
