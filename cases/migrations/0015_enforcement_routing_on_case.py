from django.db import migrations, models

FLOW = "workflows/enforcement.flows.EnforcementCaseFlow"
PROPOSALS = ("suspend", "terminate")


def proposals_onto_cases(apps, schema_editor):
    """A suspension or termination proposed on an open process (its data's "interruption", read by
    the flow's switch until now) is kept on the case, where the flow now reads it."""
    Process = apps.get_model("viewflow", "Process")
    EnforcementCase = apps.get_model("cases", "EnforcementCase")
    for process in Process.objects.filter(flow_class=FLOW).exclude(status__in=["DONE", "CANCELED"]).iterator():
        data = dict(process.data or {})
        if "interruption" not in data:
            continue
        proposal = data.pop("interruption")
        if proposal in PROPOSALS and process.artifact_object_id is not None:
            EnforcementCase.objects.filter(pk=process.artifact_object_id).update(proposed_interruption=proposal)
        process.data = data
        process.save(update_fields=["data"])


def proposals_back_onto_processes(apps, schema_editor):
    Process = apps.get_model("viewflow", "Process")
    EnforcementCase = apps.get_model("cases", "EnforcementCase")
    proposed = dict(
        EnforcementCase.objects.exclude(proposed_interruption="").values_list("pk", "proposed_interruption")
    )
    for process in Process.objects.filter(flow_class=FLOW).exclude(status__in=["DONE", "CANCELED"]).iterator():
        process.data = {**(process.data or {}), "interruption": proposed.get(process.artifact_object_id, "")}
        process.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_product_protected_since"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.AddField(
            model_name="enforcementcase",
            name="proposed_interruption",
            field=models.CharField(blank=True, max_length=20, verbose_name="proposed suspension or termination"),
        ),
        migrations.RunPython(proposals_onto_cases, proposals_back_onto_processes),
    ]
