from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.staging import KeepsChosenFiles
from cases.models import Declaration, ProtectedProduct
from cases.uploads import EvidenceFileField
from organizations.models import Enterprise, Region
from organizations.region_picker import RegionField

COMMITMENT_TEXT = _(
    "We declare that our production site lies inside the protected area of the product, that we "
    "produce to the product's standard, and that we will use the GI mark correctly. We accept "
    "post-event supervision, and know that a false declaration leads to revocation and may be punished."
)


class DeclarationForm(KeepsChosenFiles, forms.Form):
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=Enterprise.objects.none())
    product = forms.ModelChoiceField(
        label=_("GI product"),
        queryset=ProtectedProduct.objects.filter(status=ProtectedProduct.Status.PROTECTED).order_by("name"),
    )
    production_region = RegionField(label=_("Production region (county)"), min_level=3)
    production_address = forms.CharField(label=_("Production address"), max_length=300)
    annual_output = forms.DecimalField(label=_("Declared annual output"), min_value=0, max_digits=14, decimal_places=2)
    output_unit = forms.ChoiceField(label=_("Unit"), choices=Declaration.OutputUnit.choices)
    label_text = forms.CharField(label=_("Label as printed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    business_licence = EvidenceFileField(label=_("Business licence (PDF, JPEG or PNG, ≤ 10 MB)"))
    inspection_report = EvidenceFileField(label=_("Product inspection report (PDF, JPEG or PNG, ≤ 10 MB)"))
    label_proof = EvidenceFileField(label=_("Label proof (PDF, JPEG or PNG, ≤ 10 MB)"))
    commitment_accepted = forms.BooleanField(label=COMMITMENT_TEXT, required=False)

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        if enterprises.count() == 1:
            enterprise = enterprises.first()
            self.fields["enterprise"].initial = enterprise
            if enterprise.region.level == Region.Level.COUNTY:
                self.fields["production_region"].initial = enterprise.region.code


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class ResubmitForm(KeepsChosenFiles, forms.Form):
    comment = forms.CharField(label=_("What you corrected"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    correction = EvidenceFileField(label=_("Corrected document (optional)"), required=False)


class UsageReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    output_quantity = forms.DecimalField(label=_("Actual output"), min_value=0, max_digits=14, decimal_places=2)
    marked_quantity = forms.DecimalField(
        label=_("Quantity sold with the mark"), min_value=0, max_digits=14, decimal_places=2
    )
    labels_printed = forms.IntegerField(label=_("Labels with the mark printed"), min_value=0, max_value=2_000_000_000)
    sales_value = forms.DecimalField(
        label=_("Sales of marked products (10,000 yuan)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    changes = forms.CharField(
        label=_("Changes during the year"),
        help_text=_("Changes of production site, process, label or quality controls; leave empty if none."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, years: list[int], unit_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["year"]).choices = [(year, str(year)) for year in years]
        if unit_label:
            for name in ("output_quantity", "marked_quantity"):
                self.fields[name].label = f"{self.fields[name].label} ({unit_label})"

    def clean(self):
        data = super().clean()
        output, marked = data.get("output_quantity"), data.get("marked_quantity")
        if output is not None and marked is not None and marked > output:
            self.add_error("marked_quantity", _("The quantity sold with the mark cannot exceed the actual output."))
        return data


class RectificationReportForm(forms.Form):
    """The producer's report of what it rectified, with its evidence (ADR 0047)."""

    fixed = forms.CharField(
        label=_("What you rectified"),
        help_text=_("For each problem the inspectors found: what you changed, and since when."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    evidence = EvidenceFileField(label=_("Evidence (PDF, JPEG or PNG, ≤ 10 MB)"))
    more_evidence = EvidenceFileField(label=_("More evidence (optional)"), required=False)
