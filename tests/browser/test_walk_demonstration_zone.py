"""In Chromium, on the demo's own data: a demonstration zone from the government's application to
its naming, and a supervision tour. 杨帆 of the 西湖区 bureau enters 杭州市西湖区人民政府's
application (西湖龙井, the demo's mark user), the Zhejiang bureau recommends it and its lead
approves, the 科技司 reviews and its lead publishes the draft list; 30 working days later the lead
approves the preparation; the bureau reports the year and, three years on, asks for acceptance;
the province's site visit, the 科技司's assessment and its lead's naming follow. Who acts at
each step is read from the zone's page. The clock travels for the live server too (tests/clock.py)."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from deadlines.selectors import deadlines_for
from tests.browser.walks import Walker, seed_demo, zh
from zones.clocks import DRAFT_LIST
from zones.models import Tour, Zone

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
GOVERNMENT = "杭州市西湖区人民政府"


@pytest.fixture
def traveller():
    """Move the clock (the live server's thread too) and keep it ticking; only the last trip is undone."""
    current: list = []

    def travel(to: datetime.datetime) -> None:
        if current:
            current.pop().stop()
        current.append(time_machine.travel(to, tick=True))
        current[-1].start()

    yield travel
    if current:
        current.pop().stop()


def open_zone(walker: Walker) -> None:
    walker.open_from_menu(zh("Demonstration zones"), GOVERNMENT)
    expect(walker.page.get_by_role("heading", name=re.compile(GOVERNMENT))).to_be_visible()


def who_acts(walker: Walker, title: str) -> list[str]:
    open_zone(walker)
    step, logins = walker.next_step()
    assert step == zh(title), (step, title)
    return logins


def task(walker: Walker, reference: str, title: str, choose: str, fields: dict, shot: str) -> None:
    logins = who_acts(walker, title)
    walker.sign_in(logins[0])
    walker.take_task(reference, zh(title))
    walker.choose(zh(choose))
    for name, value in fields.items():
        walker.fill(name, value)
    walker.shot(shot)
    walker.submit_accepted()


def travel_to(walker: Walker, traveller, day: datetime.date) -> None:
    traveller(timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))))
    last = walker.signed_in_as
    walker.signed_in_as = None  # the session has long expired
    walker.sign_in(last)


def test_a_zone_from_application_to_naming_and_a_tour(page: Page, live_server, traveller):
    seed_demo()
    walker = Walker(page, live_server.url)

    # The demo's own zone: 五常市人民政府's application, being entered by the 五常市 bureau.
    walker.sign_in("wc_county_staff")
    walker.open_from_menu(zh("Demonstration zones"), "五常市人民政府")
    expect(page.get_by_text(zh("Complete and submit the zone application"))).to_be_visible()
    walker.shot("zone-00-demo-draft")

    # 1. 杨帆 enters the government's application, fills it in, adds a policy and submits.
    walker.sign_in("xh_county_staff")
    walker.open_from_menu(zh("Demonstration zones"))
    walker.click(page.get_by_role("link", name=zh("Enter a government's application")))
    page.locator("input[name=government]").fill(GOVERNMENT)
    page.locator("select[name=region]").select_option(index=1)  # the bureau's own region, the only one
    walker.clicks += 1
    walker.click(page.get_by_role("button", name=zh("Create the application")))
    expect(page.get_by_role("heading", name=re.compile(GOVERNMENT))).to_be_visible()
    reference = Zone.objects.get(government=GOVERNMENT).reference
    walker.click(page.get_by_role("link", name=zh("Fill in the application")))
    page.locator("textarea[name=standard_system]").fill("GB/T 18650-2008《地理标志产品 龙井茶》及西湖龙井茶园管理规范")
    page.locator("textarea[name=testing_system]").fill("西湖区农产品质量安全检测站，年抽检茶叶样品")
    page.locator("textarea[name=quality_system]").fill("茶园档案、采制记录与产品追溯，专用标志统一管理")
    page.locator("input[name=producers_count]").fill("1")
    page.locator("input[name=output_share]").fill("65")
    walker.click(page.locator("label", has_text="西湖龙井").first)
    walker.click(page.locator("input[name=no_quality_accident]"))
    walker.shot("zone-01-form")
    walker.click(page.get_by_role("button", name=zh("Save")))
    expect(page.get_by_text(zh("The zone meets the eligibility rule."))).to_be_visible()
    walker.click(page.get_by_role("link", name=zh("Add a policy document")))
    page.locator("input[name=title]").fill("西湖区西湖龙井茶产业扶持政策")
    page.locator("input[name=file]").set_input_files(
        files=[{"name": "扶持政策.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    walker.click(page.get_by_role("button", name=zh("Save")))
    walker.shot("zone-02-draft")
    walker.click(page.get_by_role("button", name=zh("Submit the application")))
    expect(page.locator(".messages, .message").first).to_contain_text(
        zh("The application was submitted with its eligibility as the register shows it.")
    )
    walker.steps += 1

    # 2.–5. The province recommends, its lead approves; the 科技司 reviews, its lead publishes.
    task(
        walker,
        reference,
        "Recommend the demonstration zone",
        "Recommend it (within the province's quota)",
        {},
        "zone-03-recommend",
    )
    task(walker, reference, "Approve the zone's recommendation", "Approve the recommendation", {}, "zone-04-approve")
    task(
        walker,
        reference,
        "Review the zone application",
        "Propose it for the draft list",
        {"comment": "材料齐全，符合条件。"},
        "zone-05-review",
    )
    task(
        walker,
        reference,
        "Publish the zone on the draft list",
        "Publish it on the draft list for 30 working days",
        {},
        "zone-06-publish",
    )
    zone = Zone.objects.get(reference=reference)
    assert zone.status == Zone.Status.ON_DRAFT_LIST
    open_zone(walker)
    expect(page.get_by_text(zh("Draft list and objections"))).to_be_visible()
    walker.shot("zone-07-draft-list")

    # 6. After the 30 working days, the 科技司's lead approves the preparation.
    window_ends = deadlines_for(zone).get(rule_code=DRAFT_LIST).due_on
    travel_to(walker, traveller, window_ends + datetime.timedelta(days=1))
    task(walker, reference, "Approve the zone for preparation", "Approve the preparation (筹建)", {}, "zone-08-prepare")
    zone.refresh_from_db()
    assert zone.status == Zone.Status.PREPARING

    # 7. The bureau submits each year's report by 31 December (the clock is on the zone's page).
    for year in range(zone.preparation_from.year, zone.preparation_until.year):
        if year > zone.preparation_from.year:
            travel_to(walker, traveller, datetime.date(year, 12, 20))
        logins = who_acts(walker, "Submit the zone's annual report")
        walker.sign_in(logins[0])
        open_zone(walker)
        walker.steps += 1
        walker.click(page.locator("a[href$='/annual-report/']"))
        page.locator("textarea[name=progress]").fill(f"{year}年：完成茶园档案全覆盖，新增检测项目2项。")
        walker.click(page.get_by_role("button", name=zh("Save")))
        expect(page.locator(".messages, .message").first).to_contain_text(zh("The annual report was submitted."))
    expect(page.locator("section", has=page.get_by_role("heading", name=zh("Annual reports")))).to_contain_text(
        "完成茶园档案全覆盖"
    )

    # 8. Three years on, the bureau requests the acceptance.
    travel_to(walker, traveller, Zone.objects.get(pk=zone.pk).preparation_until)
    logins = who_acts(walker, "Request the acceptance of the zone")
    walker.sign_in(logins[0])
    open_zone(walker)
    walker.steps += 1
    walker.click(page.get_by_role("button", name=zh("Request the acceptance")))
    walker.shot("zone-09-acceptance")

    # 9.–11. Site visit, national assessment, naming.
    task(
        walker,
        reference,
        "Record the expert site visit",
        "Ready for the national assessment",
        {"experts": "省局组织专家组（3人）", "findings": "三大体系健全，运行有效。"},
        "zone-10-site-visit",
    )
    task(
        walker,
        reference,
        "Assess the zone",
        "Passed: publish the naming notice",
        {"assessment": "评估通过。"},
        "zone-11-assess",
    )
    task(walker, reference, "Name the demonstration zone", "Name the zone", {}, "zone-12-name")
    zone.refresh_from_db()
    assert zone.status == Zone.Status.NAMED
    open_zone(walker)
    expect(page.locator("dl.facts").first).to_contain_text(zh("named"))
    walker.shot("zone-13-named")

    # 12. 褚文, an inspector of the Zhejiang bureau, records a supervision tour.
    walker.sign_in("zj_province_staff")
    open_zone(walker)
    walker.steps += 1
    walker.click(page.get_by_role("link", name=zh("Record a supervision tour")))
    page.locator("input[name=toured_on]").fill(timezone.localdate().isoformat())
    walker.click(page.locator("label", has_text="褚文").first)
    page.locator("textarea[name=standard]").fill("标准文本齐全，宣贯到位。")
    page.locator("textarea[name=testing]").fill("检测设备部分老化。")
    page.locator("textarea[name=quality]").fill("追溯系统运行正常。")
    walker.click(page.locator("label", has_text=zh("rectification required")).first)
    page.locator("textarea[name=problems]").fill("检测能力不足。")
    page.locator("input[name=item_1]").fill("更新农残检测设备")
    page.locator("input[name=due_1]").fill((timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    walker.shot("zone-14-tour-form")
    walker.click(page.get_by_role("button", name=zh("Save")))
    expect(page.get_by_text(zh("The supervision tour was recorded."))).to_be_visible()
    walker.shot("zone-15-toured")
    assert Tour.objects.get(zone=zone).items.count() == 1

    # Anyone: the public register lists the named zone, found by the product's pinyin initials.
    page.context.clear_cookies()
    walker.go("/")
    walker.click(page.get_by_role("link", name=zh("Demonstration zones"), exact=True).first)
    page.locator("input[name=q]").fill("xhlj")
    walker.click(page.get_by_role("button", name=zh("Search")))
    expect(page.get_by_role("cell", name=GOVERNMENT)).to_be_visible()
    walker.shot("zone-16-register")
    print(f"\nwalk demonstration zone: {walker.figures()}")
