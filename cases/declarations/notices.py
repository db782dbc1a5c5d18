"""What the domain tells a producer when their declaration changes (published, corrected,
checked, suspended, revoked …).

Called by the services inside their transaction (notifications.services.notify refuses
anything else), so a refused or rolled-back change tells no one.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event

from ..models import Declaration

# One kind per event, so a producer can switch e-mail off for some of them; the
# texts share one pair of templates that branches on the event.
PRODUCER_EVENTS = {
    "published": _("Self-declaration published"),
    "correction_requested": _("Correction of a self-declaration requested"),
    "resubmitted": _("Corrected self-declaration received"),
    "suspended": _("Self-declaration suspended"),
    "withdrawn": _("Self-declaration withdrawn"),
    "selected_for_check": _("Self-declaration drawn for a supervision check"),
    "compliant": _("Supervision check found the declaration compliant"),
    "rectification_ordered": _("Rectification ordered after a supervision check"),
    "rectification_reminder": _("Reminder: report your rectification before the deadline"),
    "revoked": _("Authorisation to use the mark revoked"),
}


def register_kinds() -> None:
    register_event_kinds("declaration", PRODUCER_EVENTS, "declaration")


def producer_accounts(declaration: Declaration):
    """Everyone who acts for the declaring enterprise, not only the one who clicked.

    A query, not a list: notify() reads the users and their e-mail choice in one go.
    """
    return (
        get_user_model()
        .objects.filter(
            enterprise_accounts__enterprise_id=declaration.enterprise_id, enterprise_accounts__is_active=True
        )
        .order_by("enterprise_accounts__pk")
    )


def tell_producer(declaration: Declaration, event: str, *, reason: str = "", **context) -> None:
    notify_event(
        prefix="declaration",
        events=PRODUCER_EVENTS,
        event=event,
        recipients=producer_accounts(declaration),
        target=declaration,
        link=reverse("portal_declarations:detail", args=[declaration.pk]),
        context={"declaration": declaration, "reason": reason, **context},
    )
