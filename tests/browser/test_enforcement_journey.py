"""In Chromium: an inspector opens an assigned case from their list, adds evidence on the case page,
and completes the investigation task by submitting the report; the lead approves the proposed
decision; after the notice, decision and payment, the inspector closes the case."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from cases.models import CaseEvidence, EnforcementCase
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.workflows.test_enforcement_flow import Walk, days_ago

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_inspector_adds_evidence_and_submits_the_investigation_report(page: Page, live_server, tmp_path):
    bureau = hangzhou_bureau(inspector_count=2)
    case = received_case(actor=bureau.inspectors[0])
    walk = Walk(Client(), case)
    walk.step(bureau.inspectors[0], "verifying", "verify", {"findings": "现场核实属实", "proposal": "file"})
    officers = [officer.pk for officer in bureau.inspectors]
    walk.step(bureau.lead, "filing_decision", "decide_filing", {"decision": "file", "officers": officers})
    inspector, partner = bureau.inspectors
    photo = tmp_path / "invoice.pdf"
    photo.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    log_in(page, live_server.url, inspector.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{live_server.url}/enforcement/")
    page.get_by_role("link", name=case.number).first.click()
    expect(page.get_by_role("heading", name=f"{zh('Enforcement case')} {case.number}")).to_be_visible()

    form = page.locator("form.evidence-form")
    form.locator("select[name=kind]").select_option("document")
    form.locator("textarea[name=description]").fill("进货单据，显示茶叶购自外省")
    form.locator("select[name=second_officer]").select_option(str(partner.pk))
    form.locator("input[name=file]").set_input_files(str(photo))
    form.get_by_role("button", name=zh("Add evidence")).click()
    expect(page.get_by_role("cell", name="进货单据，显示茶叶购自外省").first).to_be_visible()
    assert CaseEvidence.objects.get(case=case).original_name == "invoice.pdf"

    page.get_by_role("link", name=zh("Investigate and report")).click()
    page.locator("button[name=_continue]").click()
    page.wait_for_url("**/execute/**")
    page.locator("input[name=action][value=report]").check(force=True)
    page.locator("textarea[name=report]").fill("当事人销售的茶叶产自保护地域以外，擅自使用西湖龙井专用标志。")
    page.locator("select[name=proposed_outcome]").select_option("penalty")
    page.locator("input[name=proposed_fine]").fill("20000")
    page.get_by_role("button", name=zh("Execute"), exact=True).click()
    # The server shares the test's SQLite connection: read only after it has redirected away.
    page.wait_for_url(lambda url: "/execute/" not in url)
    case = EnforcementCase.objects.get(pk=case.pk)
    assert case.status == "review" and case.proposed_fine == 20000

    # Review by the bureau's staff (not an investigating officer), then the lead approves in the browser.
    walk.step(bureau.reviewer, "review", "review", {"approve": "yes", "opinion": "事实清楚，证据确凿"})
    page.context.clear_cookies()
    log_in(page, live_server.url, bureau.lead.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    open_task(page, live_server.url, case.number, "Approve the proposed decision")
    page.locator("input[name=approve][value=yes]").check(force=True)
    page.get_by_role("button", name=zh("Execute"), exact=True).click()
    page.wait_for_url(lambda url: "/execute/" not in url)
    assert EnforcementCase.objects.get(pk=case.pk).status == "notice"

    walk.step(inspector, "notice", "serve_notice", {"served_on": days_ago(10), "method": "direct"})
    walk.step(inspector, "defence", "record_defence", {"defence": "当事人无异议"})
    walk.step(inspector, "recheck", "recheck", {"opinion": "维持原处罚意见"})
    walk.step(bureau.lead, "decision", "decide", {"outcome": "penalty", "fine": "20000", "grounds": "依据规定"})
    walk.step(inspector, "service", "serve_decision", {"served_on": days_ago(0), "method": "direct"})
    today = days_ago(0)
    walk.step(inspector, "execution", "record_execution", {"paid_on": today, "amount_paid": "20000"})

    page.context.clear_cookies()
    log_in(page, live_server.url, inspector.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    open_task(page, live_server.url, case.number, "Close the case")
    page.locator("textarea[name=summary]").fill("罚款已按期缴清，案件办结。")
    page.get_by_role("button", name=zh("Execute"), exact=True).click()
    page.wait_for_url(lambda url: "/execute/" not in url)
    assert EnforcementCase.objects.get(pk=case.pk).status == "closed"


def open_task(page: Page, base_url: str, number: str, title: str) -> None:
    """From the case list to the case page, then its open task: take it and open its form."""
    page.goto(f"{base_url}/enforcement/")
    page.get_by_role("link", name=number).first.click()
    page.get_by_role("link", name=zh(title)).click()
    page.locator("button[name=_continue]").click()
    page.wait_for_url("**/execute/**")
