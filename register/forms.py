from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import ProductCategory
from organizations.models import Region


def province_filter() -> forms.ModelChoiceField:
    """An optional province filter, chosen by GB/T 2260 code (stable in bookmarked URLs)."""
    return forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=Region.objects.filter(level=Region.Level.PROVINCE),
        to_field_name="code",
        empty_label=_("All provinces"),
    )


class ProductSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or pinyin"), required=False, max_length=50)
    province = province_filter()
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *ProductCategory.choices]
    )


class AuthorisedUserSearchForm(forms.Form):
    q = forms.CharField(label=_("Enterprise name or credit code"), required=False, max_length=100)
    product = forms.CharField(label=_("GI product"), required=False, max_length=50)
    province = province_filter()
