"""In Chromium: regions are picked province → city → county, or found by name; nobody types a
GB/T 2260 code and no page lists the ~2,800 counties at once."""

import pytest
from playwright.sync_api import Page, expect

from cases.models import Declaration, EnforcementCase
from tests.browser.test_declaration_journey import log_in, tiny_png, zh
from tests.factories.cases import longjing, producer_with_enterprise

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def picker(page: Page, field: str):
    return page.locator(f".region-picker[data-name='{field}']")


def test_a_report_names_its_city_through_linked_selects(page: Page, live_server):
    longjing()
    page.goto(f"{live_server.url}/report/")
    region = picker(page, "region")
    assert region.locator("option").count() < 100  # the provinces only, not every county
    region.get_by_label(zh("Province")).select_option(label="浙江省")
    region.get_by_label(zh("City")).select_option(label="杭州市")
    expect(region.get_by_label(zh("County or district"))).to_have_count(0)  # a report names a city at most
    page.get_by_label(zh("What is wrong")).select_option(index=1)
    page.get_by_label(zh("Seller or producer (name, shop, address)")).fill("某超市")
    page.get_by_label(zh("What you saw (when, where, how)")).fill("标注西湖龙井的茶叶产地为外省。")
    page.get_by_role("button", name=zh("Send the report")).click()
    case = EnforcementCase.objects.get()
    expect(page.get_by_text(case.number)).to_be_visible()
    assert case.bureau.region.code == "330100"


def test_a_producer_finds_the_county_by_name(page: Page, live_server, tmp_path):
    producer, _enterprise = producer_with_enterprise("330100", username="tea_producer", name="杭州狮峰茶业有限公司")
    longjing()
    files = {name: tmp_path / name for name in ("licence.pdf", "report.pdf")}
    for path in files.values():
        path.write_bytes(PDF)
    (tmp_path / "label.png").write_bytes(tiny_png())

    log_in(page, live_server.url, producer.username)
    page.get_by_role("link", name=zh("New self-declaration")).click()
    region = picker(page, "production_region")
    region.get_by_label(zh("Search a region by name")).fill("西湖")
    region.get_by_role("button", name="浙江省 / 杭州市 / 西湖区").click()
    expect(region.get_by_label(zh("County or district"))).to_have_value("330106")
    page.get_by_label(zh("GI product")).select_option(label="西湖龙井")
    page.get_by_label(zh("Production address")).fill("杭州市西湖区龙井村8号")
    page.get_by_label(zh("Declared annual output")).fill("800")
    page.get_by_label(zh("Label as printed")).fill("西湖龙井 地理标志保护产品")
    page.locator("#id_business_licence").set_input_files(str(files["licence.pdf"]))
    page.locator("#id_inspection_report").set_input_files(str(files["report.pdf"]))
    page.locator("#id_label_proof").set_input_files(str(tmp_path / "label.png"))
    page.locator("#id_commitment_accepted").check()
    page.get_by_role("button", name=zh("Declare and publish")).click()
    expect(page.get_by_role("heading", name=zh("Self-declaration"), exact=False)).to_be_visible()
    assert Declaration.objects.get().production_region.code == "330106"


def test_a_late_answer_for_the_city_does_not_undo_adding_it(page: Page, live_server):
    """Choosing a city asks the server for its counties; pressing "add" at once asks for the first
    level again. Whichever answer arrives last, the picker shows the reset levels, not the city's."""
    from tests.browser.walks import Walker, seed_demo

    seed_demo()
    held = []
    page.route(
        "**/regions/levels/?*",
        lambda route: held.append(route) if "code=330100" in route.request.url else route.continue_(),
    )
    walker = Walker(page, live_server.url)
    walker.sign_in("zj_province_lead")
    page.goto(f"{live_server.url}/supervision/new/")
    regions = picker(page, "regions")
    regions.get_by_label(zh("Province")).select_option(label="浙江省")
    regions.get_by_label(zh("City")).select_option(label="杭州市")  # its counties are held back
    regions.get_by_role("button", name=zh("Add the chosen region")).click()
    expect(regions.locator(".region-picker__chosen")).to_contain_text("浙江省 / 杭州市")
    expect(regions.get_by_label(zh("City"))).to_have_count(0)

    assert len(held) == 1
    with page.expect_event("requestfinished", lambda request: "code=330100" in request.url):
        held[0].continue_()
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 200))")  # let the answer land
    expect(regions.get_by_label(zh("City"))).to_have_count(0)
    expect(regions.get_by_label(zh("Province"))).to_have_value("")
