"""Task views of the enforcement flow: thin; each names the decide_* function (shared with the
API, workflows.task_actions) that calls one service, then the activation completes in the same
transaction (the flow's lock holds one open)."""

from django.utils import timezone

from cases.models import EnforcementCase
from cases.penalties import late_fee
from cases.selectors.enforcement import case_page_context
from cases.services import enforcement as services

from ..processes import process_data_update
from ..task_views import DecisionTaskView, service_decision
from . import forms


def case_of(activation) -> EnforcementCase:
    return case_of_process(activation.process)


def case_of_process(process) -> EnforcementCase:
    return EnforcementCase.objects.select_related("bureau", "region").get(pk=process.artifact_object_id)


def decision_defaults(case: EnforcementCase) -> dict:
    """The decision form's starting values: the outcome and amounts the investigation proposed."""
    defaults = {"outcome": case.proposed_outcome or None}
    if case.proposed_fine is not None:
        defaults["fine"] = case.proposed_fine
    if case.proposed_confiscation is not None:
        defaults["confiscation"] = case.proposed_confiscation
    return {key: value for key, value in defaults.items() if value is not None}


def execution_defaults(case: EnforcementCase) -> dict:
    if case.fine is None:
        return {}
    today = timezone.localdate()
    fee = late_fee(fine=case.fine, due_on=case.payment_due, paid_on=today)
    return {"paid_on": today, "amount_paid": case.fine + fee}


def _calls(service):
    return service_decision(service, case=case_of)


decide_verify = _calls(services.case_verify)
decide_resume = _calls(services.case_resume)
decide_review = _calls(services.case_review)
decide_lead_approval = _calls(services.case_lead_approve)
decide_serve_notice = _calls(services.case_serve_notice)
decide_defence = _calls(services.case_record_defence)
decide_hearing = _calls(services.case_hold_hearing)
decide_recheck = _calls(services.case_recheck)
decide_case = _calls(services.case_decide)
decide_serve_decision = _calls(services.case_serve_decision)
decide_execution = _calls(services.case_record_execution)
decide_close = _calls(services.case_close)


def decide_filing(*, actor, activation, data: dict) -> None:
    services.case_decide_filing(
        actor=actor,
        case=case_of(activation),
        decision=data["decision"],
        reason=data["reason"],
        officers=list(data["officers"]),
        is_major=data["is_major"],
        transfer_to=data["transfer_to"],
    )


def decide_investigation(*, actor, activation, data: dict) -> None:
    """A report goes to review; a proposed suspension or termination to the lead, through the process data."""
    services.case_investigate(actor=actor, case=case_of(activation), **data)
    action = data["action"]
    process_data_update(
        activation.process, interruption=action if action != services.InvestigationAction.REPORT else ""
    )


def decide_interruption(*, actor, activation, data: dict) -> None:
    services.case_decide_interruption(
        actor=actor,
        case=case_of(activation),
        action=activation.process.data["interruption"],
        approve=data["approve"],
        comment=data["comment"],
    )
    process_data_update(activation.process, interruption="")


def decide_archive(*, actor, activation, data: dict) -> None:
    # The form's confirmation is the decision; the service needs nothing from it.
    services.case_archive(actor=actor, case=case_of(activation))


class CaseTaskView(DecisionTaskView):
    template_name = "workflows/enforcement/task.html"

    @property
    def case(self) -> EnforcementCase:
        return case_of(self.request.activation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**case_page_context(self.case), **kwargs)


def _task_view(name: str, form_class, decision) -> type[CaseTaskView]:
    return type(name, (CaseTaskView,), {"form_class": form_class, "decision": staticmethod(decision)})


class FilingDecisionView(CaseTaskView):
    form_class = forms.FilingDecisionForm
    decision = staticmethod(decide_filing)

    @classmethod
    def form_kwargs_for(cls, process) -> dict:
        return {"bureau": case_of_process(process).bureau}


VerifyView = _task_view("VerifyView", forms.VerifyForm, decide_verify)
InvestigateView = _task_view("InvestigateView", forms.InvestigateForm, decide_investigation)
InterruptionDecisionView = _task_view("InterruptionDecisionView", forms.LeadDecisionForm, decide_interruption)
ResumeView = _task_view("ResumeView", forms.CommentForm, decide_resume)
ReviewView = _task_view("ReviewView", forms.ReviewForm, decide_review)
LeadApprovalView = _task_view("LeadApprovalView", forms.LeadDecisionForm, decide_lead_approval)
ServeNoticeView = _task_view("ServeNoticeView", forms.ServeForm, decide_serve_notice)
DefenceView = _task_view("DefenceView", forms.DefenceForm, decide_defence)
HearingView = _task_view("HearingView", forms.RecordForm, decide_hearing)
RecheckView = _task_view("RecheckView", forms.OpinionForm, decide_recheck)
ServeDecisionView = _task_view("ServeDecisionView", forms.ServeForm, decide_serve_decision)


class DecisionView(CaseTaskView):
    """The lead decides starting from what the investigation report proposed."""

    form_class = forms.DecisionForm
    decision = staticmethod(decide_case)

    def get_initial(self):
        return {**super().get_initial(), **decision_defaults(self.case)}


class ExecutionView(CaseTaskView):
    """The amount paid starts as what is owed if paid today: the fine decided and any late fee."""

    form_class = forms.ExecutionForm
    decision = staticmethod(decide_execution)

    def get_initial(self):
        return {**super().get_initial(), **execution_defaults(self.case)}


CloseView = _task_view("CloseView", forms.CloseForm, decide_close)
ArchiveView = _task_view("ArchiveView", forms.ArchiveForm, decide_archive)
