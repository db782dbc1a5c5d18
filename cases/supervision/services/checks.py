"""Writes on drawn supervision checks: opening, the inspectors' result, the lead's decision."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from accounts.models import User
from audit.services import audit_record
from deadlines.calendar import WorkingCalendar
from organizations.models import Role
from organizations.selectors import members_of

from ...declarations.choices import DeclarationAction
from ...declarations.notices import tell_producer
from ...models import CheckEvidence, Declaration, SupervisionCheck
from ...uploads import checked_upload_fields
from ..choices import CHECK_RESULT_ACTIONS, CheckOutcome, SupervisionAction
from ..notices import tell_staff
from ..selectors import has_conflict_with
from .campaigns import ensure_lead

RECTIFICATION_DAYS = 30

# What a result does to the checked declaration, when it changes its state.
DECLARATION_CHECK_ACTIONS: dict[str, DeclarationAction] = {
    CheckOutcome.COMPLIANT: DeclarationAction.CHECK_COMPLIANT,
    CheckOutcome.RECTIFICATION: DeclarationAction.CHECK_RECTIFICATION,
}


def check_open(*, check: SupervisionCheck) -> None:
    """Give a drawn check's two inspectors their permission and tell them and the producer.

    Called once per check, by the worker's job that also opens the check's process, inside
    its transaction and with the check locked; the check is marked opened in the same one.
    """
    if check.opened_at is not None:
        raise ValueError(f"supervision check {check.pk} is already open")
    for inspector in (check.inspector_a, check.inspector_b):
        assign_perm("cases.perform_check", inspector, check)
    tell_producer(check.declaration, "selected_for_check", campaign=check.campaign.title)
    tell_staff([check.inspector_a, check.inspector_b], check, "check_assigned")
    check.opened_at = timezone.now()
    SupervisionCheck.objects.filter(pk=check.pk).update(opened_at=check.opened_at)


def _rectification_due(days: int) -> datetime.date:
    """Same rule as the rectification deadline: calendar days, moved off a day off."""
    return WorkingCalendar().add_calendar_days(timezone.localdate(), days).date


def _ensure_inspector(actor: User, check: SupervisionCheck) -> None:
    if actor.pk not in (check.inspector_a_id, check.inspector_b_id):
        raise PermissionDenied(_("Only the two inspectors drawn for this check may record it."))
    if has_conflict_with(actor, check):
        raise PermissionDenied(
            _("You declared a conflict of interest with this enterprise; the other inspector records the check.")
        )


def _store_evidence(actor: User, check, files) -> list[dict]:
    stored = []
    for uploaded in files:
        evidence = CheckEvidence.objects.create(
            check_record=check, uploaded_by=actor, **checked_upload_fields(uploaded)
        )
        stored.append({"file": evidence.original_name, "sha256": evidence.sha256})
    return stored


@transaction.atomic
def check_record_result(
    *,
    actor: User,
    check: SupervisionCheck,
    outcome: str,
    document_review: str,
    onsite_visit: str,
    label_check: str,
    sample_test: str,
    findings: str,
    refer_to_enforcement: bool = False,
    referral_reason: str = "",
    evidence=(),
    rectification_days: int = RECTIFICATION_DAYS,
) -> SupervisionCheck:
    """The inspectors record what they found and propose an outcome."""
    check = SupervisionCheck.objects.select_for_update().select_related("declaration").get(pk=check.pk)
    _ensure_inspector(actor, check)
    if outcome != CheckOutcome.COMPLIANT and not findings.strip():
        raise ValidationError({"findings": _("Describe the findings behind this outcome.")})
    if refer_to_enforcement and not referral_reason.strip():
        raise ValidationError({"referral_reason": _("Say why the case is referred to enforcement.")})
    declaration = Declaration.objects.select_for_update().get(pk=check.declaration_id)
    check_before, declaration_before = check.status, declaration.status
    if outcome == CheckOutcome.COMPLIANT:
        check.find_compliant()
        declaration.find_compliant()
        check.closed_at = timezone.now()
    elif outcome == CheckOutcome.RECTIFICATION:
        check.order_rectification()
        declaration.order_rectification()
        check.rectification_due = _rectification_due(rectification_days)
    elif outcome == CheckOutcome.REVOCATION:
        check.propose_revocation()
    else:
        raise ValidationError(_("Unknown outcome."))
    check.document_review, check.onsite_visit = document_review, onsite_visit
    check.label_check, check.sample_test = label_check, sample_test
    check.findings = findings
    check.refer_to_enforcement = check.refer_to_enforcement or refer_to_enforcement
    if refer_to_enforcement:
        check.referral_reason = referral_reason
    check.save()
    declaration.save()
    stored = _store_evidence(actor, check, evidence)
    audit_record(
        actor=actor,
        action=CHECK_RESULT_ACTIONS[outcome],
        target=check,
        from_state=check_before,
        to_state=check.status,
        comment=findings,
        data={"evidence": stored, "referred": check.refer_to_enforcement},
    )
    if declaration.status != declaration_before:
        audit_record(
            actor=actor,
            action=DECLARATION_CHECK_ACTIONS[outcome],
            target=declaration,
            from_state=declaration_before,
            to_state=declaration.status,
            data={"campaign": check.campaign.reference},
        )
    if outcome == CheckOutcome.COMPLIANT:
        tell_producer(declaration, "compliant")
    elif outcome == CheckOutcome.RECTIFICATION:
        tell_producer(declaration, "rectification_ordered", reason=findings, due_on=check.rectification_due)
    else:
        tell_staff(members_of(check.campaign.organiser_id, Role.LEAD), check, "revocation_proposed")
    return check


@transaction.atomic
def check_decide_revocation(*, actor: User, check: SupervisionCheck, approve: bool, comment: str) -> SupervisionCheck:
    """The organiser's lead approves the revocation, or sends the producer to rectification instead."""
    check = SupervisionCheck.objects.select_for_update().select_related("campaign__organiser").get(pk=check.pk)
    ensure_lead(actor, check.campaign.organiser)
    if not comment.strip():
        raise ValidationError({"comment": _("Give the reason; the producer is told why.")})
    declaration = Declaration.objects.select_for_update().get(pk=check.declaration_id)
    check_before, declaration_before = check.status, declaration.status
    if approve:
        check.confirm_revocation()
        declaration.revoke()
        declaration.closed_at = check.closed_at = timezone.now()
        declaration.closing_reason = comment
    else:
        check.order_rectification()
        check.rectification_due = _rectification_due(RECTIFICATION_DAYS)
        if declaration.status == Declaration.Status.UNDER_CHECK:
            declaration.order_rectification()
    check.save()
    declaration.save()
    audit_record(
        actor=actor,
        action=SupervisionAction.CHECK_REVOCATION_APPROVE if approve else SupervisionAction.CHECK_REVOCATION_REJECT,
        target=check,
        from_state=check_before,
        to_state=check.status,
        comment=comment,
    )
    if declaration.status != declaration_before:
        audit_record(
            actor=actor,
            action=DeclarationAction.REVOKE if approve else DeclarationAction.CHECK_RECTIFICATION,
            target=declaration,
            from_state=declaration_before,
            to_state=declaration.status,
            comment=comment,
        )
    if approve:
        tell_producer(declaration, "revoked", reason=comment)
    else:
        tell_producer(declaration, "rectification_ordered", reason=comment, due_on=check.rectification_due)
    return check
