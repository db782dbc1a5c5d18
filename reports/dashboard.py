"""The leads' dashboard: the year's progress against the national targets, casework opened and
closed, deadlines met and days per stage, by province and by month. Every number is one
aggregate query, so the page costs the same number of queries for ten cases or ten thousand."""

import statistics
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Application, Declaration, EnforcementCase, Purpose
from deadlines.models import Deadline, DeadlineAlert
from deadlines.rules import RULES
from organizations.models import Region, Role
from organizations.selectors import departments_of

from .charts import bar_chart, progress_bar

# The 2016 plan's annual national targets (docs/domain.md §6).
TARGETS = {"products": 120, "enterprises": 600, "zones": 5, "brands": 50}

# Targets counted from the records of an app above this one (zones: the zones named in the year),
# registered from its AppConfig.ready(); a target without one counts the provinces' reports.
TARGET_COUNTS: dict[str, Callable[["Scope", int], int]] = {}


def register_target_count(target: str, count: Callable[["Scope", int], int]) -> None:
    TARGET_COUNTS[target] = count


@dataclass(frozen=True)
class Scope:
    province: Region | None  # None: the whole country

    def prefix(self) -> str:
        return self.province.prefix if self.province else ""

    def where(self, field: str) -> Q:
        """Records whose region (a Region relation named `field`) lies in the scope."""
        return Q(**{f"{field}__code__startswith": self.prefix()}) if self.province else Q()


def scope_of(user) -> Scope | None:
    """科技司 (national) leads see the country, provincial leads their province; others no dashboard."""
    return scope_of_leads(user, list(departments_of(user, Role.LEAD)))


def scope_of_leads(user, leads) -> Scope | None:
    """scope_of, for the departments the user leads (with their regions), read by the caller."""
    if user.is_superuser:
        return Scope(province=None)
    if any(department.is_national for department in leads):
        return Scope(province=None)
    provinces = [d.region for d in leads if d.region is not None and d.region.level == Region.Level.PROVINCE]
    return Scope(province=provinces[0]) if provinces else None


def _in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__year": year})


def target_progress(scope: Scope, year: int) -> dict[str, int]:
    products = Application.objects.filter(
        scope.where("province"), _in_year("closed_at", year), purpose=Purpose.PROTECTION, status="protected"
    ).count()
    enterprises = (
        Declaration.objects.filter(scope.where("production_region"), _in_year("declared_at", year))
        .values("enterprise_id")
        .distinct()
        .count()
    )
    # Zones and brands are counted from their records by the apps that hold them (TARGET_COUNTS).
    progress = {"products": products, "enterprises": enterprises, "zones": 0, "brands": 0}
    for target, count in TARGET_COUNTS.items():
        progress[target] = count(scope, year)
    return progress


def _by_month(queryset, field: str) -> list[int]:
    counts = dict(
        queryset.annotate(month=ExtractMonth(field)).values("month").annotate(n=Count("pk")).values_list("month", "n")
    )
    return [counts.get(month, 0) for month in range(1, 13)]


def casework_by_month(scope: Scope, year: int) -> dict[str, list[int]]:
    applications = Application.objects.filter(scope.where("province")).exclude(status=Application.Status.DRAFT)
    cases = EnforcementCase.objects.filter(scope.where("region"))
    return {
        "applications_opened": _by_month(applications.filter(_in_year("submitted_at", year)), "submitted_at"),
        "applications_closed": _by_month(applications.filter(_in_year("closed_at", year)), "closed_at"),
        "cases_opened": _by_month(cases.filter(_in_year("created_at", year)), "created_at"),
        "cases_closed": _by_month(cases.filter(_in_year("closed_on", year)), "closed_on"),
    }


def _province_of(code: str) -> str:
    return code[:2] + "0000"


def casework_by_province(scope: Scope, year: int) -> list[dict]:
    """Per province: new protections, applications and cases opened and closed (4 queries)."""
    rows: dict[str, dict] = {}

    def add(queryset, code_field: str, key: str) -> None:
        for code, count in queryset.values_list(code_field).annotate(n=Count("pk", distinct=True)).order_by():
            row = rows.setdefault(_province_of(code), {})
            row[key] = row.get(key, 0) + count

    applications = Application.objects.filter(scope.where("province")).exclude(status=Application.Status.DRAFT)
    add(
        applications.filter(_in_year("closed_at", year), purpose=Purpose.PROTECTION, status="protected"),
        "province__code",
        "products",
    )
    add(applications.filter(_in_year("submitted_at", year)), "province__code", "applications_opened")
    cases = EnforcementCase.objects.filter(scope.where("region"))
    add(cases.filter(_in_year("created_at", year)), "region__code", "cases_opened")
    add(cases.filter(_in_year("closed_on", year)), "region__code", "cases_closed")
    names = dict(Region.objects.filter(code__in=rows).values_list("code", "name"))
    return [{"code": code, "name": names.get(code, code), **rows[code]} for code in sorted(rows)]


def deadline_performance(scope: Scope, year: int) -> dict:
    """Share of deadlines met on time (never escalated) among those that fell due this year."""
    deadlines = Deadline.objects.filter(scope.where("department__region"), _in_year("due_on", year)).annotate(
        escalated=Exists(DeadlineAlert.objects.filter(deadline=OuterRef("pk"), kind="escalation"))
    )
    totals = deadlines.aggregate(
        on_time=Count("pk", filter=Q(state=Deadline.State.MET, escalated=False)),
        late=Count("pk", filter=Q(state=Deadline.State.MET, escalated=True)),
        overdue=Count("pk", filter=Q(state=Deadline.State.OVERDUE)),
    )
    decided = totals["on_time"] + totals["late"] + totals["overdue"]
    totals["share"] = round(100 * totals["on_time"] / decided) if decided else None
    return totals


def median_days_per_stage(scope: Scope, year: int) -> list[dict]:
    """Median calendar days from a stage's start to its completion, per legal time limit (1 query).

    Days are counted in local (Beijing) dates, as the start day is: the database hands the closing
    moment back in UTC, whose date is the day before from 00:00 to 08:00 in Beijing."""
    durations: dict[str, list[int]] = {}
    finished = Deadline.objects.filter(
        scope.where("department__region"), _in_year("closed_at", year), state=Deadline.State.MET
    ).values_list("rule_code", "started_on", "closed_at")
    for code, started_on, closed_at in finished.iterator():
        if closed_at is None:  # a met deadline has closed; this only satisfies the type checker
            continue
        # Never below 0: a start day given by the caller may fall after the completion.
        days = max((timezone.localdate(closed_at) - started_on).days, 0)
        durations.setdefault(code, []).append(days)
    return [
        {
            "rule": str(RULES[code].label) if code in RULES else code,
            "median": statistics.median(days),
            "count": len(days),
        }
        for code, days in sorted(durations.items())
    ]


def dashboard_context(scope: Scope, year: int) -> dict:
    progress = target_progress(scope, year)
    months = casework_by_month(scope, year)
    provinces = casework_by_province(scope, year)
    target_rows = [
        (_("Newly protected products"), progress["products"], TARGETS["products"]),
        (_("Newly authorised enterprises"), progress["enterprises"], TARGETS["enterprises"]),
        (_("Demonstration zones"), progress["zones"], TARGETS["zones"]),
        (_("Products in the published brand top 50"), progress["brands"], TARGETS["brands"]),
    ]
    month_labels = [str(month) for month in range(1, 13)]
    return {
        "scope": scope,
        "year": year,
        "today": timezone.localdate(),
        "targets": [
            {"label": label, "value": value, "target": target, "bar": progress_bar(value, target, title=str(label))}
            for label, value, target in target_rows
        ],
        "months": months,
        "month_chart_applications": bar_chart(
            month_labels,
            [(_("opened"), months["applications_opened"]), (_("closed"), months["applications_closed"])],
            title=_("Protection applications by month"),
        ),
        "month_chart_cases": bar_chart(
            month_labels,
            [(_("opened"), months["cases_opened"]), (_("closed"), months["cases_closed"])],
            title=_("Enforcement cases by month"),
        ),
        "provinces": provinces,
        "province_chart": bar_chart(
            [row["name"] for row in provinces],
            [
                (_("newly protected"), [row.get("products", 0) for row in provinces]),
                (_("cases opened"), [row.get("cases_opened", 0) for row in provinces]),
            ],
            title=_("By province"),
        ),
        "deadlines": deadline_performance(scope, year),
        "stages": median_days_per_stage(scope, year),
    }
