"""The keyed chain (ADR 0043): each event records the HMAC key id it was signed with (empty for the
events hashed before), and the anchors published each day; on PostgreSQL the anchors table
refuses UPDATE and DELETE like the events table (the trigger function of 0003)."""

from django.db import migrations, models

TRIGGER = "audit_anchor_append_only"
TABLE = "audit_auditanchor"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();",
            params=None,
        )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};", params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_append_only_on_postgresql")]

    operations = [
        migrations.CreateModel(
            name="AuditAnchor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField(editable=False, unique=True, verbose_name="day")),
                ("sequence", models.PositiveBigIntegerField(editable=False, verbose_name="last event")),
                ("key_id", models.CharField(editable=False, max_length=16, verbose_name="key")),
                ("hash", models.CharField(editable=False, max_length=64, verbose_name="hash")),
                ("published_at", models.DateTimeField(editable=False, verbose_name="published at")),
            ],
            options={
                "verbose_name": "audit chain anchor",
                "verbose_name_plural": "audit chain anchors",
                "ordering": ["-day"],
            },
        ),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, default="", editable=False, max_length=16),
        ),
        migrations.RunPython(create_trigger, drop_trigger, elidable=False),
    ]
