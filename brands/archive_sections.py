"""The product archive's section on brand evaluation (cases.products.archive, ADR 0058)."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.products.archive import ArchiveEntry, ArchiveSection, register_archive_section

from .models import Recommendation


def _results(product, limit: int):
    recommendations = Recommendation.objects.filter(product=product).select_related("round").order_by("-round__year")
    entries = []
    for recommendation in recommendations[:limit]:
        brand_round = recommendation.round
        detail = recommendation.get_status_display()
        if recommendation.value is not None and brand_round.published_on:
            detail = gettext("brand value ¥%(value)s hundred million, rank %(rank)s") % {
                "value": recommendation.value,
                "rank": recommendation.rank,
            }
        entries.append(
            ArchiveEntry(
                brand_round.published_on,
                gettext("Brand evaluation %(year)s") % {"year": brand_round.year},
                detail,
                reverse("brands:detail", args=[brand_round.pk]),
            )
        )
    return entries, recommendations.count()


def register() -> None:
    register_archive_section(ArchiveSection("brands", _("Brand evaluation"), _results, order=80))
