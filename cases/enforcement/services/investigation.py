"""Investigation: evidence gathered by two officers, the case's clock paused or extended, and the
report (or a proposed suspension or termination) the officers submit."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from deadlines.models import Deadline
from deadlines.services import deadline_extend
from organizations.models import Role
from organizations.selectors import members_of

from ...models import CaseEvidence, CaseExtension, EnforcementCase
from ..choices import INVESTIGATION_ACTIONS, ClockPause, EnforcementAction, InvestigationAction
from ..notices import tell_case_staff
from ..selectors import accepts_evidence, is_case_officer
from .common import (
    LEAD_EXTENSION_DAYS,
    Outcome,
    Status,
    _checked,
    _ensure_bureau_staff,
    _ensure_lead,
    _ensure_officer,
    _pause_clock,
    _record,
    _require,
    _resume_clock,
    _store_evidence,
    lock_case,
    open_clock,
)


@transaction.atomic
def case_add_evidence(
    *, actor: User, case: EnforcementCase, kind: str, description: str, second_officer, uploaded_file=None
) -> CaseEvidence:
    """An officer records an evidence item gathered together with a second, different officer."""
    case = lock_case(case)
    _ensure_officer(actor, case)
    if not accepts_evidence(case):
        raise ValidationError(
            _("Evidence can be added only while case %(number)s is under investigation; it is now: %(status)s.")
            % {"number": case.number, "status": case.get_status_display()}
        )
    if kind not in CaseEvidence.Kind.values or kind in (CaseEvidence.Kind.COMPLAINT, CaseEvidence.Kind.WAIVER):
        raise ValidationError({"kind": _("Choose the kind of evidence.")})
    _require(description, "description", _("Describe the evidence item."))
    if second_officer is None or second_officer.pk == actor.pk or not is_case_officer(second_officer, case):
        raise ValidationError({"second_officer": _("Evidence is gathered by two different officers of the case.")})
    evidence = _store_evidence(
        case=case,
        kind=kind,
        description=description.strip(),
        checked=_checked(uploaded_file),
        actor=actor,
        second_officer=second_officer,
    )
    _record(
        actor,
        case,
        EnforcementAction.ADD_EVIDENCE,
        case.status,
        comment=description,
        data={"kind": kind, "file": evidence.original_name, "sha256": evidence.sha256},
    )
    return evidence


@transaction.atomic
def case_pause_clock(*, actor: User, case: EnforcementCase, reason: str, comment: str = "") -> EnforcementCase:
    """Testing, right-holder identification or public notice: the time is not counted."""
    case = lock_case(case)
    _ensure_officer_or_bureau(actor, case)
    if reason not in ClockPause.MANUAL:
        raise ValidationError({"reason": _("Choose why the clock stops.")})
    clock = open_clock(case)
    if clock is None:
        raise ValidationError(_("No time limit of this case is running."))
    if clock.state == Deadline.State.PAUSED:
        raise ValidationError(_("The clock is already stopped."))
    _pause_clock(actor, case, reason)
    case.save(update_fields=["clock_pause_reason"])
    _record(actor, case, EnforcementAction.CLOCK_PAUSE, case.status, comment=comment, data={"reason": reason})
    return case


@transaction.atomic
def case_resume_clock(*, actor: User, case: EnforcementCase, comment: str = "") -> EnforcementCase:
    case = lock_case(case)
    _ensure_officer_or_bureau(actor, case)
    if case.clock_pause_reason not in ClockPause.MANUAL:
        raise ValidationError(_("The clock is not stopped for testing, identification or public notice."))
    _resume_clock(actor, case)
    case.save(update_fields=["clock_pause_reason"])
    _record(actor, case, EnforcementAction.CLOCK_RESUME, case.status, comment=comment)
    return case


def _ensure_officer_or_bureau(actor: Actor, case) -> None:
    if case.filed_on:
        _ensure_officer(actor, case)
    else:
        _ensure_bureau_staff(actor, case.bureau)


@transaction.atomic
def case_extend_clock(
    *, actor: User, case: EnforcementCase, days: int, reason: str, participants: str = ""
) -> CaseExtension:
    """+30 days with the lead's approval; any further extension only by collective decision."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    _require(reason, "reason", _("Give the reason for the extension."))
    clock = open_clock(case) if case.filed_on else None
    if clock is None:
        raise ValidationError(_("The 90-day time limit runs only between filing and decision."))
    first = not case.extensions.exists()
    if first:
        if not 0 < days <= LEAD_EXTENSION_DAYS:
            raise ValidationError({"days": _("The lead may extend by at most 30 days.")})
        kind = CaseExtension.Kind.LEAD
    else:
        if not participants.strip():
            raise ValidationError(
                {"participants": _("A further extension needs a collective decision: list who took part.")}
            )
        if days <= 0:
            raise ValidationError({"days": _("An extension must be positive.")})
        kind = CaseExtension.Kind.COLLECTIVE
    deadline_extend(actor=actor, deadline=clock, amount=days, reason=reason)
    extension = CaseExtension.objects.create(
        case=case, kind=kind, days=days, reason=reason.strip(), decided_by=actor, participants=participants.strip()
    )
    _record(actor, case, EnforcementAction.EXTEND, case.status, comment=reason, data={"days": days, "kind": kind})
    return extension


@transaction.atomic
def case_investigate(
    *,
    actor: User,
    case: EnforcementCase,
    action: str,
    report: str = "",
    proposed_outcome: str = "",
    proposed_fine: Decimal | None = None,
    proposed_confiscation: Decimal | None = None,
) -> EnforcementCase:
    """The officers submit the investigation report, or propose to suspend or terminate.

    A proposal is kept on the case (proposed_interruption) for the lead's decision; the flow routes on it.
    """
    case = lock_case(case)
    _ensure_officer(actor, case)
    _require(report, "report", _("Write the report or the reason."))
    before = case.status
    if action == InvestigationAction.REPORT:
        if not case.evidence.exclude(kind=CaseEvidence.Kind.COMPLAINT).exists():
            raise ValidationError(_("Record at least one evidence item before submitting the report."))
        _validate_amounts(proposed_outcome, proposed_fine, proposed_confiscation, "proposed_")
        case.submit_report()
        case.report = report.strip()
        case.proposed_outcome = proposed_outcome
        case.proposed_fine, case.proposed_confiscation = proposed_fine, proposed_confiscation
        case.proposed_interruption = ""
        case.save()
    elif action in InvestigationAction.INTERRUPTIONS:
        if case.status != Status.INVESTIGATING:
            raise ValidationError(_("Only a case under investigation can be suspended or terminated."))
        case.proposed_interruption = action
        case.save()
    else:
        raise ValidationError({"action": _("Choose what to do.")})
    _record(actor, case, INVESTIGATION_ACTIONS[action], before, comment=report, data={"proposed": proposed_outcome})
    if action != InvestigationAction.REPORT:
        tell_case_staff(members_of(case.bureau_id, Role.LEAD), case, "lead_decision_needed")
    return case


def _validate_amounts(outcome, fine, confiscation, prefix="") -> None:
    if outcome not in Outcome.values:
        raise ValidationError({f"{prefix}outcome": _("Choose the outcome.")})
    if any(amount is not None and amount < 0 for amount in (fine, confiscation)):
        raise ValidationError({f"{prefix}fine": _("Amounts cannot be negative.")})
    if outcome == Outcome.PENALTY and not ((fine or 0) > 0 or (confiscation or 0) > 0):
        raise ValidationError({f"{prefix}fine": _("A penalty needs a fine or a confiscation amount.")})
