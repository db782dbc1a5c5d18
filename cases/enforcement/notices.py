"""What the domain tells people when an enforcement case changes.

Called by the services inside their transaction (notifications.services.notify refuses
anything else), so a refused or rolled-back change tells no one.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event

from ..models import EnforcementCase

ENFORCEMENT_EVENTS = {
    "clue_received": _("A new enforcement clue to verify"),
    "officer_assigned": _("You were assigned to investigate an enforcement case"),
    "lead_decision_needed": _("An enforcement case awaits your decision"),
    "decided": _("An enforcement case was decided"),
    "payment_due_moved": _("The payment date of a fine moved"),
}


def register_kinds() -> None:
    register_event_kinds("enforcement", ENFORCEMENT_EVENTS, "enforcement")


def tell_case_staff(recipients, case: EnforcementCase, event: str, **context) -> None:
    notify_event(
        prefix="enforcement",
        events=ENFORCEMENT_EVENTS,
        event=event,
        recipients=recipients,
        target=case,
        link=reverse("enforcement:detail", args=[case.pk]),
        context={"case": case, **context},
    )
