"""Figures of the statistics form that the system holds, counted from its own records.

Each figure knows how it is counted (shown beside it on the form) and which records are behind
it (the page a figure opens). Counting runs in the database: one query per figure, however
many records there are.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Application,
    Declaration,
    EnforcementCase,
    ProductCategory,
    ProtectedProduct,
    Purpose,
    SupervisionCheck,
)
from cases.products.archive import complete_archives
from organizations.models import Region


@dataclass(frozen=True)
class Figure:
    code: str
    label: Promise  # what the number is, printed before it on the form
    method: Promise  # how it was counted, shown on the records page and under the form
    unit: str  # printed after the number, as on Chinese forms (家, 个, 次, 件)
    records: Callable[[Region, datetime.date, datetime.date], QuerySet]
    distinct: str = "pk"  # what is counted once: e.g. an enterprise with two declarations counts once
    breakdown: str = ""  # grouped by this field as well (checks by product category)
    # Printed as the form's 是 □ / 否 □ boxes, 是 ticked when the count is above zero (是否制定工作方案).
    yes_no: bool = False
    total: str = ""  # the sum of this field over the records instead of a count (marks printed, people reached)
    # The staff page of one of its records, when neither the model's get_absolute_url nor its flow gives one.
    record_url: Callable[[Any], str] | None = None
    # A boolean lookup on the records: the figure is the percentage of records for which it holds
    # (the share of products with a published page), the records being the whole it is a share of.
    share: str = ""


def _in_province(field: str, province: Region) -> dict:
    return {f"{field}__code__startswith": province.prefix}


def _mark_users_new(province, start, end):
    return Declaration.objects.filter(
        declared_at__date__gte=start, declared_at__date__lte=end, **_in_province("production_region", province)
    ).select_related("enterprise", "product")


def _mark_users_authorised(province, start, end):
    return Declaration.objects.filter(
        status__in=Declaration.AUTHORISED_STATES,
        declared_at__date__lte=end,
        **_in_province("production_region", province),
    ).select_related("enterprise", "product")


def _product_archives(province, start, end):
    return ProtectedProduct.objects.filter(province=province, status=ProtectedProduct.Status.PROTECTED)


def _product_archives_complete(province, start, end):
    """Archives holding every element (cases.products.archive): counted in SQL, one query."""
    return complete_archives(_product_archives(province, start, end))


def _products_new(province, start, end):
    return Application.objects.filter(
        province=province,
        purpose=Purpose.PROTECTION,
        status=Application.Status.PROTECTED,
        closed_at__date__gte=start,
        closed_at__date__lte=end,
    ).select_related("applicant")


def _checks(province, start, end):
    return SupervisionCheck.objects.filter(
        campaign__drawn_at__date__gte=start,
        campaign__drawn_at__date__lte=end,
        **_in_province("declaration__production_region", province),
    ).select_related("campaign", "declaration__enterprise", "declaration__product")


def _enforcement_filed(province, start, end):
    return EnforcementCase.objects.filter(
        filed_on__gte=start, filed_on__lte=end, **_in_province("region", province)
    ).select_related("region")


def _enforcement_closed(province, start, end):
    return EnforcementCase.objects.filter(
        closed_on__gte=start, closed_on__lte=end, **_in_province("region", province)
    ).select_related("region")


FIGURES: dict[str, Figure] = {
    figure.code: figure
    for figure in [
        Figure(
            "mark_users_new",
            _("newly approved (self-declared) enterprises"),
            _(
                "Distinct enterprises with a self-declaration published in the period, produced in the province "
                "(an enterprise with several declarations counts once)."
            ),
            "家",
            _mark_users_new,
            distinct="enterprise_id",
        ),
        Figure(
            "mark_users_authorised",
            _("enterprises authorised at the end of the period"),
            _("Distinct enterprises holding at least one declaration that still authorises the mark."),
            "家",
            _mark_users_authorised,
            distinct="enterprise_id",
        ),
        Figure(
            "product_archives",
            _("protected products with an archive in the register"),
            _("Products of the province under protection in the register, each with its archive."),
            "个",
            _product_archives,
        ),
        Figure(
            "product_archives_complete",
            _("product archives complete"),
            _(
                "Protected products of the province whose archive holds every element: announcement, date of "
                "protection, standard, quality characteristics, area, authorised users, reports of the mark's use, "
                "results of supervision checks, and what the promotion records add."
            ),
            "个",
            _product_archives_complete,
        ),
        Figure(
            "products_new",
            _("newly protected products"),
            _("Protection applications of the province approved in the period (amendments not counted)."),
            "个",
            _products_new,
        ),
        Figure(
            "checks",
            _("supervision checks"),
            _("Supervision checks drawn in the period on declarations of the province, by the product's category."),
            "次",
            _checks,
            breakdown="declaration__product__category",
        ),
        Figure(
            "enforcement_filed",
            _("enforcement cases filed"),
            _("Enforcement cases of the province filed in the period."),
            "件",
            _enforcement_filed,
        ),
        Figure(
            "enforcement_closed",
            _("enforcement cases closed"),
            _("Enforcement cases of the province closed in the period."),
            "件",
            _enforcement_closed,
        ),
    ]
}


def register_figures(*figures: Figure) -> None:
    """Other apps add the figures they hold (demonstration zones, brand rounds, measures…) from their
    AppConfig.ready(); the form's layout names them by code."""
    for figure in figures:
        if figure.code in FIGURES and FIGURES[figure.code] is not figure:
            raise ValueError(f"statistics figure {figure.code!r} registered twice")
        FIGURES[figure.code] = figure


def figure_get(code: str) -> Figure | None:
    return FIGURES.get(code)


def figure_count(figure: Figure, province: Region, start: datetime.date, end: datetime.date) -> dict:
    """The figure's value, the ids of the records behind it and, if it has one, its breakdown."""
    records = figure.records(province, start, end).order_by()
    ids = sorted(set(records.values_list("pk", flat=True)))
    if figure.share:
        whole = records.count()
        part = records.filter(**{figure.share: True}).count()
        share = round(100 * part / whole, 1) if whole else 0
        value = int(share) if share == int(share) else share
    elif figure.total:
        total = records.aggregate(n=Sum(figure.total))["n"] or 0
        # Whole numbers stay integers (the XLSX writes numbers, the snapshot is JSON).
        value = int(total) if total == int(total) else round(float(total), 2)
    else:
        value = records.aggregate(n=Count(figure.distinct, distinct=True))["n"]
    result: dict[str, Any] = {"value": value, "ids": ids}
    if figure.breakdown:
        groups = records.values(figure.breakdown).annotate(n=Count("pk", distinct=True)).order_by(figure.breakdown)
        result["breakdown"] = {group[figure.breakdown]: group["n"] for group in groups}
    return result


def figures_count(province: Region, start: datetime.date, end: datetime.date) -> dict[str, dict]:
    return {code: figure_count(figure, province, start, end) for code, figure in FIGURES.items()}


def breakdown_labels(breakdown: dict) -> list[tuple[str, int]]:
    """Category codes as names, in the order of the categories."""
    names = dict(ProductCategory.choices)
    order = list(names)
    return [
        (str(names.get(code, code)), count)
        for code, count in sorted(breakdown.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99)
    ]
