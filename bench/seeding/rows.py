"""Rows written in bulk with ids chosen by the seeder, so related rows need no round trip."""

import datetime
import enum
import json

from .volume import EPOCH


class RowWriter:
    """Writes rows with ids chosen by the caller: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, connection):
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.written: dict[str, int] = {}

    def next_id(self, model) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608 (model name)
            return cursor.fetchone()[0] + 1

    def _value(self, value):
        if isinstance(value, enum.Enum):  # a model's Status choice: its stored value
            return value.value
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)
        if not self.postgres:
            if isinstance(value, datetime.datetime):
                return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
            if isinstance(value, datetime.date):
                return value.isoformat()
        return value

    def write(self, model, columns: list[str], rows) -> int:
        table = model._meta.db_table
        columns, defaults = filled_columns(model, columns)
        rows = (tuple(row) + defaults for row in rows)
        names = ", ".join(f'"{column}"' for column in columns)
        count = 0
        with self.connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([self._value(value) for value in row])
                        count += 1
            else:
                marks = ", ".join("?" for _ in columns)
                statement = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608 (model names)
                batch = []
                for row in rows:
                    batch.append([self._value(value) for value in row])
                    if len(batch) == 5000:
                        cursor.cursor.executemany(statement, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.cursor.executemany(statement, batch)
                    count += len(batch)
        self.written[table] = self.written.get(table, 0) + count
        return count

    def reset_sequences(self, models) -> None:
        if not self.postgres:
            return
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


def filled_columns(model, columns: list[str]) -> tuple[list[str], tuple]:
    """The columns plus every other NOT NULL column, with the defaults to write there."""
    extra = [
        field
        for field in model._meta.concrete_fields
        if field.column not in columns and not field.null and not field.primary_key
    ]
    return [*columns, *(field.column for field in extra)], tuple(_default_of(field) for field in extra)


def _default_of(field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return EPOCH
    if field.has_default():
        return field.get_prep_value(field.get_default())  # a viewflow Token becomes its string
    if field.get_internal_type() == "BooleanField":
        return False
    return ""
