from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import ProductRevocation


class RevocationProposalForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=ProductRevocation.Ground.choices)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)


class RevocationDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Revoke the protection")), ("no", _("Refuse the revocation"))],
    )
    comment = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)
