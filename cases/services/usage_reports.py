"""The producer's annual usage report on a self-declaration."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record

from ..models import Declaration, UsageReport
from .declarations import ensure_acts_for, lock_declaration


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


@transaction.atomic
def usage_report_submit(
    *,
    actor,
    declaration: Declaration,
    year: int,
    output_quantity: Decimal,
    marked_quantity: Decimal,
    labels_printed: int,
    sales_value: Decimal | None = None,
    changes: str = "",
) -> UsageReport:
    declaration = lock_declaration(declaration)
    ensure_acts_for(actor, declaration.enterprise)
    if year not in reportable_years(declaration):
        if declaration.usage_reports.filter(year=year).exists():
            message = _("The report for %(year)s was already submitted; it cannot be changed.")
            raise ValidationError({"year": ValidationError(message % {"year": year}, code="already_reported")})
        message = _("The mark could not be used under this declaration in %(year)s.")
        raise ValidationError({"year": ValidationError(message % {"year": year}, code="year_not_reportable")})
    if marked_quantity > output_quantity:
        message = _("The quantity sold with the mark cannot exceed the actual output.")
        raise ValidationError({"marked_quantity": ValidationError(message, code="exceeds_output")})
    report = UsageReport.objects.create(
        declaration=declaration,
        year=year,
        output_quantity=output_quantity,
        marked_quantity=marked_quantity,
        labels_printed=labels_printed,
        sales_value=sales_value,
        changes=changes.strip(),
        submitted_by=actor,
    )
    audit_record(
        actor=actor,
        action="declaration.usage_report",
        target=declaration,
        data={
            "year": year,
            "output_quantity": str(output_quantity),
            "marked_quantity": str(marked_quantity),
            "labels_printed": labels_printed,
        },
    )
    return report
