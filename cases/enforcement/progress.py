"""Where a report from the public stands (办件查询): the case's status read as the few stages the
person who reported it may follow, with the bureau that handles it and the outcome in words.

Nothing internal: no officer, no finding, no evidence, no amount; the reason shown is the one
the lead wrote for not filing or for the transfer, which the filing form says is shown here.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.selectors import audit_events_for

from ..common.progress import PublicProgress, Stage, stage_times, steps_along
from ..common.tracking import tracked
from ..models import EnforcementCase

Status = EnforcementCase.Status

RECEIVED, VERIFICATION, INVESTIGATION = "received", "verification", "investigation"
NOT_FILED, TRANSFERRED, TERMINATED, CLOSED = "not_filed", "transferred", "terminated", "closed"

# Every status of a case, as the public stage it belongs to (tests check that none is missing).
PUBLIC_STAGE_OF_STATUS: dict[str, str] = {
    Status.VERIFYING: VERIFICATION,
    Status.FILING_DECISION: VERIFICATION,
    Status.NOT_FILED: NOT_FILED,
    Status.TRANSFERRED: TRANSFERRED,
    Status.INVESTIGATING: INVESTIGATION,
    Status.SUSPENDED: INVESTIGATION,
    Status.REVIEW: INVESTIGATION,
    Status.LEAD_APPROVAL: INVESTIGATION,
    Status.NOTICE: INVESTIGATION,
    Status.DEFENCE: INVESTIGATION,
    Status.HEARING: INVESTIGATION,
    Status.RECHECK: INVESTIGATION,
    Status.DECISION: INVESTIGATION,
    Status.SERVICE: INVESTIGATION,
    Status.EXECUTION: INVESTIGATION,
    Status.CLOSURE: INVESTIGATION,
    Status.TERMINATED: TERMINATED,
    Status.CLOSED: CLOSED,
    Status.ARCHIVED: CLOSED,
}
ENDS = (NOT_FILED, TRANSFERRED, TERMINATED, CLOSED)

# The words of the stepper and the outcome carry the context "progress": the same English names
# audit actions elsewhere, where the Chinese differs (决定不予立案 in a history, 不予立案 here).
LABELS = {
    RECEIVED: pgettext_lazy("progress", "Received"),
    VERIFICATION: pgettext_lazy("progress", "Verification of the report"),
    NOT_FILED: pgettext_lazy("progress", "Not filed"),
    TRANSFERRED: pgettext_lazy("progress", "Transferred to another authority"),
    INVESTIGATION: pgettext_lazy("progress", "Case filed and investigated"),
    TERMINATED: pgettext_lazy("progress", "Investigation terminated"),
    CLOSED: pgettext_lazy("progress", "Closure"),
}


def reports_from_the_public() -> QuerySet[EnforcementCase]:
    return EnforcementCase.objects.filter(source=EnforcementCase.Source.COMPLAINT).select_related("bureau")


def report_tracked(number: str, contact: str) -> EnforcementCase | None:
    """The report with this tracking number, if `contact` is the phone or e-mail it was sent with."""
    return tracked(reports_from_the_public(), number, contact, lambda case: case.complainant_contact)


def public_stage(status: str) -> str:
    return PUBLIC_STAGE_OF_STATUS[status]


def report_steps(case: EnforcementCase) -> list:
    """The stages a report goes through, as far as this case went: received, verified, then not
    filed or transferred, or filed, investigated and closed (or terminated)."""
    stage = public_stage(case.status)
    if stage in (NOT_FILED, TRANSFERRED):
        keys = [RECEIVED, VERIFICATION, stage]
    else:
        keys = [RECEIVED, VERIFICATION, INVESTIGATION, TERMINATED if stage == TERMINATED else CLOSED]
    body = case.bureau.display_name
    stages = [Stage(key, LABELS[key], body) for key in keys]
    times = stage_times(audit_events_for(case), PUBLIC_STAGE_OF_STATUS.get)
    times.left[RECEIVED] = case.created_at
    return steps_along(stages, stage, times, finished=stage in ENDS)


def report_outcome(case: EnforcementCase) -> tuple:
    """(the outcome in words, the public reason), or blanks while the report is verified."""
    stage = public_stage(case.status)
    if stage == NOT_FILED:
        return LABELS[NOT_FILED], case.closing_reason
    if stage == TRANSFERRED:
        authority = case.transferred_to
        return pgettext_lazy("progress", "Transferred to %(authority)s") % {"authority": authority}, case.closing_reason
    if stage == TERMINATED:
        return LABELS[TERMINATED], ""
    if stage == CLOSED:
        closed = pgettext_lazy("progress", "Case closed: %(outcome)s")
        return (
            closed % {"outcome": case.get_outcome_display()}
            if case.outcome
            else pgettext_lazy("progress", "Case closed")
        ), ""
    if stage == INVESTIGATION:
        return pgettext_lazy("progress", "Filed as a case"), ""
    return "", ""


def report_progress(case: EnforcementCase) -> PublicProgress:
    steps = report_steps(case)
    outcome, reason = report_outcome(case)
    # The outcome's date: when the last step was done (the filing, for a case under investigation).
    done = [step for step in steps if step.is_done]
    return PublicProgress(
        kind=_("Report of a counterfeit or misuse"),
        number=case.tracking_number or "",
        subject=case.get_violation_type_display(),
        received_at=case.created_at,
        steps=steps,
        outcome=outcome,
        outcome_date=done[-1].date if outcome and done else None,
        reason=reason,
    )
