"""Keyset pagination: a page is the rows that follow (or precede) a cursor in the list's order.

A list paginated by OFFSET reads and throws away every row before the page, and Django's
Paginator counts every row the user may see to number the pages: at a million tasks both grew
with the whole of a province's work (ADR 0023). Here a page asks for one row more than it
shows, "WHERE (order columns) after the cursor", so the database reads from an index at the
cursor and stops at the page's end, and nothing is counted. The price: no page numbers and no
total, only the first, previous and next pages.

The cursor names the order it was cut from; a cursor from another order, or one that does not
decode, is refused (InvalidCursor) and the caller shows the first page instead.
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections
from django.db.models import CharField, Q, QuerySet
from django.utils import timezone


class InvalidCursor(ValueError):
    """A cursor that cannot be decoded, or that was cut from another order of the list."""


@dataclass(frozen=True)
class Key:
    """One term of the list's order: a column of the model itself and its direction."""

    field: Any  # a concrete model field (django-stubs' Field is generic over its values)
    descending: bool

    @property
    def term(self) -> str:
        return f"{'-' if self.descending else ''}{self.field.attname}"

    def reversed(self) -> "Key":
        return Key(self.field, not self.descending)


def annotation_key(name: str, field, *, descending: bool = False) -> Key:
    """A term of the order that is an annotation of the list's query, not a column: `field` says
    how its values read and print (a DateField for a computed due date). The annotation must be
    non-null, or the list's NULLs must sort where the database puts them (see rows_after)."""
    field = field.clone()
    field.set_attributes_from_name(name)
    return Key(field, descending)


def orderable_field(model, name: str):
    """The model's own concrete column called `name` ("pk" included), or None: a related lookup
    or an expression cannot be compared with a cursor value."""
    if name == "pk":
        return model._meta.pk
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.concrete and not field.is_relation else None


def ordering_keys(queryset: QuerySet) -> list[Key]:
    """The queryset's order as keys, ending in the primary key so that no two rows tie: rows with
    the same date would otherwise be cut between two pages in any order, and repeat or vanish."""
    model = queryset.model
    terms = list(queryset.query.order_by) or list(model._meta.ordering)
    keys = []
    for term in terms:
        field = orderable_field(model, term.removeprefix("-")) if isinstance(term, str) else None
        if field is None:
            raise ValueError(f"keyset pagination cannot follow the ordering {term!r}")
        keys.append(Key(field, str(term).startswith("-")))
        if field.primary_key:
            return keys
    return [*keys, Key(model._meta.pk, keys[-1].descending if keys else True)]


# Ours are a few dozen characters per key; a longer one is not ours, and is refused unread.
MAX_CURSOR_LENGTH = 512


def _signature(keys: list[Key]) -> str:
    return ",".join(key.term for key in keys)


def encode_cursor(keys: list[Key], row, *, backwards: bool) -> str:
    """The position of `row` in the order, as an opaque URL-safe string."""
    values = [None if getattr(row, k.field.attname) is None else k.field.value_to_string(row) for k in keys]
    payload = json.dumps(["p" if backwards else "n", _signature(keys), values], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(token: str, keys: list[Key]) -> tuple[list, bool]:
    """The cursor's values (as the fields' Python values) and whether it asks for the page before."""
    if len(token) > MAX_CURSOR_LENGTH:
        raise InvalidCursor(token[:MAX_CURSOR_LENGTH])
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        direction, signature, values = payload
        if direction not in ("n", "p") or signature != _signature(keys) or not isinstance(values, list):
            raise InvalidCursor(token)
        if len(values) != len(keys):
            raise InvalidCursor(token)
        python_values = []
        for key, value in zip(keys, values, strict=True):
            if value is None and not key.field.null:
                raise InvalidCursor(token)
            python_value = None if value is None else _python_value(key.field, value)
            if python_value is not None:
                key.field.run_validators(python_value)  # an id beyond the column's range fails in SQL
            if isinstance(python_value, datetime.datetime) and settings.USE_TZ and timezone.is_naive(python_value):
                raise InvalidCursor(token)  # ours carry their offset; a naive one would be read as local time
            python_values.append(python_value)
    except (ValueError, TypeError, RecursionError, binascii.Error, ValidationError) as error:
        raise InvalidCursor(token) from error
    return python_values, direction == "p"


def _python_value(field, value):
    if isinstance(field, CharField):
        # Compared as the text in the column. to_python of a reference to code (viewflow's
        # TaskReferenceField, a task list's "flow_task") would import whatever the text names.
        if not isinstance(value, str):
            raise InvalidCursor(value)
        return value
    return field.to_python(value)


def rows_after(keys: list[Key], values: list, *, nulls_largest: bool) -> Q:
    """The rows that come after `values` in the order of `keys`, as the database orders them.

    Lexicographic: after on the first key, or equal on it and after on the rest. The first key
    also gets a plain bound (created <= v) that an index on the order can start from. NULLs sort
    as the largest value on PostgreSQL and the smallest on SQLite, so they come last in one
    direction and first in the other.
    """
    key, value, rest = keys[0], values[0], keys[1:]
    name = key.field.attname
    nulls_last = nulls_largest != key.descending
    if value is None:
        # Among the NULLs (equal to each other here), then the other values if NULLs come first.
        # A NULL is never the last key: the primary key ends every order.
        tail = Q(**{f"{name}__isnull": True}) & rows_after(rest, values[1:], nulls_largest=nulls_largest)
        return tail if nulls_last else tail | Q(**{f"{name}__isnull": False})
    strictly = Q(**{f"{name}__{'lt' if key.descending else 'gt'}": value})
    bound = Q(**{f"{name}__{'lte' if key.descending else 'gte'}": value})
    if nulls_last and key.field.null:
        strictly |= Q(**{f"{name}__isnull": True})
        bound |= Q(**{f"{name}__isnull": True})
    if not rest:
        return strictly
    return bound & (strictly | (Q(**{name: value}) & rows_after(rest, values[1:], nulls_largest=nulls_largest)))


@dataclass
class KeysetPage:
    """One page of a list and the cursors to its neighbours; iterates over its rows."""

    object_list: list
    has_next: bool
    has_previous: bool
    next_cursor: str | None
    previous_cursor: str | None
    cursor_invalid: bool = False

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def keyset_page(queryset: QuerySet, *, cursor: str | None, size: int, keys: list[Key] | None = None) -> KeysetPage:
    """The page of `queryset` (ordered, see ordering_keys) after or before `cursor`, in one query.

    No cursor, or one that does not decode or fit this order, gives the first page; the page says
    so (cursor_invalid) so that the list can tell the reader why. A list ordered by annotations
    gives its order as `keys` (annotation_key, ending in the primary key).
    """
    keys = keys or ordering_keys(queryset)
    nulls_largest = connections[queryset.db].features.nulls_order_largest
    values, backwards, invalid = None, False, False
    if cursor:
        try:
            values, backwards = decode_cursor(cursor, keys)
        except InvalidCursor:
            invalid = True
    rows, more = _rows(queryset, keys, values, backwards, size, nulls_largest)
    if values is not None and not rows:
        # The rows around the cursor are gone (or it was made up): start again from the top.
        values, backwards = None, False
        rows, more = _rows(queryset, keys, values, backwards, size, nulls_largest)
    if backwards:
        has_previous, has_next = more, True
    else:
        has_previous, has_next = values is not None, more
    return KeysetPage(
        object_list=rows,
        has_next=has_next,
        has_previous=has_previous,
        next_cursor=encode_cursor(keys, rows[-1], backwards=False) if has_next else None,
        previous_cursor=encode_cursor(keys, rows[0], backwards=True) if has_previous else None,
        cursor_invalid=invalid,
    )


def _rows(queryset, keys, values, backwards, size, nulls_largest) -> tuple[list, bool]:
    """Up to `size` rows after (or before) `values`, in the list's order, and whether more follow."""
    order = [key.reversed() for key in keys] if backwards else keys
    if values is not None:
        queryset = queryset.filter(rows_after(order, values, nulls_largest=nulls_largest))
    rows = list(queryset.order_by(*(key.term for key in order))[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    return rows, more
