import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LINE = re.compile(r"^(?P<start>\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|~|至)\s*(?P<end>\d{4}-\d{2}-\d{2}))?\s*(?P<name>.*)$")


def parse_days(text: str) -> list[tuple[datetime.date, str]]:
    """One date or range per line, with an optional name: "2027-02-05..2027-02-11 春节"."""
    days: list[tuple[datetime.date, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = LINE.match(line)
        try:
            if not match:
                raise ValueError
            start = datetime.date.fromisoformat(match["start"])
            end = datetime.date.fromisoformat(match["end"]) if match["end"] else start
        except ValueError:
            raise ValidationError(
                _("Line %(number)d (“%(line)s”) is not a date or range like 2027-02-05..2027-02-11 春节.")
                % {"number": number, "line": line}
            ) from None
        if end < start or (end - start).days > 31:
            raise ValidationError(
                _("Line %(number)d: the range must run forwards and span at most 31 days.") % {"number": number}
            )
        while start <= end:
            days.append((start, match["name"].strip()))
            start += datetime.timedelta(days=1)
    return days


class CalendarYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("The State Council notice, e.g. 国办发明电〔2026〕…")
    )
    holidays = forms.CharField(
        label=_("Holidays on weekdays"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("One date or range per line, with its name: 2027-02-05..2027-02-11 春节"),
    )
    working_days = forms.CharField(
        label=_("Make-up working days (调休上班)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Weekend days that are working days: 2027-02-14 春节调休"),
    )

    def clean_holidays(self):
        return parse_days(self.cleaned_data["holidays"])

    def clean_working_days(self):
        return parse_days(self.cleaned_data["working_days"])
