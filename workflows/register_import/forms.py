from django import forms
from django.utils.translation import gettext_lazy as _

from cases.uploads import REGISTER_FILE_TYPES, EvidenceFileField, validate_upload

from .actions import KIND_LABELS, ImportKind, import_file_max_bytes


class RegisterFileField(EvidenceFileField):
    """A CSV or XLSX, checked in the form like every upload (size, extension, signature); the
    service checks again, and the reader checks the rest (encoding, headers, rows)."""

    def clean(self, data, initial=None):
        uploaded = forms.FileField.clean(self, data, initial)
        if uploaded:
            validate_upload(uploaded, allowed=REGISTER_FILE_TYPES, max_bytes=import_file_max_bytes())
        return uploaded


class RegisterFileForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=[(k.value, KIND_LABELS[k]) for k in ImportKind])
    file = RegisterFileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Fill in the template. Every row is checked first; nothing is written until you import."),
    )
