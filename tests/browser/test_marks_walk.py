"""In Chromium, clicking only visible controls: a producer files its usage report and the
provincial bureau's staff sees it added up; a county clerk records a print run and an issue."""

import datetime
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Page, expect

from cases.declarations.notices import producer_accounts
from marks.models import MarkIssue, MarkPrinting
from organizations.models import Role
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories import make_member
from tests.factories.supervision import published_declarations

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
SHOTS = Path("test-results")


def _open_marks_menu(page: Page, entry: str) -> None:
    """The header's 运用促进 group, then the link under its 专用标志 heading."""
    page.locator("header nav summary", has_text=zh("GI promotion programme")).click()
    page.get_by_role("group", name=zh("Special marks")).get_by_role("link", name=zh(entry)).click()


def test_a_usage_report_filed_is_added_up_for_the_province(page: Page, live_server):
    SHOTS.mkdir(exist_ok=True)
    (declaration,) = published_declarations(1)
    producer = producer_accounts(declaration).get()
    log_in(page, live_server.url, producer.username)
    page.get_by_role("link", name=declaration.reference).first.click()
    page.get_by_role("link", name=zh("Submit an annual usage report")).click()
    page.get_by_label(zh("Actual output"), exact=False).first.fill("5000")
    page.get_by_label(zh("Quantity sold with the mark"), exact=False).fill("4200")
    page.get_by_label(zh("Labels with the mark printed")).fill("8000")
    page.get_by_label(zh("Sales of marked products (10,000 yuan)")).fill("36.5")
    page.screenshot(path=str(SHOTS / "marks-usage-report-form.png"), full_page=True)
    page.get_by_role("button", name=zh("Submit the report")).click()
    expect(page.locator(".messages, [role=status], .message").first).to_be_visible()

    staff = make_member("AMR-330000", Role.STAFF)
    page.context.clear_cookies()  # the producer signs out; the bureau's staff signs in
    log_in(page, live_server.url, staff.username)
    _open_marks_menu(page, "Usage reports added up")
    row = page.get_by_role("row", name=declaration.product.name)
    expect(row).to_contain_text("5000")
    expect(row).to_contain_text("8000")
    page.screenshot(path=str(SHOTS / "marks-usage-totals.png"), full_page=True)
    row.get_by_role("link", name="1").click()
    expect(page.get_by_role("heading", name=zh("The reports behind a total"))).to_be_visible()
    expect(page.get_by_role("cell", name=declaration.enterprise.name)).to_be_visible()
    page.screenshot(path=str(SHOTS / "marks-usage-behind.png"), full_page=True)


def test_a_county_clerk_records_a_print_run_and_an_issue(page: Page, live_server):
    SHOTS.mkdir(exist_ok=True)
    (declaration,) = published_declarations(1)
    clerk = make_member("AMR-330106", Role.STAFF)
    log_in(page, live_server.url, clerk.username)
    _open_marks_menu(page, "Printing and issuing")
    page.get_by_role("link", name=zh("Record a print run")).click()
    page.get_by_label(zh("GI product")).select_option(label=declaration.product.name)
    page.get_by_label(zh("Printed on")).fill("2026-05-06")
    page.get_by_label(zh("First serial number")).fill("1")
    page.get_by_label(zh("Last serial number")).fill("1000")
    page.get_by_label(zh("Printing firm")).fill("浙江省防伪印制中心")
    page.screenshot(path=str(SHOTS / "marks-printing-form.png"), full_page=True)
    page.get_by_role("button", name=zh("Record")).click()
    expect(page.get_by_role("cell", name="00000001–00001000")).to_be_visible()

    page.get_by_role("link", name=zh("Record an issue")).click()
    page.get_by_label(zh("Authorised user (self-declaration)")).select_option(index=1)
    page.get_by_label(zh("Issued on")).fill("2026-05-07")
    page.get_by_label(zh("Quantity (pieces)")).fill("1200")
    page.get_by_role("button", name=zh("Record")).click()
    expect(page.get_by_role("alert")).to_contain_text("1000")  # more than the stock: refused, said why
    page.screenshot(path=str(SHOTS / "marks-issue-refused.png"), full_page=True)
    page.get_by_label(zh("Quantity (pieces)")).fill("600")
    page.get_by_role("button", name=zh("Record")).click()
    stock = page.get_by_role("row", name=declaration.product.name).first
    expect(stock).to_contain_text("400")
    page.screenshot(path=str(SHOTS / "marks-index.png"), full_page=True)
    assert MarkPrinting.objects.get().quantity == 1000
    assert MarkIssue.objects.get().quantity == 600


def test_a_producer_sees_when_its_usage_report_is_due_and_that_it_is_late(page: Page, live_server):
    """The dues job asked for a report two years back; the producer, opening its declaration from
    the portal, reads the date and that it has passed, files the report, then sees the next one's.
    Browser tests run on the real clock (ADR 0027): the dates are relative to today."""
    from django.utils import timezone

    from marks.jobs import create_usage_report_dues

    SHOTS.mkdir(exist_ok=True)
    year = timezone.localdate().year
    with time_machine.travel(datetime.datetime(year - 2, 5, 6, 2, tzinfo=datetime.UTC)):
        (declaration,) = published_declarations(1)
    create_usage_report_dues(datetime.date(year - 1, 6, 1))  # the job as it ran last June
    producer = producer_accounts(declaration).get()
    log_in(page, live_server.url, producer.username)
    page.get_by_role("link", name=declaration.reference).first.click()
    due = page.locator(".usage-due")
    expect(due).to_contain_text(f"{year - 2}年度使用情况报告 须于 {year - 1}-03-31 前提交")
    expect(due).to_contain_text(zh("Overdue"))
    page.screenshot(path=str(SHOTS / "marks-portal-usage-due-late.png"), full_page=True)
    page.get_by_role("link", name=zh("Submit an annual usage report")).click()
    page.get_by_label(zh("Year"), exact=True).select_option(str(year - 2))
    page.get_by_label(zh("Actual output"), exact=False).first.fill("5000")
    page.get_by_label(zh("Quantity sold with the mark"), exact=False).fill("4200")
    page.get_by_label(zh("Labels with the mark printed")).fill("8000")
    page.get_by_role("button", name=zh("Submit the report")).click()
    expect(due).to_contain_text(f"{year - 1}年度使用情况报告 须于 {year}-03-31 前提交")
    if timezone.localdate() <= datetime.date(year, 3, 31):
        expect(due).not_to_contain_text(zh("Overdue"))
    page.screenshot(path=str(SHOTS / "marks-portal-usage-due-next.png"), full_page=True)
