"""Statistics reports through the API (docs/adr/0049): read, fill, submit and export, through the
same selectors and doors (reports.actions) as the pages. The lead's approval and the 科技司's
acceptance are tasks of the report's flow, completed through /api/tasks/."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from reports.actions import submit_report, update_report
from reports.documents import statistics_form_pdf
from reports.exports import as_csv, report_table
from reports.form_xlsx import report_form_xlsx
from reports.forms import ReportAnswersForm
from reports.models import StatisticsReport
from reports.selectors import reports_visible_to

from ..errors import Conflict
from ..serializers.reports import (
    ANSWER_FIELDS,
    ReportAnswersSerializer,
    StatisticsReportDetailSerializer,
    StatisticsReportSerializer,
)
from .portal import REFUSALS
from .staff import StaffReadViewSet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export(report: StatisticsReport, kind: str) -> tuple[bytes, str, str]:
    """The same files as the report's pages (reports.views): body, content type, file name."""
    if kind == "pdf":
        return statistics_form_pdf(report), "application/pdf", f"statistics-{report.year}-{report.period}.pdf"
    if kind == "csv":
        return as_csv(report_table(report)), "text/csv; charset=utf-8", f"statistics-{report.pk}.csv"
    return report_form_xlsx(report), XLSX, f"statistics-{report.pk}.xlsx"


class FormatIsTheFile(BaseContentNegotiation):
    """`?format=` names the file to export, not a renderer: DRF would answer 404 for `xlsx`.
    Refusals are still JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _may_fill(user, report) -> bool:
    return user.is_superuser or user.has_perm("organizations.work_as_statistics_officer", report.bureau)


def _moved_on() -> Conflict:
    return Conflict(_("The report has moved on since you opened it; reload it."))


@extend_schema_view(retrieve=extend_schema(responses={200: StatisticsReportDetailSerializer, **REFUSALS}))
@extend_schema(tags=["staff"])
class StatisticsReportViewSet(StaffReadViewSet):
    """Statistics reports of the caller's province (the 科技司 and national bodies: every province)."""

    queryset = StatisticsReport.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = StatisticsReportSerializer

    def get_queryset(self):
        return reports_visible_to(self.request.user).order_by("-year", "-period", "province__code")

    def get_serializer_class(self):
        return StatisticsReportSerializer if self.action == "list" else StatisticsReportDetailSerializer

    def get_content_negotiator(self):
        if getattr(self, "action", None) == "export":
            return FormatIsTheFile()
        return super().get_content_negotiator()

    def _detail(self, report) -> Response:
        report = self.get_queryset().get(pk=report.pk)
        return Response(StatisticsReportDetailSerializer(report, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Fill in the typed answers",
        description="Only the report's statistics officer, while it is a draft or returned. The fields sent "
        "replace those of the report; they are checked as on the report's page.",
        request=ReportAnswersSerializer,
        responses={200: StatisticsReportDetailSerializer, **REFUSALS},
    )
    def partial_update(self, request, pk=None):
        report = self.get_object()
        if not _may_fill(request.user, report):
            raise PermissionDenied
        if not report.is_editable:
            raise _moved_on()
        data = request.data if hasattr(request.data, "items") else {}
        # Every message at once: fields the form does not offer, and the form's own.
        errors = {name: [_("This is not an answer of the report.")] for name in data if name not in ANSWER_FIELDS}
        sent = {name: value for name, value in data.items() if name in ANSWER_FIELDS}
        form = ReportAnswersForm(model_to_dict(report, fields=ANSWER_FIELDS) | sent, instance=report)
        if not form.is_valid():
            errors |= {name: list(messages) for name, messages in form.errors.items()}
        if errors:
            raise exceptions.ValidationError(errors)
        update_report(actor=request.user, report=report, answers=form.cleaned_data)
        return self._detail(report)

    @extend_schema(
        summary="Submit the report to the lead",
        description="Freezes the figures and answers; the lead's approval task opens (see /api/tasks/).",
        request=None,
        responses={200: StatisticsReportDetailSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self.get_object()
        if not _may_fill(request.user, report):
            raise PermissionDenied
        try:
            report = submit_report(actor=request.user, report=report)
        except ValidationError:
            # Submitted by a colleague in the meantime: a lost race, not bad input.
            if not StatisticsReport.objects.get(pk=report.pk).is_editable:
                raise _moved_on() from None
            raise
        return self._detail(report)

    @extend_schema(
        summary="Download the report as a file",
        parameters=[
            OpenApiParameter(
                "format", OpenApiTypes.STR, enum=["xlsx", "csv", "pdf"], default="xlsx", description="The file."
            )
        ],
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            **REFUSALS,
        },
    )
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        kind = request.query_params.get("format", "xlsx")
        if kind not in ("xlsx", "csv", "pdf"):
            raise exceptions.ValidationError({"format": [_("Choose xlsx, csv or pdf.")]})
        report = self.get_object()
        body, content_type, filename = _export(report, kind)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
