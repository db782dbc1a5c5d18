"""Reads on the special-mark records and the usage reports, scoped to the staff member's jurisdiction."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.declarations.selectors import declarations_of_producer
from cases.models import Declaration, ProtectedProduct, UsageReport
from cases.usage_reports.selectors import reportable_years
from organizations.models import Department, Membership, Region, Role
from organizations.selectors import region_code_filter

from .jobs import usage_report_due_on
from .models import MarkIssue, MarkPrinting, UsageReportDue

# Those who keep the bureau's mark records: its staff and its lead.
KEEPING_ROLES = (Role.STAFF, Role.LEAD)
BUREAU_KINDS = (Department.Kind.PROVINCIAL_BUREAU, Department.Kind.CITY_BUREAU, Department.Kind.COUNTY_BUREAU)


def bureaus_keeping_records(user) -> QuerySet[Department]:
    """Regional bureaus whose mark records the user keeps (the superuser: none, they keep no stock)."""
    memberships = Membership.objects.filter(user=user, is_active=True, role__in=KEEPING_ROLES)
    return Department.objects.filter(pk__in=memberships.values("department_id"), kind__in=BUREAU_KINDS).select_related(
        "region"
    )


def products_of_bureau(bureau: Department) -> QuerySet[ProtectedProduct]:
    province = bureau.region.code[:2] if bureau.region else ""
    return ProtectedProduct.objects.filter(
        status=ProtectedProduct.Status.PROTECTED, province__code__startswith=province
    ).order_by("name")


def declarations_of_bureau(bureau: Department) -> QuerySet[Declaration]:
    prefix = bureau.region.prefix if bureau.region else ""
    return (
        Declaration.objects.filter(status__in=Declaration.AUTHORISED_STATES, production_region__code__startswith=prefix)
        .select_related("enterprise", "product")
        .order_by("enterprise__name", "reference")
    )


def printings_visible_to(user) -> QuerySet[MarkPrinting]:
    return MarkPrinting.objects.filter(region_code_filter(user, "bureau__region__code")).select_related(
        "bureau", "product"
    )


def issues_visible_to(user) -> QuerySet[MarkIssue]:
    return MarkIssue.objects.filter(region_code_filter(user, "bureau__region__code")).select_related(
        "bureau", "declaration__enterprise", "declaration__product"
    )


@dataclass
class StockLine:
    bureau: Department
    product: ProtectedProduct
    printed: int
    issued: int

    @property
    def in_stock(self) -> int:
        return self.printed - self.issued


def stock_lines(user) -> list[StockLine]:
    """Printed, issued and in stock per bureau and product, for the bureaus the user sees: two queries."""
    printed = {
        (row["bureau"], row["product"]): row["n"]
        for row in printings_visible_to(user).values("bureau", "product").annotate(n=Sum("quantity")).order_by()
    }
    issued = {
        (row["bureau"], row["declaration__product"]): row["n"]
        for row in issues_visible_to(user)
        .values("bureau", "declaration__product")
        .annotate(n=Sum("quantity"))
        .order_by()
    }
    keys = set(printed) | set(issued)
    bureaus = Department.objects.in_bulk({bureau for bureau, _product in keys})
    products = ProtectedProduct.objects.in_bulk({product for _bureau, product in keys})
    lines = [
        StockLine(
            bureaus[bureau], products[product], printed.get((bureau, product), 0), issued.get((bureau, product), 0)
        )
        for bureau, product in keys
    ]
    return sorted(lines, key=lambda line: (line.bureau.code, line.product.name))


# Usage reports, added up.


def usage_reports_visible_to(user) -> QuerySet[UsageReport]:
    return UsageReport.objects.filter(region_code_filter(user, "declaration__production_region__code")).select_related(
        "declaration__enterprise", "declaration__product", "declaration__production_region"
    )


def city_code(region_code: str) -> str:
    """The city (地级) a county code lies in: its first four digits."""
    return region_code[:4] + "00"


@dataclass
class UsageTotal:
    product: ProtectedProduct
    region: Region | None
    region_code: str
    year: int
    reports: int
    output: Decimal
    marked: Decimal
    labels: int
    sales: Decimal


def usage_totals(user, year: int | None = None, product_id: int | None = None) -> list[UsageTotal]:
    """The reports added up by product, city and year, within the user's jurisdiction."""
    reports = usage_reports_visible_to(user)
    if year:
        reports = reports.filter(year=year)
    if product_id:
        reports = reports.filter(declaration__product_id=product_id)
    groups: dict[tuple[int, str, int], dict] = {}
    rows = (
        reports.values("declaration__product", "declaration__production_region__code", "year")
        .annotate(
            n=Count("pk"),
            output=Sum("output_quantity"),
            marked=Sum("marked_quantity"),
            labels=Sum("labels_printed"),
            sales=Sum("sales_value"),
        )
        .order_by()
    )
    for row in rows:
        key = (row["declaration__product"], city_code(row["declaration__production_region__code"]), row["year"])
        group = groups.setdefault(
            key, {"n": 0, "output": Decimal(0), "marked": Decimal(0), "labels": 0, "sales": Decimal(0)}
        )
        group["n"] += row["n"]
        group["output"] += row["output"] or 0
        group["marked"] += row["marked"] or 0
        group["labels"] += row["labels"] or 0
        group["sales"] += row["sales"] or 0
    products = ProtectedProduct.objects.in_bulk({key[0] for key in groups})
    regions = {region.code: region for region in Region.objects.filter(code__in={key[1] for key in groups})}
    totals = [
        UsageTotal(
            products[product], regions.get(code), code, year_, g["n"], g["output"], g["marked"], g["labels"], g["sales"]
        )
        for (product, code, year_), g in groups.items()
    ]
    return sorted(totals, key=lambda t: (-t.year, t.product.name, t.region_code))


def usage_reports_behind(user, *, product_id: int, region_code: str, year: int) -> QuerySet[UsageReport]:
    """The reports one total adds up."""
    return (
        usage_reports_visible_to(user)
        .filter(
            declaration__product_id=product_id,
            year=year,
            declaration__production_region__code__startswith=region_code[:4],
        )
        .order_by("declaration__enterprise__name")
    )


# Due dates and their state.


class DueState:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    AWAITED = "awaited"


DUE_STATE_LABELS = {
    DueState.ON_TIME: _("filed on time"),
    DueState.LATE: _("filed late"),
    DueState.MISSING: _("missing (overdue)"),
    DueState.AWAITED: _("not yet due"),
}


def due_state(due: UsageReportDue, filed_at: datetime.datetime | None, today: datetime.date) -> str:
    if filed_at is not None:
        return DueState.LATE if timezone.localdate(filed_at) > due.due_on else DueState.ON_TIME
    return DueState.MISSING if today > due.due_on else DueState.AWAITED


def dues_visible_to(user, year: int | None = None) -> list[tuple[UsageReportDue, UsageReport | None, str]]:
    """Each due in the user's jurisdiction with its report (if filed) and its state."""
    dues = UsageReportDue.objects.filter(
        region_code_filter(user, "declaration__production_region__code")
    ).select_related("declaration__enterprise", "declaration__product", "declaration__production_region")
    if year:
        dues = dues.filter(year=year)
    return _with_states(list(dues.order_by("due_on", "declaration__enterprise__name")[:500]))


def _with_states(dues: list[UsageReportDue]) -> list[tuple[UsageReportDue, UsageReport | None, str]]:
    """Each due with its report (one query for all) and its state today."""
    reports = {
        (report.declaration_id, report.year): report
        for report in UsageReport.objects.filter(declaration_id__in={due.declaration_id for due in dues})
    }
    today = timezone.localdate()
    answer = []
    for due in dues:
        report = reports.get((due.declaration_id, due.year))
        answer.append((due, report, due_state(due, report.submitted_at if report else None, today)))
    return answer


def missing_reports_count(user) -> int:
    """Dues past their date without a report, for the menu and the page's heading."""
    filed = UsageReport.objects.filter(declaration_id=OuterRef("declaration_id"), year=OuterRef("year"))
    return (
        UsageReportDue.objects.filter(region_code_filter(user, "declaration__production_region__code"))
        .filter(due_on__lt=timezone.localdate())
        .exclude(Exists(filed))
        .count()
    )


# The producer's side: its next report.


@dataclass(frozen=True)
class NextUsageReport:
    year: int
    due_on: datetime.date
    late: bool


def next_usage_report(declaration: Declaration, today: datetime.date | None = None) -> NextUsageReport | None:
    """The oldest report the declaration still owes: a due the job created and nobody filed, else
    the report of a year the mark may be used in that the job will ask for (last year's or this)."""
    today = today or timezone.localdate()
    filed = UsageReport.objects.filter(declaration_id=OuterRef("declaration_id"), year=OuterRef("year"))
    due = UsageReportDue.objects.filter(declaration=declaration).exclude(Exists(filed)).order_by("due_on").first()
    if due is not None:
        return NextUsageReport(due.year, due.due_on, today > due.due_on)
    if not declaration.is_authorised:
        return None
    years = [year for year in reportable_years(declaration) if year >= today.year - 1]
    if not years:
        return None
    due_on = usage_report_due_on(min(years))
    return NextUsageReport(min(years), due_on, today > due_on)


# For the API's schema: the states a due may be in.
DUE_STATE_CHOICES = list(DUE_STATE_LABELS.items())


def dues_of_producer(user) -> list[tuple[UsageReportDue, UsageReport | None, str]]:
    """The dues of the declarations of the user's enterprises, newest first, with their state."""
    return _with_states(
        list(
            UsageReportDue.objects.filter(declaration__in=declarations_of_producer(user))
            .select_related("declaration__enterprise", "declaration__product")
            .order_by("-due_on", "declaration__reference")[:500]
        )
    )
