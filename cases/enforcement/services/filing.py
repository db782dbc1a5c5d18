"""Verification and filing: the clue is verified, the lead files it with two officers, refuses it or
transfers it; officers are added later."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from accounts.models import User
from accounts.types import Actor
from deadlines.services import deadline_extend, deadline_start
from organizations.models import Membership, Role
from organizations.selectors import members_of

from ...models import CaseOfficer, EnforcementCase
from .. import documents
from ..choices import FILING_ACTIONS, EnforcementAction, FilingDecision
from ..notices import tell_case_staff
from .common import (
    CASE_CLOCK,
    VERIFICATION_EXTENSION_DAYS,
    Status,
    _ensure_bureau_staff,
    _ensure_lead,
    _record,
    _require,
    _resume_clock,
    _today,
    lock_case,
    open_clock,
)


@transaction.atomic
def case_verify(*, actor: User, case: EnforcementCase, findings: str, proposal: str) -> EnforcementCase:
    """The bureau's inspector reports the verification and proposes to file, not to file or to transfer."""
    case = lock_case(case)
    _ensure_bureau_staff(actor, case.bureau)
    _require(findings, "findings", _("Describe what the verification found."))
    if proposal not in FilingDecision.choices:
        raise ValidationError({"proposal": _("Choose a proposal.")})
    _resume_clock(actor, case)  # a verification paused for testing ends with the report
    before = case.status
    case.propose_filing()
    case.verification_findings = findings.strip()
    case.save()
    _record(actor, case, EnforcementAction.VERIFY, before, comment=findings, data={"proposal": proposal})
    tell_case_staff(members_of(case.bureau_id, Role.LEAD), case, "lead_decision_needed")
    return case


@transaction.atomic
def case_extend_verification(*, actor: User, case: EnforcementCase, reason: str) -> EnforcementCase:
    """+15 working days, once, with the lead's approval."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    _require(reason, "reason", _("Give the reason for the extension."))
    if case.status != Status.VERIFYING:
        raise ValidationError(_("Only a verification still running can be extended."))
    if case.verification_extended:
        raise ValidationError(_("The verification was already extended once by 15 working days."))
    clock = open_clock(case)
    if clock is None:
        raise ValidationError(_("This case has no running verification clock."))
    deadline_extend(actor=actor, deadline=clock, amount=VERIFICATION_EXTENSION_DAYS, reason=reason)
    case.verification_extended = True
    case.save(update_fields=["verification_extended"])
    _record(actor, case, EnforcementAction.EXTEND_VERIFICATION, case.status, comment=reason)
    return case


def _validate_officers(case: EnforcementCase, officers) -> None:
    ids = [officer.pk for officer in officers]
    if len(ids) != len(set(ids)):
        raise ValidationError({"officers": _("The same officer was chosen twice; choose different officers.")})
    if len(ids) < 2:
        raise ValidationError({"officers": _("A case is investigated by at least two different officers.")})
    qualified = set(
        Membership.objects.filter(
            user_id__in=ids, department=case.bureau, role=Role.INSPECTOR, is_active=True
        ).values_list("user_id", flat=True)
    )
    if qualified != set(ids):
        raise ValidationError(
            {"officers": _("Every officer must be an inspector of %(bureau)s.") % {"bureau": case.bureau.name}}
        )


def _assign(actor: Actor, case, officer) -> None:
    CaseOfficer.objects.create(case=case, officer=officer, assigned_by=actor)
    assign_perm("cases.investigate_case", officer, case)


@transaction.atomic
def case_decide_filing(
    *,
    actor: User,
    case: EnforcementCase,
    decision: str,
    reason: str = "",
    officers=(),
    is_major: bool = False,
    transfer_to: str = "",
) -> EnforcementCase:
    """The lead files the case with its officers, refuses to file, or transfers it."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    before = case.status
    if decision == FilingDecision.FILE:
        _validate_officers(case, officers)
        case.file()
        case.filed_on = _today()
        case.filing_reason = reason.strip()
        case.is_major = is_major
        case.save()
        for officer in officers:
            _assign(actor, case, officer)
        deadline_start(actor=actor, rule_code=CASE_CLOCK, target=case, department=case.bureau, queue_role="lead")
        documents.case_document_issue(actor=actor, case=case, kind=documents.FILING_FORM, officers=officers)
        tell_case_staff(officers, case, "officer_assigned")
    elif decision == FilingDecision.NOT_FILE:
        _require(reason, "reason", _("Give the reason for not filing."))
        case.refuse_filing()
        case.closing_reason = reason.strip()
        case.save()
    elif decision == FilingDecision.TRANSFER:
        _require(transfer_to, "transfer_to", _("Name the authority the case is transferred to."))
        case.transfer()
        case.transferred_to = transfer_to.strip()
        case.closing_reason = reason.strip()
        case.save()
    else:
        raise ValidationError({"decision": _("Choose a decision.")})
    _record(
        actor,
        case,
        FILING_ACTIONS[decision],
        before,
        comment=reason,
        data={"officers": [o.pk for o in officers], "major": is_major, "transfer_to": transfer_to},
    )
    return case


@transaction.atomic
def case_assign_officer(*, actor: User, case: EnforcementCase, officer) -> CaseOfficer:
    """The lead adds an officer to a filed case (e.g. to replace one who left)."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    if case.filed_on is None or case.status in EnforcementCase.FINISHED:
        raise ValidationError(_("Officers are assigned to a filed case that is still open."))
    if CaseOfficer.objects.filter(case=case, officer=officer).exists():
        raise ValidationError({"officer": _("%(officer)s is already assigned to this case.") % {"officer": officer}})
    if not Membership.objects.filter(
        user=officer, department=case.bureau, role=Role.INSPECTOR, is_active=True
    ).exists():
        raise ValidationError(
            {"officer": _("Every officer must be an inspector of %(bureau)s.") % {"bureau": case.bureau.name}}
        )
    _assign(actor, case, officer)
    _record(actor, case, EnforcementAction.ASSIGN_OFFICER, case.status, data={"officer": officer.pk})
    tell_case_staff([officer], case, "officer_assigned")
    return CaseOfficer.objects.get(case=case, officer=officer)
