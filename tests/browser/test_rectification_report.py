"""In Chromium: a producer ordered to rectify sends the rectification report with its evidence
from the declaration's page, and sees what was sent (issue 23, ADR 0047)."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from cases.declarations.notices import producer_accounts
from cases.models import RectificationReport
from tests import flows
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from workflows.supervision.flows import SupervisionCheckFlow

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_the_producer_reports_the_rectification_through_the_page(page: Page, live_server, tmp_path):
    declaration = published_declarations(1)[0]
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    check = draw_and_open(actor=lead, campaign=campaign, seed="browser-rectify")[0]
    findings = {
        "document_review": "pass",
        "onsite_visit": "pass",
        "label_check": "fail",
        "sample_test": "pass",
        "outcome": "rectification",
        "findings": "标签未标注生产者地址",
    }
    flows.complete(Client(), check.inspector_a, flows.open_task(SupervisionCheckFlow, check, "inspect"), findings)
    check.refresh_from_db()
    producer = producer_accounts(declaration).get()
    evidence = tmp_path / "新标签.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    log_in(page, live_server.url, producer.username)
    page.get_by_role("link", name=declaration.reference).first.click()
    due = zh("Rectify by %(due)s") % {"due": f"{check.rectification_due:%Y-%m-%d}"}
    expect(page.get_by_text(due)).to_be_visible()
    page.get_by_role("link", name=zh("Submit the rectification report")).click()
    expect(page.get_by_text("标签未标注生产者地址")).to_be_visible()
    page.get_by_label(zh("What you rectified")).fill("已重印标签，补充生产者地址：杭州市西湖区龙井村18号。")
    page.get_by_label(zh("Evidence (PDF, JPEG or PNG, ≤ 10 MB)")).set_input_files(str(evidence))
    page.screenshot(path=str(tmp_path / "rectification-form.png"), full_page=True)
    page.get_by_role("button", name=zh("Send the rectification report")).click()

    expect(page.get_by_text(zh("Your rectification report was sent."))).to_be_visible()
    expect(page.get_by_text("已重印标签，补充生产者地址：杭州市西湖区龙井村18号。")).to_be_visible()
    expect(page.get_by_role("link", name=zh("Submit the rectification report"))).to_have_count(0)
    page.screenshot(path=str(tmp_path / "rectification-sent.png"), full_page=True)
    report = RectificationReport.objects.get()
    assert report.submitted_by == producer and not report.late
    assert list(report.files.values_list("original_name", flat=True)) == ["新标签.pdf"]
