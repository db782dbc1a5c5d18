"""Task views of the application flow: each names its decision in workflows.applications.actions,
shared with the API (workflows.task_actions)."""

from cases.applications.announcements import announcement_preview
from cases.applications.selectors import proposed_rejection, review_tally
from cases.models import Application
from cases.objections.selectors import objection_window_state

from ..task_views import DecisionTaskView
from . import actions, forms
from .actions import application_of


class ApplicationTaskView(DecisionTaskView):
    template_name = "workflows/applications/task.html"

    @property
    def application(self) -> Application:
        return application_of(self.request.activation)  # type: ignore[attr-defined]  # set by viewflow's task view

    def get_context_data(self, **kwargs):
        application = self.application
        return super().get_context_data(
            application=application,
            attachments=application.attachments.all(),
            objections=application.objections.all(),
            opinions=application.expert_opinions.select_related("expert"),
            window_state=objection_window_state(application),
            # What the decision rests on (ADR 0030, 0039), each only at the stage that decides on it.
            announcement=announcement_preview(application),
            rejection=proposed_rejection(application),
            tally=review_tally(application) if application.status == Application.Status.TECHNICAL_REVIEW else None,
            **kwargs,
        )


class PreliminaryExaminationView(ApplicationTaskView):
    form_class = forms.PreliminaryExaminationForm
    decision = staticmethod(actions.decide_preliminary_examination)


class FormalExaminationView(ApplicationTaskView):
    form_class = forms.FormalExaminationForm
    decision = staticmethod(actions.decide_formal_examination)


class AnnouncementDecisionView(ApplicationTaskView):
    form_class = forms.LeadDecisionForm
    decision = staticmethod(actions.decide_announcement)


class RejectionDecisionView(ApplicationTaskView):
    form_class = forms.RejectionDecisionForm
    decision = staticmethod(actions.decide_rejection)


class ObjectionConclusionView(ApplicationTaskView):
    form_class = forms.ObjectionConclusionForm
    decision = staticmethod(actions.decide_objections)


class ConveneReviewView(ApplicationTaskView):
    form_class = forms.ConveneReviewForm
    decision = staticmethod(actions.decide_convene_review)


class ReviewConclusionView(ApplicationTaskView):
    form_class = forms.ReviewConclusionForm
    decision = staticmethod(actions.decide_review_conclusion)


class ApprovalDecisionView(ApplicationTaskView):
    form_class = forms.LeadDecisionForm
    decision = staticmethod(actions.decide_approval)
