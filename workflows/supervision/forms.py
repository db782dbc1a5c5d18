from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.staging import KeepsChosenFiles
from cases.models import SupervisionCheck
from cases.supervision.choices import CheckOutcome
from cases.uploads import EvidenceFileField


class CheckResultForm(KeepsChosenFiles, forms.Form):
    document_review = forms.ChoiceField(label=_("Document review"), choices=SupervisionCheck.Result.choices)
    onsite_visit = forms.ChoiceField(label=_("On-site visit"), choices=SupervisionCheck.Result.choices)
    label_check = forms.ChoiceField(label=_("Label check"), choices=SupervisionCheck.Result.choices)
    sample_test = forms.ChoiceField(label=_("Sample test"), choices=SupervisionCheck.Result.choices)
    findings = forms.CharField(
        label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
    evidence = EvidenceFileField(label=_("Evidence (PDF, JPEG or PNG, ≤ 10 MB)"), required=False)
    outcome = forms.ChoiceField(
        label=_("Proposed outcome"),
        widget=forms.RadioSelect,
        choices=CheckOutcome.choices,
    )
    refer_to_enforcement = forms.BooleanField(
        label=_("Refer to enforcement (counterfeit, use outside the area …)"), required=False
    )
    referral_reason = forms.CharField(
        label=_("Why it is referred"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RevocationDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Revoke the authorisation")), ("no", _("Order rectification instead"))],
    )
    comment = forms.CharField(
        label=_("Reason (sent to the producer)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
