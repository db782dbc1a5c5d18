"""A self-declaration's progress for its producer (docs/domain.md §3): declared, published at once,
looked over by the bureau (事中核查), then used under supervision; or ended by suspension,
revocation or withdrawal. The check's end is read from the audit trail: the status alone says
"published" before and after it."""

from django.utils.translation import pgettext_lazy

from audit.selectors import audit_events_for
from organizations.models import Department

from ..common.progress import DONE, Stage, StageTimes, Step, steps_along
from ..models import Declaration
from .choices import DeclarationAction

Status = Declaration.Status

DRAFT, PUBLISHED, CHECK, USE = "draft", "published", "check", "use"

# Every status as its stage; "published" is the check until the bureau has looked the declaration
# over, the use of the mark after (tests check that no status is missing). None: an end.
STAGE_OF_STATUS: dict[str, str | None] = {
    Status.DRAFT: DRAFT,
    Status.PUBLISHED: CHECK,
    Status.CORRECTION_REQUESTED: CHECK,
    Status.UNDER_CHECK: USE,
    Status.RECTIFICATION: USE,
    Status.SUSPENDED: None,
    Status.REVOKED: None,
    Status.WITHDRAWN: None,
}
ENDED = {
    Status.SUSPENDED: pgettext_lazy("progress", "Use of the mark suspended"),
    Status.REVOKED: pgettext_lazy("progress", "Authorisation revoked"),
    Status.WITHDRAWN: pgettext_lazy("progress", "Declaration withdrawn"),
}
NOTES = {
    Status.CORRECTION_REQUESTED: pgettext_lazy("progress", "Your correction is awaited."),
    Status.UNDER_CHECK: pgettext_lazy("progress", "Drawn for a supervision check."),
    Status.RECTIFICATION: pgettext_lazy("progress", "Your rectification is awaited."),
}
PRODUCER_ACTS = (Status.DRAFT, Status.CORRECTION_REQUESTED, Status.RECTIFICATION)
# The bureau has looked the declaration over: nothing to correct, or its lead refused a suspension.
CHECK_CONCLUDED = (DeclarationAction.IN_PROCESS_CHECK_OK, DeclarationAction.SUSPENSION_REJECT)


def declaration_stage(status: str, *, check_concluded: bool) -> str | None:
    stage = STAGE_OF_STATUS[status]
    return USE if stage == CHECK and status == Status.PUBLISHED and check_concluded else stage


def declaration_steps(declaration: Declaration) -> list[Step]:
    """The stepper of the producer's portal page: one query for the events, one for the bureau."""
    bureau = Department.objects.get(region_id=declaration.production_region_id).display_name
    producer = declaration.enterprise.name
    stages = [
        Stage(DRAFT, pgettext_lazy("progress", "Declaration prepared"), producer),
        Stage(PUBLISHED, pgettext_lazy("progress", "Declared and published"), ""),
        Stage(CHECK, pgettext_lazy("progress", "In-process check by the bureau"), bureau),
        Stage(USE, pgettext_lazy("progress", "Use of the mark under supervision"), bureau),
    ]
    events = list(audit_events_for(declaration).filter(action__in=DeclarationAction.values))
    concluded = [event for event in events if event.action in CHECK_CONCLUDED]
    times = StageTimes(entered={DRAFT: declaration.created_at}, left={})
    if declaration.declared_at:
        times.left[DRAFT] = times.left[PUBLISHED] = times.entered[CHECK] = declaration.declared_at
    if concluded:
        times.left[CHECK] = times.entered[USE] = concluded[-1].occurred_at
    status = declaration.status
    if status in ENDED:
        # A draft withdrawn was never published; a declaration ended before its check, never used.
        reached = stages[:1] if declaration.declared_at is None else stages if concluded else stages[:3]
        steps = steps_along(reached, None, times)
        ended_at = declaration.closed_at or (events[-1].occurred_at if events else None)
        return [*steps, Step(ENDED[status], DONE, ended_at)]
    current = declaration_stage(status, check_concluded=bool(concluded))
    return steps_along(
        stages,
        current,
        times,
        body_now=producer if status in PRODUCER_ACTS else "",
        note=NOTES.get(status, ""),
    )
