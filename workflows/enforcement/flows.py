"""An enforcement case from clue to archive (docs/domain.md §4): the services move the case, the
switches route on its new state, so the case and the process never disagree."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from cases.enforcement.selectors import enforcement_cases_visible_to
from cases.enforcement.services import reviewing_body
from cases.models import EnforcementCase
from deadlines.services import deadline_start

from ..base import TerroirFlow
from ..case_header import CaseHeader, party_of
from . import views

Status = EnforcementCase.Status


def _case(process) -> EnforcementCase:
    # Read fresh: the services lock and re-read the row.
    return EnforcementCase.objects.select_related("bureau").get(pk=process.artifact_object_id)


def _bureau(process):
    return _case(process).bureau


def _status_is(*statuses):
    return lambda activation: _case(activation.process).status in statuses


def _interruption_proposed(activation) -> bool:
    return bool(_case(activation.process).proposed_interruption)


def _clock(rule_code, queue_role, start=None):
    """onCreate callback: the task's legal time limit starts (from `start(case)` or today)."""

    def start_clock(activation):
        case = _case(activation.process)
        deadline_start(
            actor=None,
            rule_code=rule_code,
            target=case,
            task=activation.task,
            department=case.bureau,
            queue_role=queue_role,
            start=start(case) if start else None,
        )

    return start_clock


def _officer_task(view, title):
    return flow.View(view).Annotation(title=title).Permission("cases.investigate_case", obj=_case)


def _lead_task(view, title):
    return flow.View(view).Annotation(title=title).Permission("organizations.work_as_lead", obj=_bureau)


class EnforcementCaseFlow(TerroirFlow):
    """Enforcement case

    A clue verified, filed, investigated by two officers, reviewed, decided, served, executed and closed.
    """

    process_title = _("Enforcement case")
    case_search_kind = "enforcement"
    case_url_name = "enforcement:detail"
    process_summary_template = "{{ process.data.number }} · {{ process.data.party }}"

    def visible_artifacts(self, user):
        return enforcement_cases_visible_to(user)

    def case_header(self, process) -> CaseHeader:
        case = _case(process)
        return CaseHeader(
            kind=self.process_title,
            reference=case.number,
            status=case.get_status_display(),
            party=party_of(case.party_description, *case.enterprises.values_list("name", flat=True)[:1]),
            bureau=case.bureau,
            url=reverse("enforcement:detail", args=[case.pk]),
        )

    def responsible_body_id(self, task):
        # The officers' tasks are granted on the case: its bureau answers for them.
        return super().responsible_body_id(task) or _case(task.process).bureau_id

    start = flow.StartHandle(this.begin).Next(this.verify)

    verify = (
        flow.View(views.VerifyView.as_view())
        .Annotation(title=_("Verify the clue"))
        .Permission("organizations.work_as_inspector", obj=_bureau)
        .onCreate(_clock("enforcement.verification", "inspector"))
        .Next(this.decide_filing)
    )
    decide_filing = _lead_task(views.FilingDecisionView.as_view(), _("Decide on filing")).Next(this.route_filing)
    route_filing = flow.Switch().Case(this.investigate, _status_is(Status.INVESTIGATING)).Default(this.end)

    investigate = _officer_task(views.InvestigateView.as_view(), _("Investigate and report")).Next(
        this.route_investigation
    )
    route_investigation = (
        flow.Switch()
        .Case(this.review, _status_is(Status.REVIEW))
        .Case(this.decide_interruption, _interruption_proposed)
        .Default(this.investigate)
    )
    decide_interruption = _lead_task(
        views.InterruptionDecisionView.as_view(), _("Decide on suspension or termination")
    ).Next(this.route_interruption)
    route_interruption = (
        flow.Switch()
        .Case(this.resume, _status_is(Status.SUSPENDED))
        .Case(this.end, _status_is(Status.TERMINATED))
        .Default(this.investigate)
    )
    resume = _lead_task(views.ResumeView.as_view(), _("Resume the suspended investigation")).Next(this.investigate)

    review = (
        flow.View(views.ReviewView.as_view())
        .Annotation(title=_("Review the case"))
        .Permission("organizations.work_as_staff", obj=lambda process: reviewing_body(_case(process)))
        .onCreate(_clock("enforcement.review", "staff"))
        .Next(this.route_review)
    )
    route_review = flow.Switch().Case(this.approve, _status_is(Status.LEAD_APPROVAL)).Default(this.investigate)
    approve = _lead_task(views.LeadApprovalView.as_view(), _("Approve the proposed decision")).Next(this.route_approval)
    route_approval = (
        flow.Switch()
        .Case(this.serve_notice, _status_is(Status.NOTICE))
        .Case(this.decide, _status_is(Status.DECISION))
        .Default(this.investigate)
    )
    serve_notice = _officer_task(views.ServeNoticeView.as_view(), _("Serve the notice of proposed penalty")).Next(
        this.record_defence
    )
    record_defence = (
        _officer_task(views.DefenceView.as_view(), _("Record the defence or hearing request"))
        .onCreate(_clock("enforcement.defence", "inspector", start=lambda case: case.notice_served_on))
        .Next(this.route_defence)
    )
    route_defence = flow.Switch().Case(this.hold_hearing, _status_is(Status.HEARING)).Default(this.recheck)
    hold_hearing = (
        flow.View(views.HearingView.as_view())
        .Annotation(title=_("Hold the hearing"))
        .Permission("organizations.work_as_staff", obj=_bureau)
        .Next(this.recheck)
    )
    recheck = _officer_task(views.RecheckView.as_view(), _("Re-check after the defence")).Next(this.decide)
    decide = _lead_task(views.DecisionView.as_view(), _("Decide the case")).Next(this.route_decision)
    route_decision = flow.Switch().Case(this.serve_decision, _status_is(Status.SERVICE)).Default(this.close)
    serve_decision = (
        _officer_task(views.ServeDecisionView.as_view(), _("Serve the decision"))
        .onCreate(_clock("enforcement.service", "inspector"))
        .Next(this.route_service)
    )
    route_service = flow.Switch().Case(this.record_execution, _status_is(Status.EXECUTION)).Default(this.close)
    record_execution = _officer_task(views.ExecutionView.as_view(), _("Record the execution")).Next(this.close)
    close = (
        _officer_task(views.CloseView.as_view(), _("Close the case"))
        .onCreate(_clock("enforcement.closure", "inspector"))
        .Next(this.archive)
    )
    archive = (
        flow.View(views.ArchiveView.as_view())
        .Annotation(title=_("Archive the file"))
        .Permission("organizations.work_as_staff", obj=_bureau)
        .Next(this.end)
    )

    end = flow.End()

    def begin(self, activation, *, case):
        activation.process.artifact = case
        activation.process.data = {"number": case.number, "party": case.party_description[:80]}
        return case
