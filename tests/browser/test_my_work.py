"""In Chromium, on the demo's own data: a staff member signs in and lands on 我的工作, sees the
declaration's check offered to them with its due date and the working days left in Chinese,
takes it in place with 领取 and reaches its form. Screenshots at desktop and phone widths."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from viewflow.workflow.models import Task

from cases.models import Declaration
from deadlines.calendar import WorkingCalendar
from deadlines.models import Deadline
from tests.browser.walks import Walker, seed_demo, zh
from workflows.declarations.flows import DeclarationFlow

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_a_staff_member_lands_on_my_work_and_takes_a_task_in_place(page: Page, live_server):
    seed_demo()
    declaration = Declaration.objects.get(enterprise__accounts__user__username="producer")  # the demo's own
    task = Task.objects.get(flow_task=DeclarationFlow.in_process_check, status="NEW")
    deadline = Deadline.objects.get(task=task)
    days = WorkingCalendar().working_days_between(timezone.localdate(), deadline.due_on)
    walker = Walker(page, live_server.url)

    walker.sign_in("xh_county_staff")

    expect(page).to_have_url(re.compile(r"/work/$"))
    expect(page.get_by_role("heading", name=zh("My work"))).to_be_visible()
    menu = page.locator("header nav")
    expect(menu.get_by_role("link", name=re.compile(rf"^{zh('My work')} \d+$"))).to_be_visible()
    expect(menu.locator("a[href^='/staff/']")).to_have_count(0)  # nothing leads into viewflow's lists
    row = page.locator("table.my-work tbody tr").filter(has_text=declaration.reference)
    expect(row).to_contain_text(deadline.due_on.strftime("%Y-%m-%d"))
    expect(row).to_contain_text(f"剩余 {days} 个工作日")
    expect(row).to_contain_text(zh("In-process check"))
    expect(row).to_contain_text(zh("Self-declaration"))
    expect(row).to_contain_text(declaration.enterprise.name)
    if deadline.provisional:
        expect(row).to_contain_text(zh("provisional"))
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        walker.shot(f"my-work-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})

    walker.click(row.get_by_role("button", name=zh("Take")))

    page.wait_for_url("**/execute/**")
    expect(page.get_by_role("button", name=zh("Execute"), exact=True)).to_be_visible()
    task.refresh_from_db()
    assert task.status == "ASSIGNED" and task.owner.username == "xh_county_staff"
    # Back in 我的工作 the task is theirs, opened with 办理.
    walker.open_my_work(zh("Assigned to me"))
    row = page.locator("table.my-work tbody tr").filter(has_text=declaration.reference)
    expect(row.get_by_role("link", name=zh("Work on it"))).to_be_visible()
