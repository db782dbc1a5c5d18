"""In Chromium, on the demo's own data: the README's statistics journey. 浙江省's statistics officer
fills in the report the demo opened for the next period and submits it, the province's lead
approves it and the 科技司 accepts it. Who acts at each step is read from the report's page."""

import pytest
from playwright.sync_api import Page, expect

from reports.models import StatisticsReport
from tests.browser.walks import Walker, readme_logins, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def open_report(walker: Walker, province: str) -> None:
    """From the staff menu's 统计报表, then the province's row."""
    walker.open_from_menu(zh("Statistics"), province)
    expect(walker.page.get_by_role("heading", name="国家地理标志产品保护质量提升情况统计表")).to_be_visible()


def test_a_statistics_report_from_opening_to_acceptance(page: Page, live_server):
    seed_demo()
    report = StatisticsReport.objects.get(province__name="浙江省")
    assert report.status == StatisticsReport.Status.DRAFT
    reference = str(report)
    walker = Walker(page, live_server.url)

    # The draft's page names who fills it in: the province's statistics officer.
    walker.sign_in("zj_stats")
    open_report(walker, "浙江省")
    title, logins = walker.next_step()
    assert title == zh("Fill in and submit the statistics report") and logins == ["zj_stats"]
    walker.shot("statistics-01-draft")

    # 1. 蒋丽 fills in what the system does not hold, saves, and submits.
    walker.steps += 1
    walker.click(page.get_by_role("link", name=zh("Fill in the form")))
    page.wait_for_url("**/edit/")
    page.locator("input[name=contact_person]").fill("蒋丽")
    page.locator("input[name=contact_phone]").fill("0571-87654321")
    page.locator("textarea[name=stage_report]").fill(
        "本期全省开展地理标志产品专用标志使用核查，重点核查西湖龙井等产品的用标企业，未发现重大问题。"
    )
    walker.shot("statistics-02-form")
    walker.click(page.get_by_role("button", name=zh("Save")))
    expect(page.get_by_text(zh("The report was saved."))).to_be_visible()
    walker.click(page.get_by_role("button", name=zh("Submit to the lead for approval")))
    expect(page.get_by_text(zh("The report was frozen and sent to your lead for approval."))).to_be_visible()
    title, logins = walker.next_step()
    assert title == zh("Approve the statistics report") and logins == ["zj_province_lead"]
    walker.shot("statistics-03-submitted")

    # 2. 卫东 approves it in the task's form.
    walker.sign_in(logins[0])
    walker.take_task(reference, title)
    walker.shot("statistics-04-approve")
    walker.choose(zh("Approve and submit to the 科技司"))
    walker.fill("comment", "数据已核对，同意上报。")
    walker.submit()
    open_report(walker, "浙江省")
    title, logins = walker.next_step()
    assert title == zh("Accept or return the statistics report") and "kjs_staff" in logins

    # 3. 李晓明 of the 科技司 accepts it.
    walker.sign_in("kjs_staff")
    walker.take_task(reference, title)
    walker.choose(zh("Accept the report"))
    walker.fill("comment", "已接收。")
    walker.submit()
    open_report(walker, "浙江省")
    expect(page.locator("section.next-step .next-step-item")).to_have_count(0)
    expect(page.locator("dl.facts")).to_contain_text(zh("accepted"))
    walker.shot("statistics-05-accepted")
    assert StatisticsReport.objects.get(pk=report.pk).status == StatisticsReport.Status.ACCEPTED

    assert walker.login_order() == readme_logins("A statistics report, from opening to acceptance")
    print(f"\nwalk statistics report: {walker.figures()}")
