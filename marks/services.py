"""Writes on the bureau's special-mark records: one transaction and one audit event each.

Both records lock the product's row first: every print run and issue of a product waits for
the one before it, so two clerks cannot print overlapping serials, nor issue the same stock twice.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from cases.models import Declaration, ProtectedProduct
from organizations.models import Department

from .audit_actions import MarkAction
from .models import MarkIssue, MarkPrinting
from .selectors import bureaus_keeping_records, declarations_of_bureau, products_of_bureau


def _ensure_keeps(actor: User, bureau: Department) -> None:
    if not bureaus_keeping_records(actor).filter(pk=bureau.pk).exists():
        raise PermissionDenied(
            _("Only the staff of %(bureau)s may record its special marks.") % {"bureau": bureau.name}
        )


def _quantity_and_serials(quantity: int | None, serial_from: int | None, serial_to: int | None) -> int:
    """The quantity, taken from the serial range when one is given; clear messages otherwise."""
    if (serial_from is None) != (serial_to is None):
        raise ValidationError({"serial_to": _("Give both the first and the last serial number, or neither.")})
    if serial_from is not None and serial_to is not None:
        if serial_to < serial_from:
            raise ValidationError({"serial_to": _("The last serial number is smaller than the first.")})
        count = serial_to - serial_from + 1
        if quantity is not None and quantity != count:
            raise ValidationError(
                {
                    "quantity": _("The serial range holds %(count)s marks, not %(quantity)s.")
                    % {"count": count, "quantity": quantity}
                }
            )
        return count
    if not quantity or quantity < 1:
        raise ValidationError({"quantity": _("Give the number of marks.")})
    return quantity


def _overlapping(records: QuerySet, serial_from: int, serial_to: int) -> QuerySet:
    return records.filter(serial_from__lte=serial_to, serial_to__gte=serial_from)


def _range_text(record) -> str:
    return f"{record.serial_from:08d}–{record.serial_to:08d}"


@transaction.atomic
def printing_record(
    *,
    actor: User,
    bureau: Department,
    product: ProtectedProduct,
    printed_on: datetime.date,
    quantity: int | None = None,
    serial_from: int | None = None,
    serial_to: int | None = None,
    printer: str = "",
    note: str = "",
) -> MarkPrinting:
    _ensure_keeps(actor, bureau)
    if not products_of_bureau(bureau).filter(pk=product.pk).exists():
        raise ValidationError({"product": _("This product is not protected in the bureau's province.")})
    ProtectedProduct.objects.select_for_update().get(pk=product.pk)
    quantity = _quantity_and_serials(quantity, serial_from, serial_to)
    if serial_from is not None and serial_to is not None:
        clash = _overlapping(MarkPrinting.objects.filter(product=product), serial_from, serial_to).first()
        if clash is not None:
            raise ValidationError(
                {
                    "serial_from": _(
                        "Serial numbers %(range)s of this product were already printed on %(day)s; "
                        "a print run cannot repeat them."
                    )
                    % {"range": _range_text(clash), "day": clash.printed_on}
                }
            )
    printing = MarkPrinting.objects.create(
        bureau=bureau,
        product=product,
        printed_on=printed_on,
        quantity=quantity,
        serial_from=serial_from,
        serial_to=serial_to,
        printer=printer.strip(),
        note=note.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=MarkAction.PRINTING_RECORD,
        target=printing,
        data={"product": product.pk, "quantity": quantity, "serials": printing.serials},
    )
    return printing


def stock_of(bureau: Department, product: ProtectedProduct) -> int:
    printed = MarkPrinting.objects.filter(bureau=bureau, product=product).aggregate(n=Sum("quantity"))["n"] or 0
    issued = (
        MarkIssue.objects.filter(bureau=bureau, declaration__product=product).aggregate(n=Sum("quantity"))["n"] or 0
    )
    return printed - issued


@transaction.atomic
def issue_record(
    *,
    actor: User,
    bureau: Department,
    declaration: Declaration,
    issued_on: datetime.date,
    quantity: int | None = None,
    serial_from: int | None = None,
    serial_to: int | None = None,
    note: str = "",
) -> MarkIssue:
    _ensure_keeps(actor, bureau)
    if not declarations_of_bureau(bureau).filter(pk=declaration.pk).exists():
        raise ValidationError(
            {
                "declaration": _(
                    "Marks are issued only under a declaration that authorises their use, in the bureau's region."
                )
            }
        )
    product = ProtectedProduct.objects.select_for_update().get(pk=declaration.product_id)
    quantity = _quantity_and_serials(quantity, serial_from, serial_to)
    if serial_from is not None and serial_to is not None:
        printed = MarkPrinting.objects.filter(
            bureau=bureau, product=product, serial_from__lte=serial_from, serial_to__gte=serial_to
        )
        if not printed.exists():
            raise ValidationError(
                {
                    "serial_from": _(
                        "These serial numbers were not printed by this bureau for %(product)s in one print run."
                    )
                    % {"product": product.name}
                }
            )
        clash = _overlapping(MarkIssue.objects.filter(declaration__product=product), serial_from, serial_to).first()
        if clash is not None:
            raise ValidationError(
                {
                    "serial_from": _("Serial numbers %(range)s were already issued on %(day)s to %(enterprise)s.")
                    % {
                        "range": _range_text(clash),
                        "day": clash.issued_on,
                        "enterprise": clash.declaration.enterprise.name,
                    }
                }
            )
    in_stock = stock_of(bureau, product)
    if quantity > in_stock:
        raise ValidationError(
            {
                "quantity": _(
                    "Only %(stock)s marks of %(product)s are in the bureau's stock (printed less issued); "
                    "%(quantity)s cannot be issued."
                )
                % {"stock": in_stock, "product": product.name, "quantity": quantity}
            }
        )
    issue = MarkIssue.objects.create(
        bureau=bureau,
        declaration=declaration,
        issued_on=issued_on,
        quantity=quantity,
        serial_from=serial_from,
        serial_to=serial_to,
        note=note.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=MarkAction.ISSUE_RECORD,
        target=issue,
        data={"declaration": declaration.pk, "quantity": quantity, "serials": issue.serials},
    )
    return issue
