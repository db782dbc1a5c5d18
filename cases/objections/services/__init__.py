"""Writes on objections: filing, admissibility, the applicant's reply, the decision."""

from .handling import (
    MAX_EVIDENCE_FILES,
    objection_decide,
    objection_decide_admissibility,
    objection_file,
    objection_reply,
)

__all__ = [
    "MAX_EVIDENCE_FILES",
    "objection_decide",
    "objection_decide_admissibility",
    "objection_file",
    "objection_reply",
]
