"""Dates people enter or compare read YYYY-MM-DD in both languages; date fields take that form."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from workflows.supervision.campaign_forms import CampaignForm

DAY = datetime.date(2026, 12, 7)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_pages_show_dates_as_yyyy_mm_dd(language):
    template = Template('{{ day|date:"DATE_FORMAT" }} {{ day }} {{ moment|date:"DATETIME_FORMAT" }}')
    with translation.override(language):
        text = template.render(Context({"day": DAY, "moment": datetime.datetime(2026, 12, 7, 9, 30)}))
    assert text == "2026-12-07 2026-12-07 2026-12-07 09:30"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_date_field_takes_and_renders_yyyy_mm_dd(language):
    with translation.override(language):
        field = forms.DateField()
        assert field.clean("2026-12-07") == DAY
        assert 'value="2026-12-07"' in forms.DateInput(attrs={"type": "date"}).render("d", DAY)


@pytest.mark.django_db
def test_the_campaign_dates_use_the_browsers_date_input(django_user_model):
    form = CampaignForm(user=django_user_model.objects.create(username="x"), initial={"period_start": DAY})
    html = str(form["period_start"])
    assert 'type="date"' in html and 'value="2026-12-07"' in html
