"""A drawn supervision check: inspect, then compliant, rectification and re-inspection, or revocation."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from cases.common.history import StaffHistory, staff_history
from cases.models import Declaration, SupervisionCheck
from deadlines.services import deadline_start

from ..base import TerroirFlow
from ..case_header import CaseHeader
from ..next_step import register_sub_case
from ..visibility import JurisdictionCheck
from .views import CheckResultView, RevocationDecisionView


def _check(process) -> SupervisionCheck:
    return SupervisionCheck.objects.select_related("campaign__organiser", "declaration").get(
        pk=process.artifact_object_id
    )


def _status_is(status):
    # Fresh, but only the one column a switch reads: no row to build, no joins.
    checks = SupervisionCheck.objects.values_list("status", flat=True)
    return lambda activation: checks.get(pk=activation.process.artifact_object_id) == status


class SupervisionCheckFlow(TerroirFlow):
    """Supervision check

    A declaration drawn at random, checked by two inspectors drawn at random.
    """

    process_title = _("Supervision check")
    case_search_kind = "check"
    process_summary_template = (
        "{{ process.data.campaign }} · {{ process.data.enterprise }} · {{ process.data.product }}"
    )

    seen_by_jurisdiction = JurisdictionCheck(SupervisionCheck, "declaration__production_region__code")

    def case_header(self, process) -> CaseHeader:
        check = SupervisionCheck.objects.select_related(
            "campaign__organiser", "declaration__enterprise", "declaration__product"
        ).get(pk=process.artifact_object_id)
        return CaseHeader(
            kind=self.process_title,
            reference=f"{check.campaign.reference} · {check.declaration}",
            status=check.get_status_display(),
            party=check.declaration.enterprise.name,
            bureau=check.campaign.organiser,
            url=self.reverse("process_detail", args=[process.pk]),
            product=check.declaration.product.name,
        )

    def responsible_body_id(self, task):
        # The drawn inspectors' tasks are granted on the check: the campaign's organiser answers for them.
        return super().responsible_body_id(task) or _check(task.process).campaign.organiser_id

    start = flow.StartHandle(this.begin).Next(this.inspect)

    inspect = (
        flow.View(CheckResultView.as_view())
        .Annotation(title=_("Check the declaration"))
        .Permission("cases.perform_check", obj=_check)
        .onCreate(this.start_check_clock)
        .Next(this.route)
    )

    route = (
        flow.Switch()
        .Case(this.reinspect, _status_is(SupervisionCheck.Status.RECTIFICATION))
        .Case(this.decide_revocation, _status_is(SupervisionCheck.Status.REVOCATION_PROPOSED))
        .Default(this.end)
    )

    reinspect = (
        flow.View(CheckResultView.as_view())
        .Annotation(title=_("Re-inspect after rectification"))
        .Permission("cases.perform_check", obj=_check)
        .onCreate(this.start_rectification_clock)
        .Next(this.route)
    )

    decide_revocation = (
        flow.View(RevocationDecisionView.as_view())
        .Annotation(title=_("Decide on revocation"))
        .Permission("organizations.work_as_lead", obj=lambda process: _check(process).campaign.organiser)
        .Next(this.route)
    )

    end = flow.End()

    def begin(self, activation, *, check):
        activation.process.artifact = check
        activation.process.data = {
            "campaign": check.campaign.reference,
            "enterprise": check.declaration.enterprise.name,
            "product": check.declaration.product.name,
        }
        return check

    def start_check_clock(self, activation):
        check = _check(activation.process)
        deadline_start(
            actor=None,
            rule_code="declaration.supervision_check",
            target=check.declaration,
            task=activation.task,
            department=check.campaign.organiser,
            queue_role="inspector",
        )

    def start_rectification_clock(self, activation):
        check = _check(activation.process)
        deadline_start(
            actor=None,
            rule_code="declaration.rectification",
            target=check.declaration,
            task=activation.task,
            department=check.campaign.organiser,
            queue_role="inspector",
        )

    def case_history(self, artifact, *, everything: bool = False) -> StaffHistory:
        """A check's results are recorded on the check, what they did to the declaration (drawn,
        rectification, revocation) on the declaration: its page tells both."""
        return staff_history(artifact, artifact.declaration, everything=everything)


# The declaration's page names the check's task (the re-inspection, the revocation decision) as its next step.
register_sub_case(Declaration, SupervisionCheck, "declaration")
