"""In Chromium, on the demo's own data: the promotion programme. 西湖区's staff record a training
activity and a media report, 杭州市's staff a work plan with its PDF; 浙江省's staff submit 西湖龙井's
page for the national GI site, the 信息中心 returns it with a reason, the province corrects it, the
信息中心 passes it and its lead publishes it. Who acts next is read from the page's own panel."""

import pytest
from playwright.sync_api import Page, expect

from promotion.models import MediaReport, PublicityActivity, SitePage, WorkPlan
from tests.browser.walks import Walker, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _save(walker: Walker, label: str) -> None:
    walker.click(walker.page.locator("form.record-form").get_by_role("button", name=label))
    walker.page.wait_for_load_state("domcontentloaded")


def test_promotion_records_and_a_national_site_page_to_publication(page: Page, live_server, tmp_path):
    seed_demo()
    walker = Walker(page, live_server.url)
    form = page.locator("form.record-form")

    # 杨帆 of 西湖区局 records a training activity and a media report.
    walker.sign_in("xh_county_staff")
    walker.open_from_menu(zh("Publicity and training"))
    walker.click(page.get_by_role("link", name=zh("Record an activity")))
    form.get_by_label(zh("Name of the activity")).fill("西湖龙井专用标志使用培训")
    form.get_by_label(zh("Kind of activity")).select_option(label=zh("training"))
    form.get_by_label(zh("Held on")).fill("2026-03-10")
    form.get_by_label(zh("Region")).select_option(label="西湖区 (330106)")
    walker.click(form.get_by_label("西湖龙井"))
    walker.shot("promotion-01-activity")
    _save(walker, zh("Save"))
    expect(page.get_by_text(zh("The activity was recorded."))).to_be_visible()
    walker.click(page.get_by_role("link", name=zh("Record a media report")))
    form.get_by_label(zh("Title")).fill("西湖龙井开采 地理标志护航")
    form.get_by_label(zh("Outlet")).fill("浙江日报")
    walker.click(form.get_by_label(zh("local media")))
    form.get_by_label(zh("Published on")).fill("2026-03-12")
    form.get_by_label(zh("Region")).select_option(label="西湖区 (330106)")
    _save(walker, zh("Save"))
    expect(page.get_by_text(zh("The media report was recorded."))).to_be_visible()
    walker.click(page.get_by_role("button", name=zh("Filter")))  # the whole period: both listed
    expect(page.locator("table.activities")).to_contain_text("西湖龙井专用标志使用培训")
    expect(page.locator("table.media-reports")).to_contain_text("浙江日报")
    walker.shot("promotion-02-publicity-list")

    # 沈涛 of 杭州市局 records the city's work plan with its document.
    walker.sign_in("hz_city_staff")
    walker.open_from_menu(zh("Work plans"))
    walker.click(page.get_by_role("link", name=zh("Record a work plan")))
    form.get_by_label(zh("Title")).fill("杭州市地理标志运用促进工作方案")
    form.get_by_label(zh("Adopted on")).fill("2026-02-01")
    form.get_by_label(zh("Covers from")).fill("2026-01-01")
    form.get_by_label(zh("Covers to")).fill("2026-12-31")
    document = tmp_path / "杭州市工作方案.pdf"
    document.write_bytes(PDF)
    form.get_by_label(zh("Document (PDF)")).set_input_files(str(document))
    walker.shot("promotion-03-plan")
    _save(walker, zh("Save"))
    expect(page.get_by_text(zh("The work plan was recorded."))).to_be_visible()
    expect(page.locator("table.work-plans")).to_contain_text("杭州市地理标志运用促进工作方案")
    walker.shot("promotion-04-plans")

    # 褚文 of 浙江省局 submits 西湖龙井's page for the province's section of the national site.
    walker.sign_in("zj_province_staff")
    walker.open_from_menu(zh("National site pages"))
    walker.click(page.get_by_role("link", name=zh("Submit a product page")))
    form.get_by_label(zh("GI product")).select_option(label="西湖龙井")
    form.get_by_label(zh("natural background")).fill("西湖群山环抱，土壤微酸，雨量充沛。")
    form.get_by_label(zh("cultural background")).fill("龙井茶采制历史悠久，手工炒制技艺传承至今。")
    form.get_by_label(zh("protected area")).fill("杭州市西湖区现辖行政区域。")
    form.get_by_label(zh("product standard")).fill("GB/T 18650-2008")
    form.get_by_label(zh("testing body")).fill("杭州市质量技术监督检测院")
    walker.shot("promotion-05-site-page-form")
    _save(walker, zh("Submit for review"))
    expect(page.get_by_text(zh("The page was submitted to the 信息中心 for review."))).to_be_visible()
    reference = SitePage.objects.get().reference
    title, logins = walker.next_step()
    assert title == zh("Review the national site page") and logins == ["xxzx_staff"]
    walker.shot("promotion-06-site-page-submitted")

    # 温雅婷 of the 信息中心 returns it with a reason.
    walker.sign_in("xxzx_staff")
    walker.take_task(reference, title)
    walker.shot("promotion-07-review")
    walker.choose(zh("Return it to the province"))
    walker.fill("comment", "请补充检测机构的资质说明。")
    walker.submit_accepted()

    # 褚文 reads the reason on the page and corrects it.
    walker.sign_in("zj_province_staff")
    walker.open_from_menu(zh("National site pages"), reference)
    expect(page.locator("dl.facts").first).to_contain_text("请补充检测机构的资质说明。")
    title, logins = walker.next_step()
    assert title == zh("Correct the page and submit it again") and "zj_province_staff" in logins
    walker.click(page.get_by_role("link", name=zh("Correct the page")))
    form.get_by_label(zh("testing body")).fill("杭州市质量技术监督检测院（国家级资质）")
    _save(walker, zh("Submit for review"))
    expect(page.get_by_text(zh("The corrected page was submitted again."))).to_be_visible()

    # 温雅婷 passes it; 严志华, lead of the 信息中心, publishes it.
    walker.sign_in("xxzx_staff")
    walker.take_task(reference, zh("Review the national site page"))
    walker.choose(zh("The page is correct: send it for publication"))
    walker.submit_accepted()
    walker.sign_in("xxzx_lead")
    walker.take_task(reference, zh("Publish the national site page"))
    walker.shot("promotion-08-publish")
    walker.choose(zh("Publish it on the national site"))
    walker.submit_accepted()
    walker.open_from_menu(zh("National site pages"), reference)
    expect(page.locator("dl.facts").first).to_contain_text(zh("published on the national site"))
    walker.shot("promotion-09-published")

    assert SitePage.objects.get().status == SitePage.Status.PUBLISHED
    assert PublicityActivity.objects.filter(name="西湖龙井专用标志使用培训").exists()
    assert MediaReport.objects.filter(outlet="浙江日报", level="local").exists()
    assert WorkPlan.objects.filter(title="杭州市地理标志运用促进工作方案").exists()
    print(f"\nwalk promotion: {walker.figures()}")
