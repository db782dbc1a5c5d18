"""The producer submits the annual usage report on a self-declaration."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record

from ...declarations.services import ensure_acts_for, lock_declaration
from ...models import Declaration, UsageReport
from ..choices import UsageReportAction
from ..selectors import reportable_years


@transaction.atomic
def usage_report_submit(
    *,
    actor: User,
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
        action=UsageReportAction.SUBMIT,
        target=declaration,
        data={
            "year": year,
            "output_quantity": str(output_quantity),
            "marked_quantity": str(marked_quantity),
            "labels_printed": labels_printed,
        },
    )
    return report
