"""Task views of the enforcement flow: thin; each calls one service, then the activation completes
in the same transaction (the flow's lock holds one open)."""

from cases.models import EnforcementCase
from cases.selectors.enforcement import case_page_context
from cases.services import enforcement as services

from ..task_views import DecisionTaskView
from . import forms


class CaseTaskView(DecisionTaskView):
    template_name = "workflows/enforcement/task.html"

    @property
    def case(self) -> EnforcementCase:
        return EnforcementCase.objects.select_related("bureau", "region").get(
            pk=self.request.activation.process.artifact_object_id
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**case_page_context(self.case), **kwargs)

    def decide(self, form) -> None:
        self.decide_with(form.cleaned_data)

    def decide_with(self, data: dict) -> None:
        raise NotImplementedError

    def set_process_data(self, **values) -> None:
        process = self.request.activation.process
        process.data = {**(process.data or {}), **values}
        process.save(update_fields=["data"])


class VerifyView(CaseTaskView):
    form_class = forms.VerifyForm

    def decide_with(self, data: dict):
        services.case_verify(actor=self.request.user, case=self.case, **data)


class FilingDecisionView(CaseTaskView):
    form_class = forms.FilingDecisionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bureau": self.case.bureau}

    def decide_with(self, data: dict):
        services.case_decide_filing(
            actor=self.request.user,
            case=self.case,
            decision=data["decision"],
            reason=data["reason"],
            officers=list(data["officers"]),
            is_major=data["is_major"],
            transfer_to=data["transfer_to"],
        )


class InvestigateView(CaseTaskView):
    form_class = forms.InvestigateForm

    def decide_with(self, data: dict):
        services.case_investigate(actor=self.request.user, case=self.case, **data)
        action = data["action"]
        self.set_process_data(interruption=action if action != services.InvestigationAction.REPORT else "")


class InterruptionDecisionView(CaseTaskView):
    form_class = forms.LeadDecisionForm

    def decide_with(self, data: dict):
        services.case_decide_interruption(
            actor=self.request.user,
            case=self.case,
            action=self.request.activation.process.data["interruption"],
            approve=data["approve"],
            comment=data["comment"],
        )
        self.set_process_data(interruption="")


class ResumeView(CaseTaskView):
    form_class = forms.CommentForm

    def decide_with(self, data: dict):
        services.case_resume(actor=self.request.user, case=self.case, comment=data["comment"])


class ReviewView(CaseTaskView):
    form_class = forms.ReviewForm

    def decide_with(self, data: dict):
        services.case_review(actor=self.request.user, case=self.case, **data)


class LeadApprovalView(CaseTaskView):
    form_class = forms.LeadDecisionForm

    def decide_with(self, data: dict):
        services.case_lead_approve(actor=self.request.user, case=self.case, **data)


class ServeNoticeView(CaseTaskView):
    form_class = forms.ServeForm

    def decide_with(self, data: dict):
        services.case_serve_notice(actor=self.request.user, case=self.case, **data)


class DefenceView(CaseTaskView):
    form_class = forms.DefenceForm

    def decide_with(self, data: dict):
        services.case_record_defence(actor=self.request.user, case=self.case, **data)


class HearingView(CaseTaskView):
    form_class = forms.RecordForm

    def decide_with(self, data: dict):
        services.case_hold_hearing(actor=self.request.user, case=self.case, **data)


class RecheckView(CaseTaskView):
    form_class = forms.OpinionForm

    def decide_with(self, data: dict):
        services.case_recheck(actor=self.request.user, case=self.case, **data)


class DecisionView(CaseTaskView):
    form_class = forms.DecisionForm

    def decide_with(self, data: dict):
        services.case_decide(actor=self.request.user, case=self.case, **data)


class ServeDecisionView(CaseTaskView):
    form_class = forms.ServeForm

    def decide_with(self, data: dict):
        services.case_serve_decision(actor=self.request.user, case=self.case, **data)


class ExecutionView(CaseTaskView):
    form_class = forms.ExecutionForm

    def decide_with(self, data: dict):
        services.case_record_execution(actor=self.request.user, case=self.case, **data)


class CloseView(CaseTaskView):
    form_class = forms.CloseForm

    def decide_with(self, data: dict):
        services.case_close(actor=self.request.user, case=self.case, **data)


class ArchiveView(CaseTaskView):
    form_class = forms.ArchiveForm

    def decide_with(self, data: dict):
        services.case_archive(actor=self.request.user, case=self.case)
