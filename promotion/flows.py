"""A national site page's way from the province to publication (docs/adr/0054): the 信息中心's
staff review it, its lead publishes it; either may return it with a reason. One process per
submission: a returned page, corrected and submitted again, starts a new one; the page's status
says where it is."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.base import TerroirFlow
from workflows.case_header import CaseHeader

from . import task_views
from .models import SitePage
from .selectors import site_pages_visible_to
from .services import site_office


def _page(process) -> SitePage:
    return SitePage.objects.select_related("product", "bureau", "province").get(pk=process.artifact_object_id)


class SitePageFlow(TerroirFlow):
    """National site page

    A product page of the province's section of the national GI site, reviewed and published by the 信息中心.
    """

    process_title = _("National site page")
    case_url_name = "promotion:site_page"
    process_summary_template = "{{ process.data.title }}"

    def visible_artifacts(self, user):
        return site_pages_visible_to(user)

    def cases_url(self, *, open_only: bool = False) -> str:
        return reverse("promotion:site_pages")

    def case_header(self, process) -> CaseHeader:
        page = _page(process)
        return CaseHeader(
            kind=self.process_title,
            reference=page.reference,
            status=page.get_status_display(),
            party=page.bureau.display_name,
            bureau=page.bureau,
            url=reverse("promotion:site_page", args=[page.pk]),
            product=page.product.name,
        )

    start = flow.StartHandle(this.begin).Next(this.review)

    review = (
        flow.View(task_views.ReviewView.as_view())
        .Annotation(title=_("Review the national site page"))
        .Permission("organizations.work_as_staff", obj=lambda process: site_office())
        .Next(this.route_review)
    )
    route_review = (
        flow.If(lambda activation: _page(activation.process).status == SitePage.Status.REVIEWED)
        .Then(this.publish)
        .Else(this.end)
    )
    publish = (
        flow.View(task_views.PublicationView.as_view())
        .Annotation(title=_("Publish the national site page"))
        .Permission("organizations.work_as_lead", obj=lambda process: site_office())
        .Next(this.end)
    )

    end = flow.End()

    def begin(self, activation, *, page):
        activation.process.artifact = page
        activation.process.data = {"title": str(page)}
        return page
