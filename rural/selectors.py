"""Reads on rural revitalisation: which regions are aided on a day, who sees which records, for
which bureau a person enters them."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cases.models import ProtectedProduct
from organizations.models import Department, Region, Role
from organizations.selectors import departments_of, region_code_filter, staff_member_filter

from .models import AidDesignation, AidKind, EffectReport, Material, Measure, Project

JCS = "JCS"


def jcs() -> Department:
    return Department.objects.get(code=JCS)


def _covering(region: Region) -> Q:
    """Designations of the region itself or of a province or prefecture containing it."""
    prefixes = {region.code[:2] + "0000", region.code[:4] + "00", region.code}
    return Q(region__code__in=prefixes)


def designations_on(region: Region, day: datetime.date) -> QuerySet[AidDesignation]:
    """The designations in force for the region on that day (validity dates included)."""
    return (
        AidDesignation.objects.filter(_covering(region), valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .select_related("region")
    )


def is_designated(region: Region, kind: AidKind | str, day: datetime.date) -> bool:
    return designations_on(region, day).filter(kind=kind).exists()


def _staff_only(user, records: QuerySet) -> QuerySet:
    return records.filter(staff_member_filter(user)) if user.is_authenticated else records.none()


def projects_visible_to(user) -> QuerySet[Project]:
    """计财司 and the national bodies see every project; a bureau those of its region."""
    projects = Project.objects.select_related("region", "province", "applicant")
    return _staff_only(user, projects.filter(region_code_filter(user, "region__code")))


def measures_visible_to(user) -> QuerySet[Measure]:
    measures = Measure.objects.select_related("organiser")
    return _staff_only(user, measures.filter(region_code_filter(user, "organiser__region__code")))


def effect_reports_visible_to(user) -> QuerySet[EffectReport]:
    reports = EffectReport.objects.select_related("region", "reporter")
    return _staff_only(user, reports.filter(region_code_filter(user, "region__code")))


def materials_visible_to(user) -> QuerySet[Material]:
    return Material.objects.filter(
        Q(project__in=projects_visible_to(user).values("pk")) | Q(measure__in=measures_visible_to(user).values("pk"))
    )


def entering_bureaus(user) -> list[Department]:
    """The provincial, city and county bureaus where the user works as staff: measures, projects
    and effects are entered for one of them, inside its region."""
    return [department for department in departments_of(user, Role.STAFF) if department.region_id is not None]


def _area(bureau: Department) -> Region:
    """A local bureau's region (entering_bureaus keeps only bureaus that have one)."""
    if bureau.region is None:
        raise ValueError(f"{bureau.code} has no region")
    return bureau.region


def regions_within(bureaus: list[Department]) -> QuerySet[Region]:
    if not bureaus:
        return Region.objects.none()
    condition = Q()
    for bureau in bureaus:
        condition |= Q(code__startswith=_area(bureau).prefix)
    return Region.objects.filter(condition).order_by("code")


def products_within(bureaus: list[Department]) -> QuerySet[ProtectedProduct]:
    provinces = {_area(bureau).code[:2] + "0000" for bureau in bureaus}
    return ProtectedProduct.objects.filter(province__code__in=provinces).order_by("name")


def bureau_for(bureaus: list[Department], regions: list[Region]) -> Department:
    """The narrowest of the user's bureaus whose region holds every one of the regions; a
    ValidationError saying so when none does (the page and the API give the same refusal)."""
    holding = [bureau for bureau in bureaus if all(region.code.startswith(_area(bureau).prefix) for region in regions)]
    if not holding:
        raise ValidationError(_("No bureau of yours holds all these regions."))
    return max(holding, key=lambda bureau: len(_area(bureau).prefix))
