"""Writes on enforcement cases (docs/domain.md §4). Each: one transaction, row lock, permission check,
FSM transition, one audit event, notifications in the outbox.

Callers outside cases and workflows.enforcement's flow go through workflows.enforcement.actions.
"""

from .common import (
    CASE_CLOCK,
    VERIFICATION_CLOCK,
    lock_case,
    open_clock,
    reviewing_body,
)
from .decision import (
    case_archive,
    case_close,
    case_decide,
    case_recompute_payment_due,
    case_record_execution,
    case_serve_decision,
)
from .defence import (
    case_hold_hearing,
    case_lead_approve,
    case_recheck,
    case_record_defence,
    case_review,
    case_serve_notice,
)
from .filing import case_assign_officer, case_decide_filing, case_extend_verification, case_verify
from .intake import case_from_supervision_referral, case_receive
from .interruption import case_decide_interruption, case_resume
from .investigation import (
    case_add_evidence,
    case_extend_clock,
    case_investigate,
    case_pause_clock,
    case_resume_clock,
)

__all__ = [
    "CASE_CLOCK",
    "VERIFICATION_CLOCK",
    "case_add_evidence",
    "case_archive",
    "case_assign_officer",
    "case_close",
    "case_decide",
    "case_decide_filing",
    "case_decide_interruption",
    "case_extend_clock",
    "case_extend_verification",
    "case_from_supervision_referral",
    "case_hold_hearing",
    "case_investigate",
    "case_lead_approve",
    "case_pause_clock",
    "case_receive",
    "case_recheck",
    "case_recompute_payment_due",
    "case_record_defence",
    "case_record_execution",
    "case_resume",
    "case_resume_clock",
    "case_review",
    "case_serve_decision",
    "case_serve_notice",
    "case_verify",
    "lock_case",
    "open_clock",
    "reviewing_body",
]
