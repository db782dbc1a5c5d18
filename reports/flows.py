"""A statistics report's way from the officer to the 科技司: the lead approves the frozen report,
the 科技司 accepts or returns it. One process per submission: a returned report, corrected and
submitted again, starts a new one; the report's status says where it is."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.base import TerroirFlow
from workflows.case_header import CaseHeader

from . import task_views
from .models import StatisticsReport
from .selectors import reports_visible_to
from .services import national_office


def _report(process) -> StatisticsReport:
    return StatisticsReport.objects.select_related("bureau", "province").get(pk=process.artifact_object_id)


def _bureau(process):
    return _report(process).bureau


class StatisticsReportFlow(TerroirFlow):
    """Statistics report

    The province's statistics form, approved by its lead and accepted or returned by the 科技司.
    """

    process_title = _("Statistics report")
    case_url_name = "reports:detail"
    process_summary_template = "{{ process.data.title }}"

    def visible_artifacts(self, user):
        return reports_visible_to(user)

    def cases_url(self, *, open_only: bool = False) -> str:
        # The reports are not in the 案件 search: their own list is where staff find them.
        return reverse("reports:list")

    def case_header(self, process) -> CaseHeader:
        report = _report(process)
        return CaseHeader(
            kind=self.process_title,
            reference=str(report),
            status=report.get_status_display(),
            party="",
            bureau=report.bureau,
            url=reverse("reports:detail", args=[report.pk]),
        )

    start = flow.StartHandle(this.begin).Next(this.approve)

    approve = (
        flow.View(task_views.LeadApprovalView.as_view())
        .Annotation(title=_("Approve the statistics report"))
        .Permission("organizations.work_as_lead", obj=_bureau)
        .Next(this.route_approval)
    )
    route_approval = (
        flow.If(lambda activation: _report(activation.process).status == StatisticsReport.Status.SUBMITTED)
        .Then(this.review)
        .Else(this.end)
    )
    review = (
        flow.View(task_views.NationalReviewView.as_view())
        .Annotation(title=_("Accept or return the statistics report"))
        .Permission("organizations.work_as_staff", obj=lambda process: national_office())
        .Next(this.end)
    )

    end = flow.End()

    def begin(self, activation, *, report):
        activation.process.artifact = report
        activation.process.data = {"title": str(report)}
        return report
