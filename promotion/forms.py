"""Thin forms of the promotion pages: what a bureau's staff type; the services check again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.uploads import EvidenceFileField

from .models import ActivityKind, MediaLevel, SitePage
from .selectors import products_for, regions_for


def _date(label, required=True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class PeriodForm(forms.Form):
    """The lists' filter: a period (either end may stay open)."""

    start = _date(_("From"), required=False)
    end = _date(_("To"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The period must end after it starts."))
        return data


class BureauForm(forms.Form):
    """A form recorded for one of the person's bureaus; the regions and products offered are theirs."""

    def __init__(self, *args, bureaus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"] = forms.ModelChoiceField(
            label=_("Bureau"), queryset=bureaus, empty_label=None, initial=bureaus.first()
        )
        self.order_fields(["bureau"])
        if "region" in self.fields:
            self.fields["region"].queryset = regions_for(bureaus)
        if "products" in self.fields:
            self.fields["products"].queryset = products_for(bureaus)


class ActivityForm(BureauForm):
    name = forms.CharField(label=_("Name of the activity"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of activity"), choices=ActivityKind.choices)
    held_on = _date(_("Held on"))
    region: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Region"), queryset=None)
    products: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("GI products concerned"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MediaReportForm(BureauForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    outlet = forms.CharField(label=_("Outlet"), max_length=100, help_text=_("e.g. People's Daily, Zhejiang Daily"))
    level = forms.ChoiceField(label=_("Central or local media"), choices=MediaLevel.choices, widget=forms.RadioSelect)
    published_on = _date(_("Published on"))
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    region: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Region"), queryset=None)


class WorkPlanForm(BureauForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    adopted_on = _date(_("Adopted on"))
    covers_from = _date(_("Covers from"))
    covers_to = _date(_("Covers to"))
    document = EvidenceFileField(label=_("Document (PDF)"))

    def clean(self):
        data = super().clean()
        if data.get("covers_from") and data.get("covers_to") and data["covers_to"] < data["covers_from"]:
            self.add_error("covers_to", _("The period covered must end after it starts."))
        return data


class SitePageTextForm(forms.ModelForm):
    class Meta:
        model = SitePage
        fields = ["natural_background", "cultural_background", "area_description", "standard", "testing_body"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("natural_background", "cultural_background", "area_description")
        }


class SitePageForm(SitePageTextForm):
    def __init__(self, *args, bureaus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"] = forms.ModelChoiceField(label=_("GI product"), queryset=products_for(bureaus))
        self.order_fields(["product"])
