from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import KIND_LABELS, ImportKind


class RegisterFileForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=[(k.value, KIND_LABELS[k]) for k in ImportKind])
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Fill in the template. Every row is checked first; nothing is written until you import."),
    )
