"""办件查询: a tracking number and the contact given with it lead to where that objection or report
stands; anything else leads nowhere, without saying which part was wrong (ADR 0034)."""

from cases.common.progress import PublicProgress
from cases.common.tracking import OBJECTION_PREFIX, canonical_tracking_number
from cases.enforcement.progress import report_progress, report_tracked
from cases.objections.progress import objection_progress, objection_tracked


def public_progress(number: str, contact: str) -> PublicProgress | None:
    canonical = canonical_tracking_number(number) or ""
    if canonical.startswith(OBJECTION_PREFIX):
        objection = objection_tracked(canonical, contact)
        return objection_progress(objection) if objection else None
    # Reports, and numbers of no shape at all: the same lookup, so both take the same time.
    case = report_tracked(canonical, contact)
    return report_progress(case) if case else None
