"""The product archive (档案): everything the system knows of one protected product, dated, on one
staff page, and how complete it is (the statistics form's 产品档案建设情况, docs/adr/0058).

Sections and elements are registered: the casework of this app registers its own below, and the
promotion apps (demonstration zones, brand rounds, the agreement lists, mark printing) add theirs
from their AppConfig.ready(), so this module never imports them.

An element is a condition on the product's row, in SQL: completeness is counted for a province's
products in one query, however many there are.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from organizations.selectors import region_code_filter

from ..models import (
    Application,
    Declaration,
    EnforcementCase,
    ProductRevocation,
    ProtectedProduct,
    Purpose,
    SupervisionCheck,
    UsageReport,
)

# A section lists at most this many entries, the latest first; the page says how many more there are.
SECTION_LIMIT = 50


@dataclass(frozen=True)
class ArchiveEntry:
    date: datetime.date | None
    title: str
    detail: str = ""
    url: str = ""
    lang: str = ""  # the detail's language when it is data in one (region names), whatever the page's


@dataclass(frozen=True)
class ArchiveSection:
    code: str
    title: Promise
    # The entries, latest first, at most `limit`; and how many there are in all.
    entries: Callable[[ProtectedProduct, int], tuple[list[ArchiveEntry], int]]
    order: int = 100


@dataclass(frozen=True)
class ArchiveElement:
    code: str
    label: Promise
    present: Callable[[], Q]  # true on a ProtectedProduct row whose archive holds this element


@dataclass
class Archive:
    product: ProtectedProduct
    sections: list[tuple[ArchiveSection, list[ArchiveEntry], int]] = field(default_factory=list)
    elements: list[tuple[ArchiveElement, bool]] = field(default_factory=list)

    @property
    def completeness(self) -> int:
        """Per cent of the elements the archive holds."""
        if not self.elements:
            return 0
        return round(100 * sum(present for _element, present in self.elements) / len(self.elements))


# The annotation with_completeness adds: how many elements a product's archive holds.
ELEMENTS_HELD = "archive_elements"

SECTIONS: dict[str, ArchiveSection] = {}
ELEMENTS: dict[str, ArchiveElement] = {}


def register_archive_section(section: ArchiveSection) -> None:
    SECTIONS[section.code] = section


def register_archive_element(element: ArchiveElement) -> None:
    ELEMENTS[element.code] = element


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _case_search(number: str) -> str:
    return reverse("case_search:index") + "?q=" + number


# ---------------------------------------------------------------------------------------------
# Selectors


def archives_visible_to(user) -> QuerySet[ProtectedProduct]:
    """Products whose archive the user may read: national staff all; a bureau those of its province
    and those whose protected area reaches into its jurisdiction (a county keeps its own products)."""
    if user.is_superuser:
        return ProtectedProduct.objects.all()
    through = ProtectedProduct.protected_area.through
    in_area = through.objects.filter(region_code_filter(user, "region__code")).values("protectedproduct_id")
    return ProtectedProduct.objects.filter(region_code_filter(user, "province__code") | Q(pk__in=in_area))


def _held(element: ArchiveElement) -> Case:
    """1 on a product row whose archive holds the element, else 0: the page's ticks and the form's
    count of complete archives read this one expression."""
    return Case(When(element.present(), then=Value(1)), default=Value(0), output_field=IntegerField())


def with_completeness(products: QuerySet[ProtectedProduct]) -> QuerySet[ProtectedProduct]:
    """Each product annotated with `archive_elements`: how many of the elements its archive holds."""
    total: Any = Value(0, output_field=IntegerField())
    for element in ELEMENTS.values():
        total = total + _held(element)
    return products.annotate(**{ELEMENTS_HELD: Coalesce(total, 0)})


def complete_archives(products: QuerySet[ProtectedProduct]) -> QuerySet[ProtectedProduct]:
    return with_completeness(products).filter(**{ELEMENTS_HELD: len(ELEMENTS)})


def product_archive(product: ProtectedProduct, *, limit: int = SECTION_LIMIT) -> Archive:
    archive = Archive(product)
    for section in sorted(SECTIONS.values(), key=lambda section: (section.order, section.code)):
        entries, count = section.entries(product, limit)
        archive.sections.append((section, entries, count))
    flags = (
        ProtectedProduct.objects.filter(pk=product.pk)
        .annotate(**{f"has_{element.code}": _held(element) for element in ELEMENTS.values()})
        .values(*(f"has_{code}" for code in ELEMENTS))
        .first()
        or {}
    )
    archive.elements = [(element, bool(flags.get(f"has_{element.code}"))) for element in ELEMENTS.values()]
    return archive


# ---------------------------------------------------------------------------------------------
# The casework's own sections and elements


def _protection(product: ProtectedProduct, limit: int) -> tuple[list[ArchiveEntry], int]:
    entries = []
    if product.protected_since or product.announcement_year:
        entries.append(
            ArchiveEntry(
                product.protected_since,
                str(_("Protected")),
                " · ".join(
                    part
                    for part in (
                        product.announcement_number,
                        product.get_authority_display() if product.authority else "",
                        "" if product.protected_since else str(product.announcement_year or ""),
                    )
                    if part
                ),
            )
        )
    applications = Application.objects.filter(Q(product=product) | Q(amends=product), closed_at__isnull=False)
    for application in applications.order_by("-closed_at")[:limit]:
        what = _("Protection application") if application.purpose == Purpose.PROTECTION else _("Amendment")
        entries.append(
            ArchiveEntry(
                _day(application.closed_at),
                f"{what} {application.reference or ''}".strip(),
                application.get_status_display(),
                reverse("applications:detail", args=[application.pk]),
            )
        )
    for revocation in ProductRevocation.objects.filter(product=product).order_by("-proposed_at")[:limit]:
        entries.append(
            ArchiveEntry(
                _day(revocation.decided_at or revocation.proposed_at),
                f"{_('Revocation of the protection')} {revocation.reference}",
                revocation.get_status_display(),
            )
        )
    entries.sort(key=lambda entry: entry.date or datetime.date.min, reverse=True)
    return entries[:limit], len(entries)


def _standard_and_quality(product: ProtectedProduct, limit: int) -> tuple[list[ArchiveEntry], int]:
    entries = []
    if product.standard:
        entries.append(ArchiveEntry(None, str(_("Product standard")), product.standard))
    if product.quality_summary:
        entries.append(ArchiveEntry(None, str(_("Quality characteristics")), product.quality_summary))
    area = "、".join(region.name for region in product.protected_area.all())
    if area:
        entries.append(ArchiveEntry(None, str(_("Protected area")), area, lang="zh-hans"))
    return entries, len(entries)


def _authorised_users(product: ProtectedProduct, limit: int) -> tuple[list[ArchiveEntry], int]:
    declarations = (
        Declaration.objects.filter(product=product, declared_at__isnull=False)
        .select_related("enterprise")
        .order_by("-declared_at", "-pk")
    )
    entries = [
        ArchiveEntry(
            _day(declaration.declared_at),
            f"{declaration.enterprise.name} · {declaration.reference}",
            declaration.get_status_display(),
            _case_search(declaration.reference or ""),
        )
        for declaration in declarations[:limit]
    ]
    return entries, declarations.count()


def _usage(product: ProtectedProduct, limit: int) -> tuple[list[ArchiveEntry], int]:
    reports = (
        UsageReport.objects.filter(declaration__product=product)
        .select_related("declaration__enterprise")
        .order_by("-year", "-submitted_at")
    )
    entries = [
        ArchiveEntry(
            _day(report.submitted_at),
            str(
                _("Usage report %(year)s · %(enterprise)s")
                % {"year": report.year, "enterprise": report.declaration.enterprise.name}
            ),
            str(
                _("output %(output)s, sold with the mark %(marked)s, labels printed %(labels)s")
                % {"output": report.output_quantity, "marked": report.marked_quantity, "labels": report.labels_printed}
            ),
        )
        for report in reports[:limit]
    ]
    return entries, reports.count()


def _checks(product: ProtectedProduct, limit: int) -> tuple[list[ArchiveEntry], int]:
    checks = (
        SupervisionCheck.objects.filter(declaration__product=product)
        .select_related("campaign", "declaration__enterprise")
        .order_by("-campaign__drawn_at", "-pk")
    )
    entries = [
        ArchiveEntry(
            (check.closed_at or check.campaign.drawn_at).date()
            if (check.closed_at or check.campaign.drawn_at)
            else None,
            f"{check.campaign.reference} · {check.declaration.enterprise.name}",
            " · ".join(part for part in (check.get_status_display(), check.findings) if part),
            _case_search(check.declaration.reference or ""),
        )
        for check in checks[:limit]
    ]
    return entries, checks.count()


def _enforcement(product: ProtectedProduct, limit: int) -> tuple[list[ArchiveEntry], int]:
    cases = EnforcementCase.objects.filter(products=product).order_by("-filed_on", "-pk")
    entries = [
        ArchiveEntry(
            case.filed_on, case.number, case.get_status_display(), reverse("enforcement:detail", args=[case.pk])
        )
        for case in cases[:limit]
    ]
    return entries, cases.count()


def _area_exists() -> Q:
    through = ProtectedProduct.protected_area.through
    return Q(Exists(through.objects.filter(protectedproduct_id=OuterRef("pk"))))


def _users_exist() -> Q:
    return Q(Exists(Declaration.objects.filter(product=OuterRef("pk"), status__in=Declaration.AUTHORISED_STATES)))


def _usage_exists() -> Q:
    return Q(Exists(UsageReport.objects.filter(declaration__product=OuterRef("pk"))))


def _results_exist() -> Q:
    done = SupervisionCheck.objects.exclude(status=SupervisionCheck.Status.DRAWN)
    return Q(Exists(done.filter(declaration__product=OuterRef("pk"))))


for _section in (
    ArchiveSection("protection", _("Protection and announcements"), _protection, order=10),
    ArchiveSection("standard", _("Standard, quality and area"), _standard_and_quality, order=20),
    ArchiveSection("users", _("Authorised users of the mark"), _authorised_users, order=30),
    ArchiveSection("usage", _("Use of the mark"), _usage, order=40),
    ArchiveSection("checks", _("Supervision checks and their results"), _checks, order=50),
    ArchiveSection("enforcement", _("Enforcement cases"), _enforcement, order=60),
):
    register_archive_section(_section)

for _element in (
    ArchiveElement("announcement", _("approval announcement"), lambda: Q(announcement_number__gt="")),
    ArchiveElement(
        "protected_since",
        _("date of protection"),
        lambda: Q(protected_since__isnull=False) | Q(announcement_year__isnull=False),
    ),
    ArchiveElement("standard", _("product standard"), lambda: Q(standard__gt="")),
    ArchiveElement("quality", _("quality characteristics"), lambda: Q(quality_summary__gt="")),
    ArchiveElement("area", _("protected area"), _area_exists),
    ArchiveElement("users", _("authorised users of the mark"), _users_exist),
    ArchiveElement("usage", _("reports of the mark's use"), _usage_exists),
    ArchiveElement("checks", _("results of supervision checks"), _results_exist),
):
    register_archive_element(_element)
