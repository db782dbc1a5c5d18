"""The product archive's section on special marks printed and issued (cases.products.archive, ADR 0058)."""

import datetime

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.products.archive import ArchiveEntry, ArchiveSection, register_archive_section

from .models import MarkIssue, MarkPrinting


def _marks(product, limit: int):
    printings = MarkPrinting.objects.filter(product=product).select_related("bureau").order_by("-printed_on")
    issues = (
        MarkIssue.objects.filter(declaration__product=product)
        .select_related("bureau", "declaration__enterprise")
        .order_by("-issued_on")
    )
    entries = [
        ArchiveEntry(
            printing.printed_on,
            gettext("Printed: %(quantity)s marks") % {"quantity": printing.quantity},
            printing.bureau.name,
        )
        for printing in printings[:limit]
    ] + [
        ArchiveEntry(
            issue.issued_on,
            gettext("Issued: %(quantity)s marks") % {"quantity": issue.quantity},
            f"{issue.declaration.enterprise.name} · {issue.bureau.name}",
        )
        for issue in issues[:limit]
    ]
    entries.sort(key=lambda entry: entry.date or datetime.date.min, reverse=True)
    return entries[:limit], printings.count() + issues.count()


def register() -> None:
    register_archive_section(ArchiveSection("marks", _("Special marks printed and issued"), _marks, order=45))
