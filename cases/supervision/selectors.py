"""Reads on supervision campaigns and checks, and who may download a check's evidence."""

import datetime

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from organizations.selectors import is_staff_member, jurisdiction_prefixes, region_code_filter

from ..models import CheckEvidence, ConflictOfInterest, RectificationReport, SupervisionCampaign, SupervisionCheck


def campaigns_visible_to(user) -> QuerySet[SupervisionCampaign]:
    """Campaigns organised inside the user's jurisdiction (national staff see all)."""
    campaigns = SupervisionCampaign.objects.select_related("organiser", "organiser__region").order_by("-created_at")
    prefixes = jurisdiction_prefixes(user)
    if "" in prefixes:
        return campaigns
    condition = Q(pk__in=[])
    for prefix in prefixes:
        # A county sees its province's campaigns too: they are checked on its ground.
        condition |= Q(organiser__region__code__startswith=prefix[:2])
    return campaigns.filter(condition)


def campaign_visible_to(user, pk: int) -> SupervisionCampaign | None:
    return campaigns_visible_to(user).filter(pk=pk).first()


def campaigns_published() -> QuerySet[SupervisionCampaign]:
    """What the public sees: drawn campaigns (一公开), without inspector names."""
    return SupervisionCampaign.objects.exclude(status=SupervisionCampaign.Status.PLANNED).select_related("organiser")


def conflicts_in_force(day: datetime.date | None = None) -> QuerySet[ConflictOfInterest]:
    """Declared conflicts not withdrawn whose period covers the day (today by default)."""
    day = day or timezone.localdate()
    return ConflictOfInterest.objects.filter(withdrawn_at__isnull=True, valid_from__lte=day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def conflict_applies(conflict: ConflictOfInterest, *, enterprise_id: int, product_id: int, region_code: str) -> bool:
    """The one rule, in Python (the draw): the enterprise, the product, or the enterprise's region."""
    return (
        conflict.enterprise_id == enterprise_id
        or conflict.product_id == product_id
        or (conflict.region is not None and region_code.startswith(conflict.region.prefix))
    )


def conflicts_on_declaration(conflicts: QuerySet[ConflictOfInterest], path: str) -> QuerySet[ConflictOfInterest]:
    """The same rule in SQL: conflicts matching the declaration at `path` of the outer query."""
    checked_region = ExpressionWrapper(OuterRef(f"{path}enterprise__region__code"), output_field=CharField())
    return conflicts.annotate(_checked_region=checked_region).filter(
        Q(enterprise_id=OuterRef(f"{path}enterprise_id"))
        | Q(product_id=OuterRef(f"{path}product_id"))
        | Q(region__isnull=False, _checked_region__startswith=F("region__prefix"))
    )


def checks_conflicted_for(user) -> QuerySet[SupervisionCheck]:
    """Checks whose enterprise, product or region the user declared a conflict with, in force today."""
    mine = conflicts_in_force().filter(inspector_id=user.pk)
    return SupervisionCheck.objects.filter(Exists(conflicts_on_declaration(mine, "declaration__")))


def has_conflict_with(actor: User, check: SupervisionCheck) -> bool:
    """The inspector declared a conflict of interest with the checked enterprise, its product or
    its region (after the draw, which skips declared conflicts): they must stand aside (回避)."""
    return checks_conflicted_for(actor).filter(pk=check.pk).exists()


def inspectors_conflicted_with(check_id: int) -> QuerySet:
    """Ids of inspectors with a conflict in force on the check's declaration."""
    checks = SupervisionCheck.objects.filter(pk=check_id)
    region_code = checks.values("declaration__enterprise__region__code")[:1]
    conflicts = conflicts_in_force().annotate(_checked_region=region_code)
    return conflicts.filter(
        Q(enterprise_id__in=checks.values("declaration__enterprise_id"))
        | Q(product_id__in=checks.values("declaration__product_id"))
        | Q(region__isnull=False, _checked_region__startswith=F("region__prefix"))
    ).values("inspector_id")


def conflicts_visible_to(user) -> QuerySet[ConflictOfInterest]:
    """An inspector's own declarations and, for a lead, those of the members of the bodies they lead."""
    from organizations.models import Membership, Role

    led = Membership.objects.filter(user_id=user.pk, role=Role.LEAD, is_active=True).values("department_id")
    members = Membership.objects.filter(department_id__in=led, is_active=True).values("user_id")
    return ConflictOfInterest.objects.filter(Q(inspector_id=user.pk) | Q(inspector_id__in=members)).select_related(
        "inspector", "enterprise", "product", "region", "declared_by"
    )


def check_evidence_files_visible_to(user) -> QuerySet[CheckEvidence]:
    """Who may see the check (SupervisionCheckFlow.seen_by_jurisdiction): staff whose jurisdiction
    covers the checked production site; producers never (inspectors' files). The one rule for the
    download, the preview and the materials panel (anyone else: 404)."""
    if not is_staff_member(user):
        return CheckEvidence.objects.none()
    return CheckEvidence.objects.filter(region_code_filter(user, "check_record__declaration__production_region__code"))


def rectification_report_due(check: SupervisionCheck) -> RectificationReport | None:
    """The report answering the check's current rectification deadline, if one was sent."""
    if check.rectification_due is None:
        return None
    return check.rectification_reports.filter(due_on=check.rectification_due).first()


def rectification_reports_of(declaration) -> QuerySet[RectificationReport]:
    """Every report the producer sent on this declaration's checks, the latest first."""
    return (
        RectificationReport.objects.filter(check_record__declaration=declaration)
        .select_related("check_record__declaration")
        .prefetch_related("files")
    )


def rectification_reports_visible_to(user) -> QuerySet[RectificationReport]:
    """Staff read a report where they may read its files: the checked site is in their jurisdiction."""
    if not is_staff_member(user):
        return RectificationReport.objects.none()
    return (
        RectificationReport.objects.filter(
            region_code_filter(user, "check_record__declaration__production_region__code")
        )
        .select_related("check_record__declaration")
        .prefetch_related("files")
    )


def check_in_rectification_of(declaration) -> SupervisionCheck | None:
    """The check of this declaration that waits for the producer's rectification, if any."""
    return (
        declaration.supervision_checks.filter(status=SupervisionCheck.Status.RECTIFICATION)
        .exclude(rectification_due=None)
        .order_by("-pk")
        .first()
    )
