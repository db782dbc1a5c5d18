"""Reads on demonstration zones: who sees which, the public register, the next step."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cases.common.pinyin import normalize_query
from deadlines.models import Deadline
from deadlines.selectors import deadlines_for
from organizations.models import Department, Role
from organizations.selectors import members_of, region_code_filter
from workflows.next_step import MAX_CANDIDATES, Handler, NextStep

from .clocks import ANNUAL_REPORT
from .models import Tour, Zone

PUBLIC_STATES = (Zone.Status.NAMED, Zone.Status.REVOKED)


def province_bureau(zone: Zone) -> Department:
    """The bureau of the zone's province: it recommends, visits the site, and answers for its zones."""
    return Department.objects.get(region=zone.province, kind=Department.Kind.PROVINCIAL_BUREAU)


def zones_visible_to(user) -> QuerySet[Zone]:
    """Staff see the zones inside their jurisdiction; national bodies every zone."""
    return (
        Zone.objects.filter(region_code_filter(user, "region__code"))
        .select_related("region", "province", "bureau")
        .prefetch_related("products")
    )


def zone_visible_to(user, pk) -> Zone | None:
    return zones_visible_to(user).filter(pk=pk).first()


def tours_visible_to(user) -> QuerySet[Tour]:
    return Tour.objects.filter(region_code_filter(user, "zone__region__code")).select_related("zone", "bureau")


def zones_public(query: str = "") -> QuerySet[Zone]:
    """Named zones (and revoked ones, with the published reason), searchable by the government's or
    a product's Chinese name, pinyin or initials."""
    zones = Zone.objects.filter(status__in=PUBLIC_STATES).select_related("region", "province")
    query = (query or "").strip()
    if query:
        needle = normalize_query(query)
        zones = zones.filter(
            Q(government__icontains=query)
            | Q(search_key__contains=needle)
            | Q(products__name__icontains=query)
            | Q(products__name_pinyin__contains=needle)
        ).distinct()
    return zones.prefetch_related("products").order_by("-named_on", "reference")


def annual_report_clock(zone: Zone) -> Deadline | None:
    return (
        deadlines_for(zone)
        .filter(rule_code=ANNUAL_REPORT, state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE])
        .first()
    )


def owner_steps(zone: Zone) -> list[NextStep]:
    """Steps that are not flow tasks: the entering bureau's (the application, the annual report,
    the request for acceptance); the page names the bureau's staff instead of nobody."""
    if zone.status == Zone.Status.DRAFT:
        title, due = _("Complete and submit the zone application"), None
    elif zone.status == Zone.Status.PREPARING:
        clock = annual_report_clock(zone)
        if clock is not None:
            title, due = _("Submit the zone's annual report"), clock.due_on
        else:
            title, due = _("Request the acceptance of the zone"), zone.preparation_until
    else:
        return []
    staff = list(members_of(zone.bureau_id, Role.STAFF).order_by("full_name", "username")[: MAX_CANDIDATES + 1])
    return [
        NextStep(
            task=None,
            title=title,
            assigned=False,
            handlers=[Handler(user, zone.bureau) for user in staff[:MAX_CANDIDATES]],
            more=len(staff) > MAX_CANDIDATES,
            due_on=due,
        )
    ]
