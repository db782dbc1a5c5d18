"""pg_trgm GIN indexes for searches of a part of a text (LIKE '%…%'), on PostgreSQL only: SQLite
has no such index and keeps scanning, which is fine at its scale. pg_trgm is a trusted
extension: the database owner may create it."""

from django.db import migrations


def trigram_indexes(indexes: dict[str, str]) -> migrations.RunPython:
    """A migration operation creating (and on reversal dropping) {name: "table USING gin (…)"}."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, definition in indexes.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)
