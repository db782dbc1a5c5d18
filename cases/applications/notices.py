"""What applicants and staff are told when a protection application or an objection changes.

Called by the services inside their transaction, so a refused change tells no one.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event

from ..models import Application

APPLICANT_EVENTS = {
    "submitted": _("Application submitted"),
    "resubmitted": _("Supplemented application received"),
    "forwarded": _("Application forwarded to the national examination"),
    "supplement_requested": _("Supplement to an application requested"),
    "defect_notice": _("Defect notice on an application"),
    "accepted": _("Application accepted after formal examination"),
    "announced": _("Application announced; objection window open"),
    "window_moved": _("Closing date of an objection window moved"),
    "objection_received": _("An objection to your application needs your reply"),
    "objections_rejected": _("Objections handled; the application proceeds"),
    "rejected": _("Application rejected"),
    "withdrawn": _("Application withdrawn"),
    "protected": _("Product protected and entered in the register"),
    "amended": _("Amendment approved and entered in the register"),
}
STAFF_EVENTS = {
    "rejection_proposed": _("A rejection awaits your decision"),
    "defect_notice": _("Defect notice to pass on to the applicant"),
    "objection_filed": _("New objection to an application"),
    "objections_to_handle": _("Objection window closed with objections to handle"),
    "review_convened": _("You are convened to a technical review"),
}


def register_kinds() -> None:
    register_event_kinds("application.applicant", APPLICANT_EVENTS, "application")
    register_event_kinds("application.staff", STAFF_EVENTS, "application")


def applicant_accounts(application: Application):
    return [account.user for account in application.applicant.accounts.filter(is_active=True).select_related("user")]


def tell_applicant(application: Application, event: str, *, reason: str = "", **context) -> None:
    notify_event(
        prefix="application.applicant",
        events=APPLICANT_EVENTS,
        event=event,
        recipients=applicant_accounts(application),
        target=application,
        link=reverse("portal_applications:detail", args=[application.pk]),
        context={"application": application, "reason": reason, **context},
    )


def tell_staff(recipients, application: Application, event: str, **context) -> None:
    notify_event(
        prefix="application.staff",
        events=STAFF_EVENTS,
        event=event,
        recipients=recipients,
        target=application,
        link=reverse("applications:detail", args=[application.pk]),
        context={"application": application, **context},
    )
