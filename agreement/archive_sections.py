"""The product archive's section on the EU–China agreement (cases.products.archive, ADR 0058)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.products.archive import ArchiveEntry, ArchiveSection, register_archive_section

from .models import AgreementEntry


def _entries(product, limit: int):
    entries = AgreementEntry.objects.filter(product=product).order_by("annex", "pk")
    return [
        ArchiveEntry(
            entry.protected_from,
            entry.name,
            " · ".join(
                part
                for part in (entry.get_annex_display(), entry.get_status_display(), entry.decision_reference)
                if part
            ),
            reverse("agreement:detail", args=[entry.pk]),
        )
        for entry in entries[:limit]
    ], entries.count()


def register() -> None:
    register_archive_section(ArchiveSection("agreement", _("EU–China agreement"), _entries, order=90))
