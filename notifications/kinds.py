"""The kinds of notification: a code, a label for the preferences page and two templates.

Subject and body are Django templates rendered in the recipient's language when the
notification is created (see services.notify). An app registers its kinds in its
AppConfig.ready(); the deadline kinds are registered here until the deadlines app
takes them over.
"""

from dataclasses import dataclass

from django.template import Context
from django.template.loader import get_template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class UnknownNotificationKind(LookupError):
    """notify() was called with a code no app registered."""


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str | Promise
    subject_template: str
    body_template: str

    def render(self, context: dict) -> tuple[str, str]:
        """Subject (one line) and body in the active language. Plain text: no HTML escaping."""
        subject = " ".join(_render_text(self.subject_template, context).split())
        body = _render_text(self.body_template, context).strip()
        return subject, body


_KINDS: dict[str, NotificationKind] = {}


def register_kind(code: str, *, label, subject_template: str, body_template: str) -> NotificationKind:
    """Register (or re-register, e.g. on autoreload) a kind of notification."""
    kind = NotificationKind(code=code, label=label, subject_template=subject_template, body_template=body_template)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> NotificationKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise UnknownNotificationKind(f"no notification kind {code!r} is registered") from None


def registered_kinds() -> list[NotificationKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.code)


def _render_text(template_name: str, context: dict) -> str:
    # The engine's own Template, so autoescape can be turned off: these are e-mail texts,
    # and the notification centre escapes them when it shows them.
    template = get_template(template_name).template  # type: ignore[attr-defined]  # the Django backend's
    return template.render(Context(context, autoescape=False))


register_kind(
    "deadline.reminder",
    label=_("Time limit reminder"),
    subject_template="notifications/deadline.reminder/subject.txt",
    body_template="notifications/deadline.reminder/body.txt",
)
register_kind(
    "deadline.moved",
    label=_("Time limit moved by the official holidays of a year"),
    subject_template="notifications/deadline.moved/subject.txt",
    body_template="notifications/deadline.moved/body.txt",
)
register_kind(
    "deadline.escalation",
    label=_("Overdue time limit escalated to the lead"),
    subject_template="notifications/deadline.escalation/subject.txt",
    body_template="notifications/deadline.escalation/body.txt",
)


def register_event_kinds(prefix: str, events: dict, templates: str) -> None:
    """One kind per event of a case ("<prefix>.<event>"), so people can switch e-mail off per
    event; all share one subject and one body template under notifications/<templates>/, which
    branch on `event`."""
    for event, label in events.items():
        register_kind(
            f"{prefix}.{event}",
            label=label,
            subject_template=f"notifications/{templates}/subject.txt",
            body_template=f"notifications/{templates}/body.txt",
        )
