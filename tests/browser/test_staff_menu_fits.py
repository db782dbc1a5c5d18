"""The staff menu keeps to one line on a 1280-pixel screen for the person who has every entry (the
administrator), and the promotion programme's pages are found in its 运用促进 group, on a desktop
and on a phone, by clicking what is on the screen."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from demo.personas import DEMO_PASSWORD
from tests.browser.walks import Walker, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def rows_of_the_menu(page: Page) -> int:
    """How many lines the header's entries take: the distinct tops of its links and groups."""
    tops = page.locator("header nav").evaluate(
        "nav => [...nav.querySelectorAll(':scope > a, :scope > details > summary, :scope > form')]"
        ".map(el => Math.round(el.getBoundingClientRect().top))"
    )
    assert tops, "the header shows no entries"
    return len({top // 10 for top in tops})


def open_in_programme(walker: Walker, link_name: str) -> None:
    walker.open_my_work()
    menu = walker.page.locator("header nav")
    link = menu.get_by_role("link", name=link_name, exact=True)
    expect(link).to_be_hidden()  # folded inside the group until it is opened
    walker.click(menu.locator("summary", has_text=zh("GI promotion programme")))
    walker.click(link)


def test_the_whole_menu_on_one_line_and_the_programme_in_its_group(page: Page, live_server):
    get_user_model().objects.create_superuser("root", "root@example.org", DEMO_PASSWORD)
    walker = Walker(page, live_server.url)
    page.set_viewport_size(LAPTOP)
    walker.sign_in("root")
    walker.open_my_work()
    assert rows_of_the_menu(page) == 1

    open_in_programme(walker, zh("Demonstration zones"))
    expect(page.get_by_role("heading", name=zh("Demonstration zones"), level=1)).to_be_visible()
    expect(page.locator("header nav summary.current")).to_have_text(zh("GI promotion programme"))

    page.set_viewport_size(PHONE)
    open_in_programme(walker, zh("Projects"))
    expect(page.get_by_role("heading", name=zh("Rural revitalisation projects"))).to_be_visible()
    # The sections are headed by their programme, the links under it.
    walker.click(page.locator("header nav summary", has_text=zh("GI promotion programme")))
    section = page.get_by_role("group", name=zh("Rural revitalisation"))
    expect(section.get_by_role("link", name=zh("Projects"), exact=True)).to_have_attribute("aria-current", "page")
