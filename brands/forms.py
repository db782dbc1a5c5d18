from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.staging import KeepsChosenFiles
from cases.models import ProtectedProduct
from cases.uploads import EvidenceFileField
from organizations.models import Department

from .models import BrandRound


class OpenRoundForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    organiser = forms.ModelChoiceField(
        label=_("Organising body"), queryset=Department.objects.filter(code__in=("ZLS", "KJS")), empty_label=None
    )
    recommendations_due = forms.DateField(
        label=_("Recommendations due"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the bodies the person works for are offered.
        self.fields["organiser"].queryset = organisers


class RecommendationForm(KeepsChosenFiles, forms.Form):
    product = forms.ModelChoiceField(label=_("GI product"), queryset=ProtectedProduct.objects.none())
    has_plan = forms.TypedChoiceField(
        label="是否有组织方案",
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
    )
    reason = forms.CharField(
        label=_("Grounds of the recommendation"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    dossier_1 = EvidenceFileField(label=_("Dossier (PDF, JPEG or PNG, ≤ 10 MB)"))
    dossier_2 = EvidenceFileField(label=_("Another file of the dossier"), required=False)

    def __init__(self, *args, brand_round: BrandRound, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        # The bureau's own province's protected products not yet recommended in this round.
        self.fields["product"].queryset = (  # type: ignore[attr-defined]
            ProtectedProduct.objects.filter(province__in=provinces, status=ProtectedProduct.Status.PROTECTED)
            .exclude(brand_recommendations__round=brand_round)
            .order_by("province__code", "name")
        )
