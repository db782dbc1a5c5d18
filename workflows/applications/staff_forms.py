from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import ExpertOpinion


def _yes_no(yes, no):
    return forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", yes), ("no", no)],
    )


# The objector reads the reasons through 办件查询, the applicant in its portal.
SHOWN_TO_BOTH = _("Shown to the objector and to the applicant.")


class AdmissibilityForm(forms.Form):
    admissible = _yes_no(_("Admissible: ask the applicant to reply"), _("Inadmissible"))
    reason = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
        help_text=SHOWN_TO_BOTH,
    )


class ObjectionDecisionForm(forms.Form):
    sustain = _yes_no(_("Sustain the objection"), _("Reject the objection"))
    reason = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, help_text=SHOWN_TO_BOTH
    )


class ExpertOpinionForm(forms.Form):
    vote = forms.ChoiceField(label=_("Vote"), widget=forms.RadioSelect, choices=ExpertOpinion.Vote.choices)
    opinion = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000)
