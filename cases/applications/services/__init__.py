"""Writes on product protection applications. Each: one transaction, row lock, permission check,
FSM transition, one audit event, notifications in the outbox."""

from .approval import application_decide_approval
from .common import (
    SUPPLEMENT_RULE,
    ensure_acts_for_applicant,
    ensure_role,
    lock,
    national_department,
    provincial_bureau,
)
from .drafts import (
    REPLACED_KINDS,
    application_attach,
    application_create_draft,
    application_edit_draft,
    application_resubmit,
    application_submit,
    application_withdraw,
    ensure_draft,
)
from .examinations import application_decide_rejection, application_examine_formal, application_examine_preliminary
from .objection_window import (
    application_close_objection_window,
    application_conclude_objections,
    application_decide_announcement,
    application_recompute_objection_window,
    objection_window_closes,
)
from .review import (
    MIN_EXPERTS,
    application_conclude_review,
    application_convene_review,
    current_round,
    expert_opinion_submit,
)

__all__ = [
    "MIN_EXPERTS",
    "REPLACED_KINDS",
    "SUPPLEMENT_RULE",
    "application_attach",
    "application_close_objection_window",
    "application_conclude_objections",
    "application_conclude_review",
    "application_convene_review",
    "application_create_draft",
    "application_decide_announcement",
    "application_decide_approval",
    "application_decide_rejection",
    "application_edit_draft",
    "application_examine_formal",
    "application_examine_preliminary",
    "application_recompute_objection_window",
    "application_resubmit",
    "application_submit",
    "application_withdraw",
    "current_round",
    "ensure_acts_for_applicant",
    "ensure_draft",
    "ensure_role",
    "expert_opinion_submit",
    "lock",
    "national_department",
    "objection_window_closes",
    "provincial_bureau",
]
