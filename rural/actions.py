"""The door of rural revitalisation (docs/architecture.md): pages, task views, the admin, the
loader and the demo change its records only through these functions; an application starts the
project's flow in the same transaction."""

from django.db import transaction

from accounts.models import User

# The module, not the class: flows imports the task views, which import these actions.
from . import flows, services
from .models import Project

designation_save = services.designation_save
designations_load = services.designations_load
measure_record = services.measure_record
effect_record = services.effect_record


@transaction.atomic
def apply_for_project(*, actor: User, **fields) -> Project:
    """The local bureau's application, in the province lead's inbox at once."""
    project = services.project_apply(actor=actor, **fields)
    flows.RuralProjectFlow.start.run(project=project)
    return project


def decide_recommendation(*, actor: User, project: Project, recommend: bool, comment: str = "") -> Project:
    return services.project_recommend(actor=actor, project=project, recommend=recommend, comment=comment)


def decide_evaluation(*, actor: User, project: Project, approve: bool, comment: str = "") -> Project:
    return services.project_evaluate(actor=actor, project=project, approve=approve, comment=comment)


def decide_publication(*, actor: User, project: Project, publish: bool, comment: str = "") -> Project:
    return services.project_publish(actor=actor, project=project, publish=publish, comment=comment)


def report_final(*, actor: User, project: Project, report: str, files=()) -> Project:
    return services.project_report_final(actor=actor, project=project, report=report, files=files)


def decide_final_report(*, actor: User, project: Project, accept: bool, comment: str = "") -> Project:
    return services.project_review_final(actor=actor, project=project, accept=accept, comment=comment)
