"""An enforcement case's history as its staff read it: every event by its Chinese name and the
states by their labels, never the audit trail's codes."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from audit.selectors import actor_display

from ..models import EnforcementCase

# The one registry of the names of what is recorded on an enforcement case. A code missing here
# (an older event, a new service) is shown as OTHER_ACTION, never as the code itself;
# tests/workflows/test_plain_pages.py checks that every code the services write is named.
CASE_ACTION_LABELS: dict[str, Promise] = {
    "enforcement.receive": _("Clue received"),
    "enforcement.verify": _("Clue verified"),
    "enforcement.extend_verification": _("Verification period extended"),
    "enforcement.filing.file": _("Case filed"),
    "enforcement.filing.not_file": _("Not filed"),
    "enforcement.filing.transfer": _("Transferred"),
    "enforcement.assign_officer": _("Officer assigned"),
    "enforcement.add_evidence": _("Evidence recorded"),
    "enforcement.clock_pause": _("Case clock paused"),
    "enforcement.clock_resume": _("Case clock resumed"),
    "enforcement.extend": _("Case period extended"),
    "enforcement.investigate.report": _("Investigation report submitted"),
    "enforcement.investigate.suspend": _("Suspension proposed"),
    "enforcement.investigate.terminate": _("Termination proposed"),
    "enforcement.suspend.approve": _("Suspension approved"),
    "enforcement.suspend.reject": _("Suspension refused"),
    "enforcement.terminate.approve": _("Termination approved"),
    "enforcement.terminate.reject": _("Termination refused"),
    "enforcement.resume": _("Investigation resumed"),
    "enforcement.review.pass": _("Case review passed"),
    "enforcement.review.send_back": _("Sent back by the case review"),
    "enforcement.approve": _("Approved by the lead"),
    "enforcement.approve.send_back": _("Sent back by the lead"),
    "enforcement.serve_notice": _("Notice of proposed decision served"),
    "enforcement.defence": _("Statement and defence recorded"),
    "enforcement.hearing": _("Hearing held"),
    "enforcement.recheck": _("Re-checked after the defence"),
    "enforcement.decide.penalty": _("Decided: administrative penalty"),
    "enforcement.decide.no_penalty": _("Decided: no penalty"),
    "enforcement.decide.not_established": _("Decided: violation not established"),
    "enforcement.decide.transfer": _("Decided: transfer to the competent authority"),
    "enforcement.decide.criminal": _("Decided: referral to the judicial authorities"),
    "enforcement.serve_decision": _("Decision served"),
    "enforcement.execute": _("Decision executed"),
    "enforcement.close": _("Case closed"),
    "enforcement.archive": _("Case archived"),
    "enforcement.note": _("Note"),
    "document.issue": _("Document issued"),
}
OTHER_ACTION = _("Other entry")


@dataclass(frozen=True)
class StaffHistoryEntry:
    occurred_at: datetime
    actor_label: str
    label: Promise
    from_state: str
    to_state: str
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
