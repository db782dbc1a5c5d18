from django import forms
from django.utils.translation import gettext_lazy as _

from .loader import MAX_BYTES
from .models import Annex


class ListUploadForm(forms.Form):
    file = forms.FileField(label=_("Agreement list (CSV: UTF-8 or GB18030)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class EntrySearchForm(forms.Form):
    q = forms.CharField(label=_("Name, transcription or pinyin"), required=False, max_length=50)
    annex = forms.ChoiceField(label=_("Annex"), required=False, choices=[("", _("All annexes")), *Annex.choices])


class AgreementObjectionForm(forms.Form):
    objector_name = forms.CharField(label=_("Name or organisation"), max_length=200)
    contact = forms.CharField(label=_("Contact (telephone or e-mail)"), max_length=100)
    grounds = forms.CharField(label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
