"""Reads on usage reports."""

from django.utils import timezone

from ..models import Declaration


def reportable_years(declaration: Declaration) -> list[int]:
    """Years in which the mark could be used under the declaration and that have no report yet, newest first."""
    if declaration.declared_at is None:
        return []
    first = timezone.localtime(declaration.declared_at).year
    last = timezone.localdate().year
    if declaration.closed_at is not None:
        last = min(last, timezone.localtime(declaration.closed_at).year)
    reported = set(declaration.usage_reports.values_list("year", flat=True))
    return [year for year in range(last, first - 1, -1) if year not in reported]
