"""The product archive's section on demonstration zones (cases.products.archive, ADR 0058)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.products.archive import ArchiveEntry, ArchiveSection, register_archive_section

from .models import Zone


def _zones(product, limit: int):
    zones = Zone.objects.filter(products=product).order_by("-created_at")
    entries = [
        ArchiveEntry(
            zone.named_on or zone.preparation_from or zone.published_on,
            f"{zone.reference} {zone.government}",
            zone.get_status_display(),
            reverse("zones:detail", args=[zone.pk]),
        )
        for zone in zones[:limit]
    ]
    return entries, zones.count()


def register() -> None:
    register_archive_section(ArchiveSection("zones", _("Demonstration zones"), _zones, order=70))
