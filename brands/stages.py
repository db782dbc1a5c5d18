"""Which body and role works each stage of a round (docs/adr/0051): the flow offers the stage's
task by these, and the services check the same before they change anything."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from organizations.models import Department

from .models import BrandRound, Stage

EVALUATOR = "PPB"  # 中国品牌建设促进会, the evaluating partner (drafted GB/T 36678-2018)
EXPERTS = "EXPERTS"
REGISTER_KEEPER = "XXZX"  # 信息中心 keeps the public register


def default_organiser_code() -> str:
    """The body that opens a round unless the opener chooses the other: settings.TERROIR_BRAND_ORGANISER."""
    return getattr(settings, "TERROIR_BRAND_ORGANISER", "ZLS")


@dataclass(frozen=True)
class StageWork:
    title: Promise  # what the person does, shown on the task's page
    department: str  # "" for the round's organiser, or a department's code
    permission: str  # the guardian permission on that department
    approved_by_lead: bool = True  # the organiser's lead approves the move to the next stage


WORK = {
    Stage.CALL: StageWork(_("Close the call for recommendations"), "", "work_as_staff"),
    Stage.SCREENING: StageWork(_("Screen the recommendations"), "", "work_as_staff"),
    Stage.EXPERT_REVIEW: StageWork(_("Review the recommended products"), EXPERTS, "work_as_expert"),
    Stage.SCORING: StageWork(_("Score the brand strength"), EVALUATOR, "work_as_staff"),
    Stage.VALUATION: StageWork(_("Value the brands"), EVALUATOR, "work_as_staff"),
    Stage.SAMPLE_TESTING: StageWork(_("Record the sample tests"), "", "work_as_staff"),
    # The approval is the lead's own step, and publication ends the round: nobody approves them again.
    Stage.APPROVAL: StageWork(_("Approve the results"), "", "work_as_lead", approved_by_lead=False),
    Stage.PUBLICATION: StageWork(
        _("Publish the results on the register"), REGISTER_KEEPER, "work_as_staff", approved_by_lead=False
    ),
}


def stage_work(brand_round: BrandRound) -> StageWork:
    return WORK[Stage(brand_round.status)]


def stage_department(brand_round: BrandRound) -> Department:
    code = stage_work(brand_round).department
    return brand_round.organiser if not code else Department.objects.get(code=code)
