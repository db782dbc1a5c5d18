"""Where an objection stands (办件查询): submitted, checked for admissibility by 法规司, examined
with the applicant's reply, decided; with the decision's reasons, which the applicant's portal
shows too. Nothing else of the file: no staff, no evidence, no reply text."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.selectors import audit_events_for
from organizations.models import Department

from ..common.progress import PublicProgress, Stage, stage_times, steps_along
from ..common.tracking import tracked
from ..models import Objection
from .choices import ObjectionAction

Status = Objection.Status

SUBMITTED, ADMISSIBILITY, EXAMINATION, DECISION = "submitted", "admissibility", "examination", "decision"

# Every status of an objection, as the stage it belongs to (tests check that none is missing).
STAGE_OF_STATUS: dict[str, str] = {
    Status.RECEIVED: ADMISSIBILITY,
    Status.INADMISSIBLE: ADMISSIBILITY,
    Status.AWAITING_REPLY: EXAMINATION,
    Status.REPLIED: EXAMINATION,
    Status.REJECTED: DECISION,
    Status.SUSTAINED: DECISION,
}

# A stage's name until it is decided, and once it is (受理审查 becomes 已受理 or 不予受理).
LABELS = {
    SUBMITTED: pgettext_lazy("progress", "Objection submitted"),
    ADMISSIBILITY: pgettext_lazy("progress", "Admissibility check"),
    EXAMINATION: pgettext_lazy("progress", "Examination of the objection"),
    DECISION: pgettext_lazy("progress", "Decision"),
}
DECIDED_LABELS = {
    Status.AWAITING_REPLY: pgettext_lazy("progress", "Admitted"),
    Status.INADMISSIBLE: pgettext_lazy("progress", "Not admitted"),
    Status.SUSTAINED: pgettext_lazy("progress", "Objection sustained"),
    Status.REJECTED: pgettext_lazy("progress", "Objection rejected"),
}
NOTES = {
    Status.RECEIVED: pgettext_lazy("progress", "%(body)s checks whether the objection can be admitted."),
    Status.AWAITING_REPLY: pgettext_lazy("progress", "The applicant has been asked to reply."),
    Status.REPLIED: pgettext_lazy("progress", "The applicant has replied; %(body)s decides."),
}


def objection_tracked(number: str, contact: str) -> Objection | None:
    """The objection with this tracking number, if `contact` is the phone or e-mail it was filed with."""
    objections: QuerySet[Objection] = Objection.objects.select_related("application")
    return tracked(objections, number, contact, lambda objection: objection.contact)


def objection_steps(objection: Objection) -> list:
    status = objection.status
    body = Department.objects.get(code="FGS").display_name
    stage = STAGE_OF_STATUS[status]
    admitted = status not in (Status.RECEIVED, Status.INADMISSIBLE)
    labels = dict(LABELS)
    if admitted:
        labels[ADMISSIBILITY] = DECIDED_LABELS[Status.AWAITING_REPLY]
    if status in DECIDED_LABELS and status != Status.AWAITING_REPLY:
        labels[stage] = DECIDED_LABELS[status]
    keys = (
        [SUBMITTED, ADMISSIBILITY]
        if status == Status.INADMISSIBLE
        else [SUBMITTED, ADMISSIBILITY, EXAMINATION, DECISION]
    )
    stages = [Stage(key, labels[key], body) for key in keys]
    # The objection's events are recorded on its application, tagged with the objection's reference.
    events = audit_events_for(objection.application).filter(
        action__in=ObjectionAction.values, data__objection=objection.reference
    )
    times = stage_times(events, STAGE_OF_STATUS.get)
    times.left[SUBMITTED] = objection.received_at
    note = NOTES[status] % {"body": body} if status in NOTES else ""
    return steps_along(stages, stage, times, note=note, finished=objection.is_decided)


def objection_outcome(objection: Objection):
    """The decision in words (admitted, once it is; then sustained or rejected), or blank."""
    if objection.status in DECIDED_LABELS:
        return DECIDED_LABELS[objection.status]
    if objection.status == Status.REPLIED:
        return DECIDED_LABELS[Status.AWAITING_REPLY]
    return ""


def objection_progress(objection: Objection) -> PublicProgress:
    steps = objection_steps(objection)
    application = objection.application
    decided = objection.is_decided
    return PublicProgress(
        kind=_("Objection"),
        number=objection.tracking_number,
        subject=f"{application.product_name}（{application.reference}）",
        received_at=objection.received_at,
        steps=steps,
        outcome=objection_outcome(objection),
        outcome_date=objection.decided_at if decided else steps[1].date if steps[1].is_done else None,
        reason=objection.decision_reason if decided else "",
    )
