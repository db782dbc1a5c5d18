"""In Chromium, at a wide screen's size and a phone's: the pages a person meets around a task (the
case page's link to it, taking it, its form, its details once done, the process page) are
Terroir's own (ADR 0030), lay the case beside what the page asks, and break no rule of the CSP.
(Every task's form is checked at both sizes in test_every_task_form.py.)"""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from cases.models import EnforcementCase
from tests import flows
from tests.browser.test_content_security_policy import collect_violations
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories.enforcement import hangzhou_bureau, received_case
from workflows.enforcement.flows import EnforcementCaseFlow

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

WIDE, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}

# The page's two columns: side by side on a wide screen, one above the other on a phone; the page
# never wider than the screen.
LAYOUT = """() => {
  const [main, side] = [...document.querySelectorAll('.task-layout > *')].map(el => el.getBoundingClientRect());
  return {
    side_by_side: main.right <= side.left && Math.abs(main.top - side.top) < 2,
    stacked: side.top >= main.bottom,
    too_wide: document.documentElement.scrollWidth > window.innerWidth,
  };
}"""


def look_at(page: Page, name: str) -> None:
    """The page at both sizes, laid out as it should be, kept for a person to look at."""
    for size, expected, suffix in ((PHONE, "stacked", "phone"), (WIDE, "side_by_side", "wide")):
        page.set_viewport_size(size)
        layout = page.evaluate(LAYOUT)
        assert layout[expected] and not layout["too_wide"], f"{name} ({suffix}): {layout}"
        page.screenshot(path=f"test-results/page-{name}-{suffix}.png", full_page=True)


def test_a_lead_takes_decides_and_looks_back_on_a_filing_decision(page: Page, live_server):
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    verify = flows.open_task(EnforcementCaseFlow, case, "verify")
    flows.complete(Client(), bureau.inspectors[0], verify, {"findings": "现场核实属实", "proposal": "file"})
    problems = collect_violations(page)
    page.set_viewport_size(WIDE)
    log_in(page, live_server.url, bureau.lead.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    # From the case page to the step: the page to take it names the case, not an id.
    page.goto(f"{live_server.url}/enforcement/{case.pk}/")
    page.get_by_role("link", name=zh("Decide on filing")).click()
    expect(page.get_by_role("heading", name=zh("Decide on filing"), level=1)).to_be_visible()
    expect(page.get_by_role("link", name=case.number).first).to_be_visible()
    look_at(page, "take")

    page.get_by_role("button", name=zh("Assign and continue")).click()
    page.wait_for_url("**/execute/**")
    expect(page.locator(".messages")).to_contain_text(case.number)
    look_at(page, "filing-decision")
    form = page.locator("form.task-form")
    form.get_by_label(zh("File the case (立案)"), exact=True).check()
    for officer in bureau.inspectors[:2]:
        form.get_by_label(str(officer), exact=True).check()
    form.get_by_label(zh("Reason for filing, for not filing or for the transfer")).fill("证据确凿，符合立案条件")
    form.get_by_role("button", name=zh("Execute"), exact=True).click()
    page.wait_for_url(lambda url: "/execute/" not in url)
    assert EnforcementCase.objects.get(pk=case.pk).status == EnforcementCase.Status.INVESTIGATING

    # Looking back: the finished step's details, then the process page with its chart.
    task = EnforcementCaseFlow.task_class.objects.get(
        process__artifact_object_id=case.pk, flow_task=EnforcementCaseFlow.decide_filing
    )
    page.goto(live_server.url + task.flow_task.reverse("detail", args=[task.process_id, task.pk]))
    expect(page.get_by_text(zh("This step"), exact=True)).to_be_visible()
    look_at(page, "step-done")
    page.goto(live_server.url + EnforcementCaseFlow.instance.reverse("process_detail", args=[task.process_id]))
    expect(page.locator("section.next-step")).to_be_visible()
    chart = page.locator(".process-chart img")
    chart.scroll_into_view_if_needed()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    look_at(page, "process")
    assert problems == []
