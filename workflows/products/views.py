"""The task page of the revocation flow; its decision is in workflows.products.actions."""

from cases.models import Declaration, ProductRevocation

from ..task_views import DecisionTaskView
from . import actions
from .actions import revocation_of
from .forms import RevocationDecisionForm


class RevocationDecisionView(DecisionTaskView):
    template_name = "workflows/products/task.html"
    form_class = RevocationDecisionForm
    decision = staticmethod(actions.decide_revocation)

    @property
    def revocation(self) -> ProductRevocation:
        return revocation_of(self.request.activation)  # type: ignore[attr-defined]  # set by viewflow's task view

    def get_context_data(self, **kwargs):
        revocation = self.revocation
        authorised = revocation.product.declarations.filter(status__in=Declaration.AUTHORISED_STATES)
        return super().get_context_data(revocation=revocation, authorised_count=authorised.count(), **kwargs)
