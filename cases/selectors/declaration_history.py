"""The history of a declaration as its producer sees it: plain labels, no internal steps or notes."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from audit.selectors import audit_events_for

from ..models import Declaration

# action → (label, whether its comment is meant for the producer). Actions not listed —
# a proposal of suspension, a rejected proposal — are the bureau's internal business.
PRODUCER_VISIBLE_ACTIONS: dict[str, tuple[Promise, bool]] = {
    "declaration.create": (_("Draft created"), False),
    "declaration.attach": (_("Document attached"), False),
    "declaration.submit": (_("Declared and published"), False),
    "declaration.in_process_check.ok": (_("Looked over by the bureau: nothing to correct"), False),
    "declaration.in_process_check.correction": (_("Correction requested by the bureau"), True),
    "declaration.resubmit": (_("Correction sent"), True),
    "declaration.suspension.approve": (_("Use of the mark suspended"), True),
    "declaration.withdraw": (_("Withdrawn"), True),
    "declaration.start_check": (_("Drawn for a supervision check"), False),
    "declaration.check_compliant": (_("Supervision check: compliant"), False),
    "declaration.check_rectification": (_("Rectification ordered"), True),
    "declaration.revoke": (_("Authorisation revoked"), True),
    "declaration.usage_report": (_("Annual usage report submitted"), False),
}


@dataclass(frozen=True)
class HistoryEntry:
    occurred_at: datetime
    label: Promise
    status: str
    comment: str


def producer_history(declaration: Declaration) -> list[HistoryEntry]:
    events = audit_events_for(declaration).filter(action__in=PRODUCER_VISIBLE_ACTIONS)
    statuses = dict(Declaration.Status.choices)
    entries = []
    for event in events:
        label, comment_is_public = PRODUCER_VISIBLE_ACTIONS[event.action]
        entries.append(
            HistoryEntry(
                occurred_at=event.occurred_at,
                label=label,
                status=statuses.get(event.to_state, ""),
                comment=event.comment if comment_is_public else "",
            )
        )
    return entries
