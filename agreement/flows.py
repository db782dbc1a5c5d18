"""A second-batch name's way through the 国际司: the lead publishes it for objections, the period
runs for 2 months (a database timer), the staff propose a decision and the lead approves it. One
process per proposal for publication; the entry's status says where it is."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.base import TerroirFlow
from workflows.case_header import CaseHeader

from . import task_views
from .models import AgreementEntry
from .selectors import entries_visible_to
from .services import entry_close_window, international_department

Status = AgreementEntry.Status


def _entry(process) -> AgreementEntry:
    return AgreementEntry.objects.get(pk=process.artifact_object_id)


def _gjs(process):
    return international_department()


def _window_ends(activation) -> datetime.datetime:
    """The start of the day after the last day on which objections are received."""
    closes = _entry(activation.process).window_closes
    if closes is None:
        raise ValueError("the objection period has no closing date")  # set on publication
    return timezone.make_aware(datetime.datetime.combine(closes + datetime.timedelta(days=1), datetime.time.min))


def _status_is(*states):
    return lambda activation: _entry(activation.process).status in states


class AgreementEntryFlow(TerroirFlow):
    """EU–China agreement name

    A second-batch name of the EU–China agreement, published for objections and decided by the 国际司.
    """

    process_title = _("EU–China agreement name")
    case_url_name = "agreement:detail"
    process_summary_template = "{{ process.data.title }}"

    def visible_artifacts(self, user):
        return entries_visible_to(user)

    def cases_url(self, *, open_only: bool = False) -> str:
        return reverse("agreement:list")

    def case_header(self, process) -> CaseHeader:
        entry = _entry(process)
        return CaseHeader(
            kind=self.process_title,
            reference=entry.name,
            status=entry.get_status_display(),
            party=entry.get_country_display(),
            bureau=international_department(),
            url=reverse("agreement:detail", args=[entry.pk]),
        )

    start = flow.StartHandle(this.begin).Next(this.approve_publication)

    approve_publication = (
        flow.View(task_views.PublicationApprovalView.as_view())
        .Annotation(title=_("Approve the publication for objections"))
        .Permission("organizations.work_as_lead", obj=_gjs)
        .Next(this.route_publication)
    )
    route_publication = flow.If(_status_is(Status.PUBLISHED)).Then(this.objection_period).Else(this.end)

    objection_period = flow.Timer(_window_ends).Annotation(title=_("Objection period")).Next(this.close_period)
    close_period = flow.Function(this.close_window).Annotation(title=_("Close the objection period")).Next(this.examine)

    examine = (
        flow.View(task_views.ExaminationView.as_view())
        .Annotation(title=_("Examine the name and propose a decision"))
        .Permission("organizations.work_as_staff", obj=_gjs)
        .Next(this.approve_decision)
    )
    approve_decision = (
        flow.View(task_views.DecisionApprovalView.as_view())
        .Annotation(title=_("Approve the decision on the name"))
        .Permission("organizations.work_as_lead", obj=_gjs)
        .Next(this.route_decision)
    )
    route_decision = flow.If(_status_is(Status.PROTECTED, Status.REFUSED)).Then(this.end).Else(this.examine)

    end = flow.End()

    def begin(self, activation, *, entry):
        activation.process.artifact = entry
        activation.process.data = {"title": entry.name}
        return entry

    def close_window(self, activation):
        entry_close_window(actor=None, entry=_entry(activation.process))
