"""Conflicts of interest by enterprise, product or region, for a period, declared by whom (ADR 0046)."""

import datetime
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def existing_from_their_declaration(apps, schema_editor):
    """Conflicts declared before: valid since the day declared, by the inspector themself."""
    ConflictOfInterest = apps.get_model("cases", "ConflictOfInterest")
    for conflict in ConflictOfInterest.objects.all():
        conflict.valid_from = conflict.declared_at.date()
        conflict.declared_by_id = conflict.inspector_id
        conflict.save(update_fields=["valid_from", "declared_by"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0022_register_import"),
        ("organizations", "0002_regions_and_bureaus"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="conflictofinterest",
            options={
                "ordering": ["-declared_at"],
                "verbose_name": "conflict of interest",
                "verbose_name_plural": "conflicts of interest",
            },
        ),
        migrations.RemoveConstraint(
            model_name="conflictofinterest",
            name="one_conflict_per_pair",
        ),
        migrations.AddField(
            model_name="conflictofinterest",
            name="declared_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="declared by",
            ),
        ),
        migrations.AddField(
            model_name="conflictofinterest",
            name="product",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.protectedproduct",
                verbose_name="product",
            ),
        ),
        migrations.AddField(
            model_name="conflictofinterest",
            name="region",
            field=models.ForeignKey(
                blank=True,
                help_text="Every enterprise of the region.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organizations.region",
                verbose_name="region",
            ),
        ),
        migrations.AddField(
            model_name="conflictofinterest",
            name="valid_from",
            field=models.DateField(default=datetime.date(2000, 1, 1), verbose_name="valid from"),
        ),
        migrations.AddField(
            model_name="conflictofinterest",
            name="valid_until",
            field=models.DateField(
                blank=True, help_text="Empty: until withdrawn.", null=True, verbose_name="valid until"
            ),
        ),
        migrations.AddField(
            model_name="conflictofinterest",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="withdrawn at"),
        ),
        migrations.RunPython(existing_from_their_declaration, migrations.RunPython.noop),
        migrations.AddField(
            model_name="supervisioncampaign",
            name="conflicts_excluded",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="conflicts of interest excluded"),
        ),
        migrations.AlterField(
            model_name="conflictofinterest",
            name="enterprise",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="conflicts_of_interest",
                to="organizations.enterprise",
                verbose_name="enterprise",
            ),
        ),
        migrations.AlterField(
            model_name="conflictofinterest",
            name="inspector",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="conflicts_of_interest",
                to=settings.AUTH_USER_MODEL,
                verbose_name="inspector",
            ),
        ),
        migrations.AddConstraint(
            model_name="conflictofinterest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("enterprise__isnull", False),
                    ("product__isnull", False),
                    ("region__isnull", False),
                    _connector="OR",
                ),
                name="conflict_names_what",
            ),
        ),
        migrations.AddConstraint(
            model_name="conflictofinterest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("valid_until__isnull", True), ("valid_until__gte", models.F("valid_from")), _connector="OR"
                ),
                name="conflict_period_in_order",
            ),
        ),
    ]
