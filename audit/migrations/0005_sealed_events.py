"""Events signed on their own and sealed in order by the worker (ADR 0059): the salt of each
event's HMAC, the seals (append-only on PostgreSQL, like the events and anchors), the anchors
that name a seal, and on PostgreSQL the sequence the INSERT draws an event's number from,
starting after the last chained event."""

from django.db import migrations, models

import audit.models

SEQUENCE = "audit_event_sequence"
TRIGGER = "audit_seal_append_only"


def create_sequence_and_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE SEQUENCE {SEQUENCE} AS bigint MINVALUE 1", params=None)
    schema_editor.execute(
        f"SELECT setval('{SEQUENCE}', COALESCE(MAX(sequence), 0) + 1, false) FROM audit_auditevent", params=None
    )
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON audit_auditseal "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();",
        params=None,
    )


def drop_sequence_and_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON audit_auditseal;", params=None)
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0004_keyed_chain_and_anchors'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditSeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveBigIntegerField(editable=False, unique=True)),
                ('first_sequence', models.PositiveBigIntegerField(editable=False)),
                ('last_sequence', models.PositiveBigIntegerField(editable=False)),
                ('events', models.PositiveIntegerField(editable=False)),
                ('digest', models.CharField(editable=False, max_length=64)),
                ('previous_hash', models.CharField(editable=False, max_length=64)),
                ('key_id', models.CharField(editable=False, max_length=16)),
                ('hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('sealed_at', models.DateTimeField(editable=False)),
            ],
            options={
                'verbose_name': 'audit seal',
                'verbose_name_plural': 'audit seals',
                'ordering': ['number'],
            },
        ),
        migrations.AddField(
            model_name='auditanchor',
            name='entries',
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.RunSQL("UPDATE audit_auditanchor SET entries = sequence", migrations.RunSQL.noop, elidable=False),
        migrations.AddField(
            model_name='auditanchor',
            name='of_seal',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='salt',
            field=models.CharField(blank=True, default='', editable=False, max_length=32),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='sequence',
            field=audit.models.NumberedByDatabase(editable=False, unique=True, verbose_name='sequence'),
        ),
        migrations.RunPython(create_sequence_and_trigger, drop_sequence_and_trigger, elidable=False),
    ]
