"""Task views of the application flow: each maps its form onto one service."""

from cases.models import Application
from cases.services import applications as services
from cases.services.objections import objection_window_state

from ..task_views import DecisionTaskView
from . import forms


def application_of(activation) -> Application:
    return Application.objects.select_related("applicant", "province").get(pk=activation.process.artifact_object_id)


def decide_preliminary_examination(*, actor, activation, data: dict) -> None:
    """Shared by the task view and the API (workflows.task_actions)."""
    services.application_examine_preliminary(actor=actor, application=application_of(activation), **data)


def decide_formal_examination(*, actor, activation, data: dict) -> None:
    services.application_examine_formal(actor=actor, application=application_of(activation), **data)


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

    def decide(self, form):
        decide_preliminary_examination(
            actor=self.request.user, activation=self.request.activation, data=form.cleaned_data
        )


class FormalExaminationView(ApplicationTaskView):
    form_class = forms.FormalExaminationForm

    def decide(self, form):
        decide_formal_examination(actor=self.request.user, activation=self.request.activation, data=form.cleaned_data)


class AnnouncementDecisionView(ApplicationTaskView):
    form_class = forms.LeadDecisionForm

    def decide(self, form):
        services.application_decide_announcement(
            actor=self.request.user, application=self.application, **form.cleaned_data
        )


class RejectionDecisionView(ApplicationTaskView):
    form_class = forms.RejectionDecisionForm

    def decide(self, form):
        services.application_decide_rejection(
            actor=self.request.user, application=self.application, **form.cleaned_data
        )


class ObjectionConclusionView(ApplicationTaskView):
    form_class = forms.ObjectionConclusionForm

    def decide(self, form):
        services.application_conclude_objections(
            actor=self.request.user, application=self.application, **form.cleaned_data
        )


class ConveneReviewView(ApplicationTaskView):
    form_class = forms.ConveneReviewForm

    def decide(self, form):
        services.application_convene_review(
            actor=self.request.user,
            application=self.application,
            experts=list(form.cleaned_data["experts"]),
            chair=form.cleaned_data["chair"],
        )


class ReviewConclusionView(ApplicationTaskView):
    form_class = forms.ReviewConclusionForm

    def decide(self, form):
        services.application_conclude_review(actor=self.request.user, application=self.application, **form.cleaned_data)


class ApprovalDecisionView(ApplicationTaskView):
    form_class = forms.LeadDecisionForm

    def decide(self, form):
        services.application_decide_approval(actor=self.request.user, application=self.application, **form.cleaned_data)
