"""Task views of the declaration flow: thin; the services decide, the activation completes."""

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


class InProcessCheckView(DeclarationTaskView):
    form_class = InProcessCheckForm

    def decide(self, form) -> None:
        outcome = form.cleaned_data["outcome"]
        declaration_check_in_process(
            actor=self.request.user,
            declaration=self.declaration,
            outcome=outcome,
            comment=form.cleaned_data["comment"],
        )
        process = self.request.activation.process
        process.data = {**(process.data or {}), "suspension_proposed": outcome == InProcessOutcome.PROPOSE_SUSPENSION}
        process.save(update_fields=["data"])


class SuspensionDecisionView(DeclarationTaskView):
    form_class = SuspensionDecisionForm

    def decide(self, form) -> None:
        declaration_decide_suspension(
            actor=self.request.user,
            declaration=self.declaration,
            approve=form.cleaned_data["approve"],
            comment=form.cleaned_data["comment"],
        )
