"""In Chromium, on the demo's own data: the README's supervision journey. 浙江省局's lead plans a
campaign over 杭州市 and 西湖龙井 at /supervision/ (found in the staff menu), picks the regions
province → city and the inspectors from the list, and draws; the worker opens the drawn check (its
job is run once, as `run_worker` does every few seconds); one of the two inspectors drawn checks
the producer's declaration and orders rectification, and after it they re-inspect: compliant.
Who acts next is read from the check's page, reached from the campaign's list of its checks."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import Declaration, SupervisionCheck
from tests.browser.walks import LOGIN_OF, README, Walker, readme_logins, seed_demo, zh
from workflows.jobs import job_named

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

INSPECTORS = ("xh_county_staff", "xh_county_inspector", "hz_city_staff")
NAME_OF = {login: name for name, login in LOGIN_OF.items()}


def record_result(walker: Walker, label_check: str, outcome: str, findings: str) -> None:
    """The check form: each part of the check's result, the findings, the proposed outcome."""
    for label in ("Document review", "On-site visit", "Sample test"):
        walker.pick(zh(label), zh("pass"))
    walker.pick(zh("Label check"), zh(label_check))
    walker.fill("findings", findings)
    walker.choose(outcome)
    walker.submit()


def test_a_campaign_from_the_draw_to_a_check_result(page: Page, live_server):
    seed_demo()
    declaration = Declaration.objects.get()
    walker = Walker(page, live_server.url)
    today = timezone.localdate()

    # 1. The lead plans the campaign from the staff menu's 监督检查, then draws.
    walker.sign_in("zj_province_lead")
    walker.steps += 1
    walker.open_from_menu(zh("Supervision"))
    walker.click(page.get_by_role("link", name=zh("Plan a campaign")))
    page.get_by_label(zh("Title")).fill("2026年西湖龙井专用标志使用专项检查")
    page.get_by_label(zh("Organiser")).select_option(label="浙江省市场监督管理局")
    regions = page.locator(".region-picker[data-name='regions']")
    regions.get_by_label(zh("Province")).select_option(label="浙江省")
    regions.get_by_label(zh("City")).select_option(label="杭州市")
    walker.click(regions.get_by_role("button", name=zh("Add the chosen region")))
    expect(regions.locator(".region-picker__chosen")).to_contain_text("浙江省 / 杭州市")
    # Adding resets the picker to its first level, fetched from the server: wait for it, so the
    # page does not shift under the clicks that follow.
    expect(regions.get_by_label(zh("City"))).to_have_count(0)
    page.get_by_label(zh("Products in scope (none: all)")).select_option(label="西湖龙井")
    page.get_by_label(zh("Declarations published from")).fill((today - datetime.timedelta(days=365)).isoformat())
    page.get_by_label(zh("Declarations published until")).fill(today.isoformat())
    page.get_by_label(zh("Number of declarations to check")).fill("1")
    page.get_by_label(zh("Eligible inspectors")).select_option(label=[NAME_OF[login] for login in INSPECTORS])
    walker.shot("supervision-01-plan")
    walker.click(page.get_by_role("button", name=zh("Save the plan")))
    expect(page).to_have_url(re.compile(r"/supervision/\d+/$"))
    walker.click(page.get_by_role("button", name=zh("Draw now")))
    expect(page.get_by_role("status")).to_be_visible()  # the check is being opened
    walker.shot("supervision-02-drawn")

    # The worker opens the drawn check, as run_worker's job does every two seconds.
    assert job_named("open_drawn_checks").run() == 1
    check = SupervisionCheck.objects.get()
    assert check.declaration == declaration
    drawn = {check.inspector_a.username, check.inspector_b.username}
    assert drawn <= set(INSPECTORS)

    # The campaign page lists its check; its page says who checks it.
    page.reload()
    row = page.get_by_role("row").filter(has_text=declaration.reference)
    walker.click(row.get_by_role("link").first)
    title, logins = walker.next_step()
    assert title == zh("Check the declaration") and set(logins) == drawn
    walker.shot("supervision-03-check")

    # 2. One of the two drawn inspectors checks the declaration: rectification.
    inspector = logins[0]
    walker.sign_in(inspector)
    walker.take_task(declaration.enterprise.name, title)
    walker.shot("supervision-04-check-form")
    record_result(walker, "fail", zh("Rectification within 30 days"), "标签未按规定标注专用标志编号，限30日内整改。")
    walker.open_done_case(declaration.enterprise.name)
    title, logins = walker.next_step()
    assert title == zh("Re-inspect after rectification") and inspector in logins
    walker.shot("supervision-05-rectification")

    # 3. The same inspector re-inspects after the rectification: compliant.
    walker.take_task(declaration.enterprise.name, title)
    record_result(walker, "pass", zh("Compliant"), "已按要求整改，标签标注规范。")
    walker.open_done_case(declaration.enterprise.name)
    expect(page.locator("section.next-step .next-step-item")).to_have_count(0)
    walker.shot("supervision-06-done")
    assert SupervisionCheck.objects.get().status == SupervisionCheck.Status.COMPLIANT

    # The README names the lead at step 1 and the inspectors to choose from; steps 2 and 3 are
    # for whichever two the draw picks, so the walk's second login must be one of those.
    journey = "A supervision campaign, from the draw to a check result"
    assert readme_logins(journey) == ["zj_province_lead"]
    step_one = README.read_text(encoding="utf-8").split(f"**{journey}", 1)[1].split("\n2. ", 1)[0]
    named_inspectors = re.findall(r"`([a-z_]+)`", step_one.split("inspectors", 1)[1])
    assert named_inspectors == list(INSPECTORS)
    assert walker.login_order() == ["zj_province_lead", inspector] and inspector in drawn
    print(f"\nwalk supervision campaign: {walker.figures()}")
