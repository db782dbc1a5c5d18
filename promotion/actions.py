"""The door of the promotion programme (docs/architecture.md): pages, task views and the demo
change its records only through these functions; a national site page's submission starts its
flow in the same transaction as the service's audit event."""

from django.db import transaction

from accounts.models import User

# The module, not the class: flows imports the task views, which import these actions.
from . import flows
from .models import MediaReport, PublicityActivity, SitePage, WorkPlan
from .services import (
    activity_record,
    media_report_record,
    site_page_publish,
    site_page_resubmit,
    site_page_review,
    site_page_submit,
    work_plan_record,
)


def record_activity(*, actor: User, **data) -> PublicityActivity:
    return activity_record(actor=actor, **data)


def record_media_report(*, actor: User, **data) -> MediaReport:
    return media_report_record(actor=actor, **data)


def record_work_plan(*, actor: User, **data) -> WorkPlan:
    return work_plan_record(actor=actor, **data)


@transaction.atomic
def submit_site_page(*, actor: User, **data) -> SitePage:
    """The page goes to the 信息中心's review queue, in one transaction with its submission."""
    page = site_page_submit(actor=actor, **data)
    flows.SitePageFlow.start.run(page=page)
    return page


@transaction.atomic
def resubmit_site_page(*, actor: User, page: SitePage, **data) -> SitePage:
    """A corrected page starts a new review (the returned one's process has ended)."""
    page = site_page_resubmit(actor=actor, page=page, **data)
    flows.SitePageFlow.start.run(page=page)
    return page


def decide_review(*, actor: User, page: SitePage, approve: bool, comment: str = "") -> SitePage:
    return site_page_review(actor=actor, page=page, approve=approve, comment=comment)


def decide_publication(*, actor: User, page: SitePage, approve: bool, comment: str = "") -> SitePage:
    return site_page_publish(actor=actor, page=page, approve=approve, comment=comment)
