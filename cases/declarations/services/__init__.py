"""Writes on self-declarations (the producer's, then the bureau's in-process check)."""

from .checks import checking_bureau, declaration_check_in_process, declaration_decide_suspension
from .drafts import (
    EDITABLE_STATES,
    ENDED_STATES,
    declaration_attach,
    declaration_create_draft,
    declaration_resubmit,
    declaration_submit,
    declaration_withdraw,
    ensure_acts_for,
    lock_declaration,
)

__all__ = [
    "EDITABLE_STATES",
    "ENDED_STATES",
    "checking_bureau",
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
