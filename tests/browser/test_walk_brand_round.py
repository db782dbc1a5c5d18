"""In Chromium, on the demo's own data: the README's brand evaluation journey. The 质量司 opens the
year's round, 浙江省 and 福建省 recommend products with their dossiers, and each stage is done by its
body and approved by the 质量司's lead, until the 信息中心 publishes the top 50 on the register.
Who acts at each step is read from the round's page; only visible controls are clicked."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from brands.models import BrandRound, Recommendation, Stage
from tests.browser.walks import Walker, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

PDF = b"%PDF-1.4\n%%EOF\n"


def open_round_page(walker: Walker, reference: str) -> None:
    """From the staff menu's 品牌评价, then the round's row."""
    walker.open_from_menu(zh("Brand evaluation"), reference)
    expect(walker.page.get_by_role("heading", name=reference)).to_be_visible()


def who_acts(walker: Walker, reference: str) -> tuple[str, list[str]]:
    open_round_page(walker, reference)
    return walker.next_step()


def recommend(walker: Walker, reference: str, product: str, plan: bool, dossier) -> None:
    page = walker.page
    open_round_page(walker, reference)
    walker.steps += 1
    walker.click(page.get_by_role("link", name=zh("Recommend a product")))
    page.locator("select[name=product]").select_option(label=product)
    walker.clicks += 1
    walker.click(page.locator(f"input[name=has_plan][value={'yes' if plan else 'no'}]"))
    page.locator("textarea[name=reason]").fill(f"{product}品质稳定，区域品牌知名度高。")
    page.locator("input[name=dossier_1]").set_input_files(str(dossier))
    walker.shot(f"brands-recommend-{product}")
    walker.click(page.get_by_role("button", name=zh("Recommend"), exact=True))
    expect(page.locator("ul.messages")).to_contain_text(product)


def do_stage(walker: Walker, reference: str, title: str, fill=None, shot: str | None = None) -> None:
    # 我的工作 shows a round by its year, its number (brands/flows.py): the title's first four characters.
    walker.take_task(reference[:4], title)
    if fill is not None:
        fill(walker)
    if shot:
        walker.shot(shot)
    walker.submit_accepted()


def approve_stage(walker: Walker, reference: str) -> None:
    _title, logins = who_acts(walker, reference)
    assert logins == ["zls_lead"], logins
    walker.sign_in("zls_lead")
    do_stage(
        walker,
        reference,
        zh("Approve the end of the stage"),
        lambda w: w.choose(zh("Approve: move on to the next stage")),
    )


def test_a_brand_round_from_the_call_to_publication(page: Page, live_server, tmp_path):
    seed_demo()
    today = timezone.localdate()
    walker = Walker(page, live_server.url)
    dossier = tmp_path / "推荐材料.pdf"
    dossier.write_bytes(PDF)

    # 1. 韦嘉欣 of the 质量司 opens the year's round.
    walker.sign_in("zls_staff")
    walker.open_from_menu(zh("Brand evaluation"))
    walker.shot("brands-01-rounds")
    walker.steps += 1
    walker.click(page.get_by_role("link", name=zh("Open a round")))
    page.locator("input[name=recommendations_due]").fill((today + datetime.timedelta(days=20)).isoformat())
    walker.click(page.get_by_role("button", name=zh("Open the round")))
    brand_round = BrandRound.objects.get(year=today.year)
    reference = zh("%(year)s GI brand evaluation") % {"year": today.year}
    expect(page.get_by_role("heading", name=reference)).to_be_visible()
    title, logins = walker.next_step()
    assert title == zh("Carry out the round's stage") and "zls_staff" in logins
    walker.shot("brands-02-opened")

    # 2. 褚文 of 浙江省 and 3. 林志远 of 福建省 recommend their products with a dossier.
    walker.sign_in("zj_province_staff")
    recommend(walker, reference, "西湖龙井", True, dossier)
    walker.sign_in("fj_province_staff")
    recommend(walker, reference, "安溪铁观音", False, dossier)
    walker.shot("brands-03-recommended")

    # The call closes, then each stage by its body, each approved by the 质量司's lead.
    work = zh("Carry out the round's stage")
    walker.sign_in("zls_staff")
    do_stage(walker, reference, work)  # the call is closed
    approve_stage(walker, reference)
    walker.sign_in("zls_staff")
    do_stage(walker, reference, work, shot="brands-04-screening")
    approve_stage(walker, reference)
    _title, logins = who_acts(walker, reference)
    assert "expert1" in logins
    walker.sign_in("expert1")
    do_stage(walker, reference, work, lambda w: w.fill("comment", "两个产品材料齐全，同意进入评价。"))
    approve_stage(walker, reference)

    _title, logins = who_acts(walker, reference)
    assert logins == ["ppb_staff"]
    walker.sign_in("ppb_staff")

    def scores(w: Walker) -> None:
        for label, value in (("西湖龙井", "888"), ("安溪铁观音", "906")):
            w.form().get_by_label(zh("Brand strength of %(product)s") % {"product": label}).fill(value)

    def values(w: Walker) -> None:
        for label, value in (("西湖龙井", "72.30"), ("安溪铁观音", "1436.50")):
            w.form().get_by_label(zh("Brand value of %(product)s (¥100 million)") % {"product": label}).fill(value)

    do_stage(walker, reference, work, scores, shot="brands-05-scoring")
    approve_stage(walker, reference)
    walker.sign_in("ppb_staff")
    do_stage(walker, reference, work, values)
    approve_stage(walker, reference)
    walker.sign_in("zls_staff")
    do_stage(walker, reference, work)  # both samples passed
    approve_stage(walker, reference)

    # The 质量司's lead approves the results and their ranking; the 信息中心 publishes them.
    _title, logins = who_acts(walker, reference)
    assert logins == ["zls_lead"]
    walker.sign_in("zls_lead")
    do_stage(walker, reference, work, lambda w: w.choose(zh("Approve the results and the ranking")))
    _title, logins = who_acts(walker, reference)
    assert logins == ["xxzx_staff"]
    walker.sign_in("xxzx_staff")
    do_stage(walker, reference, work, shot="brands-06-publish")
    open_round_page(walker, reference)
    expect(page.locator("section.next-step .next-step-item")).to_have_count(0)
    expect(page.locator("dl.facts")).to_contain_text(zh("published"))
    walker.shot("brands-07-published")
    assert BrandRound.objects.get(pk=brand_round.pk).status == Stage.PUBLISHED
    longjing = Recommendation.objects.get(round=brand_round, product__name="西湖龙井")
    assert (longjing.rank, longjing.category_rank, longjing.top) == (2, 2, True)
    assert longjing.value_change == longjing.value - longjing.previous_value  # last year's demo round

    # Anyone: the register's top 50, found by pinyin, and the product's page with its result.
    page.context.clear_cookies()
    walker.go("/")
    walker.click(page.get_by_role("link", name=zh("Brand top 50")))
    expect(page.locator("table.list")).to_contain_text("1436.50")
    page.get_by_label(zh("Name or pinyin")).fill("xhlj")
    walker.click(page.get_by_role("button", name=zh("Search")))
    expect(page.locator("table.list tbody tr")).to_have_count(1)
    walker.shot("brands-08-register")
    walker.click(page.get_by_role("link", name="西湖龙井"))
    expect(page.locator("dl.brand-result")).to_contain_text("72.30")
    walker.shot("brands-09-product")

    print(f"\nwalk brand round: {walker.figures()}")
