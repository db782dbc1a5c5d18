"""A project's way (docs/domain.md §9): local application → provincial recommendation (the
province's lead) → evaluation (计财司's staff) → publication (计财司's lead) → implementation
within two years → final report, accepted by 计财司. The project's status routes the flow."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.base import TerroirFlow
from workflows.case_header import CaseHeader

from . import task_views
from .models import Project
from .selectors import jcs, projects_visible_to
from .services import provincial_bureau

Status = Project.Status


def _project(process) -> Project:
    return Project.objects.select_related("region", "province", "applicant").get(pk=process.artifact_object_id)


def _status_is(*statuses):
    return lambda activation: _project(activation.process).status in statuses


class RuralProjectFlow(TerroirFlow):
    """Rural revitalisation project

    A project applied for by a local bureau, recommended by its province, evaluated and published
    by the 计财司, implemented within two years and closed by a final report.
    """

    process_title = _("Rural revitalisation project")
    case_url_name = "rural:project"
    process_summary_template = "{{ process.data.title }}"

    def visible_artifacts(self, user):
        return projects_visible_to(user)

    def case_header(self, process) -> CaseHeader:
        project = _project(process)
        return CaseHeader(
            kind=self.process_title,
            reference=project.reference,
            status=project.get_status_display(),
            party=project.title,
            bureau=project.applicant,
            url=project.get_absolute_url(),
        )

    start = flow.StartHandle(this.begin).Next(this.recommend)

    recommend = (
        flow.View(task_views.RecommendationView.as_view())
        .Annotation(title=_("Recommend the project to the 计财司"))
        .Permission("organizations.work_as_lead", obj=lambda process: provincial_bureau(_project(process)))
        .Next(this.route)
    )
    evaluate = (
        flow.View(task_views.EvaluationView.as_view())
        .Annotation(title=_("Evaluate the project"))
        .Permission("organizations.work_as_staff", obj=lambda process: jcs())
        .Next(this.route)
    )
    publish = (
        flow.View(task_views.PublicationView.as_view())
        .Annotation(title=_("Publish the project"))
        .Permission("organizations.work_as_lead", obj=lambda process: jcs())
        .Next(this.route)
    )
    final_report = (
        flow.View(task_views.FinalReportView.as_view())
        .Annotation(title=_("Submit the final report"))
        .Permission("organizations.work_as_staff", obj=lambda process: _project(process).applicant)
        .Next(this.route)
    )
    review_final = (
        flow.View(task_views.FinalReviewView.as_view())
        .Annotation(title=_("Accept or return the final report"))
        .Permission("organizations.work_as_staff", obj=lambda process: jcs())
        .Next(this.route)
    )

    route = (
        flow.Switch()
        .Case(this.evaluate, _status_is(Status.RECOMMENDED))
        .Case(this.publish, _status_is(Status.EVALUATED))
        .Case(this.final_report, _status_is(Status.IMPLEMENTING))
        .Case(this.review_final, _status_is(Status.REPORTED))
        .Default(this.end)
    )

    end = flow.End()

    def begin(self, activation, *, project):
        activation.process.artifact = project
        activation.process.data = {"title": str(project)}
        return project
