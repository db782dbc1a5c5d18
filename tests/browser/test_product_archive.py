"""In Chromium, on the demo's data: 西湖区's inspector opens 产品档案 from the staff menu, finds
西湖龙井, reads what its archive holds and which elements are missing. Screenshot in
test-results/walk-product-archive.png."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.walks import Walker, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_staff_read_a_product_archive(page: Page, live_server):
    seed_demo()
    walker = Walker(page, live_server.url)
    walker.sign_in("xh_county_staff")
    walker.open_from_menu(zh("Product archives"))
    page.get_by_label(zh("Product name or pinyin")).fill("xihu")
    walker.click(page.get_by_role("button", name=zh("Search")))
    walker.click(page.get_by_role("link", name="西湖龙井"))

    expect(page.get_by_role("heading", level=1)).to_contain_text("西湖龙井")
    for title in ("Protection and announcements", "Standard, quality and area", "Authorised users of the mark"):
        expect(page.get_by_role("heading", name=zh(title))).to_be_visible()
    completeness = page.locator(".archive-completeness")
    expect(completeness.get_by_role("heading")).to_contain_text("%")
    expect(completeness.locator(".archive-element--present").first).to_be_visible()
    # The demo's 西湖龙井 has authorised users: their declarations are listed with a link to the case.
    expect(page.locator("#archive-users table tbody tr").first).to_be_visible()
    walker.shot("product-archive")
