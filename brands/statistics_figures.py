"""The statistics form's row 地理标志品牌评价推荐情况, counted from the recommendations (reports.figures)."""

from django.utils.translation import gettext_lazy as _

from reports.figures import Figure, register_figures

from .models import Recommendation


def _recommended(province, start, end):
    return Recommendation.objects.filter(
        province=province, recommended_at__date__gte=start, recommended_at__date__lte=end
    ).select_related("product", "round")


def _recommended_with_plan(province, start, end):
    return _recommended(province, start, end).filter(has_plan=True)


BRAND_RECOMMENDATIONS = Figure(
    "brand_recommendations",
    _("products recommended for the brand evaluation"),
    _("The province's recommendations to brand evaluation rounds made in the period, by the product's category."),
    "个",
    _recommended,
    breakdown="product__category",
)
BRAND_RECOMMENDATIONS_WITH_PLAN = Figure(
    "brand_recommendations_with_plan",
    _("recommendations with an organising plan"),
    _(
        "The province's recommendations made in the period that came with an organising plan "
        "(more than none: the province had a plan)."
    ),
    "个",
    _recommended_with_plan,
    yes_no=True,
)

register_figures(BRAND_RECOMMENDATIONS, BRAND_RECOMMENDATIONS_WITH_PLAN)
