"""The zones' figures of the statistics form (row 示范区监督巡查情况) and of the dashboard's target:
counted from the zones' own records (reports.figures)."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.figures import Figure, register_figures

from .models import Level, Tour, Zone


def _tours(province, start: datetime.date, end: datetime.date):
    return Tour.objects.filter(
        toured_on__gte=start, toured_on__lte=end, zone__region__code__startswith=province.prefix
    ).select_related("zone", "bureau")


def _named(province, start, end):
    return Zone.objects.filter(
        named_on__gte=start, named_on__lte=end, region__code__startswith=province.prefix
    ).select_related("region")


def _preparing(province, start, end):
    # In preparation at the end of the period: approved by then, and neither named nor revoked before it.
    return (
        Zone.objects.filter(preparation_from__lte=end, region__code__startswith=province.prefix)
        .filter(Q(named_on__isnull=True) | Q(named_on__gt=end))
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=end))
        .exclude(status=Zone.Status.REJECTED)
        .select_related("region")
    )


FIGURES = (
    Figure(
        "zone_tours",
        _("supervision tours of demonstration zones"),
        _("Supervision tours of the province's demonstration zones made in the period."),
        "次",
        _tours,
    ),
    Figure(
        "zones_named",
        _("demonstration zones named"),
        _("Demonstration zones (national and provincial) of the province named in the period."),
        "个",
        _named,
    ),
    Figure(
        "zones_preparing",
        _("demonstration zones in preparation"),
        _("Demonstration zones of the province approved for preparation and not yet named at the end of the period."),
        "个",
        _preparing,
    ),
)


def register() -> None:
    register_figures(*FIGURES)


def zones_named_in_year(scope, year: int) -> int:
    """The dashboard's figure against the national target of 5: national zones named in the year."""
    return Zone.objects.filter(scope.where("region"), level=Level.NATIONAL, named_on__year=year).count()
