"""In Chromium: a producer declares with a label image and a PDF and checks the QR target;
then an inspector completes a drawn supervision check."""

import struct
import zlib

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from cases.declarations.services import declaration_submit
from cases.models import Declaration, SupervisionCheck
from tests.factories.cases import draft_declaration, longjing, producer_with_enterprise
from tests.factories.organizations import TEST_PASSWORD
from tests.factories.supervision import draw_and_open, provincial_campaign

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def tiny_png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x8c\x2f\x1b" * 2 + b"\x00" + b"\x3f\x6b\x3a" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label(zh("Username")).fill(username)
    page.get_by_label(zh("Password")).fill(TEST_PASSWORD)
    page.locator("form:not(.language-switcher)").get_by_role("button", name=zh("Log in")).click()


def test_producer_declares_and_the_qr_target_says_authorised(page: Page, live_server, tmp_path):
    producer, _enterprise = producer_with_enterprise(username="tea_producer", name="杭州狮峰茶业有限公司")
    longjing()
    label = tmp_path / "label.png"
    label.write_bytes(tiny_png())
    licence = tmp_path / "licence.pdf"
    licence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    log_in(page, live_server.url, producer.username)
    page.get_by_role("link", name=zh("New self-declaration")).click()
    page.get_by_label(zh("GI product")).select_option(label="西湖龙井")
    page.get_by_label(zh("Production address")).fill("杭州市西湖区龙井村8号")
    page.get_by_label(zh("Declared annual output")).fill("800")
    page.get_by_label(zh("Label as printed")).fill("西湖龙井 地理标志保护产品")
    page.locator("#id_business_licence").set_input_files(str(licence))
    page.locator("#id_inspection_report").set_input_files(str(licence))
    page.locator("#id_label_proof").set_input_files(str(label))
    page.locator("#id_commitment_accepted").check()
    page.get_by_role("button", name=zh("Declare and publish")).click()

    declaration = Declaration.objects.get()
    expect(page.get_by_role("heading", name=f"{zh('Self-declaration')} {declaration.reference}")).to_be_visible()
    with page.expect_download() as download_info:
        page.locator("a[href*='/documents/']").first.click()
    receipt = tmp_path / "receipt.pdf"
    download_info.value.save_as(receipt)
    assert receipt.read_bytes().startswith(b"%PDF-")
    page.locator("a[href*='/verify/']").click()
    expect(page.get_by_text(zh("Authorised"), exact=True)).to_be_visible()
    expect(page.get_by_text("杭州狮峰茶业有限公司").first).to_be_visible()
    page.screenshot(path=str(tmp_path / "verify.png"))


def test_inspector_completes_a_drawn_check(page: Page, live_server):
    producer, enterprise = producer_with_enterprise()
    _user, draft = draft_declaration(user=producer, enterprise=enterprise)
    declaration_submit(actor=producer, declaration=draft, commitment_accepted=True)
    lead, _inspectors, campaign = provincial_campaign(inspector_count=2, sample_size=1)
    check = draw_and_open(actor=lead, campaign=campaign, seed="browser")[0]
    inspector = check.inspector_a

    log_in(page, live_server.url, inspector.username)
    # 我的工作's 可领取 → the check's row → take it.
    page.goto(f"{live_server.url}/work/?show=offered")
    row = page.locator("table.my-work tr", has_text=zh("Check the declaration")).first
    row.get_by_role("button", name=zh("Take")).click()
    page.wait_for_url("**/execute/**")
    for field in ("document_review", "onsite_visit", "label_check", "sample_test"):
        page.locator(f"select[name={field}]").select_option("pass")
    page.locator("input[name=outcome][value=compliant]").check(force=True)
    page.get_by_role("button", name=zh("Execute"), exact=True).click()
    # The server shares the test's SQLite connection: read only after it has redirected away.
    page.wait_for_url(lambda url: "/execute/" not in url)
    assert SupervisionCheck.objects.get(pk=check.pk).status == "compliant"
    assert Declaration.objects.get(pk=check.declaration_id).status == "published"


def test_producer_withdraws_only_after_confirming(page: Page, live_server, tmp_path):
    producer, enterprise = producer_with_enterprise(username="withdrawing_producer", name="杭州梅家坞茶业有限公司")
    _user, draft = draft_declaration(user=producer, enterprise=enterprise)
    declaration = declaration_submit(actor=producer, declaration=draft, commitment_accepted=True)

    log_in(page, live_server.url, producer.username)
    page.goto(f"{live_server.url}/portal/declarations/{declaration.pk}/")
    page.get_by_role("link", name=zh("Withdraw…")).click()
    # The confirmation names the declaration and says what will happen; nothing has changed yet.
    expect(page.get_by_role("heading", name=zh("What will happen"))).to_be_visible()
    expect(page.get_by_text(declaration.reference).first).to_be_visible()
    page.screenshot(path=str(tmp_path / "withdraw-confirm.png"), full_page=True)
    assert Declaration.objects.get(pk=declaration.pk).status == "published"
    page.get_by_role("link", name=zh("Cancel")).click()
    page.wait_for_url(f"**/portal/declarations/{declaration.pk}/")
    assert Declaration.objects.get(pk=declaration.pk).status == "published"

    page.get_by_role("link", name=zh("Withdraw…")).click()
    page.get_by_label(zh("Reason")).fill("停止生产")
    page.get_by_role("button", name=zh("Confirm the withdrawal")).click()
    page.wait_for_url(f"**/portal/declarations/{declaration.pk}/")
    expect(page.get_by_text(zh("The declaration is withdrawn; the GI mark may no longer be used."))).to_be_visible()
    assert Declaration.objects.get(pk=declaration.pk).status == "withdrawn"
