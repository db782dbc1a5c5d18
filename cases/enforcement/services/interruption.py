"""Interruption: the lead decides on a suspension or termination the investigation proposed, and
resumes a suspended investigation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from deadlines.services import deadline_cancel

from ...models import EnforcementCase
from ..choices import INTERRUPTION_ACTIONS, ClockPause, EnforcementAction, InvestigationAction
from .common import _ensure_lead, _pause_clock, _record, _require, _resume_clock, lock_case, open_clock


@transaction.atomic
def case_decide_interruption(*, actor: User, case: EnforcementCase, approve: bool, comment: str) -> EnforcementCase:
    """The lead approves the suspension (the clock stops) or termination the investigation proposed,
    or refuses it; either way the proposal is answered."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    action = case.proposed_interruption
    if action not in InvestigationAction.INTERRUPTIONS:
        raise ValidationError(_("No suspension or termination of this case was proposed."))
    _require(comment, "comment", _("Give the reason for the decision."))
    before = case.status
    if approve and action == InvestigationAction.PROPOSE_SUSPENSION:
        case.suspend()
        _pause_clock(actor, case, ClockPause.SUSPENSION)
    elif approve and action == InvestigationAction.PROPOSE_TERMINATION:
        case.terminate()
        case.closing_reason = comment.strip()
        clock = open_clock(case)
        if clock is not None:
            deadline_cancel(actor=actor, deadline=clock, reason=comment)
    case.proposed_interruption = ""
    case.save()
    _record(actor, case, INTERRUPTION_ACTIONS[action, approve], before, comment=comment)
    return case


@transaction.atomic
def case_resume(*, actor: User, case: EnforcementCase, comment: str) -> EnforcementCase:
    """The cause of the suspension is gone: the investigation and its clock go on."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    _require(comment, "comment", _("Say why the investigation resumes."))
    before = case.status
    case.resume()
    _resume_clock(actor, case)
    case.save()
    _record(actor, case, EnforcementAction.RESUME, before, comment=comment)
    return case
