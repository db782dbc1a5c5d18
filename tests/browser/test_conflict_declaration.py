"""In Chromium, on the demo's data: an inspector declares a conflict of interest (利益冲突申报,
ADR 0046) from the supervision page, with the page's visible controls, and sees it listed."""

import pytest
from playwright.sync_api import Page, expect

from cases.models import ConflictOfInterest
from tests.browser.walks import Walker, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_an_inspector_declares_a_conflict_through_the_page(page: Page, live_server):
    seed_demo()
    walker = Walker(page, live_server.url)
    walker.sign_in("xh_county_inspector")
    walker.open_from_menu(zh("Supervision"))
    walker.click(page.get_by_role("link", name=zh("Conflicts of interest")))
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Conflicts of interest"))
    form = page.locator("form.card")
    form.get_by_label(zh("Product")).select_option(label="西湖龙井")
    form.get_by_label(zh("Reason")).fill("配偶在西湖龙井产区经营茶企")
    walker.click(form.get_by_role("button", name=zh("Declare the conflict")))
    expect(page.get_by_role("row").filter(has_text="配偶在西湖龙井产区经营茶企")).to_be_visible()
    walker.shot("conflicts-inspector")
    conflict = ConflictOfInterest.objects.get()
    assert conflict.inspector.username == conflict.declared_by.username == "xh_county_inspector"
    assert conflict.product is not None and conflict.product.name == "西湖龙井"
