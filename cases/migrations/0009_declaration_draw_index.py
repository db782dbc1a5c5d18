"""A supervision draw reads every candidate's id in id order (ADR 0021).

On PostgreSQL this covering index answers it alone: no table read, no sort. It is created
here rather than in the model's Meta because SQLite has no non-key index columns and Django
warns about them there (models.W040) on every migrate.
"""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS declaration_draw_idx ON cases_declaration (status, id)
INCLUDE (production_region_id, product_id, declared_at)
"""
DROP = "DROP INDEX IF EXISTS declaration_draw_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_check_opened_at")]
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
