"""A zone's way through the offices, as viewflow tasks offered to the body and role that decide
each step (docs/adr/0050). Two processes per zone: its application (recommendation, review, the
draft list, approval for preparation) and, years later, its acceptance (site visit, assessment,
naming). The steps of the government's own bureau in between (the annual reports, the request
for acceptance) are pages of the zone, not tasks: no one decides them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.base import TerroirFlow
from workflows.case_header import CaseHeader
from workflows.visibility import JurisdictionCheck

from . import task_views
from .models import Level, Zone
from .services import province_bureau, reviewing_office


def _zone(process) -> Zone:
    return Zone.objects.select_related("province", "bureau", "region").get(pk=process.artifact_object_id)


def _province(process):
    return province_bureau(_zone(process))


def _office(process):
    return reviewing_office(_zone(process))


def _status_is(*states):
    return lambda activation: _zone(activation.process).status in states


class ZoneFlow(TerroirFlow):
    """Demonstration zone

    A government's demonstration zone: recommendation, review, draft list, preparation, acceptance, naming.
    """

    process_title = _("Demonstration zone")
    case_url_name = "zones:detail"
    process_summary_template = "{{ process.data.title }}"
    seen_by_jurisdiction = JurisdictionCheck(Zone, "region__code")

    def cases_url(self, *, open_only: bool = False) -> str:
        return reverse("zones:list")

    def case_header(self, process) -> CaseHeader:
        zone = _zone(process)
        return CaseHeader(
            kind=self.process_title,
            reference=zone.reference,
            status=zone.get_status_display(),
            party=zone.government,
            bureau=zone.bureau,
            url=reverse("zones:detail", args=[zone.pk]),
        )

    # ---------------------------------------------------------------- application
    start = flow.StartHandle(this.begin).Next(this.route_level)
    route_level = (
        flow.If(lambda activation: _zone(activation.process).level == Level.NATIONAL)
        .Then(this.recommend)
        .Else(this.review)
    )
    recommend = (
        flow.View(task_views.RecommendView.as_view())
        .Annotation(title=_("Recommend the demonstration zone"))
        .Permission("organizations.work_as_staff", obj=_province)
        .Next(this.approve_recommendation)
    )
    approve_recommendation = (
        flow.View(task_views.ApproveRecommendationView.as_view())
        .Annotation(title=_("Approve the zone's recommendation"))
        .Permission("organizations.work_as_lead", obj=_province)
        .Next(this.route_recommended)
    )
    route_recommended = flow.If(_status_is(Zone.Status.RECOMMENDED)).Then(this.review).Else(this.end)
    review = (
        flow.View(task_views.ReviewView.as_view())
        .Annotation(title=_("Review the zone application"))
        .Permission("organizations.work_as_staff", obj=_office)
        .Next(this.approve_publication)
    )
    approve_publication = (
        flow.View(task_views.PublishView.as_view())
        .Annotation(title=_("Publish the zone on the draft list"))
        .Permission("organizations.work_as_lead", obj=_office)
        .Next(this.route_published)
    )
    route_published = flow.If(_status_is(Zone.Status.ON_DRAFT_LIST)).Then(this.approve_preparation).Else(this.end)
    approve_preparation = (
        flow.View(task_views.PreparationView.as_view())
        .Annotation(title=_("Approve the zone for preparation"))
        .Permission("organizations.work_as_lead", obj=_office)
        .Next(this.end)
    )

    # ---------------------------------------------------------------- acceptance
    start_acceptance = flow.StartHandle(this.begin).Next(this.site_visit)
    site_visit = (
        flow.View(task_views.SiteVisitView.as_view())
        .Annotation(title=_("Record the expert site visit"))
        .Permission("organizations.work_as_staff", obj=_province)
        .Next(this.route_visited)
    )
    route_visited = flow.If(_status_is(Zone.Status.ACCEPTANCE)).Then(this.assess).Else(this.end)
    assess = (
        flow.View(task_views.AssessView.as_view())
        .Annotation(title=_("Assess the zone"))
        .Permission("organizations.work_as_staff", obj=_office)
        .Next(this.route_assessed)
    )
    route_assessed = flow.If(_status_is(Zone.Status.PUBLIC_NOTICE)).Then(this.name_zone).Else(this.end)
    name_zone = (
        flow.View(task_views.NameView.as_view())
        .Annotation(title=_("Name the demonstration zone"))
        .Permission("organizations.work_as_lead", obj=_office)
        .Next(this.end)
    )

    end = flow.End()

    def begin(self, activation, *, zone):
        activation.process.artifact = zone
        activation.process.data = {"title": f"{zone.reference} {zone.government}"}
        return zone
