from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import ProtectedProduct
from cases.uploads import EvidenceFileField
from organizations.models import Region

from .models import Level, Review, Tour, Zone
from .services import APPLICATION_FIELDS


class ZoneCreateForm(forms.Form):
    government = forms.CharField(
        label=_("Applying government"), max_length=100, help_text=_("e.g. the People's Government of Wuchang City")
    )
    region = forms.ModelChoiceField(label=_("Region of the government"), queryset=Region.objects.none())
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, initial=Level.NATIONAL)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions if regions is not None else Region.objects.none()


class ZoneForm(forms.ModelForm):
    products = forms.ModelMultipleChoiceField(
        label=_("Protected GI products"),
        queryset=ProtectedProduct.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Zone
        fields = list(APPLICATION_FIELDS)
        # The model keeps the 办法's words; the form speaks the reader's language.
        labels = {
            "standard_system": _("Standards system"),
            "testing_system": _("Testing system"),
            "quality_system": _("Quality assurance system"),
        }
        widgets = {
            "standard_system": forms.Textarea(attrs={"rows": 3}),
            "testing_system": forms.Textarea(attrs={"rows": 3}),
            "quality_system": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance
        self.fields["products"].queryset = ProtectedProduct.objects.filter(
            province=zone.province, status=ProtectedProduct.Status.PROTECTED
        ).order_by("name")
        self.fields["products"].initial = list(zone.products.values_list("pk", flat=True))


class PolicyForm(forms.Form):
    title = forms.CharField(label=_("Title of the policy"), max_length=200)
    file = EvidenceFileField(label=_("File (PDF, JPEG or PNG)"))


class AnnualReportForm(forms.Form):
    progress = forms.CharField(
        label=_("Progress of the three systems"), widget=forms.Textarea(attrs={"rows": 5}), max_length=8000
    )
    problems = forms.CharField(
        label=_("Problems and next steps"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000, required=False
    )


class ObjectionForm(forms.Form):
    objector = forms.CharField(label=_("Objector"), max_length=200)
    grounds = forms.CharField(label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)


class ObjectionDecisionForm(forms.Form):
    sustained = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("no", _("Reject the objection")), ("yes", _("Sustain the objection"))],
    )
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class ReviewForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=Review.Result.choices, widget=forms.RadioSelect)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (published in the register)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class TourForm(forms.Form):
    toured_on = forms.DateField(label=_("Toured on"), widget=forms.DateInput(attrs={"type": "date"}))
    inspectors: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Inspectors"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    standard = forms.CharField(
        label=_("Standards system"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )
    testing = forms.CharField(
        label=_("Testing system"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )
    quality = forms.CharField(
        label=_("Quality assurance system"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )
    result = forms.ChoiceField(label=_("Result"), choices=Tour.Result.choices, widget=forms.RadioSelect)
    problems = forms.CharField(
        label=_("Problems found"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    item_1 = forms.CharField(label=_("Rectification item 1"), required=False, max_length=2000)
    due_1 = forms.DateField(label=_("Rectify by"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    item_2 = forms.CharField(label=_("Rectification item 2"), required=False, max_length=2000)
    due_2 = forms.DateField(label=_("Rectify by"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, inspectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].queryset = inspectors

    def clean(self):
        data = super().clean()
        for n in (1, 2):
            if data.get(f"item_{n}") and not data.get(f"due_{n}"):
                self.add_error(f"due_{n}", _("Give the deadline of this item."))
        return data

    def items(self) -> list[dict]:
        data = self.cleaned_data
        return [{"description": data[f"item_{n}"], "due_on": data[f"due_{n}"]} for n in (1, 2) if data.get(f"item_{n}")]
