"""The facts of a process and its case for the right-hand column of task and process pages, in
words a person reads: labelled fields only, 是/否 for yes/no, no tokens, keys, codes or blanks."""

import datetime
import re

from django import template
from django.db import models
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()

# Plumbing of viewflow's process and of our cases that a reader has no use for.
_INTERNAL = re.compile(r"(^|_)(token|hash|sha256|key|data|flow_class|parent_task|seed|artifact)($|_)|_ids?$|_stage$")


def _is_labelled(field: models.Field) -> bool:
    """A field without a verbose name of its own (Django makes 'created by' of created_by) was
    never meant to be shown, and has no translation."""
    return str(field.verbose_name).lower() != field.name.replace("_", " ")


def _shown(value) -> str | None:
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        # In local time, as every other time on the page (the filter does not convert outside a template).
        return format_date(timezone.localtime(value) if timezone.is_aware(value) else value, "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return format_date(value, "Y-m-d")
    if isinstance(value, dict | list | tuple):
        return None  # structured data (the process's routing notes) is nobody's reading
    return str(value)


@register.simple_tag
def readable_process_data(process_data) -> list[tuple[str, str]]:
    """viewflow's (field, label, value) triples → (label, text) rows worth showing, each label once."""
    rows, seen = [], set()
    for field, label, value in process_data:
        if _INTERNAL.search(field.name) or not _is_labelled(field) or isinstance(field, models.JSONField):
            continue
        text = _shown(value)
        if text is None or label in seen:
            continue
        seen.add(label)
        rows.append((label, text))
    return rows
