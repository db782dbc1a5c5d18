"""Trigram indexes for the 案件 search's "part of a number" on PostgreSQL (ADR 0036).

The search finds a case by any part of its number (icontains: UPPER(reference) LIKE '%…%'). The
register's indexes (0010) serve the names; the numbers of the two large kinds, 500,000
declarations and the enforcement cases (with the party as reported), had none, so every search
read them all. With these, PostgreSQL combines the number, party and product conditions of a
search in one bitmap of each table. The other kinds' tables stay small. SQLite keeps scanning.
"""

from django.db import migrations

INDEXES = {
    "terroir_declaration_reference_trgm": "cases_declaration USING gin (UPPER(reference) gin_trgm_ops)",
    "terroir_enforcement_number_trgm": "cases_enforcementcase USING gin (UPPER(number) gin_trgm_ops)",
    "terroir_enforcement_party_trgm": "cases_enforcementcase USING gin (UPPER(party_description) gin_trgm_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0016_declaration_routing_on_case")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
