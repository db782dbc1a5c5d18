"""The announcement that opens the objection window, its closing, and the conclusion of the objections."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from deadlines.calendar import DueDate, WorkingCalendar
from deadlines.rules import rule
from deadlines.services import compute_due
from organizations.models import Role
from organizations.selectors import members_of

from ...models import Application, Objection, Regime
from ..announcements import announcement_issue, opening_announcement_kind
from ..choices import ApplicationAction, ObjectionOutcome
from ..notices import tell_applicant, tell_staff
from .common import ask_applicant, ensure_role, lock, national_department, record, require

OBJECTIONS_ACTIONS = {
    ObjectionOutcome.PROCEED: ApplicationAction.OBJECTIONS_PROCEED,
    ObjectionOutcome.RETURN: ApplicationAction.OBJECTIONS_RETURN,
    ObjectionOutcome.REJECT: ApplicationAction.OBJECTIONS_REJECT,
}


def objection_window_closes(opens_on: datetime.date, calendar: WorkingCalendar | None = None) -> DueDate:
    """The last day on which an objection is accepted: 2 calendar months, start day not counted;
    provisional when it falls in a year whose official schedule is not entered yet."""
    legal_rule = rule("application.objection_window")
    return compute_due(legal_rule.kind, opens_on, legal_rule.amount, calendar or WorkingCalendar())


@transaction.atomic
def application_decide_announcement(*, actor: User, application: Application, approve: bool, comment: str = ""):
    """科技司's lead approves the announcement that opens the objection window, or returns it."""
    application = lock(application)
    ensure_role(actor, "work_as_lead", national_department("KJS"))
    before = application.status
    document = None
    if approve:
        application.open_objection_window()
        application.objection_window_opens = timezone.localdate()
        closes = objection_window_closes(application.objection_window_opens)
        application.objection_window_closes, application.objection_window_provisional = closes.date, closes.provisional
    else:
        require(comment, "comment", _("Say why the announcement is returned."))
        application.return_announcement()
    application.save()
    if approve:
        document = announcement_issue(actor=actor, application=application, kind=opening_announcement_kind(application))
    record(
        actor,
        application,
        ApplicationAction.ANNOUNCEMENT_APPROVE if approve else ApplicationAction.ANNOUNCEMENT_RETURN,
        before,
        comment,
        announcement=document.number if document else "",
        closes=str(application.objection_window_closes or ""),
        provisional=application.objection_window_provisional,
    )
    if approve:
        tell_applicant(
            application,
            "announced",
            closes_on=application.objection_window_closes,
            provisional=application.objection_window_provisional,
        )
    return application


def application_recompute_objection_window(
    *, actor: Actor, application: Application, calendar: WorkingCalendar
) -> datetime.date | None:
    """An open window whose closing date was provisional, once a year's schedule is entered:
    returns the former closing date when it moved (the caller reschedules the flow's timer), else None.

    The window stays open as long as it was announced for: a closing date the recompute moves into the
    past (a day just declared a working day) closes it on the timer's next sweep, never retroactively.
    """
    application = lock(application)
    if application.status != Application.Status.OBJECTION_WINDOW or not application.objection_window_provisional:
        return None
    before, opens = application.objection_window_closes, application.objection_window_opens
    if opens is None:  # set with the closing date on opening
        return None
    closes = objection_window_closes(opens, calendar)
    application.objection_window_closes, application.objection_window_provisional = closes.date, closes.provisional
    application.save(update_fields=["objection_window_closes", "objection_window_provisional"])
    if closes.date == before:
        return None
    record(
        actor,
        application,
        ApplicationAction.OBJECTION_WINDOW_MOVE,
        application.status,
        closes_before=str(before),
        closes=str(closes.date),
        provisional=closes.provisional,
    )
    tell_applicant(
        application, "window_moved", closes_before=before, closes_on=closes.date, provisional=closes.provisional
    )
    return before


def _proceed_after_objections(application: Application) -> None:
    if application.regime == Regime.AQSIQ_2005:
        application.proceed_to_review()
    else:
        application.proceed_to_approval()


@transaction.atomic
def application_close_objection_window(*, actor: Actor = None, application: Application) -> Application:
    """Fired by the flow's timer the day after the window closed."""
    application = lock(application)
    before = application.status
    # Any objection not already found inadmissible (received ones included) needs handling.
    if application.objections.exclude(status=Objection.Status.INADMISSIBLE).exists():
        application.close_window_with_objections()
        tell_staff(members_of(national_department("FGS").pk, Role.STAFF), application, "objections_to_handle")
    else:
        _proceed_after_objections(application)
    application.save()
    record(
        actor, application, ApplicationAction.OBJECTION_WINDOW_CLOSE, before, objections=application.objections.count()
    )
    return application


@transaction.atomic
def application_conclude_objections(
    *, actor: User, application: Application, outcome: str, comment: str
) -> Application:
    """法规司 closes the handling once every objection is decided."""
    application = lock(application)
    ensure_role(actor, "work_as_staff", national_department("FGS"))
    undecided = [o.reference for o in application.objections.all() if not o.is_decided]
    if undecided:
        raise ValidationError(
            _("Decide these objections first: %(objections)s.") % {"objections": "、".join(undecided)}
        )
    sustained = application.objections.filter(status=Objection.Status.SUSTAINED).exists()
    if sustained and outcome == ObjectionOutcome.PROCEED:
        raise ValidationError(_("An objection was sustained: return the application or reject it."))
    if not sustained and outcome != ObjectionOutcome.PROCEED:
        raise ValidationError(_("No objection was sustained: the application proceeds."))
    require(comment, "comment", _("Summarise the handling of the objections."))
    before = application.status
    if outcome == ObjectionOutcome.PROCEED:
        _proceed_after_objections(application)
    elif outcome == ObjectionOutcome.RETURN:
        application.return_after_objection()
        ask_applicant(application, comment)
    elif outcome == ObjectionOutcome.REJECT:
        application.reject()
        application.closed_at = timezone.now()
        application.closing_reason = comment
    else:
        raise ValidationError(_("Unknown outcome."))
    application.save()
    record(actor, application, OBJECTIONS_ACTIONS[outcome], before, comment)
    event = {"proceed": "objections_rejected", "return": "supplement_requested", "reject": "rejected"}[outcome]
    tell_applicant(application, event, reason=comment)
    return application
