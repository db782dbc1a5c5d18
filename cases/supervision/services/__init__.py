"""Writes on supervision campaigns and their checks."""

from .campaigns import campaign_candidates, campaign_create, campaign_draw, conflict_declare, ensure_lead
from .checks import RECTIFICATION_DAYS, check_decide_revocation, check_open, check_record_result

__all__ = [
    "RECTIFICATION_DAYS",
    "campaign_candidates",
    "campaign_create",
    "campaign_draw",
    "check_decide_revocation",
    "check_open",
    "check_record_result",
    "conflict_declare",
    "ensure_lead",
]
