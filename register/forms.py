from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.staging import KeepsChosenFiles
from cases.models import ProductCategory, ProtectedProduct, ViolationType
from cases.uploads import EvidenceFileField
from organizations.models import Region
from organizations.region_picker import RegionField


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
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ProtectedProduct.Status.choices]
    )


class BrandSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or pinyin"), required=False, max_length=50)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]  # a choice field


class AuthorisedUserSearchForm(forms.Form):
    q = forms.CharField(label=_("Enterprise name or credit code"), required=False, max_length=100)
    product = forms.CharField(label=_("GI product"), required=False, max_length=50)
    province = province_filter()


class ComplaintForm(KeepsChosenFiles, forms.Form):
    """A public complaint or tip (投诉举报): no account needed, the complainant may stay anonymous."""

    region = RegionField(label=_("Where (province or city)"), max_level=Region.Level.CITY)
    violation_type = forms.ChoiceField(label=_("What is wrong"), choices=ViolationType.choices)
    product = forms.ModelChoiceField(
        label=_("GI product concerned"),
        queryset=ProtectedProduct.objects.filter(status=ProtectedProduct.Status.PROTECTED),
        required=False,
    )
    party = forms.CharField(label=_("Seller or producer (name, shop, address)"), max_length=300)
    grounds = forms.CharField(
        label=_("What you saw (when, where, how)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Describe what you saw.")},
    )
    evidence_1 = EvidenceFileField(label=_("Photo or document (PDF, JPEG or PNG, ≤ 10 MB)"), required=False)
    evidence_2 = EvidenceFileField(label=_("Another photo or document"), required=False)
    name = forms.CharField(label=_("Your name (optional)"), max_length=100, required=False)
    contact = forms.CharField(label=_("Phone or e-mail for a reply (optional)"), max_length=200, required=False)

    def evidence_files(self) -> list:
        return [self.cleaned_data[f] for f in ("evidence_1", "evidence_2") if self.cleaned_data.get(f)]


class TrackingForm(forms.Form):
    """办件查询: the tracking number given at submission and the phone or e-mail left with it."""

    number = forms.CharField(
        label=_("Tracking number"),
        max_length=40,
        help_text=_("As shown when you sent the objection or the report, e.g. JB-7KQ9M-4XT2R."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    contact = forms.CharField(
        label=_("The phone number or e-mail address you gave"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
