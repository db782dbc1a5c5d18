"""An enforcement case's history as its staff read it: every event by its Chinese name and the
states by their labels, never the audit trail's codes."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from audit.selectors import actor_display
from documents.audit_actions import DocumentAction
from teamwork.audit_actions import TeamAction

from ..models import EnforcementCase
from .choices import EnforcementAction

# The names of what is recorded on an enforcement case come from the kind's audit registry
# (cases.enforcement.choices.EnforcementAction), with the documents the case issues. A code missing
# here (an older event) is shown as OTHER_ACTION, never as the code itself.
CASE_ACTION_LABELS: dict[str, Promise] = {
    **{action.value: action.label for action in EnforcementAction},
    DocumentAction.ISSUE.value: DocumentAction.ISSUE.label,
    **{action.value: action.label for action in TeamAction},  # who holds a task, the staff's notes
}
OTHER_ACTION = _("Other entry")


@dataclass(frozen=True)
class StaffHistoryEntry:
    occurred_at: datetime
    actor_label: str
    label: Promise
    from_state: str | Promise
    to_state: str | Promise
    comment: str


def case_action_label(code: str) -> Promise:
    return CASE_ACTION_LABELS.get(code, OTHER_ACTION)


def staff_history(events) -> list[StaffHistoryEntry]:
    """Audit events of a case → rows the case page shows. A state shown only when it changed."""
    states = dict(EnforcementCase.Status.choices)
    rows = []
    for event in events:
        changed = event.to_state and event.to_state != event.from_state
        rows.append(
            StaffHistoryEntry(
                occurred_at=event.occurred_at,
                actor_label=actor_display(event),
                label=case_action_label(event.action),
                from_state=states.get(event.from_state, "") if changed else "",
                to_state=states.get(event.to_state, "") if changed else "",
                comment=event.comment,
            )
        )
    return rows
