"""What team work tells people: a task handed to them or away from them, a mention in a note.

Called inside the service's transaction (notifications.services.notify refuses anything else).
"""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event

TEAM_EVENTS = {
    "task_given": _("A lead handed a task to you"),
    "task_taken_away": _("A lead handed your task to a colleague"),
    "mentioned": _("A colleague mentioned you in a note on a case"),
}


def register_kinds() -> None:
    register_event_kinds("team", TEAM_EVENTS, "team")


def tell(recipients, *, event: str, case, link: str, **context) -> None:
    notify_event(
        prefix="team",
        events=TEAM_EVENTS,
        event=event,
        recipients=recipients,
        target=case,
        link=link,
        context={"case": case, **context},
    )
