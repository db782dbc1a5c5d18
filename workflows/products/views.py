from cases.models import Declaration, ProductRevocation
from cases.services.product_revocations import product_revocation_decide

from ..task_views import DecisionTaskView, service_decision
from .forms import RevocationDecisionForm


def revocation_of(activation) -> ProductRevocation:
    return ProductRevocation.objects.select_related("product", "proposed_by").get(
        pk=activation.process.artifact_object_id
    )


# Shared by the task page and the API (workflows.task_actions).
decide_revocation = service_decision(product_revocation_decide, revocation=revocation_of)


class RevocationDecisionView(DecisionTaskView):
    template_name = "workflows/products/task.html"
    form_class = RevocationDecisionForm
    decision = staticmethod(decide_revocation)

    @property
    def revocation(self) -> ProductRevocation:
        return revocation_of(self.request.activation)

    def get_context_data(self, **kwargs):
        revocation = self.revocation
        authorised = revocation.product.declarations.filter(status__in=Declaration.AUTHORISED_STATES)
        return super().get_context_data(revocation=revocation, authorised_count=authorised.count(), **kwargs)
