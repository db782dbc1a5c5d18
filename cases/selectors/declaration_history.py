"""The history of a declaration as its producer sees it: plain labels, no internal steps or notes."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import Declaration
from .history import HistoryEntry, visible_history

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


def producer_history(declaration: Declaration) -> list[HistoryEntry]:
    return visible_history(declaration, PRODUCER_VISIBLE_ACTIONS, Declaration.Status.choices)
