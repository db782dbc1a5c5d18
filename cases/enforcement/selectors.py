"""Reads on enforcement cases: region-scoped lists, the inspector's cases, what a case page shows."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.types import Actor
from audit.selectors import audit_events_for
from deadlines.calendar import WorkingCalendar
from deadlines.models import Deadline
from deadlines.selectors import deadlines_for
from deadlines.services import remaining_units
from documents.selectors import documents_for
from organizations.selectors import is_staff_member, region_code_filter

from ..common.history import staff_history
from ..models import CaseEvidence, CaseOfficer, EnforcementCase
from .choices import INVESTIGATION_ACTIONS, InvestigationAction


def enforcement_cases_visible_to(user) -> QuerySet[EnforcementCase]:
    """Cases of the user's region and its sub-regions (national bodies see every case)."""
    if not user.is_authenticated:
        return EnforcementCase.objects.none()
    return (
        EnforcementCase.objects.filter(region_code_filter(user, "region__code"))
        .select_related("bureau", "region")
        .order_by("-created_at")
    )


def enforcement_case_visible_to(user, pk: int) -> EnforcementCase | None:
    return enforcement_cases_visible_to(user).filter(pk=pk).first()


def enforcement_evidence_files_visible_to(user) -> QuerySet[CaseEvidence]:
    """Evidence items with a file, for those who may see their case: staff whose jurisdiction covers
    the case's region (as enforcement_cases_visible_to). The party and the public never (the case
    file is internal). The one rule for the download, the preview and the materials panel."""
    if not is_staff_member(user):
        return CaseEvidence.objects.none()
    return CaseEvidence.objects.filter(region_code_filter(user, "case__region__code")).exclude(file="")


def is_case_officer(actor: Actor, case: EnforcementCase) -> bool:
    return actor is not None and CaseOfficer.objects.filter(case=case, officer_id=actor.pk).exists()


def accepts_evidence(case: EnforcementCase) -> bool:
    """Evidence is gathered by the investigation: not while it is suspended, nor once the report
    has gone to review (what the reviewer and the lead weighed must not change under them)."""
    return case.status == EnforcementCase.Status.INVESTIGATING


def open_cases_of_officer(user) -> QuerySet[EnforcementCase]:
    """The inspector's open cases, the nearest deadline first (cases without one last)."""
    open_deadlines = Deadline.objects.filter(
        target_type__app_label="cases",
        target_type__model="enforcementcase",
        target_id=OuterRef("pk"),
        state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE],
    )
    return (
        EnforcementCase.objects.filter(
            Exists(CaseOfficer.objects.filter(case=OuterRef("pk"), officer=user)),
            ~Q(status__in=EnforcementCase.FINISHED),
        )
        .annotate(next_due=Subquery(open_deadlines.order_by("due_on").values("due_on")[:1]))
        .select_related("bureau")
        .order_by(F("next_due").asc(nulls_last=True), "pk")
    )


@dataclass(frozen=True)
class CaseClock:
    deadline: Deadline
    remaining_days: int
    paused: bool


def case_clock(case: EnforcementCase, on: datetime.date | None = None) -> CaseClock | None:
    """The 90-day clock (or the verification clock before filing) and what is left of it."""
    rule_code = "enforcement.case" if case.filed_on else "enforcement.verification"
    deadline = deadlines_for(case).filter(rule_code=rule_code).order_by("-pk").first()
    if deadline is None or not deadline.is_open:
        return None
    paused = deadline.state == Deadline.State.PAUSED
    if paused:
        remaining = deadline.anchor_amount
    else:
        remaining = remaining_units(deadline, on or timezone.localdate(), WorkingCalendar())
    return CaseClock(deadline=deadline, remaining_days=remaining, paused=paused)


def defence_due(case: EnforcementCase) -> datetime.date:
    """5 working days after the notice was served (the day of service not counted)."""
    if case.notice_served_on is None:
        raise ValueError(f"no notice was served on case {case.pk}")  # asked only once one was
    return WorkingCalendar().add_working_days(case.notice_served_on, 5).date


def defence_window_open(case: EnforcementCase, on: datetime.date | None = None) -> bool:
    """The party may still state a defence or ask for a hearing: a notice was served, its 5 working
    days have not all passed, and the party has not waived the rest of them in writing."""
    if case.notice_served_on is None or case.defence_waived_on is not None:
        return False
    return (on or timezone.localdate()) <= defence_due(case)


@dataclass(frozen=True)
class DefenceWindow:
    served_on: datetime.date
    until: datetime.date
    waived_on: datetime.date | None
    open: bool


def defence_window(case: EnforcementCase) -> DefenceWindow | None:
    """What the case and task pages say about the party's defence window, once a notice was served."""
    if case.notice_served_on is None:
        return None
    return DefenceWindow(
        served_on=case.notice_served_on,
        until=defence_due(case),
        waived_on=case.defence_waived_on,
        open=defence_window_open(case),
    )


def case_page_context(case: EnforcementCase, *, whole_history: bool = False) -> dict:
    return {
        "case": case,
        "officers": [o.officer for o in case.officers.select_related("officer")],
        "evidence": list(case.evidence.select_related("collected_by", "second_officer")),
        "deadlines": list(deadlines_for(case)),
        "clock": case_clock(case),
        "history": staff_history(case, everything=whole_history),
        "documents": list(documents_for(case).order_by("pk")),
        "extensions": list(case.extensions.all()),
        "defence_window": defence_window(case),
    }


@dataclass(frozen=True)
class ProposedInterruption:
    """The officers' pending proposal to suspend or terminate the investigation, for the lead."""

    label: str
    by: str
    on: datetime.datetime
    reasons: str


def proposed_interruption(case: EnforcementCase) -> ProposedInterruption | None:
    """Who proposed the pending suspension or termination, when, and why (the proposal's audit
    comment: the reasons are kept there, not on the case)."""
    if not case.proposed_interruption:
        return None
    action = INVESTIGATION_ACTIONS.get(case.proposed_interruption)
    event = audit_events_for(case).filter(action=action).last() if action else None
    if event is None:
        return None
    label = InvestigationAction.interruption_labels[case.proposed_interruption]
    return ProposedInterruption(label=str(label), by=event.actor_label, on=event.occurred_at, reasons=event.comment)
