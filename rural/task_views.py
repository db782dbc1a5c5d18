"""The project's tasks: thin forms, the services decide; the decide_* functions are shared by the
task pages and the API (workflows.task_actions)."""

from accounts.models import User
from workflows.task_views import DecisionTaskView

from . import actions
from .forms import EvaluationForm, FinalReportForm, FinalReviewForm, PublicationForm, RecommendationForm
from .models import Project
from .selectors import designations_on


def project_of(activation) -> Project:
    return Project.objects.select_related("region", "province", "applicant").get(
        pk=activation.process.artifact_object_id
    )


def decide_recommendation(*, actor: User, activation, data: dict) -> None:
    actions.decide_recommendation(actor=actor, project=project_of(activation), **data)


def decide_evaluation(*, actor: User, activation, data: dict) -> None:
    actions.decide_evaluation(actor=actor, project=project_of(activation), **data)


def decide_publication(*, actor: User, activation, data: dict) -> None:
    actions.decide_publication(actor=actor, project=project_of(activation), **data)


def decide_final_report(*, actor: User, activation, data: dict) -> None:
    material = data.get("material")
    actions.report_final(
        actor=actor, project=project_of(activation), report=data["report"], files=[material] if material else []
    )


def decide_final_review(*, actor: User, activation, data: dict) -> None:
    actions.decide_final_report(actor=actor, project=project_of(activation), **data)


class ProjectTaskView(DecisionTaskView):
    template_name = "rural/task.html"

    def get_context_data(self, **kwargs):
        project = project_of(self.request.activation)  # type: ignore[attr-defined]  # viewflow sets it
        return super().get_context_data(
            project=project, designations=designations_on(project.region, project.created_at.date()), **kwargs
        )


class RecommendationView(ProjectTaskView):
    form_class = RecommendationForm
    decision = staticmethod(decide_recommendation)


class EvaluationView(ProjectTaskView):
    form_class = EvaluationForm
    decision = staticmethod(decide_evaluation)


class PublicationView(ProjectTaskView):
    form_class = PublicationForm
    decision = staticmethod(decide_publication)


class FinalReportView(ProjectTaskView):
    form_class = FinalReportForm
    decision = staticmethod(decide_final_report)


class FinalReviewView(ProjectTaskView):
    form_class = FinalReviewForm
    decision = staticmethod(decide_final_review)
