"""The statistics form's figures this app holds (rows 制定工作方案情况, 地方馆信息更新情况 and
开展宣传情况), registered from PromotionConfig.ready(); the form's layout names them by code."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cases.models import ProtectedProduct
from organizations.models import Department
from reports.figures import Figure, register_figures

from .models import MediaLevel, MediaReport, PublicityActivity, SitePage, WorkPlan


def _plans(kind):
    def records(province, start, end):
        # A plan counts in every period that the period it covers overlaps.
        return WorkPlan.objects.filter(
            bureau__kind=kind,
            bureau__region__code__startswith=province.prefix,
            covers_from__lte=end,
            covers_to__gte=start,
        ).select_related("bureau")

    return records


def _site_pages_submitted(province, start, end):
    return SitePage.objects.filter(
        province=province, submitted_at__date__gte=start, submitted_at__date__lte=end
    ).select_related("product")


def _products_with_page(province, start, end):
    published = SitePage.objects.filter(
        product=OuterRef("pk"), status=SitePage.Status.PUBLISHED, published_at__date__lte=end
    )
    return ProtectedProduct.objects.filter(province=province, status=ProtectedProduct.Status.PROTECTED).annotate(
        has_published_page=Exists(published)
    )


def _activities(province, start, end):
    return PublicityActivity.objects.filter(
        region__code__startswith=province.prefix, held_on__gte=start, held_on__lte=end
    ).select_related("region")


def _media(level):
    def records(province, start, end):
        return MediaReport.objects.filter(
            level=level, region__code__startswith=province.prefix, published_on__gte=start, published_on__lte=end
        ).select_related("region")

    return records


FIGURES = (
    Figure(
        "plans_provincial",
        _("work plans of the provincial bureau"),
        _("Work plans of the provincial bureau whose period covered overlaps the reporting period (0: none made)."),
        "个",
        _plans(Department.Kind.PROVINCIAL_BUREAU),
        yes_no=True,
    ),
    Figure(
        "plans_city",
        _("work plans of city bureaus"),
        _("Work plans of the province's city bureaus whose period covered overlaps the reporting period."),
        "个",
        _plans(Department.Kind.CITY_BUREAU),
    ),
    Figure(
        "plans_county",
        _("work plans of county bureaus"),
        _("Work plans of the province's county bureaus whose period covered overlaps the reporting period."),
        "个",
        _plans(Department.Kind.COUNTY_BUREAU),
    ),
    Figure(
        "site_pages_submitted",
        _("pages submitted to the national site"),
        _("Product pages first submitted in the period for the province's section of the national GI site."),
        "条",
        _site_pages_submitted,
    ),
    Figure(
        "site_coverage",
        _("share of protected products with a published page"),
        _(
            "Protected products of the province with a page published on the national GI site by the end of the "
            "period, as a percentage of all its protected products (the records are all of them)."
        ),
        "%",
        _products_with_page,
        share="has_published_page",
    ),
    Figure(
        "publicity_events",
        _("publicity and training activities"),
        _("Publicity, training and other activities held in the province in the period; their names are the records."),
        "次",
        _activities,
    ),
    Figure(
        "media_central",
        _("central media reports"),
        _("Reports in central media published in the period about the province's GI work."),
        "篇",
        _media(MediaLevel.CENTRAL),
    ),
    Figure(
        "media_local",
        _("local media reports"),
        _("Reports in local media published in the period about the province's GI work."),
        "篇",
        _media(MediaLevel.LOCAL),
    ),
)

register_figures(*FIGURES)
