from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import ProductCategory
from organizations.models import Region


class ProductSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or pinyin"), required=False, max_length=50)
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=Region.objects.filter(level=Region.Level.PROVINCE),
        to_field_name="code",
        empty_label=_("All provinces"),
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *ProductCategory.choices]
    )
