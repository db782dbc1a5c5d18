"""In Chromium: a refusal is never silent. A lost race and a task of someone else's case each
show a styled message in Chinese where the person acted; a refused form keeps what was typed.
(Refused empty forms of every task are checked in test_every_task_form.py.)"""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from organizations.models import Role
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories import make_member
from tests.factories.enforcement import hangzhou_bureau, received_case
from workflows.enforcement.flows import EnforcementCaseFlow

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def verify_task(case):
    return EnforcementCaseFlow.task_class.objects.get(
        process__artifact_object_id=case.pk, flow_task=EnforcementCaseFlow.verify
    )


def execute_url(base_url, task) -> str:
    return base_url + task.flow_task.reverse("execute", args=[task.process_id, task.pk])


def signed_in(page: Page, base_url: str, user) -> Page:
    log_in(page, base_url, user.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def fill_verification(page: Page, findings: str) -> None:
    page.locator("textarea[name=findings]").fill(findings)
    page.get_by_text(zh("File the case"), exact=True).click()


def taken_verification(inspector):
    """A received case whose verification the inspector has taken."""
    task = verify_task(received_case(actor=inspector))
    client = Client()
    client.force_login(inspector)
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code == 302
    return task


def test_the_second_tab_of_a_finished_task_is_told_someone_was_quicker(page: Page, live_server):
    inspector = hangzhou_bureau(inspector_count=2).inspectors[0]
    task = taken_verification(inspector)

    first = signed_in(page, live_server.url, inspector)
    second = first.context.new_page()
    for tab in (first, second):
        tab.goto(execute_url(live_server.url, task))
        fill_verification(tab, "现场核实属实")
    first.get_by_role("button", name=zh("Execute"), exact=True).click()
    first.wait_for_url(lambda url: "/execute/" not in url)

    second.get_by_role("button", name=zh("Execute"), exact=True).click()
    expect(second.get_by_role("heading", name=zh("Someone was quicker")).first).to_be_visible()
    second.screenshot(path="test-results/refusal-409.png", full_page=True)
    # Its next step: the task's page, which says it is done.
    second.get_by_role("link", name=zh("See where it stands now")).click()
    expect(second.get_by_text(zh("Verify the clue")).first).to_be_visible()
    assert f"/{task.pk}/" in second.url and "/execute/" not in second.url


def test_a_task_of_another_provinces_case_is_refused_with_a_page_in_chinese(page: Page, live_server):
    bureau = hangzhou_bureau(inspector_count=2)
    case = received_case(actor=bureau.inspectors[0])
    stranger = make_member("AMR-320000", Role.INSPECTOR)  # 江苏省

    signed_in(page, live_server.url, stranger)
    response = page.goto(execute_url(live_server.url, verify_task(case)))
    # Not found, as an address no case has: a 403 would tell the case exists (ADR 0042).
    assert response.status == 404
    expect(page.get_by_role("heading", name=zh("Page not found")).first).to_be_visible()
    page.screenshot(path="test-results/refusal-404.png", full_page=True)


def test_a_refused_task_form_keeps_what_was_typed_and_says_why(page: Page, live_server):
    inspector = hangzhou_bureau(inspector_count=2).inspectors[0]
    task = taken_verification(inspector)
    signed_in(page, live_server.url, inspector)
    page.goto(execute_url(live_server.url, task))
    page.locator("textarea[name=findings]").fill("当事人拒绝提供进货单据")
    page.locator("form.task-form").evaluate("form => { form.noValidate = true; }")
    page.get_by_role("button", name=zh("Execute"), exact=True).click()
    expect(page.get_by_text(zh("This field is required.")).first).to_be_visible()
    expect(page.locator("textarea[name=findings]")).to_have_value("当事人拒绝提供进货单据")
