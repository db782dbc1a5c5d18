"""What the national site page's flow tells people; queued inside the services' transactions."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_kind
from notifications.services import notify

EVENTS = {
    "submitted": _("A province submitted a page for the national GI site"),
    "reviewed": _("A national site page awaits publication"),
    "returned": _("A national site page was returned for correction"),
    "published": _("A national site page was published"),
}


def register_kinds() -> None:
    for event, label in EVENTS.items():
        register_kind(
            f"site_page.{event}",
            label=label,
            subject_template="notifications/site_page/subject.txt",
            body_template="notifications/site_page/body.txt",
        )


def tell(recipients, page, event: str, comment: str = "") -> None:
    notify(
        recipients=recipients,
        kind=f"site_page.{event}",
        target=page,
        context={"event": event, "reference": page.reference, "product": page.product.name, "comment": comment},
    )
