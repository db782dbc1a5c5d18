from cases.models import Declaration, ProductRevocation
from cases.services.product_revocations import product_revocation_decide

from ..task_views import DecisionTaskView
from .forms import RevocationDecisionForm


class RevocationDecisionView(DecisionTaskView):
    template_name = "workflows/products/task.html"
    form_class = RevocationDecisionForm

    @property
    def revocation(self) -> ProductRevocation:
        return ProductRevocation.objects.select_related("product", "proposed_by").get(
            pk=self.request.activation.process.artifact_object_id
        )

    def get_context_data(self, **kwargs):
        revocation = self.revocation
        authorised = revocation.product.declarations.filter(status__in=Declaration.AUTHORISED_STATES)
        return super().get_context_data(revocation=revocation, authorised_count=authorised.count(), **kwargs)

    def decide(self, form):
        product_revocation_decide(actor=self.request.user, revocation=self.revocation, **form.cleaned_data)
