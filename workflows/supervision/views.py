"""Task views of the supervision check flow."""

from cases.models import SupervisionCheck
from cases.services.supervision import check_decide_revocation, check_record_result

from ..enforcement.flows import open_case_from_referral
from ..task_views import DecisionTaskView
from .forms import CheckResultForm, RevocationDecisionForm


class CheckTaskView(DecisionTaskView):
    template_name = "workflows/supervision/task.html"

    @property
    def check_record(self) -> SupervisionCheck:
        return SupervisionCheck.objects.select_related(
            "declaration__enterprise", "declaration__product", "campaign"
        ).get(pk=self.request.activation.process.artifact_object_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(check_record=self.check_record, **kwargs)


class CheckResultView(CheckTaskView):
    form_class = CheckResultForm

    def decide(self, form) -> None:
        data = form.cleaned_data
        check = check_record_result(
            actor=self.request.user,
            check=self.check_record,
            outcome=data["outcome"],
            document_review=data["document_review"],
            onsite_visit=data["onsite_visit"],
            label_check=data["label_check"],
            sample_test=data["sample_test"],
            findings=data["findings"],
            refer_to_enforcement=data["refer_to_enforcement"],
            referral_reason=data["referral_reason"],
            evidence=[data["evidence"]] if data["evidence"] else [],
        )
        if check.refer_to_enforcement:
            # The referral arrives at the enforcement bureau as a clue, in this same transaction.
            open_case_from_referral(actor=self.request.user, check=check)


class RevocationDecisionView(CheckTaskView):
    form_class = RevocationDecisionForm

    def decide(self, form) -> None:
        check_decide_revocation(
            actor=self.request.user,
            check=self.check_record,
            approve=form.cleaned_data["approve"],
            comment=form.cleaned_data["comment"],
        )
