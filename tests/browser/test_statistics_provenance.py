"""In Chromium, on the demo's data: 浙江省's statistics officer fills in the form laid out as printed
(counted figures read-only, typed answers as inputs), then opens, from 数字来源 under the form,
the records behind a figure and one record's own page."""

import pytest
from playwright.sync_api import Page, expect

from reports.figures import FIGURES
from reports.form_layout import ANSWER_FIELDS
from tests.browser.walks import Walker, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_the_officer_sees_where_each_figure_comes_from(page: Page, live_server):
    seed_demo()
    walker = Walker(page, live_server.url)
    walker.sign_in("zj_stats")
    walker.open_from_menu(zh("Statistics"), "浙江省")

    # The form being filled in: every typed field of the layout is an input inside its row.
    walker.click(page.get_by_role("link", name=zh("Fill in the form")))
    page.wait_for_url("**/edit/")
    table = page.locator("table.stat-form")
    for name in ANSWER_FIELDS:
        expect(table.locator(f"[name={name}]")).to_be_visible()
    expect(table.locator(".figure").first).to_be_visible()  # counted, not typed
    expect(table.locator(".figure input")).to_have_count(0)
    walker.shot("statistics-provenance-01-form")
    walker.open_from_menu(zh("Statistics"), "浙江省")

    # 数字来源: each figure with the records it counts; open those behind the authorised enterprises.
    sources = page.locator("section.provenance")
    expect(sources).to_be_visible()
    walker.shot("statistics-provenance-02-sources")
    row = sources.get_by_role("row").filter(has_text=str(FIGURES["mark_users_authorised"].label))
    walker.click(row.get_by_role("link"))
    page.wait_for_url("**/figures/mark_users_authorised/")
    records = page.locator("table.figure-records tbody tr")
    expect(records.first.get_by_role("link")).to_be_visible()
    walker.shot("statistics-provenance-03-records")

    # A record opens its own page (the declaration's process page).
    reference = records.first.get_by_role("link").inner_text()
    walker.click(records.first.get_by_role("link"))
    page.wait_for_load_state("domcontentloaded")
    expect(page.locator("main")).to_contain_text(reference)
    walker.shot("statistics-provenance-04-record")
