"""The 国际司's three decisions on a second-batch name: thin forms, the services decide; the decide_*
functions are shared by the task pages and the API (workflows.task_actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from workflows.task_views import DecisionTaskView

from .actions import decide, decide_publication, propose_decision
from .models import AgreementEntry


class ApprovalForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Approve")), ("no", _("Return to the staff"))],
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


class PublicationForm(ApprovalForm):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Publish the name for objections (2 months)")), ("no", _("Return to the staff"))],
    )


class ExaminationForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Proposed decision"), widget=forms.RadioSelect, choices=AgreementEntry.Outcome.choices
    )
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=200)
    comment = forms.CharField(
        label=_("Reasons (answer each objection received)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )


def entry_of(activation) -> AgreementEntry:
    return AgreementEntry.objects.select_related("product").get(pk=activation.process.artifact_object_id)


def decide_publication_task(*, actor: User, activation, data: dict) -> None:
    decide_publication(actor=actor, entry=entry_of(activation), approve=data["approve"], comment=data["comment"])


def decide_examination(*, actor: User, activation, data: dict) -> None:
    propose_decision(actor=actor, entry=entry_of(activation), **data)


def decide_decision(*, actor: User, activation, data: dict) -> None:
    decide(actor=actor, entry=entry_of(activation), approve=data["approve"], comment=data["comment"])


class EntryTaskView(DecisionTaskView):
    template_name = "agreement/task.html"

    def get_context_data(self, **kwargs):
        entry = entry_of(self.request.activation)  # type: ignore[attr-defined]  # viewflow sets it
        return super().get_context_data(entry=entry, objections=entry.objections.all(), **kwargs)


class PublicationApprovalView(EntryTaskView):
    form_class = PublicationForm
    decision = staticmethod(decide_publication_task)


class ExaminationView(EntryTaskView):
    form_class = ExaminationForm
    decision = staticmethod(decide_examination)


class DecisionApprovalView(EntryTaskView):
    form_class = ApprovalForm
    decision = staticmethod(decide_decision)
