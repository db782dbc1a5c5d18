"""Task views of the application flow: each names the decision that maps its form onto one service.

The decide_* functions are shared by the task pages and the API (workflows.task_actions).
"""

from cases.models import Application
from cases.services import applications as services
from cases.services.objections import objection_window_state

from ..task_views import DecisionTaskView, service_decision
from . import forms


def application_of(activation) -> Application:
    return Application.objects.select_related("applicant", "province").get(pk=activation.process.artifact_object_id)


decide_preliminary_examination = service_decision(services.application_examine_preliminary, application=application_of)
decide_formal_examination = service_decision(services.application_examine_formal, application=application_of)
decide_announcement = service_decision(services.application_decide_announcement, application=application_of)
decide_rejection = service_decision(services.application_decide_rejection, application=application_of)
decide_objections = service_decision(services.application_conclude_objections, application=application_of)
decide_review_conclusion = service_decision(services.application_conclude_review, application=application_of)
decide_approval = service_decision(services.application_decide_approval, application=application_of)


def decide_convene_review(*, actor, activation, data: dict) -> None:
    services.application_convene_review(
        actor=actor, application=application_of(activation), experts=list(data["experts"]), chair=data["chair"]
    )


class ApplicationTaskView(DecisionTaskView):
    template_name = "workflows/applications/task.html"

    @property
    def application(self) -> Application:
        return application_of(self.request.activation)

    def get_context_data(self, **kwargs):
        application = self.application
        return super().get_context_data(
            application=application,
            attachments=application.attachments.all(),
            objections=application.objections.all(),
            opinions=application.expert_opinions.select_related("expert"),
            window_state=objection_window_state(application),
            **kwargs,
        )


class PreliminaryExaminationView(ApplicationTaskView):
    form_class = forms.PreliminaryExaminationForm
    decision = staticmethod(decide_preliminary_examination)


class FormalExaminationView(ApplicationTaskView):
    form_class = forms.FormalExaminationForm
    decision = staticmethod(decide_formal_examination)


class AnnouncementDecisionView(ApplicationTaskView):
    form_class = forms.LeadDecisionForm
    decision = staticmethod(decide_announcement)


class RejectionDecisionView(ApplicationTaskView):
    form_class = forms.RejectionDecisionForm
    decision = staticmethod(decide_rejection)


class ObjectionConclusionView(ApplicationTaskView):
    form_class = forms.ObjectionConclusionForm
    decision = staticmethod(decide_objections)


class ConveneReviewView(ApplicationTaskView):
    form_class = forms.ConveneReviewForm
    decision = staticmethod(decide_convene_review)


class ReviewConclusionView(ApplicationTaskView):
    form_class = forms.ReviewConclusionForm
    decision = staticmethod(decide_review_conclusion)


class ApprovalDecisionView(ApplicationTaskView):
    form_class = forms.LeadDecisionForm
    decision = staticmethod(decide_approval)
