"""What staff read through the API: the cases their jurisdiction covers, and their tasks."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import EnforcementCase
from workflows.task_actions import task_actions

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
            "filed_on",
            "decided_on",
            "closed_on",
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

    def get_flow(self, task) -> str:
        return task.process.flow_class.instance.flow_label

    def get_title(self, task) -> str:
        return str(task.title or task.flow_task)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(["assign", "unassign", "complete"])))
    def get_actions(self, task):
        return task_actions(self.context["request"].user, task)


class TaskCompleteSerializer(serializers.Serializer):
    """The fields of the task's page form: `outcome` and `comment` for the examinations and the
    in-process check (the values the task's page offers)."""

    outcome = serializers.CharField(required=False, help_text="e.g. ok, correction, accept, supplement, reject")
    comment = serializers.CharField(required=False, allow_blank=True)
