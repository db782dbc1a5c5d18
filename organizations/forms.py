from django import forms

from .credit_code import normalize_credit_code
from .models import Enterprise


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "kind", "region", "address", "legal_representative", "contact_phone"]

    def clean_credit_code(self) -> str:
        # Normalise before the model's validator runs, so " 9144…6 " and lower case pass.
        return normalize_credit_code(self.cleaned_data["credit_code"])
