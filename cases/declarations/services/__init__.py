"""Writes on self-declarations (the producer's, then the bureau's in-process check).

Callers outside cases/ go through workflows.declarations.actions; ensure_acts_for and
lock_declaration are shared with the usage reports (cases.usage_reports.services).
"""

from .checks import declaration_check_in_process, declaration_decide_suspension
from .drafts import (
    declaration_attach,
    declaration_create_draft,
    declaration_resubmit,
    declaration_submit,
    declaration_withdraw,
    ensure_acts_for,
    lock_declaration,
)

__all__ = [
    "declaration_attach",
    "declaration_check_in_process",
    "declaration_create_draft",
    "declaration_decide_suspension",
    "declaration_resubmit",
    "declaration_submit",
    "declaration_withdraw",
    "ensure_acts_for",
    "lock_declaration",
]
