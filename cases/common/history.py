"""A case's history for people outside the office: the audit events they may see, in plain words."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise

from audit.selectors import audit_events_for


@dataclass(frozen=True)
class HistoryEntry:
    occurred_at: datetime
    label: str | Promise
    status: str
    comment: str


def visible_history(
    target, visible_actions: dict[str, tuple[str | Promise, bool]], status_choices
) -> list[HistoryEntry]:
    """visible_actions: action → (label, whether its comment is meant for the reader).
    Actions not listed are internal business and left out."""
    statuses = dict(status_choices)
    entries = []
    for event in audit_events_for(target).filter(action__in=visible_actions):
        label, comment_is_public = visible_actions[event.action]
        entries.append(
            HistoryEntry(
                occurred_at=event.occurred_at,
                label=label,
                status=statuses.get(event.to_state, ""),
                comment=event.comment if comment_is_public else "",
            )
        )
    return entries
