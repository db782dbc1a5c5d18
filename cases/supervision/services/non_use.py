"""A check opened by a rule instead of a draw: the special mark unused for two years (ADR 0055).

The declaration goes under check exactly as a drawn one does, in a standing campaign of its
province's bureau for the year (one per bureau and year, opened by the worker, no seed): two of
the bureau's inspectors free of conflicts with the enterprise are chosen at random, and the
worker's open_drawn_checks opens the check's process. From there the supervision flow decides:
compliant, rectification, or revocation.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from organizations.models import Department, Membership, Region, Role

from ...declarations.choices import DeclarationAction
from ...models import Declaration, SupervisionCampaign, SupervisionCheck
from ..choices import SupervisionAction
from ..selectors import conflict_applies, conflicts_in_force

NON_USE_CAMPAIGN_TITLE = "专用标志连续两年未使用核查（%(year)s年）"


def _standing_campaign(bureau: Department, year: int) -> SupervisionCampaign:
    reference = f"CC-{bureau.code}-{year}-NU"
    campaign = SupervisionCampaign.objects.select_for_update().filter(reference=reference).first()
    if campaign is not None:
        return campaign
    campaign = SupervisionCampaign.objects.create(
        reference=reference,
        title=NON_USE_CAMPAIGN_TITLE % {"year": year},
        organiser=bureau,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        sample_size=0,
        drawn_at=timezone.now(),
    )
    campaign.regions.set([bureau.region])
    campaign.mark_drawn()
    campaign.save()
    audit_record(actor=None, action=SupervisionAction.CAMPAIGN_CREATE, target=campaign, to_state=campaign.status)
    return campaign


@transaction.atomic
def check_open_for_non_use(*, declaration: Declaration, last_use_on: datetime.date) -> SupervisionCheck:
    """Put a published declaration unused since `last_use_on` under check; the worker opens it."""
    declaration = (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("enterprise__region", "production_region")
        .get(pk=declaration.pk)
    )
    province = Region.objects.get(code=declaration.production_region.code[:2] + "0000")
    bureau = Department.objects.get(region=province, kind=Department.Kind.PROVINCIAL_BUREAU)
    inspectors = list(
        Membership.objects.filter(department=bureau, role=Role.INSPECTOR, is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    in_force = conflicts_in_force().filter(inspector_id__in=inspectors).select_related("region")
    excluded = {
        conflict.inspector_id
        for conflict in in_force
        if conflict_applies(
            conflict,
            enterprise_id=declaration.enterprise_id,
            product_id=declaration.product_id,
            region_code=declaration.enterprise.region.code,
        )
    }
    free = [pk for pk in inspectors if pk not in excluded]
    if len(free) < 2:
        raise ValidationError(
            _("%(bureau)s has fewer than two inspectors free of conflicts with %(enterprise)s.")
            % {"bureau": bureau.name, "enterprise": declaration.enterprise.name}
        )
    chosen = secrets.SystemRandom().sample(free, 2)
    campaign = _standing_campaign(bureau, timezone.localdate().year)
    before = declaration.status
    declaration.start_check()  # refuses a declaration not published (withdrawn, already under check)
    declaration.save()
    position = SupervisionCheck.objects.filter(campaign=campaign).count() + 1
    check = SupervisionCheck.objects.create(
        campaign=campaign,
        declaration=declaration,
        inspector_a_id=chosen[0],
        inspector_b_id=chosen[1],
        draw_position=position,
    )
    audit_record(
        actor=None,
        action=DeclarationAction.START_CHECK,
        target=declaration,
        from_state=before,
        to_state=declaration.status,
        data={"campaign": campaign.reference},
    )
    audit_record(
        actor=None,
        action=SupervisionAction.NON_USE_CHECK,
        target=check,
        data={"last_use_on": last_use_on.isoformat(), "inspectors": chosen},
    )
    return check
