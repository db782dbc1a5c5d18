"""What the project flow tells people; queued inside the services' transactions."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event

EVENTS = {
    "awaiting_recommendation": _("A rural revitalisation project awaits the province's recommendation"),
    "awaiting_evaluation": _("A rural revitalisation project awaits the 计财司's evaluation"),
    "awaiting_publication": _("A rural revitalisation project awaits publication"),
    "published": _("A rural revitalisation project was published: implementation starts"),
    "not_selected": _("A rural revitalisation project was not selected"),
    "final_report": _("A final report of a rural revitalisation project awaits review"),
    "report_returned": _("The final report of a rural revitalisation project was returned"),
    "completed": _("A rural revitalisation project was completed"),
}


def register_kinds() -> None:
    register_event_kinds("rural", EVENTS, "rural")


def tell(recipients, project, event: str, comment: str = "") -> None:
    notify_event(
        prefix="rural",
        events=EVENTS,
        event=event,
        recipients=recipients,
        target=project,
        link=project.get_absolute_url(),
        context={"reference": project.reference, "title": project.title, "comment": comment},
    )
