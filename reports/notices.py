"""What the statistics flow tells people; queued inside the services' transactions."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_kind
from notifications.services import notify

# One kind per event, so each can have e-mail switched off; one pair of templates for all.
EVENTS = {
    "awaiting_approval": _("A statistics report awaits your approval"),
    "sent_back": _("The lead sent a statistics report back"),
    "submitted": _("A province submitted its statistics report"),
    "accepted": _("The 科技司 accepted a statistics report"),
    "returned": _("The 科技司 returned a statistics report for correction"),
}


def register_kinds() -> None:
    for event, label in EVENTS.items():
        register_kind(
            f"statistics.{event}",
            label=label,
            subject_template="notifications/statistics/subject.txt",
            body_template="notifications/statistics/body.txt",
        )


def tell(recipients, report, event: str, comment: str = "") -> None:
    notify(
        recipients=recipients,
        kind=f"statistics.{event}",
        target=report,
        context={
            "event": event,
            "province": report.province.name,
            "year": report.year,
            "period": report.get_period_display(),
            "comment": comment,
        },
    )
