"""Task views of the enforcement flow: thin; each names its decision in workflows.enforcement.actions
(shared with the API, workflows.task_actions), which calls one service; then the activation completes
in the same transaction (the flow's lock holds one open)."""

from django.utils import timezone

from cases.enforcement.penalties import late_fee
from cases.enforcement.selectors import case_page_context, proposed_interruption
from cases.models import EnforcementCase

from ..task_views import DecisionTaskView
from . import forms
from .actions import (
    case_of,
    case_of_process,
    decide_archive,
    decide_case,
    decide_close,
    decide_defence,
    decide_execution,
    decide_filing,
    decide_hearing,
    decide_interruption,
    decide_investigation,
    decide_lead_approval,
    decide_recheck,
    decide_resume,
    decide_review,
    decide_serve_decision,
    decide_serve_notice,
    decide_verify,
)


def decision_defaults(case: EnforcementCase) -> dict:
    """The decision form's starting values: the outcome and amounts the investigation proposed."""
    defaults: dict[str, object] = {"outcome": case.proposed_outcome or None}
    if case.proposed_fine is not None:
        defaults["fine"] = case.proposed_fine
    if case.proposed_confiscation is not None:
        defaults["confiscation"] = case.proposed_confiscation
    return {key: value for key, value in defaults.items() if value is not None}


def execution_defaults(case: EnforcementCase) -> dict:
    if case.fine is None or case.payment_due is None:
        return {}
    today = timezone.localdate()
    fee = late_fee(fine=case.fine, due_on=case.payment_due, paid_on=today)
    return {"paid_on": today, "amount_paid": case.fine + fee}


class CaseTaskView(DecisionTaskView):
    template_name = "workflows/enforcement/task.html"

    @property
    def case(self) -> EnforcementCase:
        return case_of(self.request.activation)  # type: ignore[attr-defined]  # set by viewflow's task view

    def get_context_data(self, **kwargs):
        case = self.case
        # The officers' proposal the lead decides on (ADR 0039); None at every other step.
        return super().get_context_data(**case_page_context(case), interruption=proposed_interruption(case), **kwargs)


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
