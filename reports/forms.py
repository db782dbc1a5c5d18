from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .form_layout import ANSWER_FIELDS
from .models import Period, StatisticsReport
from .selectors import FormRow, printed_in_chinese


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

    def laid_out(self, rows: list[FormRow]) -> list[FormRow]:
        """The form's rows (reports.selectors.form_rows) with this form's inputs in the cells the
        layout gives them; the counted figures stay as they are, read-only."""
        for row in rows:
            for cell in row.cells:
                for answer in cell.answers:
                    answer.field = self[answer.name]
        return rows

    def header_fields(self) -> list:
        return [self["contact_person"], self["contact_phone"]]

    def printed(self) -> set[str]:
        """The fields labelled in the official form's own words, marked lang="zh-hans" on the page."""
        return {name for name in self.fields if printed_in_chinese(name)}


class SummaryFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.TypedChoiceField(label=_("Period"), choices=Period.choices, coerce=int)
