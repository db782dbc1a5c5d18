"""{{ process_data|readable_fields }}: the facts viewflow lists beside a process, as a person reads
them: no secret or technical field (a verification token, a field nobody named), no True/False."""

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext as _

register = template.Library()

HIDDEN = ("token", "seed", "sha256")


@register.filter
def readable_fields(rows):
    for field, label, value in rows:
        if any(part in field.name for part in HIDDEN):
            continue
        if not isinstance(field.verbose_name, Promise):
            continue  # no translatable name given: an internal field, whose label would be English
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        yield field, label, value
