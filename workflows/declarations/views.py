"""Task views of the declaration flow: thin; the decisions are actions (workflows.declarations.actions,
shared with the API, workflows.task_actions), the activation completes."""

from accounts.models import User

from ..task_views import DecisionTaskView
from . import actions
from .forms import InProcessCheckForm, SuspensionDecisionForm


def declaration_of(activation):
    return activation.process.artifact


class DeclarationTaskView(DecisionTaskView):
    template_name = "workflows/declarations/task.html"

    @property
    def declaration(self):
        return declaration_of(self.request.activation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(declaration=self.declaration, **kwargs)


# The decisions are looked up when called: the actions module imports the flow, which imports these views.


class InProcessCheckView(DeclarationTaskView):
    form_class = InProcessCheckForm

    @staticmethod
    def decision(*, actor: User, activation, data: dict) -> None:
        actions.decide_in_process_check(actor=actor, activation=activation, data=data)


class SuspensionDecisionView(DeclarationTaskView):
    form_class = SuspensionDecisionForm

    @staticmethod
    def decision(*, actor: User, activation, data: dict) -> None:
        actions.decide_suspension(actor=actor, activation=activation, data=data)
