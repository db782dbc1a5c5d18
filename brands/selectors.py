"""Reads on brand evaluation rounds: who sees which recommendation, the published results."""

from django.db.models import Q, QuerySet

from cases.common.pinyin import normalize_query
from organizations.selectors import is_staff_member, jurisdiction_prefixes

from .models import BrandRound, DossierFile, Recommendation, Stage


def rounds_visible_to(user) -> QuerySet[BrandRound]:
    """A round is a national programme: every member of staff sees it (and may recommend while it
    calls); which recommendations they see is their jurisdiction's."""
    if not user.is_authenticated or not is_staff_member(user):
        return BrandRound.objects.none()
    return BrandRound.objects.select_related("organiser")


def round_visible_to(user, pk) -> BrandRound | None:
    return rounds_visible_to(user).filter(pk=pk).first()


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    """National bodies see every province's; a provincial bureau its own province's (cities and
    counties do not recommend and see none)."""
    recommendations = Recommendation.objects.select_related("product", "province", "round")
    if not user.is_authenticated or not is_staff_member(user):
        return recommendations.none()
    prefixes = jurisdiction_prefixes(user)
    if "" in prefixes:
        return recommendations
    provincial = [f"{prefix}0000" for prefix in prefixes if len(prefix) == 2]
    return recommendations.filter(province__code__in=provincial)


def dossier_files_visible_to(user) -> QuerySet[DossierFile]:
    return DossierFile.objects.filter(recommendation__in=recommendations_visible_to(user).values("pk"))


def published_results(*, year: int | None = None, query: str = "", top_only: bool = True) -> QuerySet[Recommendation]:
    """The published list: a round's ranked products (its top 50), searchable by name or pinyin."""
    results = Recommendation.objects.filter(round__status=Stage.PUBLISHED, rank__isnull=False).select_related(
        "product", "province", "round"
    )
    if top_only:
        results = results.filter(top=True)
    if year is not None:
        results = results.filter(round__year=year)
    query = (query or "").strip()
    if query:
        needle = normalize_query(query)
        results = results.filter(
            Q(product__name__icontains=query)
            | Q(product__name_pinyin__contains=needle)
            | Q(product__name_en__icontains=query)
        )
    return results.order_by("-round__year", "rank")


def published_years() -> list[int]:
    return list(BrandRound.objects.filter(status=Stage.PUBLISHED).order_by("-year").values_list("year", flat=True))


def latest_published_result(product) -> Recommendation | None:
    """The product's result in the latest published round that ranked it."""
    return published_results(top_only=False).filter(product=product).first()


def top_count(scope, year: int) -> int:
    """The dashboard's brand target (reports.dashboard.TARGET_COUNTS): products of the year's
    published top 50 in the scope (a province's own, or the country's)."""
    return published_results(year=year).filter(scope.where("province")).count()
