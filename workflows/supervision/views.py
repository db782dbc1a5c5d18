"""Task views of the supervision check flow; the decide_* functions are shared with the API
(workflows.task_actions)."""

from cases.models import SupervisionCheck
from cases.services.supervision import check_decide_revocation, check_record_result

from ..enforcement.actions import open_case_from_referral
from ..task_views import DecisionTaskView, service_decision
from .forms import CheckResultForm, RevocationDecisionForm

RESULT_FIELDS = ("outcome", "document_review", "onsite_visit", "label_check", "sample_test", "findings")


def check_of(activation) -> SupervisionCheck:
    return SupervisionCheck.objects.select_related("declaration__enterprise", "declaration__product", "campaign").get(
        pk=activation.process.artifact_object_id
    )


def decide_check_result(*, actor, activation, data: dict) -> None:
    """The inspection's (or re-inspection's) result, with its evidence file if one was sent."""
    check = check_record_result(
        actor=actor,
        check=check_of(activation),
        **{name: data[name] for name in RESULT_FIELDS},
        refer_to_enforcement=data["refer_to_enforcement"],
        referral_reason=data["referral_reason"],
        evidence=[data["evidence"]] if data["evidence"] else [],
    )
    if check.refer_to_enforcement:
        # The referral arrives at the enforcement bureau as a clue, in this same transaction.
        open_case_from_referral(actor=actor, check=check)


decide_revocation = service_decision(check_decide_revocation, check=check_of)


class CheckTaskView(DecisionTaskView):
    template_name = "workflows/supervision/task.html"

    @property
    def check_record(self) -> SupervisionCheck:
        return check_of(self.request.activation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(check_record=self.check_record, **kwargs)


class CheckResultView(CheckTaskView):
    form_class = CheckResultForm
    decision = staticmethod(decide_check_result)


class RevocationDecisionView(CheckTaskView):
    form_class = RevocationDecisionForm
    decision = staticmethod(decide_revocation)
