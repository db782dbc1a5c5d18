"""Revocation of a protected product: 科技司 staff propose, the lead decides; open work on the
product's declarations is cancelled with the authorisations it ended."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.status import PROCESS

from accounts.models import User
from cases.applications.services import national_department
from cases.common.history import StaffHistory
from cases.models import Declaration, ProductRevocation
from cases.products.selectors import product_staff_history
from cases.products.services import product_revocation_propose

from ..base import TerroirFlow
from ..case_header import CaseHeader
from ..declarations.flows import DeclarationFlow
from ..supervision.flows import SupervisionCheckFlow
from ..visibility import JurisdictionCheck
from .views import RevocationDecisionView


def _revocation(process) -> ProductRevocation:
    return ProductRevocation.objects.select_related("product").get(pk=process.artifact_object_id)


class ProductRevocationFlow(TerroirFlow):
    process_title = _("Revocation of protection")
    case_search_kind = "revocation"
    process_summary_template = "{{ process.data.reference }} {{ process.data.product }}"

    seen_by_jurisdiction = JurisdictionCheck(ProductRevocation, "product__province__code")

    def case_header(self, process) -> CaseHeader:
        revocation = _revocation(process)
        product = revocation.product
        return CaseHeader(
            kind=self.process_title,
            reference=revocation.reference,
            status=revocation.get_status_display(),
            party=f"{product.name} · {product.announcement_number}" if product.announcement_number else product.name,
            bureau=national_department("KJS"),
            url=self.reverse("process_detail", args=[process.pk]),
        )

    start = flow.StartHandle(this.propose).Next(this.decide)

    decide = (
        flow.View(RevocationDecisionView.as_view())
        .Annotation(title=_("Decide on the revocation"))
        .Permission("organizations.work_as_lead", obj=lambda process: national_department("KJS"))
        .Next(this.cancel_open_work)
    )

    cancel_open_work = (
        flow.Function(this.cancel_work_on_revoked_declarations)
        .Annotation(title=_("Cancel open work on the product's declarations"))
        .Next(this.end)
    )

    end = flow.End()

    def propose(self, activation, *, actor: User, product, ground, reasons):
        revocation = product_revocation_propose(actor=actor, product=product, ground=ground, reasons=reasons)
        activation.process.artifact = revocation
        activation.process.data = {"reference": revocation.reference, "product": product.name}
        return revocation

    def cancel_work_on_revoked_declarations(self, activation):
        """A revoked declaration needs no in-process check nor supervision check any more."""
        revocation = _revocation(activation.process)
        if revocation.status != ProductRevocation.Status.REVOKED:
            return
        revoked = Declaration.objects.filter(product=revocation.product, status=Declaration.Status.REVOKED)
        declaration_ids = [str(pk) for pk in revoked.values_list("pk", flat=True)]
        check_ids = [str(pk) for pk in revoked.values_list("supervision_checks__pk", flat=True) if pk]
        for flow_class, ids in ((DeclarationFlow, declaration_ids), (SupervisionCheckFlow, check_ids)):
            processes = flow_class.process_class.objects.filter(
                flow_class=flow_class, artifact_object_id__in=ids
            ).exclude(status__in=[PROCESS.DONE, PROCESS.CANCELED])
            for process in processes:
                flow_class.instance.cancel(process)

    def case_history(self, artifact, *, everything: bool = False) -> StaffHistory:
        """A revocation is recorded on its product (proposed, revoked or refused), with the
        revocation's own status as the event's result."""
        return product_staff_history(artifact.product, everything=everything)
