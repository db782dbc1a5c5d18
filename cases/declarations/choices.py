"""The self-declaration's audit actions and the outcomes of the bureau's in-process check."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class DeclarationAction(models.TextChoices):
    """Every audit action recorded on a declaration (values are the stored strings)."""

    CREATE = "declaration.create", _("Draft created")
    ATTACH = "declaration.attach", _("Document attached")
    SUBMIT = "declaration.submit", _("Declared and published")
    IN_PROCESS_CHECK_OK = "declaration.in_process_check.ok", _("Looked over by the bureau: nothing to correct")
    IN_PROCESS_CHECK_CORRECTION = "declaration.in_process_check.correction", _("Correction requested by the bureau")
    IN_PROCESS_CHECK_PROPOSE_SUSPENSION = (
        "declaration.in_process_check.propose_suspension",
        _("Suspension proposed by the bureau"),
    )
    RESUBMIT = "declaration.resubmit", _("Correction sent")
    SUSPENSION_APPROVE = "declaration.suspension.approve", _("Use of the mark suspended")
    SUSPENSION_REJECT = "declaration.suspension.reject", _("Proposed suspension rejected")
    WITHDRAW = "declaration.withdraw", _("Withdrawn")
    # Written by the supervision services (the draw, the check's result, the lead's decision)
    # and by a product's revocation: the target is the declaration.
    START_CHECK = "declaration.start_check", _("Drawn for a supervision check")
    CHECK_COMPLIANT = "declaration.check_compliant", _("Supervision check: compliant")
    CHECK_RECTIFICATION = "declaration.check_rectification", _("Rectification ordered")
    REVOKE = "declaration.revoke", _("Authorisation revoked")


class InProcessOutcome(models.TextChoices):
    """What the bureau found when it looked over a new declaration (事中检查)."""

    NOTHING_TO_CORRECT = "ok", _("Nothing to correct")
    CORRECTION = "correction", _("Ask the producer to correct")
    PROPOSE_SUSPENSION = "propose_suspension", _("Propose suspension to the lead")


IN_PROCESS_CHECK_ACTIONS: dict[str, DeclarationAction] = {
    InProcessOutcome.NOTHING_TO_CORRECT: DeclarationAction.IN_PROCESS_CHECK_OK,
    InProcessOutcome.CORRECTION: DeclarationAction.IN_PROCESS_CHECK_CORRECTION,
    InProcessOutcome.PROPOSE_SUSPENSION: DeclarationAction.IN_PROCESS_CHECK_PROPOSE_SUSPENSION,
}
