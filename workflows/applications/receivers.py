"""The application flow's answer to the calendar's signals (connected in WorkflowsConfig.ready)."""

from django.dispatch import receiver

from deadlines.signals import provisional_dates_changed

from . import actions


@receiver(provisional_dates_changed, dispatch_uid="applications.recompute_objection_windows")
def recompute_objection_windows(sender, *, actor, year, calendar, **kwargs) -> int:
    return actions.recompute_objection_windows(actor=actor, calendar=calendar)
