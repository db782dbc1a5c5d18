"""What a bureau's staff fill in: measures, effects and project applications, limited to the
regions and products of their bureaus; the services check again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.staging import KeepsChosenFiles
from cases.uploads import EvidenceFileField

from .models import EffectReport, Measure, Project
from .selectors import products_within, regions_within

MATERIAL_LABEL = _("Material (PDF, JPEG or PNG, ≤ 10 MB)")


class _DateInput(forms.DateInput):
    input_type = "date"


class BureauForm(KeepsChosenFiles, forms.ModelForm):
    """The user's bureaus decide which regions and products are offered."""

    def __init__(self, *args, bureaus, **kwargs):
        super().__init__(*args, **kwargs)
        self.bureaus = bureaus
        for name in ("region", "regions"):
            if name in self.fields:
                self.fields[name].queryset = regions_within(bureaus)  # type: ignore[attr-defined]
        if "products" in self.fields:
            self.fields["products"].queryset = products_within(bureaus)  # type: ignore[attr-defined]
            self.fields["products"].widget = forms.CheckboxSelectMultiple()
            self.fields["products"].widget.choices = self.fields["products"].choices  # type: ignore[attr-defined]


class MeasureForm(BureauForm):
    material = EvidenceFileField(label=MATERIAL_LABEL, required=False)

    class Meta:
        model = Measure
        fields = ["kind", "title", "held_on", "regions", "products", "participants", "description"]
        widgets = {"held_on": _DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class EffectReportForm(BureauForm):
    class Meta:
        model = EffectReport
        fields = [
            "region",
            "period_start",
            "period_end",
            "people_reached",
            "households_reached",
            "poor_employed",
            "income_per_capita",
            "gi_output",
            "online_sales",
            "note",
        ]
        widgets = {
            "period_start": _DateInput(),
            "period_end": _DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class ProjectApplicationForm(BureauForm):
    material = EvidenceFileField(label=_("Application document (PDF, JPEG or PNG, ≤ 10 MB)"), required=False)

    class Meta:
        model = Project
        fields = ["title", "region", "products", "summary", "budget"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


def _decision(yes, no):
    return forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", yes), ("no", no)],
    )


COMMENT = _("Comment")


def _comment(label=COMMENT, required=False):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}), required=required, max_length=4000)


class RecommendationForm(forms.Form):
    recommend = _decision(_("Recommend it to the 计财司"), _("Do not recommend it"))
    comment = _comment(_("The province's opinion"))


class EvaluationForm(forms.Form):
    approve = _decision(_("Passes the evaluation: propose it for publication"), _("Not selected"))
    comment = _comment(_("Evaluation"), required=True)


class PublicationForm(forms.Form):
    publish = _decision(_("Publish the project (implementation starts)"), _("Send back to the evaluation"))
    comment = _comment()


class FinalReportForm(KeepsChosenFiles, forms.Form):
    report = forms.CharField(label=_("Final report"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)
    material = EvidenceFileField(label=MATERIAL_LABEL, required=False)


class FinalReviewForm(forms.Form):
    accept = _decision(_("Accept the final report: the project is completed"), _("Return it for completion"))
    comment = _comment()
