"""The statistics form's special-mark figures (row mark_use, cell 专用标志印制、发放数量及管理)."""

from django.utils.translation import gettext_lazy as _

from cases.models import UsageReport
from reports.figures import Figure, register_figures

from .models import MarkIssue, MarkPrinting


def _printed(province, start, end):
    return MarkPrinting.objects.filter(
        printed_on__gte=start, printed_on__lte=end, bureau__region__code__startswith=province.prefix
    ).select_related("bureau", "product")


def _issued(province, start, end):
    return MarkIssue.objects.filter(
        issued_on__gte=start, issued_on__lte=end, declaration__production_region__code__startswith=province.prefix
    ).select_related("bureau", "declaration__enterprise", "declaration__product")


def _usage_reports(province, start, end):
    return UsageReport.objects.filter(
        submitted_at__date__gte=start,
        submitted_at__date__lte=end,
        declaration__production_region__code__startswith=province.prefix,
    ).select_related("declaration__enterprise", "declaration__product")


MARK_FIGURES = (
    Figure(
        "marks_printed",
        _("special marks printed"),
        _("The quantities of the print runs recorded by the province's bureaus, printed in the period."),
        "枚",
        _printed,
        total="quantity",
    ),
    Figure(
        "marks_issued",
        _("special marks issued"),
        _("The quantities issued in the period to users producing in the province."),
        "枚",
        _issued,
        total="quantity",
    ),
    Figure(
        "usage_reports_filed",
        _("annual usage reports filed"),
        _("Usage reports submitted in the period on declarations of the province."),
        "份",
        _usage_reports,
    ),
)

register_figures(*MARK_FIGURES)
