"""An application's progress for its applicant (docs/domain.md §2): the stages of its procedure in
the order its regime and purpose give them, the one it is at, and the body that must act now."""

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import pgettext_lazy

from audit.selectors import audit_events_for
from organizations.models import Department

from ..common.progress import DONE, Stage, Step, stage_times, steps_along
from ..models import Application, Purpose, Regime
from .choices import ApplicationAction

Status = Application.Status

DRAFT, PRELIMINARY, FORMAL, ANNOUNCEMENT = "draft", "preliminary", "formal", "announcement"
OBJECTIONS, REVIEW, APPROVAL = "objections", "review", "approval"

ORDER: dict[str, tuple[str, ...]] = {
    Regime.AQSIQ_2005: (DRAFT, PRELIMINARY, FORMAL, ANNOUNCEMENT, OBJECTIONS, REVIEW, APPROVAL),
    Regime.CNIPA_2023: (DRAFT, PRELIMINARY, FORMAL, REVIEW, ANNOUNCEMENT, OBJECTIONS, APPROVAL),
}
# Non-main content: the province and 科技司 examine it, the lead approves; nothing is announced.
MINOR_AMENDMENT_ORDER = (DRAFT, PRELIMINARY, FORMAL, APPROVAL)

# Every status, as the stage it belongs to; a proposed rejection stays at the stage that proposed
# it, and the two ends without approval (rejected, withdrawn) at the stage they were reached from
# (tests check that no status is missing).
STAGE_OF_STATUS: dict[str, str | None] = {
    Status.DRAFT: DRAFT,
    Status.PRELIMINARY_EXAMINATION: PRELIMINARY,
    Status.SUPPLEMENT_REQUESTED: PRELIMINARY,
    Status.FORMAL_EXAMINATION: FORMAL,
    Status.DEFECT_NOTICE: FORMAL,
    Status.ANNOUNCEMENT_PENDING: ANNOUNCEMENT,
    Status.OBJECTION_WINDOW: OBJECTIONS,
    Status.OBJECTION_HANDLING: OBJECTIONS,
    Status.TECHNICAL_REVIEW: REVIEW,
    Status.APPROVAL_PENDING: APPROVAL,
    Status.PROTECTED: APPROVAL,
    Status.AMENDED: APPROVAL,
    Status.REJECTION_PROPOSED: None,
    Status.REJECTED: None,
    Status.WITHDRAWN: None,
}
ENDED = {
    Status.REJECTED: pgettext_lazy("progress", "Application rejected"),
    Status.WITHDRAWN: pgettext_lazy("progress", "Application withdrawn"),
}

# What the current step awaits, when it is not the stage's own body at work.
# A closing date in a year whose official holidays are not entered yet (ADR 0041).
PROVISIONAL_DATE = pgettext_lazy(
    "progress", "%(date)s (provisional: it may move when that year's holidays are published)"
)
NOTES = {
    Status.SUPPLEMENT_REQUESTED: pgettext_lazy("progress", "Your supplement is awaited."),
    Status.DEFECT_NOTICE: pgettext_lazy("progress", "Your answer to the defect notice is awaited."),
    Status.REJECTION_PROPOSED: pgettext_lazy("progress", "A rejection was proposed; the lead of %(body)s decides."),
    Status.OBJECTION_WINDOW: pgettext_lazy("progress", "Anyone may object until %(date)s."),
    Status.OBJECTION_HANDLING: pgettext_lazy("progress", "The objections filed are being decided."),
}
APPLICANT_ACTS = (Status.DRAFT, Status.SUPPLEMENT_REQUESTED, Status.DEFECT_NOTICE)


def _labels(application: Application) -> dict:
    announced_first = application.regime == Regime.AQSIQ_2005
    return {
        DRAFT: pgettext_lazy("progress", "Application prepared"),
        PRELIMINARY: pgettext_lazy("progress", "Preliminary examination"),
        FORMAL: pgettext_lazy("progress", "Formal examination"),
        ANNOUNCEMENT: (
            pgettext_lazy("progress", "Acceptance announcement")
            if announced_first
            else pgettext_lazy("progress", "Preliminary recognition announcement")
        ),
        OBJECTIONS: pgettext_lazy("progress", "Objection period"),
        REVIEW: pgettext_lazy("progress", "Technical review"),
        APPROVAL: (
            pgettext_lazy("progress", "Approval announcement")
            if application.purpose == Purpose.PROTECTION
            else pgettext_lazy("progress", "Approval")
        ),
    }


def _bodies(application: Application) -> dict:
    """The body of each stage: the applicant, the provincial bureau, 科技司, 法规司, the experts."""
    departments = Department.objects.filter(
        Q(code__in=["KJS", "FGS", "EXPERTS"]) | Q(region_id=application.province_id)
    )
    by_code = {d.code: d.display_name for d in departments}
    province = next((d.display_name for d in departments if d.region_id == application.province_id), "")
    return {
        DRAFT: application.applicant.name,
        PRELIMINARY: province,
        FORMAL: by_code.get("KJS", ""),
        ANNOUNCEMENT: by_code.get("KJS", ""),
        OBJECTIONS: by_code.get("FGS", ""),
        REVIEW: by_code.get("EXPERTS", ""),
        APPROVAL: by_code.get("KJS", ""),
    }


def stage_of(application: Application, status: str) -> str | None:
    if status == Status.REJECTION_PROPOSED:
        return STAGE_OF_STATUS.get(application.rejection_stage)
    return STAGE_OF_STATUS.get(status)


def application_steps(application: Application) -> list[Step]:
    """The stepper of the applicant's portal page: one query for the events, one for the bodies."""
    order = MINOR_AMENDMENT_ORDER if application.purpose == Purpose.MINOR_AMENDMENT else ORDER[application.regime]
    labels, bodies = _labels(application), _bodies(application)
    stages = [Stage(key, labels[key], bodies[key]) for key in order]
    events = list(audit_events_for(application).filter(action__in=ApplicationAction.values))
    times = stage_times(events, lambda status: stage_of(application, status) if status else None)
    status = application.status
    if status in ENDED:
        # The stages up to the one it ended at, then the end itself.
        last = next((event for event in reversed(events) if event.to_state == status), None)
        reached = stage_of(application, last.from_state) if last else DRAFT
        kept = order[: order.index(reached) + 1] if reached in order else order[:1]
        steps = steps_along([s for s in stages if s.key in kept], None, times)
        ended_at = application.closed_at or (last.occurred_at if last else None)
        return [*steps, Step(ENDED[status], DONE, ended_at)]
    current = stage_of(application, status)
    note, body_now = NOTES.get(status, ""), ""
    if status in APPLICANT_ACTS:
        body_now = application.applicant.name
    elif status == Status.REJECTION_PROPOSED:
        department = application.rejection_department
        body_now = department.display_name if department else ""
        note = note % {"body": body_now} if department else ""
    elif status == Status.OBJECTION_WINDOW:
        closes = application.objection_window_closes
        shown = date_format(closes, "DATE_FORMAT") if closes else ""
        if closes and application.objection_window_provisional:
            shown = PROVISIONAL_DATE % {"date": shown}
        note = note % {"date": shown} if closes else ""
    finished = status in (Status.PROTECTED, Status.AMENDED)
    return steps_along(stages, current, times, body_now=body_now, note=note, finished=finished)
