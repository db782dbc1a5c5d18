"""What the domain tells people when a declaration or a check changes.

Called by the services inside their transaction (notifications.services.notify refuses
anything else), so a refused or rolled-back change tells no one.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_kind
from notifications.services import notify

from .models import Declaration, EnforcementCase, SupervisionCheck

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
    "revoked": _("Authorisation to use the mark revoked"),
}
STAFF_EVENTS = {
    "check_assigned": _("You were drawn to inspect a declaration"),
    "revocation_proposed": _("Inspectors propose a revocation for your decision"),
}

ENFORCEMENT_EVENTS = {
    "clue_received": _("A new enforcement clue to verify"),
    "officer_assigned": _("You were assigned to investigate an enforcement case"),
    "lead_decision_needed": _("An enforcement case awaits your decision"),
    "decided": _("An enforcement case was decided"),
}


def register_kinds() -> None:
    for event, label in ENFORCEMENT_EVENTS.items():
        register_kind(
            f"enforcement.{event}",
            label=label,
            subject_template="notifications/enforcement/subject.txt",
            body_template="notifications/enforcement/body.txt",
        )
    for event, label in PRODUCER_EVENTS.items():
        register_kind(
            f"declaration.{event}",
            label=label,
            subject_template="notifications/declaration/subject.txt",
            body_template="notifications/declaration/body.txt",
        )
    for event, label in STAFF_EVENTS.items():
        register_kind(
            f"supervision.{event}",
            label=label,
            subject_template="notifications/supervision/subject.txt",
            body_template="notifications/supervision/body.txt",
        )


def producer_accounts(declaration: Declaration):
    """Everyone who acts for the declaring enterprise, not only the one who clicked."""
    return [account.user for account in declaration.enterprise.accounts.filter(is_active=True).select_related("user")]


def tell_producer(declaration: Declaration, event: str, *, reason: str = "", **context) -> None:
    if event not in PRODUCER_EVENTS:
        raise ValueError(f"unknown declaration event {event!r}")
    notify(
        recipients=producer_accounts(declaration),
        kind=f"declaration.{event}",
        target=declaration,
        link=reverse("portal_declarations:detail", args=[declaration.pk]),
        context={"event": event, "declaration": declaration, "reason": reason, **context},
    )


def tell_staff(recipients, check: SupervisionCheck, event: str, **context) -> None:
    if event not in STAFF_EVENTS:
        raise ValueError(f"unknown supervision event {event!r}")
    notify(
        recipients=recipients,
        kind=f"supervision.{event}",
        target=check,
        link=reverse("supervision:detail", args=[check.campaign_id]),
        context={"event": event, "check": check, **context},
    )


def tell_case_staff(recipients, case: EnforcementCase, event: str, **context) -> None:
    if event not in ENFORCEMENT_EVENTS:
        raise ValueError(f"unknown enforcement event {event!r}")
    notify(
        recipients=list(recipients),
        kind=f"enforcement.{event}",
        target=case,
        link=reverse("enforcement:detail", args=[case.pk]),
        context={"event": event, "case": case, **context},
    )
