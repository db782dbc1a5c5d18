"""Supervision's audit actions and the outcomes inspectors propose."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class SupervisionAction(models.TextChoices):
    """Every audit action recorded on a campaign, a check or a declared conflict of interest
    (values are the stored strings). What a check does to its declaration is a DeclarationAction."""

    CONFLICT_DECLARE = "conflict.declare", _("Conflict of interest declared")
    CONFLICT_WITHDRAW = "conflict.withdraw", _("Conflict of interest withdrawn")
    CAMPAIGN_CREATE = "campaign.create", _("Campaign planned")
    # Labels are what a history says was done (the statuses say where it led): whole phrases.
    CAMPAIGN_DRAW = "campaign.draw", _("Sample drawn and published")
    CHECK_COMPLIANT = "check.compliant", _("Found compliant by the check")
    CHECK_RECTIFICATION = "check.rectification", _("Rectification ordered after the check")
    CHECK_REVOCATION = "check.revocation", _("Revocation proposed after the check")
    CHECK_REVOCATION_APPROVE = "check.revocation_approve", _("Revocation approved")
    CHECK_REVOCATION_REJECT = "check.revocation_reject", _("Revocation rejected: rectification ordered instead")
    RECTIFICATION_REPORT = "check.rectification_report", _("Rectification reported by the producer")
    NON_USE_CHECK = "check.non_use", _("Check opened: the mark unused for two years")


class CheckOutcome(models.TextChoices):
    """The outcome the inspectors propose for a check (or a re-inspection)."""

    COMPLIANT = "compliant", _("Compliant")
    RECTIFICATION = "rectification", _("Rectification within 30 days")
    REVOCATION = "revocation", _("Revocation (the lead approves)")


CHECK_RESULT_ACTIONS: dict[str, SupervisionAction] = {
    CheckOutcome.COMPLIANT: SupervisionAction.CHECK_COMPLIANT,
    CheckOutcome.RECTIFICATION: SupervisionAction.CHECK_RECTIFICATION,
    CheckOutcome.REVOCATION: SupervisionAction.CHECK_REVOCATION,
}
