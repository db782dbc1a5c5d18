"""Every staff page, looked at: in Chromium, on the demo's data, staff personas of every role sign
in and each page they may open is photographed whole at a desktop's width (1366×900) and a phone's
(390×844), and measured: the page is no wider than the window, and no element reaches past its
edge unless it sits in a box that scrolls or clips it (a wide table in its .table-scroll).

The pages: 我的工作 and its tabs, the case page of each kind, a lead's page that cancels its
handling, the page of each open task, the case search, the lists of applications, enforcement
cases, campaigns and reports (a lead's 改派 is a form on the case's page), the reports' dashboard,
the notifications and the public register.

The photographs go to $TERROIR_SCREENSHOTS (default /tmp/terroir-screenshots), as
<width>/<persona>/<page>.png. By default five personas (DEFAULT_PERSONAS); TERROIR_SCREENSHOT_PERSONAS=all
takes every staff persona of the demo (demo/personas.py), or a comma-separated list of logins.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from demo.personas import STAFF
from tests.browser.walks import Walker, seed_demo
from tests.factories.supervision import draw_and_open, provincial_campaign
from workflows.next_step import task_candidates
from workflows.task_actions import task_assign

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
# A national lead, a national inspector, an expert, a province's staff, a county's lead: each kind of
# page and each menu (a statistics officer's pages are the lead's reports; a staff member's, the
# inspector's lists).
DEFAULT_PERSONAS = ("admin_kjs", "zfs_inspector1", "expert1", "zj_province_staff", "xh_county_lead")

# What reaches past the window's edge, unless an ancestor scrolls or clips it; an element pushed
# wholly off the left edge is a skip link waiting for focus.
MEASURE = """() => {
  const width = window.innerWidth;
  const inBox = (el) => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible') return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const over = [];
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || rect.right <= 0) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if ((rect.right > width + 1 || rect.left < -1) && !inBox(el)) {
      over.push(`${name(el)} [${Math.round(rect.left)}, ${Math.round(rect.right)}]`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, over: over.slice(0, 8)};
}"""


def personas() -> list[str]:
    chosen = os.environ.get("TERROIR_SCREENSHOT_PERSONAS", "")
    if chosen == "all":
        return [persona.username for persona in STAFF]
    return [name.strip() for name in chosen.split(",") if name.strip()] or list(DEFAULT_PERSONAS)


def staff_pages() -> dict[str, str]:
    """Page name → address, from the demo's cases and tasks (and one supervision check)."""
    pages = {
        "my-work": "/work/",
        "my-work-assigned": "/work/?show=assigned",
        "my-work-offered": "/work/?show=offered",
        "my-work-approvals": "/work/?show=approvals",
        "my-work-done": "/work/?show=done",
        "case-search": "/cases/",
        "case-search-results": "/cases/?kind=application",
        "applications": "/applications/",
        "expert-reviews": "/applications/reviews/",
        "enforcement": "/enforcement/",
        "supervision": "/supervision/",
        "reports": "/reports/",
        "reports-dashboard": "/reports/dashboard/",
        "notifications": "/notifications/",
        "register": "/",
    }
    for process in Process.objects.order_by("pk"):
        flow = process.flow_class.instance
        kind = process.flow_class.__name__.removesuffix("Flow").lower()
        pages.setdefault(f"case-{kind}", flow.case_url(process))
        pages.setdefault(f"cancel-{kind}", flow.reverse("process_cancel", args=[process.pk]))  # leads only
    for task in Task.objects.filter(flow_task_type="HUMAN").exclude(status=STATUS.DONE).order_by("pk"):
        kind = task.process.flow_class.__name__.removesuffix("Flow").lower()
        name = f"task-{kind}-{task.flow_task.name}"
        pages.setdefault(name, task.flow_task.reverse("index", args=[task.process_id, task.pk]))
    return pages


def test_every_staff_page_fits_the_window_at_desktop_and_phone_widths(page: Page, live_server):
    seed_demo()
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    draw_and_open(actor=lead, campaign=campaign, seed="screenshots")
    # A task someone holds (已分配), for the holder's 已分配给我 and the 改派 form a lead sees on the case page.
    held = Task.objects.filter(flow_task_type="HUMAN", status=STATUS.NEW).order_by("pk").first()
    task_assign(actor=task_candidates(held)[0], task=held)
    walker = Walker(page, live_server.url)
    folder = Path(os.environ.get("TERROIR_SCREENSHOTS", "/tmp/terroir-screenshots"))  # noqa: S108 (pictures to look at)
    pages = staff_pages()
    faults, shots = [], 0
    for username in personas():
        walker.sign_in(username)
        for name, url in pages.items():
            page.set_viewport_size(dict(zip(("width", "height"), WIDTHS["desktop"], strict=True)))
            try:
                response = page.goto(live_server.url + url)
            except PlaywrightError:
                continue  # a refusal Chromium will not show (an empty 403 or 405)
            landed = page.url.removeprefix(live_server.url)
            if response is None or response.status != 200 or landed.startswith("/accounts/login/"):
                continue  # not this persona's page (refused, or not found for them)
            if landed == "/" != url:
                continue  # a task page sends who may not act on it away, to the home page
            for width_name, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                path = folder / width_name / username / f"{re.sub(r'[^a-z0-9-]', '-', name)}.png"
                page.screenshot(path=str(path), full_page=True)
                shots += 1
                measured = page.evaluate(MEASURE)
                if measured["scrollWidth"] > measured["width"] or measured["over"]:
                    faults.append(f"{username} {width_name} {url} → {landed}: {measured}")
    assert shots >= len(personas()) * 2 * 8  # each persona saw at least 8 pages at both widths
    assert faults == [], "\n".join(faults)
