"""What the person who uploaded a register file is told when the work on it ends: they may have
left the page (a 50,000-row file takes a minute)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event

EVENTS = {
    "checked": _("Your register file was checked: it can be imported"),
    "has_errors": _("Your register file was checked: it has errors"),
    "unreadable": _("Your register file cannot be read"),
    "imported": _("Your register file was imported"),
    "stopped": _("The import of your register file stopped"),
}


def register_kinds() -> None:
    register_event_kinds("register_import", EVENTS, "register_import")


def tell_uploader(job) -> None:
    recipients = {job.created_by_id, job.imported_by_id} - {None}
    notify_event(
        prefix="register_import",
        events=EVENTS,
        event=job.status,
        recipients=get_user_model().objects.filter(pk__in=recipients),
        target=job,
        link=job.get_absolute_url(),
        context={"job": job},
    )
