"""In Chromium: an applicant body submits; provincial staff accept; 科技司 staff accept; the 科技司
lead approves the acceptance announcement and opens its PDF."""

import pytest
from playwright.sync_api import Page, expect

from cases.applications.announcements import ACCEPTANCE
from cases.models import Application, Regime
from documents.selectors import documents_for
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories.applications import Cast, draft_application

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def execute_task(page: Page, base_url: str, reference: str, task_title: str, choice: tuple[str, str]) -> None:
    """我的工作's 可领取 → the case's row at that step → take it → choose → execute; wait for the redirect."""
    page.goto(f"{base_url}/work/?show=offered")
    row = page.locator("table.my-work tr", has_text=reference).filter(has_text=zh(task_title)).first
    row.get_by_role("button", name=zh("Take")).click()
    page.wait_for_url("**/execute/**")
    name, value = choice
    page.locator(f"input[name={name}][value={value}]").check(force=True)
    page.get_by_role("button", name=zh("Execute"), exact=True).click()
    # The server shares the test's SQLite connection: read only after it has redirected away.
    page.wait_for_url(lambda url: "/execute/" not in url)


def test_applicant_submits_province_accepts_lead_approves_the_announcement(page: Page, live_server, tmp_path):
    cast = Cast()
    applicant, application = draft_application(regime=Regime.AQSIQ_2005)
    base = live_server.url

    log_in(page, base, applicant.username)
    page.goto(f"{base}/portal/applications/{application.pk}/")
    page.get_by_role("button", name=zh("Submit to the provincial bureau")).click()
    expect(page.get_by_text(zh("preliminary examination")).first).to_be_visible()
    application = Application.objects.get(pk=application.pk)
    assert application.status == "preliminary_examination"
    page.context.clear_cookies()

    log_in(page, base, cast.province_staff.username)
    execute_task(page, base, application.reference, "Preliminary examination", ("outcome", "accept"))
    assert Application.objects.get(pk=application.pk).status == "formal_examination"
    page.context.clear_cookies()

    log_in(page, base, cast.kjs_staff.username)
    execute_task(page, base, application.reference, "Formal examination", ("outcome", "accept"))
    assert Application.objects.get(pk=application.pk).status == "announcement_pending"
    page.context.clear_cookies()

    log_in(page, base, cast.kjs_lead.username)
    execute_task(page, base, application.reference, "Approve the announcement", ("approve", "yes"))
    assert Application.objects.get(pk=application.pk).status == "objection_window"

    announcement = documents_for(application, ACCEPTANCE).get()
    page.goto(f"{base}/announcements/")
    link = page.get_by_role("link", name=announcement.number)
    expect(link).to_be_visible()
    response = page.request.get(base + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    (tmp_path / "announcement.pdf").write_bytes(response.body())
