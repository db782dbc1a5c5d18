from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.applications.choices import ObjectionOutcome, Outcome, ReviewOutcome
from cases.applications.selectors import eligible_experts

COMMENT = _("Comment")


def _comment(label=COMMENT, required=False):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 4}), required=required, max_length=4000)


class PreliminaryExaminationForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            (Outcome.ACCEPT, _("Forward to the national formal examination")),
            (Outcome.SUPPLEMENT, _("Return to the applicant for a supplement")),
            (Outcome.REJECT, _("Propose rejection to the lead")),
        ],
    )
    comment = _comment()


class FormalExaminationForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            (Outcome.ACCEPT, _("Accept")),
            (Outcome.DEFECT, _("Issue a defect notice (back through the province)")),
            (Outcome.REJECT, _("Propose rejection to the lead")),
        ],
    )
    comment = _comment()


class LeadDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Approve")), ("no", _("Return"))],
    )
    comment = _comment()


class RejectionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Confirm the rejection")), ("no", _("Send the application back to the stage"))],
    )
    comment = _comment(_("Reasons"), required=True)


class ObjectionConclusionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            (ObjectionOutcome.PROCEED, _("No objection sustained: the application proceeds")),
            (ObjectionOutcome.RETURN, _("Objection sustained: return the application to the applicant")),
            (ObjectionOutcome.REJECT, _("Objection sustained: reject the application")),
        ],
    )
    comment = _comment(_("Summary of the handling"), required=True)


class ConveneReviewForm(forms.Form):
    experts: "forms.ModelMultipleChoiceField[User]" = forms.ModelMultipleChoiceField(
        label=_("Experts (at least three)"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    chair: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(label=_("Chair"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = eligible_experts()
        self.fields["chair"].queryset = eligible_experts()


class ReviewConclusionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Conclusion"),
        widget=forms.RadioSelect,
        choices=[
            (ReviewOutcome.MEETS_CONDITIONS, _("The product meets the conditions for protection")),
            (ReviewOutcome.REJECT, _("The product does not meet them: propose rejection")),
        ],
    )
    conclusion = _comment(_("The meeting's conclusion"), required=True)
