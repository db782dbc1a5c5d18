"""In Chromium: a person completes a step through the page's own controls and reads, on the page
that follows, what was done, what follows and who acts (ADR 0039); and above the decision stands
what it rests on, beside the form (the announcement as it will be published, the experts' votes)."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from cases.applications.services import expert_opinion_submit
from cases.models import ExpertOpinion, Regime
from tests import flows
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories.applications import Cast, draft_application
from tests.factories.enforcement import hangzhou_bureau, received_case
from workflows.applications import actions as application_actions
from workflows.applications.flows import ApplicationFlow
from workflows.enforcement.flows import EnforcementCaseFlow

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

WIDE = {"width": 1366, "height": 900}

# The block above the form stands in the form's column, beside the case's facts, and is seen.
BESIDE_THE_FORM = """(selector) => {
  const block = document.querySelector(selector);
  const column = document.querySelector('.task-layout__form').getBoundingClientRect();
  const facts = document.querySelector('.task-layout__facts').getBoundingClientRect();
  const box = block.getBoundingClientRect();
  const form = document.querySelector('form.task-form').getBoundingClientRect();
  return box.left >= column.left && box.right <= column.right && facts.right <= box.left
    && box.bottom <= form.top && box.height > 0;
}"""


def sign_in(page: Page, base_url: str, user) -> None:
    page.set_viewport_size(WIDE)
    log_in(page, base_url, user.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def open_task_page(page: Page, base_url: str, task) -> None:
    """The step's page, taken through its 领取并继续 button."""
    page.goto(base_url + task.flow_task.reverse("index", args=[task.process_id, task.pk]))
    take = page.get_by_role("button", name=zh("Assign and continue"))
    if take.count():
        take.click()
    page.wait_for_url("**/execute/**")


def test_after_a_filing_decision_the_next_page_says_what_follows_and_who_acts(page: Page, live_server):
    bureau = hangzhou_bureau()
    first, second = bureau.inspectors[:2]
    case = received_case(actor=first)
    flows.complete(
        Client(), first, flows.open_task(EnforcementCaseFlow, case, "verify"), {"findings": "属实", "proposal": "file"}
    )
    sign_in(page, live_server.url, bureau.lead)
    open_task_page(page, live_server.url, flows.open_task(EnforcementCaseFlow, case, "decide_filing"))
    form = page.locator("form.task-form")
    form.get_by_label(zh("File the case (立案)"), exact=True).check()
    for officer in (first, second):
        form.get_by_label(str(officer), exact=True).check()
    form.get_by_label(zh("Reason for filing, for not filing or for the transfer")).fill("证据确凿，符合立案条件")
    form.get_by_role("button", name=zh("Execute"), exact=True).click()
    page.wait_for_url(lambda url: "/execute/" not in url)
    message = page.locator(".messages li.success").last
    expect(message).to_be_visible()
    expect(message).to_have_text(
        f"已完成「决定是否立案」（{case.number}）。下一步：调查取证并提交报告，由 {first}、{second} 办理。"
    )
    page.screenshot(path=_shot("after-filing"))


def test_the_lead_reads_the_announcement_beside_the_form_then_is_told_the_window_opens(page: Page, live_server):
    cast = Cast()
    applicant, application = draft_application(regime=Regime.AQSIQ_2005)  # announced before the review
    application_actions.submit(actor=applicant, application=application)
    client = Client()
    for node, user, data in (
        ("preliminary_examination", cast.province_staff, {"outcome": "accept", "comment": ""}),
        ("formal_examination", cast.kjs_staff, {"outcome": "accept", "comment": "材料齐全"}),
    ):
        flows.complete(client, user, flows.open_task(ApplicationFlow, application, node), data)
    sign_in(page, live_server.url, cast.kjs_lead)
    open_task_page(page, live_server.url, flows.open_task(ApplicationFlow, application, "approve_announcement"))
    preview = page.locator(".rests-on--announcement")
    expect(preview).to_be_visible()
    expect(preview.get_by_role("heading", name="地理标志产品保护申请受理公告")).to_be_visible()
    assert page.evaluate(BESIDE_THE_FORM, ".rests-on--announcement")
    page.screenshot(path=_shot("announcement-preview"), full_page=True)
    form = page.locator("form.task-form")
    form.get_by_label(zh("Approve"), exact=True).check()
    form.get_by_role("button", name=zh("Execute"), exact=True).click()
    page.wait_for_url(lambda url: "/execute/" not in url)
    application.refresh_from_db()  # numbered on submission
    expect(page.locator(".messages li.success").last).to_have_text(
        f"已完成「批准发布公告」（{application.reference}）。下一步：异议期；系统将在其结束后自动继续。"
    )


def test_the_chair_reads_the_votes_counted_beside_the_form(page: Page, live_server):
    cast = Cast()
    applicant, application = draft_application()
    application_actions.submit(actor=applicant, application=application)  # 2023: the review comes first
    client = Client()
    experts = {"experts": [expert.pk for expert in cast.experts], "chair": cast.experts[0].pk}
    for node, user, data in (
        ("preliminary_examination", cast.province_staff, {"outcome": "accept", "comment": ""}),
        ("formal_examination", cast.kjs_staff, {"outcome": "accept", "comment": ""}),
        ("convene_review", cast.kjs_staff, experts),
    ):
        flows.complete(client, user, flows.open_task(ApplicationFlow, application, node), data)
    opinions = ExpertOpinion.objects.filter(application=application)
    for opinion, vote in zip(opinions, ("approve", "reject", "approve"), strict=True):
        expert_opinion_submit(actor=opinion.expert, opinion=opinion, text="意见详见会议纪要。", vote=vote)
    sign_in(page, live_server.url, cast.experts[0])
    open_task_page(page, live_server.url, flows.open_task(ApplicationFlow, application, "conclude_review"))
    votes = page.locator(".rests-on--votes")
    expect(votes.locator(".vote-count")).to_have_text("同意 2 · 修改后同意 0 · 不同意 1 · 尚未表决 0")
    expect(votes.locator(".vote-majority")).to_contain_text("已过半数")
    assert page.evaluate(BESIDE_THE_FORM, ".rests-on--votes")
    page.screenshot(path=_shot("chair-votes"), full_page=True)


def _shot(name: str) -> str:
    """Kept for a person to look at (test-results/ is not committed)."""
    return f"test-results/told-{name}.png"
