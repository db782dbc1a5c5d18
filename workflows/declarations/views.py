"""Task views of the declaration flow: thin; the services decide, the activation completes."""

from cases.models import Declaration
from cases.services.declarations import (
    InProcessOutcome,
    declaration_check_in_process,
    declaration_decide_suspension,
)

from ..task_views import DecisionTaskView
from .forms import InProcessCheckForm, SuspensionDecisionForm


class DeclarationTaskView(DecisionTaskView):
    template_name = "workflows/declarations/task.html"

    @property
    def declaration(self):
        return self.request.activation.process.artifact

    def get_context_data(self, **kwargs):
        return super().get_context_data(declaration=self.declaration, **kwargs)


def decide_in_process_check(*, actor, activation, data: dict) -> None:
    """The check's outcome; the flow's Switch reads a proposed suspension from the process data.
    Shared by the task view and the API (workflows.task_actions)."""
    outcome = data["outcome"]
    process = activation.process
    # The service locks and re-reads the declaration by its id: loading process.artifact first
    # would cost a query for a copy that is thrown away.
    declaration_check_in_process(
        actor=actor,
        declaration=Declaration(pk=process.artifact_object_id),
        outcome=outcome,
        comment=data["comment"],
    )
    proposed = outcome == InProcessOutcome.PROPOSE_SUSPENSION
    # Written only when it changes (a missing flag reads as False): one UPDATE less per check.
    if bool((process.data or {}).get("suspension_proposed")) != proposed:
        process.data = {**(process.data or {}), "suspension_proposed": proposed}
        process.save(update_fields=["data"])


class InProcessCheckView(DeclarationTaskView):
    form_class = InProcessCheckForm

    def decide(self, form) -> None:
        decide_in_process_check(actor=self.request.user, activation=self.request.activation, data=form.cleaned_data)


class SuspensionDecisionView(DeclarationTaskView):
    form_class = SuspensionDecisionForm

    def decide(self, form) -> None:
        declaration_decide_suspension(
            actor=self.request.user,
            declaration=self.declaration,
            approve=form.cleaned_data["approve"],
            comment=form.cleaned_data["comment"],
        )
