from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .form_layout import ANSWER_FIELDS
from .models import Period, StatisticsReport
from .selectors import printed_in_chinese


class ReportAnswersForm(forms.ModelForm):
    """What the officer fills in; the counted figures are not fields: nobody types them."""

    class Meta:
        model = StatisticsReport
        fields = ["contact_person", "contact_phone", *ANSWER_FIELDS, "stage_report"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ANSWER_FIELDS
            if isinstance(StatisticsReport._meta.get_field(name), models.TextField)
        } | {"stage_report": forms.Textarea(attrs={"rows": 10})}

    def printed(self) -> set[str]:
        """The fields labelled in the official form's own words, marked lang="zh-hans" on the page."""
        return {name for name in self.fields if printed_in_chinese(name)}


class SummaryFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.TypedChoiceField(label=_("Period"), choices=Period.choices, coerce=int)
