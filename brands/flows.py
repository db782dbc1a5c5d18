"""A brand evaluation round's way from the call for recommendations to publication. One task per
stage, offered to the stage's body and role (brands.stages); after each stage that needs it, the
organiser's lead approves the move on or sends the work back. The round's stage says where it is."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.base import TerroirFlow
from workflows.case_header import CaseHeader

from . import task_views
from .models import BrandRound
from .selectors import rounds_visible_to
from .stages import stage_department, stage_work


def _round(process) -> BrandRound:
    return BrandRound.objects.select_related("organiser").get(pk=process.artifact_object_id)


def _stage_permission(activation) -> str:
    return f"organizations.{stage_work(_round(activation.process)).permission}"


class BrandRoundFlow(TerroirFlow):
    """Brand evaluation round

    The year's GI brand evaluation: recommendations, screening, expert review, scoring, valuation,
    sample testing, approval and publication of the top 50.
    """

    process_title = _("Brand evaluation round")
    case_url_name = "brands:detail"
    # In the reader's language (the title stored at the start is in the opener's).
    process_summary_template = (
        "{% load i18n %}{% if process.data.year %}{% blocktranslate with year=process.data.year %}"
        "{{ year }} GI brand evaluation{% endblocktranslate %}{% else %}{{ process.data.title }}{% endif %}"
    )

    def visible_artifacts(self, user):
        return rounds_visible_to(user)

    def cases_url(self, *, open_only: bool = False) -> str:
        return reverse("brands:list")

    def case_header(self, process) -> CaseHeader:
        brand_round = _round(process)
        return CaseHeader(
            kind=self.process_title,
            reference=str(brand_round),
            status=brand_round.get_status_display(),
            party="",
            bureau=brand_round.organiser,
            url=reverse("brands:detail", args=[brand_round.pk]),
        )

    start = flow.StartHandle(this.begin).Next(this.work)

    work = (
        flow.View(task_views.StageWorkView.as_view())
        .Annotation(title=_("Carry out the round's stage"))
        .Permission(_stage_permission, obj=lambda process: stage_department(_round(process)))
        .Next(this.route_work)
    )
    route_work = (
        flow.If(lambda activation: _round(activation.process).awaiting_approval).Then(this.approve).Else(this.route_end)
    )
    approve = (
        flow.View(task_views.StageApprovalView.as_view())
        .Annotation(title=_("Approve the end of the stage"))
        .Permission("organizations.work_as_lead", obj=lambda process: _round(process).organiser)
        .Next(this.work)
    )
    route_end = flow.If(lambda activation: _round(activation.process).is_published).Then(this.end).Else(this.work)

    end = flow.End()

    def begin(self, activation, *, brand_round):
        activation.process.artifact = brand_round
        # 我的工作 shows the year as the case's number (case_facts): words would stay in the opener's language.
        activation.process.data = {"number": str(brand_round.year), "year": brand_round.year}
        return brand_round
