"""Writes on supervision campaigns and their checks; callers outside cases/ go through
workflows.supervision.actions."""

from .campaigns import campaign_candidates, campaign_create, campaign_draw, conflict_declare, conflict_withdraw
from .checks import check_decide_revocation, check_open, check_record_result
from .non_use import check_open_for_non_use
from .rectification import rectification_remind, rectification_report_submit

__all__ = [
    "campaign_candidates",
    "campaign_create",
    "campaign_draw",
    "check_decide_revocation",
    "check_open",
    "check_open_for_non_use",
    "check_record_result",
    "conflict_declare",
    "conflict_withdraw",
    "rectification_remind",
    "rectification_report_submit",
]
