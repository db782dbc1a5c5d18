"""What the domain tells inspectors and leads when a supervision check changes.

Called by the services inside their transaction (notifications.services.notify refuses
anything else), so a refused or rolled-back change tells no one. The producer is told through
cases.declarations.notices.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event

from ..models import SupervisionCheck

STAFF_EVENTS = {
    "check_assigned": _("You were drawn to inspect a declaration"),
    "revocation_proposed": _("Inspectors propose a revocation for your decision"),
    "rectification_reported": _("The producer reported the rectification"),
    "conflict_declared": _("A conflict of interest was declared in your bureau"),
}


def register_kinds() -> None:
    register_event_kinds("supervision", STAFF_EVENTS, "supervision")


def tell_staff(recipients, check: SupervisionCheck, event: str, **context) -> None:
    notify_event(
        prefix="supervision",
        events=STAFF_EVENTS,
        event=event,
        recipients=recipients,
        target=check,
        link=reverse("supervision:detail", args=[check.campaign_id]),
        context={"check": check, **context},
    )


def tell_of_conflict(recipients, conflict) -> None:
    """The inspector's leads (and the inspector, when a lead recorded it) learn of a declaration."""
    notify_event(
        prefix="supervision",
        events=STAFF_EVENTS,
        event="conflict_declared",
        recipients=recipients,
        target=conflict,
        link=reverse("supervision:conflicts"),
        context={"conflict": conflict},
    )
