"""The number an audit event gets, drawn by its own INSERT (ADR 0059).

On PostgreSQL from the sequence `audit_event_sequence` (migration audit/0005): no row is locked,
so completions of different cases no longer queue on one chain head. On SQLite one writer holds
the database from its first write to its commit, so the largest number plus one cannot collide.
"""

from django.db import models

SEQUENCE = "audit_event_sequence"


class NextSequence(models.Expression):
    """`offset` keeps the numbers of one multi-row INSERT distinct on SQLite."""

    output_field = models.PositiveBigIntegerField()

    def __init__(self, offset: int = 1):
        super().__init__()
        self.offset = offset

    def as_sql(self, compiler, connection):
        if connection.vendor == "postgresql":
            return f"nextval('{SEQUENCE}')", []
        return 'COALESCE((SELECT MAX("sequence") FROM "audit_auditevent"), 0) + %s', [self.offset]
