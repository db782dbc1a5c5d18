"""Writes on deadlines and the official calendar. Each runs in a transaction with an audit event."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.types import Actor
from audit.services import audit_record
from notifications.services import notify

from .audit_actions import DeadlineAction
from .calendar import DueDate, WorkingCalendar
from .models import CalendarDay, CalendarYear, Deadline
from .rules import PeriodKind, rule
from .selectors import reminder_recipients
from .signals import provisional_dates_changed


def compute_due(kind: str, anchor_on: datetime.date, amount: int, calendar: WorkingCalendar) -> DueDate:
    if kind == PeriodKind.WORKING_DAYS:
        return calendar.add_working_days(anchor_on, amount)
    if kind == PeriodKind.CALENDAR_DAYS:
        return calendar.add_calendar_days(anchor_on, amount)
    if kind == PeriodKind.CALENDAR_MONTHS:
        return calendar.add_months(anchor_on, amount)
    raise ValueError(f"unknown period kind {kind!r}")


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().get(pk=deadline.pk)


def _set_due(deadline: Deadline, calendar: WorkingCalendar) -> None:
    due = compute_due(deadline.kind, deadline.anchor_on, deadline.anchor_amount, calendar)
    deadline.due_on, deadline.provisional = due.date, due.provisional


@transaction.atomic
def deadline_start(
    *,
    actor: Actor,
    rule_code: str,
    target: models.Model,
    task=None,
    department=None,
    assignee=None,
    queue_role: str = "staff",
    start: datetime.date | None = None,
) -> Deadline:
    """Start the clock of a legal time limit on a case (start day not counted)."""
    legal_rule = rule(rule_code)
    start = start or timezone.localdate()
    deadline = Deadline(
        rule_code=legal_rule.code,
        kind=legal_rule.kind,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_label=str(target)[:200],
        task=task,
        department=department,
        assignee=assignee,
        queue_role=queue_role,
        started_on=start,
        anchor_on=start,
        anchor_amount=legal_rule.amount,
    )
    _set_due(deadline, WorkingCalendar())
    deadline.save()
    audit_record(
        actor=actor,
        action=DeadlineAction.START,
        target=deadline,
        to_state=deadline.state,
        data={"rule": legal_rule.code, "due_on": deadline.due_on, "provisional": deadline.provisional},
    )
    return deadline


def remaining_units(deadline: Deadline, on: datetime.date, calendar: WorkingCalendar) -> int:
    """What is left of the period when counted from `on` (working or calendar days)."""
    if deadline.kind == PeriodKind.WORKING_DAYS:
        return calendar.working_days_between(on, deadline.due_on)
    return max((deadline.due_on - on).days, 0)


def unrun_units(deadline: Deadline, on: datetime.date, calendar: WorkingCalendar) -> int:
    """What is left of the period itself on `on`, kept by a pause.

    A period in calendar days ends on anchor_on + amount; only its due date moves off a day off.
    Counting to the moved due date would hand the roll (a Sunday → Monday day) to the time left,
    and the resumed clock would end a day late: 2026-12-07 + 90 is Sunday 7 March 2027, due
    Monday 8 March; paused on the 7th and resumed on the 8th, 90 days remain (→ 8 March), not 91.
    """
    if deadline.kind == PeriodKind.WORKING_DAYS:
        return calendar.working_days_between(on, deadline.due_on)
    return max(deadline.anchor_amount - (on - deadline.anchor_on).days, 0)


@transaction.atomic
def deadline_pause(*, actor: Actor, deadline: Deadline, reason: str, on: datetime.date | None = None) -> Deadline:
    """Stop the clock (suspension, hearing, testing …); the remaining time is kept."""
    deadline = _locked(deadline)
    if not deadline.rule.pausable:
        raise ValidationError(_("This time limit cannot be paused."))
    if deadline.kind == PeriodKind.CALENDAR_MONTHS:
        raise ValidationError(_("A period in months cannot be paused."))
    on = on or timezone.localdate()
    before = deadline.state
    deadline.pause()
    deadline.anchor_amount = unrun_units(deadline, on, WorkingCalendar())
    deadline.paused_on = on
    deadline.save()
    audit_record(
        actor=actor,
        action=DeadlineAction.PAUSE,
        target=deadline,
        from_state=before,
        to_state=deadline.state,
        comment=reason,
        data={"remaining": deadline.anchor_amount, "paused_on": on},
    )
    return deadline


@transaction.atomic
def deadline_resume(*, actor: Actor, deadline: Deadline, on: datetime.date | None = None) -> Deadline:
    """Restart the clock with the time that was left when it was paused."""
    deadline = _locked(deadline)
    on = on or timezone.localdate()
    before = deadline.state
    deadline.resume()
    deadline.anchor_on = on
    deadline.paused_on = None
    _set_due(deadline, WorkingCalendar())
    deadline.save()
    audit_record(
        actor=actor,
        action=DeadlineAction.RESUME,
        target=deadline,
        from_state=before,
        to_state=deadline.state,
        data={"due_on": deadline.due_on, "remaining": deadline.anchor_amount},
    )
    return deadline


@transaction.atomic
def deadline_extend(*, actor: Actor, deadline: Deadline, amount: int, reason: str) -> Deadline:
    """Lengthen the period (e.g. +15 working days with the lead's approval; the caller checks the approval)."""
    if amount <= 0:
        raise ValidationError(_("An extension must be positive."))
    deadline = _locked(deadline)
    if not deadline.is_open:
        raise ValidationError(_("A closed time limit cannot be extended."))
    before = deadline.state
    deadline.anchor_amount += amount
    deadline.extended_by += amount
    if deadline.state != Deadline.State.PAUSED:
        _set_due(deadline, WorkingCalendar())
        if deadline.state == Deadline.State.OVERDUE and deadline.due_on >= timezone.localdate():
            deadline.reopen()
    deadline.save()
    audit_record(
        actor=actor,
        action=DeadlineAction.EXTEND,
        target=deadline,
        from_state=before,
        to_state=deadline.state,
        comment=reason,
        data={"amount": amount, "due_on": deadline.due_on},
    )
    return deadline


@transaction.atomic
def deadline_meet(*, actor: Actor, deadline: Deadline) -> Deadline:
    """The task was done: the deadline is met (late if it was already overdue)."""
    return _meet(actor=actor, deadline=_locked(deadline))


def _meet(*, actor: Actor, deadline: Deadline) -> Deadline:
    """deadline_meet on a row the caller has locked, inside the caller's transaction."""
    before = deadline.state
    deadline.meet()
    deadline.closed_at = timezone.now()
    deadline.save(update_fields=["state", "closed_at"])  # what meeting changes; at every completion
    audit_record(
        actor=actor,
        action=DeadlineAction.MEET,
        target=deadline,
        from_state=before,
        to_state=deadline.state,
        data={"late": before == Deadline.State.OVERDUE},
    )
    return deadline


@transaction.atomic
def deadline_cancel(*, actor: Actor, deadline: Deadline, reason: str) -> Deadline:
    deadline = _locked(deadline)
    before = deadline.state
    deadline.cancel()
    deadline.closed_at = timezone.now()
    deadline.save()
    audit_record(
        actor=actor,
        action=DeadlineAction.CANCEL,
        target=deadline,
        from_state=before,
        to_state=deadline.state,
        comment=reason,
    )
    return deadline


@transaction.atomic
def deadline_mark_overdue(*, deadline: Deadline) -> Deadline:
    """Called by the worker when the due date has passed."""
    deadline = _locked(deadline)
    before = deadline.state
    deadline.become_overdue()
    deadline.save()
    audit_record(actor=None, action=DeadlineAction.OVERDUE, target=deadline, from_state=before, to_state=deadline.state)
    return deadline


@transaction.atomic
def calendar_year_enter(
    *,
    actor: Actor,
    year: int,
    source: str,
    holidays: list[tuple[datetime.date, str]],
    working_days: list[tuple[datetime.date, str]],
) -> tuple[CalendarYear, int]:
    """Enter (or replace) a year's official holidays and make-up working days.

    Returns the year and how many provisional dates moved: the deadlines', and those the apps that
    store dates of their own recompute on `calendar_year_entered` (the objection windows).
    """
    _validate_calendar_days(year, holidays, working_days)
    calendar_year, _created = CalendarYear.objects.select_for_update().update_or_create(
        year=year, defaults={"source": source, "entered_by": actor}
    )
    calendar_year.days.all().delete()
    CalendarDay.objects.bulk_create(
        [CalendarDay(calendar_year=calendar_year, date=day, is_working_day=False, name=name) for day, name in holidays]
        + [
            CalendarDay(calendar_year=calendar_year, date=day, is_working_day=True, name=name)
            for day, name in working_days
        ]
    )
    audit_record(
        actor=actor,
        action=DeadlineAction.CALENDAR_ENTER_YEAR,
        target=calendar_year,
        comment=source,
        data={"holidays": [d for d, _n in holidays], "working_days": [d for d, _n in working_days]},
    )
    return calendar_year, provisional_dates_recompute(actor=actor, year=year)


@transaction.atomic
def provisional_dates_recompute(*, actor: Actor, year: int | None = None) -> int:
    """Every open provisional date, with the calendar as it now stands: the deadlines, then the dates
    other apps keep. Returns how many moved."""
    calendar = WorkingCalendar()
    moved = deadlines_recompute(actor=actor, year=year, calendar=calendar)
    for _receiver, count in provisional_dates_changed.send(CalendarYear, actor=actor, year=year, calendar=calendar):
        moved += int(count or 0)
    return moved


def _validate_calendar_days(year, holidays, working_days) -> None:
    errors = []
    for day, _name in [*holidays, *working_days]:
        if day.year != year:
            errors.append(_("%(day)s is not in %(year)s.") % {"day": day, "year": year})
    both = {d for d, _n in holidays} & {d for d, _n in working_days}
    if both:
        errors.append(
            _("These days are listed both as holidays and as working days: %(days)s.")
            % {"days": ", ".join(str(d) for d in sorted(both))}
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def deadlines_recompute(*, actor: Actor, year: int | None = None, calendar: WorkingCalendar | None = None) -> int:
    """Recompute the open deadlines whose dates were provisional (those that may reach into `year`,
    or all): each one that moves is audited and its people told. Final dates are never touched."""
    calendar = calendar or WorkingCalendar()
    moved = 0
    candidates = Deadline.objects.select_for_update().filter(
        provisional=True, state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE]
    )
    if year is not None:
        candidates = candidates.filter(due_on__year__gte=year - 1)
    for deadline in candidates:
        old_due, old_state = deadline.due_on, deadline.state
        _set_due(deadline, calendar)
        if deadline.state == Deadline.State.OVERDUE and deadline.due_on >= timezone.localdate():
            deadline.reopen()
        deadline.save(update_fields=["due_on", "provisional", "state"])
        if deadline.due_on != old_due:
            moved += 1
            audit_record(
                actor=actor,
                action=DeadlineAction.RECOMPUTE,
                target=deadline,
                from_state=old_state,
                to_state=deadline.state,
                data={"from": old_due, "to": deadline.due_on, "provisional": deadline.provisional},
            )
            _tell_moved(deadline, old_due)
    return moved


def _tell_moved(deadline: Deadline, moved_from: datetime.date) -> None:
    target = deadline.target
    get_url = getattr(target, "get_absolute_url", None)
    notify(
        recipients=reminder_recipients(deadline),
        kind="deadline.moved",
        target=target,
        link=get_url() if get_url else "",
        context={"deadline": deadline, "moved_from": moved_from},
    )


# No savepoint of its own: it runs inside the completing task's transaction (task views and
# workflows.task_actions), which rolls back as a whole if it fails; locking the clocks in the read
# that finds them spares a second locking read and a savepoint per clock (bench_completions.py).
@transaction.atomic(savepoint=False)
def deadlines_meet_for_task(*, actor: Actor, task) -> int:
    """The task was completed: its open clocks are met (late if overdue). Paused ones stay paused."""
    met = 0
    open_clocks = Deadline.objects.select_for_update().filter(
        task=task, state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE]
    )
    for deadline in open_clocks:
        _meet(actor=actor, deadline=deadline)
        met += 1
    return met
