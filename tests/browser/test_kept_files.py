"""In Chromium: a producer's chosen files survive a refused declaration; she fixes the one field
and submits without choosing them again."""

import pytest
from playwright.sync_api import Page, expect

from cases.models import Declaration
from tests.browser.test_declaration_journey import log_in, tiny_png, zh
from tests.factories.cases import longjing, producer_with_enterprise

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_files_chosen_before_a_refusal_are_kept_and_submitted(page: Page, live_server, tmp_path):
    producer, _enterprise = producer_with_enterprise(username="tea_producer", name="杭州狮峰茶业有限公司")
    longjing()
    (tmp_path / "licence.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    (tmp_path / "label.png").write_bytes(tiny_png())

    log_in(page, live_server.url, producer.username)
    page.get_by_role("link", name=zh("New self-declaration")).click()
    page.get_by_label(zh("GI product")).select_option(label="西湖龙井")
    page.get_by_label(zh("Declared annual output")).fill("800")
    page.get_by_label(zh("Label as printed")).fill("西湖龙井 地理标志保护产品")
    page.locator("#id_business_licence").set_input_files(str(tmp_path / "licence.pdf"))
    page.locator("#id_inspection_report").set_input_files(str(tmp_path / "report.pdf"))
    page.locator("#id_label_proof").set_input_files(str(tmp_path / "label.png"))
    page.locator("#id_commitment_accepted").check()
    page.get_by_role("button", name=zh("Declare and publish")).click()  # the address is missing

    for name in ("licence.pdf", "report.pdf", "label.png"):
        expect(page.get_by_text(zh("Kept: %(name)s") % {"name": name})).to_be_visible()
    page.screenshot(path=str(tmp_path / "kept.png"), full_page=True)
    assert not Declaration.objects.exists()
    page.get_by_label(zh("Production address")).fill("杭州市西湖区龙井村8号")
    page.locator("#id_commitment_accepted").check()
    page.get_by_role("button", name=zh("Declare and publish")).click()

    declaration = Declaration.objects.get()
    expect(page.get_by_role("heading", name=f"{zh('Self-declaration')} {declaration.reference}")).to_be_visible()
    names = sorted(declaration.attachments.values_list("original_name", flat=True))
    assert names == ["label.png", "licence.pdf", "report.pdf"]
