"""In Chromium, on the demo's data: a member of 浙江省局 opens 案件, types part of the applicant
body's name, sees its applications and opens one; 福建省局 finds nothing of Zhejiang's. Screenshots
at desk and phone width go to /tmp/case-search-*.png."""

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cases.models import Application
from tests.browser.walks import Walker, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOTS = Path(tempfile.gettempdir())


def search(walker: Walker, text: str) -> None:
    walker.go("/cases/")
    expect(walker.page.get_by_role("heading", name=zh("Find a case"))).to_be_visible()
    walker.page.get_by_label(zh("Case number, party, credit code or product")).fill(text)
    walker.click(walker.page.get_by_role("button", name=zh("Search"), exact=True))
    walker.page.wait_for_load_state("domcontentloaded")


def test_staff_find_an_application_by_part_of_the_applicant_name_and_open_it(page: Page, live_server):
    seed_demo()
    application = Application.objects.get(product_name="西湖藕粉")
    page.set_viewport_size(DESK)
    walker = Walker(page, live_server.url)

    walker.sign_in("zj_province_staff")
    search(walker, "龙井茶产业")
    row = page.get_by_role("row").filter(has_text=application.reference)
    expect(row).to_have_count(1)
    for words in (
        "西湖藕粉",
        "杭州市西湖区龙井茶产业协会",
        zh("protection application"),
        zh("preliminary examination"),
    ):
        expect(row).to_contain_text(words)
    expect(page.get_by_role("row").filter(has_text="杭州龙井虾仁")).to_have_count(1)
    page.screenshot(path=SHOTS / "case-search-desk.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS / "case-search-phone.png", full_page=True)
    page.set_viewport_size(DESK)

    walker.click(row.get_by_role("link", name=application.reference))
    expect(page.get_by_role("heading", name=re.compile(re.escape(application.reference)))).to_be_visible()
    assert page.url.endswith(f"/applications/{application.pk}/")
    page.screenshot(path=SHOTS / "case-search-opened.png", full_page=True)

    # A status of another kind than the one chosen: the page says why and shows nothing.
    walker.go("/cases/")
    page.get_by_label(zh("Kind of case")).select_option(label=zh("self-declaration"))
    page.get_by_label(zh("Status")).select_option(label=zh("clue under verification"))
    walker.click(page.get_by_role("button", name=zh("Search"), exact=True))
    expect(page.get_by_role("alert")).to_contain_text(zh("clue under verification"))
    expect(page.get_by_role("table")).to_have_count(0)
    page.screenshot(path=SHOTS / "case-search-refused.png", full_page=True)

    # Another province's staff search the same words and the same number: nothing of Zhejiang's.
    walker.sign_in("fj_province_staff")
    for text in ("龙井茶产业", application.reference):
        search(walker, text)
        expect(page.get_by_text(zh("No case you may see matches the search."))).to_be_visible()
        expect(page.get_by_role("link", name=application.reference)).to_have_count(0)


def test_a_county_inspector_finds_the_enforcement_clue_by_its_party_and_the_open_filter(page: Page, live_server):
    seed_demo()
    page.set_viewport_size(DESK)
    walker = Walker(page, live_server.url)
    walker.sign_in("xh_county_staff")
    walker.go("/cases/")
    page.get_by_label(zh("Case number, party, credit code or product")).fill("河坊街")
    page.get_by_label(zh("Kind of case")).select_option(label=zh("enforcement case"))
    walker.click(page.get_by_label(zh("Open cases only")))
    walker.click(page.get_by_role("button", name=zh("Search"), exact=True))
    row = page.get_by_role("row").filter(has_text="河坊街")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(zh("clue under verification"))
    page.screenshot(path=SHOTS / "case-search-enforcement.png", full_page=True)
    walker.click(row.get_by_role("link").first)
    expect(page.get_by_role("heading", name=re.compile("地标执法"))).to_be_visible()
    page.set_viewport_size(PHONE)
    walker.go("/cases/?q=%E9%BE%99%E4%BA%95")  # 龙井: the declaration and the clue, on a phone
    page.screenshot(path=SHOTS / "case-search-phone-county.png", full_page=True)
    page.set_viewport_size(DESK)
    walker.click(page.get_by_role("button", name="English"))
    expect(page.get_by_role("heading", name="Find a case")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="河坊街")).to_contain_text("clue under verification")
    page.screenshot(path=SHOTS / "case-search-english.png", full_page=True)
