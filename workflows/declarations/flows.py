"""A self-declaration's life after publication: the in-process check (事中) by the bureau."""

from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.models import User
from cases.declarations.services import declaration_resubmit, declaration_submit
from cases.models import Declaration
from deadlines.services import deadline_start
from organizations.models import Department

from ..base import TerroirFlow
from ..case_header import CaseHeader
from ..next_step import awaiting_enterprise
from ..visibility import JurisdictionCheck
from .views import InProcessCheckView, SuspensionDecisionView


def _declaration(process) -> Declaration:
    # Read fresh: the services lock and re-read the row, so process.artifact may hold a stale copy.
    return Declaration.objects.select_related("production_region").get(pk=process.artifact_object_id)


def _bureau(process):
    # One query, not two: the task's permission object is looked up at every assign (bench_completions.py).
    production_region = Declaration.objects.filter(pk=process.artifact_object_id).values("production_region_id")
    return Department.objects.get(region_id=Subquery(production_region))


_ROUTING = "_declaration_routing"


def remember_routing(process, declaration: Declaration) -> None:
    """What the service just wrote and returned, kept on the process for the switch that follows
    in the same transaction (the switch's activation shares the process object): no re-read."""
    setattr(process, _ROUTING, (declaration.status, declaration.suspension_proposed))


def _routing(activation) -> tuple[str, bool]:
    """The declaration's status and whether a suspension is proposed: what the switch routes on.

    As the decision left them (remember_routing, taken off the process so that no later switch
    reads them stale), or else fresh, like _declaration, but only the two columns; read once for
    all the switch's cases (the switch hands each case the same activation).
    """
    if not hasattr(activation, _ROUTING):
        routing = activation.process.__dict__.pop(_ROUTING, None)
        if routing is None:
            routing = (
                Declaration.objects.filter(pk=activation.process.artifact_object_id)
                .values_list("status", "suspension_proposed")
                .get()
            )
        setattr(activation, _ROUTING, routing)
    return getattr(activation, _ROUTING)


def _awaits_correction(activation) -> bool:
    return _routing(activation)[0] == Declaration.Status.CORRECTION_REQUESTED


def _suspension_proposed(activation) -> bool:
    return _routing(activation)[1]


class DeclarationFlow(TerroirFlow):
    """Self-declaration

    Published at once; the bureau of the production region then looks it over.
    """

    process_title = _("Self-declaration")
    case_search_kind = "declaration"
    # Read from process.data, written at the start: the inbox must not load each declaration.
    process_summary_template = "{{ process.data.reference }} {{ process.data.enterprise }} · {{ process.data.product }}"

    seen_by_jurisdiction = JurisdictionCheck(Declaration, "production_region__code")

    def case_header(self, process) -> CaseHeader:
        declaration = Declaration.objects.select_related("enterprise", "product").get(pk=process.artifact_object_id)
        return CaseHeader(
            kind=self.process_title,
            reference=str(declaration),
            status=declaration.get_status_display(),
            party=declaration.enterprise.name,
            bureau=_bureau(process),
            url=self.reverse("process_detail", args=[process.pk]),
            product=declaration.product.name,
        )

    def case_for_audit(self, process):
        # The reference (the declaration's label) is written into the process data at publication
        # and never changes: an audit event on a stand-in is the same as on the loaded declaration.
        reference = (process.data or {}).get("reference")
        if not reference:
            return super().case_for_audit(process)
        return Declaration(pk=process.artifact_object_id, reference=reference)

    start = flow.StartHandle(this.publish).Next(this.in_process_check)

    in_process_check = (
        flow.View(InProcessCheckView.as_view())
        .Annotation(title=_("In-process check"))
        .Permission("organizations.work_as_staff", obj=_bureau)
        .onCreate(this.start_check_clock)
        .Next(this.route_check)
    )

    route_check = (
        flow.Switch()
        .Case(this.await_correction, _awaits_correction)
        .Case(this.decide_suspension, _suspension_proposed)
        .Default(this.end)
    )

    await_correction = awaiting_enterprise(
        flow.Handle(this.receive_correction)
        .Annotation(title=_("Correction by the producer"))
        .Next(this.in_process_check),
        lambda process: _declaration(process).enterprise,
    )

    decide_suspension = (
        flow.View(SuspensionDecisionView.as_view())
        .Annotation(title=_("Decide on suspension"))
        .Permission("organizations.work_as_lead", obj=_bureau)
        .Next(this.end)
    )

    end = flow.End()

    def publish(self, activation, *, actor: User, declaration, commitment_accepted):
        declaration = declaration_submit(actor=actor, declaration=declaration, commitment_accepted=commitment_accepted)
        activation.process.artifact = declaration
        activation.process.data = {
            "reference": declaration.reference,
            "enterprise": declaration.enterprise.name,
            "product": declaration.product.name,
        }
        return declaration

    def start_check_clock(self, activation):
        deadline_start(
            actor=None,
            rule_code="declaration.in_process_check",
            target=_declaration(activation.process),
            task=activation.task,
            department=_bureau(activation.process),
        )

    def receive_correction(self, activation, *, actor: User, comment=""):
        return declaration_resubmit(actor=actor, declaration=_declaration(activation.process), comment=comment)
