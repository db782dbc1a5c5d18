"""A national site page from submission to publication: the 信息中心's staff review it, its lead
publishes it, either returns it with a reason; the page's status and its process always agree."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from promotion.flows import SitePageFlow
from promotion.models import SitePage
from tests import flows
from workflows.task_actions import task_assign

from .conftest import PAGE_TEXT, decide, submit_page

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def _actions(page) -> list[str]:
    return [
        action
        for action in AuditEvent.objects.filter(target_type__model="sitepage", target_id=str(page.pk))
        .order_by("occurred_at", "pk")
        .values_list("action", flat=True)
        if action.startswith("promotion.")  # besides the tasks' own events (taken, completed)
    ]


def _open_nodes(page) -> list[str]:
    return [task.flow_task.name for task in flows.open_tasks(SitePageFlow, page)]


def test_from_submission_through_a_return_to_publication(people, products):
    tea = products[0]
    page = submit_page(people.province_staff, tea)
    assert page.status == SitePage.Status.SUBMITTED and _open_nodes(page) == ["review"]
    assert page.reference.startswith("DFG-330000-2026-")

    with pytest.raises(ValidationError):  # a return needs its reason
        decide("review", page, people.xxzx_staff, False, "")
    decide("review", page, people.xxzx_staff, False, "缺少检测机构资质说明。")
    page.refresh_from_db()
    assert page.status == SitePage.Status.RETURNED and page.return_reason == "缺少检测机构资质说明。"
    assert _open_nodes(page) == []

    from promotion.actions import resubmit_site_page

    first_submitted = page.submitted_at
    page = resubmit_site_page(actor=people.province_staff, page=page, **{**PAGE_TEXT, "testing_body": "浙江省质检院"})
    assert page.status == SitePage.Status.SUBMITTED and page.submitted_at == first_submitted
    assert _open_nodes(page) == ["review"]

    decide("review", page, people.xxzx_staff, True)
    page.refresh_from_db()
    assert page.status == SitePage.Status.REVIEWED and _open_nodes(page) == ["publish"]
    decide("publish", page, people.xxzx_lead, True)
    page.refresh_from_db()
    assert page.status == SitePage.Status.PUBLISHED and page.published_at and _open_nodes(page) == []
    assert _actions(page) == [
        "promotion.page_submit",
        "promotion.page_return",
        "promotion.page_resubmit",
        "promotion.page_review",
        "promotion.page_publish",
    ]


def test_the_publisher_may_return_it_too(people, products):
    page = submit_page(people.province_staff, products[0])
    decide("review", page, people.xxzx_staff, True)
    decide("publish", page, people.xxzx_lead, False, "图片版权未说明。")
    page.refresh_from_db()
    assert page.status == SitePage.Status.RETURNED and page.return_reason == "图片版权未说明。"


def test_only_the_right_people_get_and_complete_the_tasks(people, products):
    page = submit_page(people.province_staff, products[0])
    task = flows.open_task(SitePageFlow, page, "review")
    for outsider in (people.kjs_staff, people.province_staff, people.province_lead, people.xxzx_lead):
        with pytest.raises(PermissionDenied):
            task_assign(actor=outsider, task=task)
    from promotion.actions import decide_review

    with pytest.raises(PermissionDenied):  # the service refuses too, whoever calls it
        decide_review(actor=people.kjs_staff, page=page, approve=True)
    assert SitePage.objects.get(pk=page.pk).status == SitePage.Status.SUBMITTED


def test_submission_is_refused_for_the_wrong_product_or_bureau(people, products):
    tea, _walnut, crab = products
    before = (SitePage.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError):  # Jiangsu's product
        submit_page(people.province_staff, crab)
    with pytest.raises(PermissionDenied):  # a city bureau does not submit
        submit_page(people.city_staff, tea, bureau_code="AMR-330100")
    with pytest.raises(PermissionDenied):  # staff of another province
        submit_page(people.fujian_staff, tea)
    with pytest.raises(ValidationError):  # empty texts
        from promotion.actions import submit_site_page
        from tests.promotion.conftest import bureau

        submit_site_page(actor=people.province_staff, bureau=bureau("AMR-330000"), product=tea)
    assert (SitePage.objects.count(), AuditEvent.objects.count()) == before
    submit_page(people.province_staff, tea)
    with pytest.raises(ValidationError):  # one page of a product on its way at a time
        submit_page(people.province_staff, tea)


def test_pages_of_a_site_page(people, products, client):
    page = submit_page(people.province_staff, products[0])
    url = reverse("promotion:site_page", args=[page.pk])
    for user, status in (
        (people.province_staff, 200),
        (people.xxzx_staff, 200),
        (people.city_staff, 404),
        (people.fujian_staff, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(people.province_staff)
    # Not returned: nothing to correct.
    assert client.get(reverse("promotion:site_page_edit", args=[page.pk])).status_code == 403
    decide("review", page, people.xxzx_staff, False, "请补充人文历史。")
    shown = client.get(url).content.decode()
    assert "请补充人文历史。" in shown
    bad = client.post(reverse("promotion:site_page_edit", args=[page.pk]), {"natural_background": ""})
    assert bad.status_code == 200 and bad.context["form"].errors
    assert SitePage.objects.get(pk=page.pk).status == SitePage.Status.RETURNED
    done = client.post(reverse("promotion:site_page_edit", args=[page.pk]), PAGE_TEXT)
    assert done.status_code == 302 and SitePage.objects.get(pk=page.pk).status == SitePage.Status.SUBMITTED
