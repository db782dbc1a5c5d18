"""The objection window's closing date and the fine's payment date carry their provisional flag (ADR 0041)."""

import datetime

import chinese_calendar
from django.db import migrations, models


def _known(year: int, entered: set[int]) -> bool:
    if year in entered:
        return True
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def flag_windows_closing_in_unknown_years(apps, schema_editor):
    """Windows already announced into a year with no schedule were computed without it: flag them,
    so entering the year (or `recompute_provisional_dates`) recomputes them."""
    Application = apps.get_model("cases", "Application")
    entered = set(apps.get_model("deadlines", "CalendarYear").objects.values_list("year", flat=True))
    open_windows = Application.objects.filter(status="objection_window", objection_window_closes__isnull=False)
    years = {day.year for day in open_windows.values_list("objection_window_closes", flat=True)}
    unknown = [year for year in years if not _known(year, entered)]
    if unknown:
        open_windows.filter(objection_window_closes__year__in=unknown).update(objection_window_provisional=True)
    EnforcementCase = apps.get_model("cases", "EnforcementCase")
    unpaid = EnforcementCase.objects.filter(status="execution", payment_due__isnull=False)
    years = {day.year for day in unpaid.values_list("payment_due", flat=True)}
    unknown = [year for year in years if not _known(year, entered)]
    if unknown:
        unpaid.filter(payment_due__year__in=unknown).update(payment_due_provisional=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0019_enforcement_codes_in_words"),
        ("deadlines", "0002_alter_deadline_rule_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="objection_window_provisional",
            field=models.BooleanField(default=False, verbose_name="closing date provisional"),
        ),
        migrations.AddField(
            model_name="enforcementcase",
            name="payment_due_provisional",
            field=models.BooleanField(default=False, verbose_name="payment date provisional"),
        ),
        migrations.RunPython(flag_windows_closing_in_unknown_years, migrations.RunPython.noop),
    ]
