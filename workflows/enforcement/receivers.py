"""The enforcement flow's answer to the calendar's signals (connected in WorkflowsConfig.ready)."""

from django.dispatch import receiver

from deadlines.signals import provisional_dates_changed

from . import actions


@receiver(provisional_dates_changed, dispatch_uid="enforcement.recompute_payment_dues")
def recompute_payment_dues(sender, *, actor, year, calendar, **kwargs) -> int:
    return actions.recompute_payment_dues(actor=actor, calendar=calendar)
