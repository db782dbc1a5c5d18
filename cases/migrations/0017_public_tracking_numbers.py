"""Tracking numbers (办件查询编号) for objections and for reports from the public (ADR 0034).

Every objection gets one, and so does every enforcement case that came from a complaint or tip;
cases from any other source keep none. Existing rows are numbered here, one random number each
(a default would give every existing row the same one).
"""

from django.db import migrations, models

import cases.common.tracking
from cases.common.tracking import OBJECTION_PREFIX, REPORT_PREFIX, new_tracking_number

COMPLAINT = "complaint"


def _number_each(queryset, prefix: str) -> None:
    taken: set[str] = set()
    for row in queryset.only("pk"):
        number = new_tracking_number(prefix)
        while number in taken:  # 49 random bits: a second draw is a formality
            number = new_tracking_number(prefix)
        taken.add(number)
        row.tracking_number = number
        row.save(update_fields=["tracking_number"])


def number_existing_rows(apps, schema_editor):
    Objection = apps.get_model("cases", "Objection")
    EnforcementCase = apps.get_model("cases", "EnforcementCase")
    _number_each(Objection.objects.filter(tracking_number__isnull=True), OBJECTION_PREFIX)
    _number_each(EnforcementCase.objects.filter(source=COMPLAINT, tracking_number__isnull=True), REPORT_PREFIX)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_declaration_routing_on_case"),
    ]

    operations = [
        migrations.AddField(
            model_name="enforcementcase",
            name="tracking_number",
            field=models.CharField(
                blank=True, editable=False, max_length=14, null=True, unique=True, verbose_name="tracking number"
            ),
        ),
        migrations.AddField(
            model_name="objection",
            name="tracking_number",
            field=models.CharField(editable=False, max_length=14, null=True, verbose_name="tracking number"),
        ),
        # Going back drops the columns: nothing to undo row by row.
        migrations.RunPython(number_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="objection",
            name="tracking_number",
            field=models.CharField(
                default=cases.common.tracking.new_objection_tracking_number,
                editable=False,
                max_length=14,
                unique=True,
                verbose_name="tracking number",
            ),
        ),
    ]
