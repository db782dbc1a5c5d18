"""Decision, service of the decision, execution of the penalty, closure and archiving."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from deadlines.calendar import DueDate, WorkingCalendar
from deadlines.models import Deadline
from deadlines.services import compute_due, deadline_meet, deadline_resume

from ...models import EnforcementCase
from .. import documents
from ..choices import DECISION_ACTIONS, EnforcementAction, ServiceMethod
from ..notices import tell_case_staff
from ..penalties import late_fee
from .common import (
    PUBLIC_NOTICE_SERVICE_DAYS,
    Outcome,
    Status,
    _ensure_bureau_staff,
    _ensure_lead,
    _ensure_officer,
    _record,
    _require,
    _today,
    lock_case,
    open_clock,
)
from .defence import _validate_served_on
from .investigation import _validate_amounts


@transaction.atomic
def case_decide(
    *,
    actor: User,
    case: EnforcementCase,
    outcome: str,
    grounds: str,
    fine: Decimal | None = None,
    confiscation: Decimal | None = None,
    collective_decision: str = "",
) -> EnforcementCase:
    """The decision. A penalty needs a served notice; a major case is decided collectively."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    _validate_amounts(outcome, fine, confiscation)
    _require(grounds, "grounds", _("Give the facts and legal grounds of the decision."))
    if outcome == Outcome.PENALTY and case.notice_served_on is None:
        raise ValidationError(
            {"outcome": _("A penalty cannot be decided before the notice of the proposed penalty was served.")}
        )
    if case.is_major:
        _require(collective_decision, "collective_decision", _("A major case is decided collectively: record it."))
    before = case.status
    if outcome in (Outcome.PENALTY, Outcome.NO_PENALTY):
        case.decide_to_serve()
    else:
        case.decide_to_close()
    case.outcome = outcome
    case.fine = fine if outcome == Outcome.PENALTY else None
    case.confiscation = confiscation if outcome == Outcome.PENALTY else None
    case.decision_grounds = grounds.strip()
    case.collective_decision = collective_decision.strip()
    case.decided_on = _today()
    case.save()
    clock = open_clock(case)
    if clock is not None:
        if clock.state == Deadline.State.PAUSED:
            deadline_resume(actor=actor, deadline=clock)
        deadline_meet(actor=actor, deadline=clock)
    if outcome == Outcome.PENALTY:
        documents.case_document_issue(actor=actor, case=case, kind=documents.DECISION)
    _record(
        actor,
        case,
        DECISION_ACTIONS[outcome],
        before,
        comment=grounds,
        data={"fine": fine, "confiscation": confiscation},
    )
    tell_case_staff([o.officer for o in case.officers.select_related("officer")], case, "decided")
    return case


@transaction.atomic
def case_serve_decision(
    *, actor: User, case: EnforcementCase, served_on: datetime.date, method: str
) -> EnforcementCase:
    """Service of the decision; by public notice it counts 30 days later. A fine is due 15 days after."""
    case = lock_case(case)
    _ensure_officer(actor, case)
    _validate_served_on(served_on, "served_on")
    if method not in ServiceMethod.choices:
        raise ValidationError({"method": _("Choose how it was served.")})
    effective = served_on
    if method == ServiceMethod.PUBLIC_NOTICE:
        effective = served_on + datetime.timedelta(days=PUBLIC_NOTICE_SERVICE_DAYS)
    before = case.status
    if case.outcome == Outcome.PENALTY:
        case.serve_for_execution()
        due = _payment_due(effective, WorkingCalendar())
        case.payment_due, case.payment_due_provisional = due.date, due.provisional
    else:
        case.serve_to_close()
    case.decision_served_on, case.service_method = effective, method
    case.save()
    documents.case_document_issue(
        actor=actor, case=case, kind=documents.SERVICE_PROOF, method=ServiceMethod.labels[method], served_on=served_on
    )
    _record(actor, case, EnforcementAction.SERVE_DECISION, before, data={"served_on": served_on, "method": method})
    return case


@transaction.atomic
def case_record_execution(
    *, actor: User, case: EnforcementCase, paid_on: datetime.date, amount_paid: Decimal
) -> EnforcementCase:
    """The fine (and any late fee) is paid; the case can be closed."""
    case = lock_case(case)
    _ensure_officer(actor, case)
    if paid_on is None or paid_on > _today():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    # Only a penalty decision served for execution sets a due date; case.execute() refuses any other case.
    due_on = case.payment_due
    fee = late_fee(fine=case.fine or Decimal(0), due_on=due_on, paid_on=paid_on) if due_on is not None else Decimal(0)
    owed = (case.fine or Decimal(0)) + fee
    if amount_paid != owed:
        raise ValidationError(
            {
                "amount_paid": _("%(owed)s yuan are owed (fine %(fine)s + late fee %(fee)s); %(paid)s recorded.")
                % {"owed": owed, "fine": case.fine or 0, "fee": fee, "paid": amount_paid}
            }
        )
    before = case.status
    case.execute()
    case.paid_on, case.late_fee, case.executed_on = paid_on, fee, _today()
    case.save()
    _record(
        actor,
        case,
        EnforcementAction.EXECUTE,
        before,
        data={"paid_on": paid_on, "amount": amount_paid, "late_fee": fee},
    )
    return case


@transaction.atomic
def case_close(*, actor: User, case: EnforcementCase, summary: str) -> EnforcementCase:
    case = lock_case(case)
    _ensure_officer(actor, case)
    _require(summary, "summary", _("Summarise how the case ends."))
    if case.status != Status.CLOSURE:
        raise ValidationError(_("The case can be closed only once its decision is served and executed."))
    before = case.status
    case.close()
    case.closed_on = _today()
    case.closure_summary = summary.strip()
    case.save()
    documents.case_document_issue(actor=actor, case=case, kind=documents.CLOSURE_FORM)
    _record(actor, case, EnforcementAction.CLOSE, before, comment=summary)
    return case


@transaction.atomic
def case_archive(*, actor: User, case: EnforcementCase) -> EnforcementCase:
    case = lock_case(case)
    _ensure_bureau_staff(actor, case.bureau)
    before = case.status
    case.archive()
    case.archived_on = _today()
    case.save()
    _record(actor, case, EnforcementAction.ARCHIVE, before)
    return case


def _payment_due(served_on: datetime.date, calendar: WorkingCalendar) -> DueDate:
    """15 days from the (effective) service of the decision, moved off a day off."""
    return compute_due("calendar_days", served_on, 15, calendar)


@transaction.atomic
def case_recompute_payment_due(*, actor: Actor, case: EnforcementCase, calendar: WorkingCalendar) -> bool:
    """A year's official schedule was entered: an unpaid fine's provisional payment date is recomputed;
    when it moves, audited and the case's officers told. Returns whether it moved."""
    case = lock_case(case)
    if case.status != EnforcementCase.Status.EXECUTION or not case.payment_due_provisional:
        return False
    if case.decision_served_on is None or case.payment_due is None:
        return False
    before = case.payment_due
    due = _payment_due(case.decision_served_on, calendar)
    case.payment_due, case.payment_due_provisional = due.date, due.provisional
    case.save(update_fields=["payment_due", "payment_due_provisional"])
    if due.date == before:
        return False
    _record(
        actor,
        case,
        EnforcementAction.PAYMENT_DUE_MOVE,
        case.status,
        data={"payment_due_before": str(before), "payment_due": str(due.date), "provisional": due.provisional},
    )
    officers = [o.officer for o in case.officers.select_related("officer")]
    tell_case_staff(officers, case, "payment_due_moved", payment_due_before=before)
    return True
