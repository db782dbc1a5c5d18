"""Statistics reports through the API: what the officer types (the page form's fields) and the
report as the page shows it, with its figures counted from the records."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports.forms import ReportAnswersForm
from reports.models import StatisticsReport
from reports.selectors import report_content

from .common import label_of

ANSWER_FIELDS = list(ReportAnswersForm.Meta.fields)


class ReportAnswersSerializer(serializers.ModelSerializer):
    """For the schema only: the values are checked by the page's own form (reports.forms)."""

    class Meta:
        model = StatisticsReport
        fields = ANSWER_FIELDS


class StatisticsReportSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.name", read_only=True)
    bureau = serializers.CharField(source="bureau.name", read_only=True)
    period_label = label_of("period")
    status_label = label_of("status")
    due_on = serializers.DateField(read_only=True)
    answers = serializers.SerializerMethodField()

    class Meta:
        model = StatisticsReport
        fields = [
            "id",
            "province",
            "bureau",
            "year",
            "period",
            "period_label",
            "status",
            "status_label",
            "due_on",
            "submitted_at",
            "answers",
        ]

    @extend_schema_field(ReportAnswersSerializer)
    def get_answers(self, report) -> dict:
        return {name: getattr(report, name) for name in ANSWER_FIELDS}


class StatisticsReportDetailSerializer(StatisticsReportSerializer):
    content = serializers.SerializerMethodField(
        help_text="What the form shows: the figures counted from the records (frozen at submission) and the answers."
    )

    class Meta(StatisticsReportSerializer.Meta):
        fields = [*StatisticsReportSerializer.Meta.fields, "content"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_content(self, report) -> dict:
        return report_content(report)
