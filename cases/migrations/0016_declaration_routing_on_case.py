"""A proposed suspension is a fact on the declaration, not in its process's data.

The bureau's in-process check wrote `suspension_proposed` into the viewflow process data for the
flow's switch; the service now sets it on the declaration and the lead's decision requires and
clears it. Open processes carry their flag over; ended ones are left as they were.
"""

from django.db import migrations, models

DECLARATION_FLOW = "workflows/declarations.flows.DeclarationFlow"
ENDED = ("DONE", "CANCELED")


def carry_over_open_proposals(apps, schema_editor):
    Process = apps.get_model("viewflow", "Process")
    Declaration = apps.get_model("cases", "Declaration")
    open_processes = Process.objects.filter(flow_class=DECLARATION_FLOW).exclude(status__in=ENDED)
    proposed = [
        int(artifact_id)
        for artifact_id, data in open_processes.values_list("artifact_object_id", "data")
        if artifact_id is not None and (data or {}).get("suspension_proposed")
    ]
    if proposed:
        Declaration.objects.filter(pk__in=proposed).update(suspension_proposed=True)


def put_back_into_processes(apps, schema_editor):
    Process = apps.get_model("viewflow", "Process")
    Declaration = apps.get_model("cases", "Declaration")
    proposed = set(Declaration.objects.filter(suspension_proposed=True).values_list("pk", flat=True))
    open_processes = Process.objects.filter(flow_class=DECLARATION_FLOW).exclude(status__in=ENDED)
    for process in open_processes.filter(artifact_object_id__in=proposed).only("pk", "data"):
        process.data = {**(process.data or {}), "suspension_proposed": True}
        process.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_enforcement_routing_on_case"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.AddField(
            model_name="declaration",
            name="suspension_proposed",
            field=models.BooleanField(default=False, editable=False, verbose_name="suspension proposed"),
        ),
        migrations.RunPython(carry_over_open_proposals, put_back_into_processes),
    ]
