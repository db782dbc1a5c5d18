"""Task views of the declaration flow: thin; the decide_* functions (shared with the API,
workflows.task_actions) call the services, the activation completes."""

from cases.models import Declaration
from cases.services.declarations import (
    InProcessOutcome,
    declaration_check_in_process,
    declaration_decide_suspension,
)

from ..processes import process_data_update
from ..task_views import DecisionTaskView, service_decision
from .forms import InProcessCheckForm, SuspensionDecisionForm


def declaration_of(activation):
    return activation.process.artifact


def decide_in_process_check(*, actor, activation, data: dict) -> None:
    """The check's outcome; the flow's Switch reads a proposed suspension from the process data."""
    outcome = data["outcome"]
    # The service locks and re-reads the declaration by its id: loading process.artifact first
    # would cost a query for a copy that is thrown away.
    declaration = Declaration(pk=activation.process.artifact_object_id)
    declaration_check_in_process(actor=actor, declaration=declaration, outcome=outcome, comment=data["comment"])
    proposed = outcome == InProcessOutcome.PROPOSE_SUSPENSION
    # Written only when it changes (a missing flag reads as False): one UPDATE less per check.
    if bool((activation.process.data or {}).get("suspension_proposed")) != proposed:
        process_data_update(activation.process, suspension_proposed=proposed)


decide_suspension = service_decision(declaration_decide_suspension, declaration=declaration_of)


class DeclarationTaskView(DecisionTaskView):
    template_name = "workflows/declarations/task.html"

    @property
    def declaration(self):
        return declaration_of(self.request.activation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(declaration=self.declaration, **kwargs)


class InProcessCheckView(DeclarationTaskView):
    form_class = InProcessCheckForm
    decision = staticmethod(decide_in_process_check)


class SuspensionDecisionView(DeclarationTaskView):
    form_class = SuspensionDecisionForm
    decision = staticmethod(decide_suspension)
