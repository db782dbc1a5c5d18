"""In Chromium: the page of every human task of every flow draws every field of its form, and a
refused submission shows its message.

The nodes are enumerated from the flow classes: a human node that no scenario reaches fails the
test by name, so a new node cannot go unchecked. The scenarios are those of the API completion
tests (every human task of every flow); at each step the task's page is opened as the person who
does it, the case's facts must stand beside the form on a wide screen (1366×900) and above it on a
phone (390×844) without the page growing wider than the screen, each field the form expects must
be drawn by the browser itself with a size (a radio or
check box with a visible label), and a submission of the empty form must come back with a visible
message on the page. The step is then completed as the scenario says, and the walk goes on.
"""

import pytest
from django.test import Client
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import promotion.flows  # noqa: F401  (the national site page flow)
import reports.flows  # noqa: F401  (the statistics report flow)
import workflows.registry  # noqa: F401  (imports every staff flow)
from reports.models import Period
from tests import flows
from tests.api.test_task_completion import (
    Walk,
    agreement_scenario,
    application_scenario,
    brand_scenario,
    declaration_scenario,
    enforcement_scenario,
    report_scenario,
    revocation_scenario,
    rural_scenario,
    site_page_scenario,
    supervision_scenario,
    zone_scenario,
)
from tests.browser.test_declaration_journey import log_in, zh
from workflows.base import TerroirFlow
from workflows.task_actions import completion_form

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def product_flows() -> list[type]:
    """Every flow of the product: the subclasses of TerroirFlow outside the tests and benchmarks."""
    found, pending = [], [TerroirFlow]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if not subclass.__module__.startswith(("tests.", "bench.")):
                found.append(subclass)
    return found


# Given one form control's name, is something of it drawn that a person can see and use? Every
# control is the browser's own (ADR 0030): it has a box of its own, or (a radio or check box) a
# visible label around it or pointing at it.
DRAWN = """(form, name) => {
  const seen = (el) => {
    if (!el) return false;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
  };
  const controls = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)]
    .filter(el => ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && el.type !== 'hidden');
  if (!controls.length) return 'no control';
  for (const el of controls) {
    const label = el.closest('label') || (el.id && form.querySelector(`label[for="${CSS.escape(el.id)}"]`));
    if (seen(el) || seen(label)) return 'ok';
  }
  return 'hidden';
}"""

# A form emptied of its defaults (a proposed fine, today's date), with the browser's own required-field
# bubbles off, so that the server's refusal is what shows.
EMPTIED = """form => {
  form.noValidate = true;
  for (const el of form.querySelectorAll('input, textarea, select')) {
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
    else if (el.type !== 'hidden') el.value = '';
  }
}"""

# No element of a frontend's own (viewflow's vf-field-*, Material's md-*): nothing a script must draw.
CUSTOM_ELEMENTS = """form => [...form.querySelectorAll('*')]
  .map(el => el.tagName.toLowerCase()).filter(tag => tag.includes('-'))"""

# Where the case's facts and the task's form stand: side by side on a wide screen, one above the other
# on a phone, and never wider than the screen (a long table scrolls inside its own box).
LAYOUT = """() => {
  const facts = document.querySelector('.task-layout__facts').getBoundingClientRect();
  const form = document.querySelector('.task-layout__form').getBoundingClientRect();
  return {
    side_by_side: facts.right <= form.left && Math.abs(facts.top - form.top) < 2,
    stacked: form.top >= facts.bottom && Math.abs(facts.left - form.left) < 2,
    too_wide: document.documentElement.scrollWidth > window.innerWidth,
  };
}"""
WIDE, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}

# The messages the server sent with a refusal: beside a field or above the form. A person must be
# able to read at least one of them.
SENT_ERRORS = """(form) => [...form.querySelectorAll('.errorlist li')]
  .map(el => el.textContent.trim()).filter(Boolean)"""


class BrowserCheckedWalk(Walk):
    """Each step: take the task, check its page in Chromium, then complete it as the scenario says."""

    def __init__(self, client, page: Page, base_url: str):
        super().__init__("page", client, stranger=None)
        self.page, self.base_url = page, base_url
        self.checked: dict[tuple[str, str], list[str]] = {}
        self.signed_in_as = None

    def complete(self, flow_class, artifact, node, user, data, invalid=None):
        task = flows.open_task(flow_class, artifact, node)
        flows.take(self.client, user, task)
        key = (flow_class.__name__, node)
        if key not in self.checked:
            self.checked[key] = self._check_page(flow_class, user, task)
        super().complete(flow_class, artifact, node, user, data, invalid)

    def _sign_in(self, user):
        if self.signed_in_as != user.pk:
            self.page.context.clear_cookies()
            log_in(self.page, self.base_url, user.username)
            self.page.wait_for_url(lambda url: "/accounts/login/" not in url)
            self.signed_in_as = user.pk

    def _check_layout(self, url: str, where: str) -> None:
        """The page at a wide screen's size and a phone's, each kept for a person to look at."""
        for name, size, expected in (("phone", PHONE, "stacked"), ("wide", WIDE, "side_by_side")):
            self.page.set_viewport_size(size)
            self.page.goto(url)
            layout = self.page.evaluate(LAYOUT)
            assert layout[expected] and not layout["too_wide"], f"{where} at {name} width: {layout}"
            self.page.screenshot(path=f"test-results/task-{where}-{name}.png", full_page=True)

    def _check_page(self, flow_class, user, task) -> list[str]:
        self._sign_in(user)
        url = self.base_url + task.flow_task.reverse("execute", args=[task.process_id, task.pk])
        where = f"{flow_class.__name__}.{task.flow_task.name}"
        self._check_layout(url, where)  # leaves the page open at a wide screen's size
        form = self.page.locator("form.task-form")
        form.wait_for()
        assert form.evaluate(CUSTOM_ELEMENTS) == [], f"{where}: the form needs a script to be drawn"
        expected = completion_form(task)
        names = [name for name, field in expected.fields.items() if not field.widget.is_hidden]
        problems = [f"{name}: {state}" for name in names if (state := form.evaluate(DRAWN, name)) != "ok"]
        assert not problems, f"{where}: fields not drawn: {problems}"

        if any(field.required for field in expected.fields.values()):
            # The browser's own required-field bubbles aside, the server's refusal must show too.
            form.evaluate(EMPTIED)
            with self.page.expect_response(lambda response: response.request.method == "POST") as posted:
                form.get_by_role("button", name=zh("Execute"), exact=True).click()
            # Refused: the same page again, not a redirect to the next one.
            assert posted.value.status == 200, f"{where}: an empty form answered {posted.value.status}"
            try:  # the refused page replaces this one once it has arrived
                # Between the two pages there is no form: wait on, rather than fail on, a null.
                self.page.wait_for_function(
                    f"() => (f => f ? ({SENT_ERRORS})(f).length : 0)(document.querySelector('form.task-form'))"
                )
            except PlaywrightTimeout:
                pytest.fail(f"{where}: a refused submission sent no message")
            sent = self.page.locator("form.task-form").evaluate(SENT_ERRORS)
            shown = [text for text in sent if self.page.get_by_text(text, exact=True).first.is_visible()]
            assert shown, f"{where}: none of the messages {sent} is visible"
            # Kept for a person to look at (test-results/ is not committed).
            self.page.screenshot(path=f"test-results/task-{where}-refused.png", full_page=True)
        return names


def test_every_human_task_page_draws_its_form_and_shows_refusals(page: Page, live_server):
    walk = BrowserCheckedWalk(Client(), page, live_server.url)
    for scenario in (
        declaration_scenario,
        application_scenario,
        revocation_scenario,
        supervision_scenario,
        enforcement_scenario,
        report_scenario([Period.JULY]),
        agreement_scenario,
        site_page_scenario,
        zone_scenario([("杭州市西湖区人民政府", "330106")]),
        rural_scenario,
        brand_scenario([2026]),
    ):
        scenario(walk)
    human = {
        (flow_class.__name__, node.name)
        for flow_class in product_flows()
        for node in flow_class.instance.nodes()
        if node.task_type == "HUMAN"
    }
    assert len(human) >= 30
    assert human - set(walk.checked) == set(), "human tasks no scenario opened in the browser"
