"""Task views of the supervision check flow; the decisions are actions
(workflows.supervision.actions, shared with the API, workflows.task_actions)."""

from django.utils import timezone

from accounts.models import User
from cases.models import SupervisionCheck
from cases.supervision.selectors import rectification_report_due

from ..task_views import DecisionTaskView
from . import actions
from .forms import CheckResultForm, RevocationDecisionForm


class CheckTaskView(DecisionTaskView):
    template_name = "workflows/supervision/task.html"

    @property
    def check_record(self) -> SupervisionCheck:
        return actions.check_of(self.request.activation)  # type: ignore[attr-defined]  # set by viewflow's task view

    def get_context_data(self, **kwargs):
        check = self.check_record
        return super().get_context_data(
            check_record=check,
            # The inspectors' own files; the producer's come with its rectification report.
            inspector_evidence=check.evidence.filter(rectification_report=None),
            awaits_rectification=check.status == SupervisionCheck.Status.RECTIFICATION,
            rectification_report=rectification_report_due(check),
            rectification_overdue=bool(check.rectification_due and check.rectification_due < timezone.localdate()),
            **kwargs,
        )


# The decisions are looked up when called: the actions module imports the flow, which imports these views.


class CheckResultView(CheckTaskView):
    form_class = CheckResultForm

    @staticmethod
    def decision(*, actor: User, activation, data: dict) -> None:
        actions.decide_check_result(actor=actor, activation=activation, data=data)


class RevocationDecisionView(CheckTaskView):
    form_class = RevocationDecisionForm

    @staticmethod
    def decision(*, actor: User, activation, data: dict) -> None:
        actions.decide_revocation(actor=actor, activation=activation, data=data)
