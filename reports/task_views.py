"""The two decisions of the statistics flow: thin forms, the services decide; the decide_*
functions are shared by the task pages and the API (workflows.task_actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from workflows.task_views import DecisionTaskView, service_decision

from .actions import decide_as_lead, decide_as_national_reviewer
from .models import StatisticsReport
from .selectors import form_rows, report_content


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Approve and submit to the 科技司")), ("no", _("Send back to the statistics officer"))],
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


class NationalDecisionForm(DecisionForm):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Accept the report")), ("no", _("Return it for correction"))],
    )


def report_of(activation) -> StatisticsReport:
    return StatisticsReport.objects.select_related("province", "bureau", "current_snapshot").get(
        pk=activation.process.artifact_object_id
    )


decide_lead_approval = service_decision(decide_as_lead, report=report_of)


def decide_national_review(*, actor: User, activation, data: dict) -> None:
    decide_as_national_reviewer(
        actor=actor, report=report_of(activation), accept=data["approve"], comment=data["comment"]
    )


class ReportTaskView(DecisionTaskView):
    template_name = "reports/task.html"

    @property
    def report(self) -> StatisticsReport:
        return report_of(self.request.activation)  # type: ignore[attr-defined]  # viewflow sets it

    def get_context_data(self, **kwargs):
        report = self.report
        return super().get_context_data(report=report, rows=form_rows(report_content(report)), **kwargs)


class LeadApprovalView(ReportTaskView):
    form_class = DecisionForm
    decision = staticmethod(decide_lead_approval)


class NationalReviewView(ReportTaskView):
    form_class = NationalDecisionForm
    decision = staticmethod(decide_national_review)
