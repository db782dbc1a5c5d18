"""Reads on supervision campaigns and checks, and who may download a check's evidence."""

from django.db.models import Q, QuerySet

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


def has_conflict_with(actor: User, check: SupervisionCheck) -> bool:
    """The inspector declared a conflict of interest with the checked enterprise (after the draw,
    which skips declared conflicts): they must stand aside (回避)."""
    enterprise = SupervisionCheck.objects.filter(pk=check.pk).values("declaration__enterprise_id")
    return ConflictOfInterest.objects.filter(inspector_id=actor.pk, enterprise_id__in=enterprise).exists()


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


def check_in_rectification_of(declaration) -> SupervisionCheck | None:
    """The check of this declaration that waits for the producer's rectification, if any."""
    return (
        declaration.supervision_checks.filter(status=SupervisionCheck.Status.RECTIFICATION)
        .exclude(rectification_due=None)
        .order_by("-pk")
        .first()
    )
