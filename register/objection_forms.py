from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.staging import KeepsChosenFiles
from cases.uploads import EvidenceFileField
from organizations.identity_number import validate_person_or_organisation_code


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(EvidenceFileField):
    """Several evidence files in one field, each checked by content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ObjectionForm(KeepsChosenFiles, forms.Form):
    objector_name = forms.CharField(label=_("Your name or organisation"), max_length=200)
    objector_id_code = forms.CharField(
        label=_("Identity number or unified social credit code"),
        max_length=18,
        validators=[validate_person_or_organisation_code],
    )
    contact = forms.CharField(label=_("Contact (telephone or e-mail)"), max_length=100)
    grounds = forms.CharField(
        label=_("Grounds of the objection"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000
    )
    evidence = MultipleFileField(
        # The count is spelled out: a lazy label cannot be %-formatted at import time.
        label=_("Evidence (PDF, JPEG or PNG, ≤ 10 MB each, at most 5 files)"),
        required=False,
    )
