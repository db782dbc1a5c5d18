"""Reads of the promotion programme: who sees which records, and which bureaus a person records for."""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cases.declarations.selectors import authorised_users_public
from cases.models import ProtectedProduct
from organizations.models import Department, Membership, Region, Role
from organizations.selectors import members_of, region_code_filter, regions_within
from workflows.next_step import MAX_CANDIDATES, Handler, NextStep

from .models import MediaReport, PublicityActivity, SitePage, WorkPlan
from .services import REGIONAL_BUREAUS


def recording_bureaus(user) -> QuerySet[Department]:
    """The regional bureaus whose staff the user is: they record activities, reports and plans."""
    memberships = Membership.objects.filter(user=user, is_active=True, role=Role.STAFF)
    return (
        Department.objects.filter(pk__in=memberships.values("department_id"), kind__in=REGIONAL_BUREAUS)
        .exclude(region=None)
        .select_related("region")
        .order_by("code")
    )


def submitting_bureaus(user) -> QuerySet[Department]:
    """The provincial bureaus whose staff the user is: they submit the national site's pages."""
    return recording_bureaus(user).filter(kind=Department.Kind.PROVINCIAL_BUREAU)


def regions_for(bureaus) -> QuerySet[Region]:
    regions = Region.objects.none()
    for bureau in bureaus:
        regions |= regions_within(bureau.region)
    return regions.order_by("code")


def products_for(bureaus) -> QuerySet[ProtectedProduct]:
    provinces = {bureau.region.code[:2] for bureau in bureaus}
    return ProtectedProduct.objects.filter(
        status=ProtectedProduct.Status.PROTECTED,
        province__code__in=[f"{prefix}0000" for prefix in provinces],
    ).order_by("name")


def _in_period(records: QuerySet, field: str, start: datetime.date | None, end: datetime.date | None) -> QuerySet:
    if start:
        records = records.filter(**{f"{field}__gte": start})
    if end:
        records = records.filter(**{f"{field}__lte": end})
    return records


def activities_visible_to(user, start=None, end=None) -> QuerySet[PublicityActivity]:
    records = PublicityActivity.objects.filter(region_code_filter(user, "region__code"))
    records = records.select_related("region", "bureau").prefetch_related("products")
    return _in_period(records, "held_on", start, end)


def media_reports_visible_to(user, start=None, end=None) -> QuerySet[MediaReport]:
    records = MediaReport.objects.filter(region_code_filter(user, "region__code")).select_related("region", "bureau")
    return _in_period(records, "published_on", start, end)


def work_plans_visible_to(user, start=None, end=None) -> QuerySet[WorkPlan]:
    """A plan is seen where its bureau is: by that bureau, the bureaus above it and national bodies."""
    records = WorkPlan.objects.filter(region_code_filter(user, "bureau__region__code")).select_related(
        "bureau", "bureau__region"
    )
    # A plan belongs to a period when the period it covers overlaps it.
    if start:
        records = records.filter(covers_to__gte=start)
    if end:
        records = records.filter(covers_from__lte=end)
    return records


def work_plan_visible_to(user, pk) -> WorkPlan | None:
    return work_plans_visible_to(user).filter(pk=pk).first()


def site_pages_visible_to(user) -> QuerySet[SitePage]:
    """A province's pages: its provincial bureau and national bodies (the 信息中心 reviews them)."""
    return SitePage.objects.filter(region_code_filter(user, "province__code")).select_related(
        "product", "province", "bureau"
    )


def site_page_visible_to(user, pk) -> SitePage | None:
    return site_pages_visible_to(user).filter(pk=pk).first()


def current_mark_users(page: SitePage):
    """What the national site shows beside the page: the register's authorised users of the product."""
    return authorised_users_public(product=page.product)


def correcting_steps(page: SitePage) -> list[NextStep]:
    """While a page is returned no task is open: the province's staff correct it and submit it again."""
    if not page.is_editable:
        return []
    staff = list(members_of(page.bureau_id, Role.STAFF).order_by("full_name", "username")[: MAX_CANDIDATES + 1])
    return [
        NextStep(
            task=None,
            title=_("Correct the page and submit it again"),
            assigned=False,
            handlers=[Handler(user, page.bureau) for user in staff[:MAX_CANDIDATES]],
            more=len(staff) > MAX_CANDIDATES,
        )
    ]
