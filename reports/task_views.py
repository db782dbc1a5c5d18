"""The two decisions of the statistics flow: thin forms, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.task_views import DecisionTaskView

from .models import StatisticsReport
from .selectors import form_rows, report_content
from .services import report_lead_decide, report_national_decide


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


class ReportTaskView(DecisionTaskView):
    template_name = "reports/task.html"

    @property
    def report(self) -> StatisticsReport:
        return StatisticsReport.objects.select_related("province", "bureau", "current_snapshot").get(
            pk=self.request.activation.process.artifact_object_id
        )

    def get_context_data(self, **kwargs):
        report = self.report
        return super().get_context_data(report=report, rows=form_rows(report_content(report)), **kwargs)


class LeadApprovalView(ReportTaskView):
    form_class = DecisionForm

    def decide(self, form):
        data = form.cleaned_data
        report_lead_decide(
            actor=self.request.user, report=self.report, approve=data["approve"], comment=data["comment"]
        )


class NationalReviewView(ReportTaskView):
    form_class = NationalDecisionForm

    def decide(self, form):
        data = form.cleaned_data
        report_national_decide(
            actor=self.request.user, report=self.report, accept=data["approve"], comment=data["comment"]
        )
