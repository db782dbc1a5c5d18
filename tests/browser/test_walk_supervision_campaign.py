"""In Chromium, on the demo's own data: the README's supervision journey. An inspector declares a
conflict of interest with 西湖龙井 from the staff menu (利益冲突申报), so the draw skips them; 浙江省局's lead plans a
campaign over 杭州市 and 西湖龙井 at /supervision/ (found in the staff menu), picks the regions
province → city and the inspectors from the list, and draws; the worker opens the drawn check (its
job is run once, as `run_worker` does every few seconds); one of the two inspectors drawn checks
the producer's declaration and orders rectification; the producer reports the rectification with
its evidence in the portal, where the declaration names the re-inspection as what follows; the
inspector reads the report on the re-inspection task and closes the check: compliant.
Who acts next is read from the check's page, reached from the campaign's list of its checks."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import ConflictOfInterest, Declaration, SupervisionCheck
from tests.browser.walks import LOGIN_OF, README, Walker, readme_logins, seed_demo, zh
from tests.factories.cases import PDF_BYTES as PDF
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
    declaration = Declaration.objects.get(enterprise__accounts__user__username="producer")  # the demo's own
    walker = Walker(page, live_server.url)
    today = timezone.localdate()

    # 1. An inspector declares a conflict with 西湖龙井 (the menu's 监督检查 → 利益冲突申报).
    walker.sign_in("xh_county_inspector")
    walker.steps += 1
    walker.open_from_menu(zh("Conflicts of interest"))
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Conflicts of interest"))
    form = page.locator("form.card")
    form.get_by_label(zh("Product")).select_option(label="西湖龙井")
    form.get_by_label(zh("Reason")).fill("配偶在西湖龙井产区经营茶企")
    walker.click(form.get_by_role("button", name=zh("Declare the conflict")))
    expect(page.get_by_role("row").filter(has_text="配偶在西湖龙井产区经营茶企")).to_be_visible()
    walker.shot("supervision-00-conflict")
    conflict = ConflictOfInterest.objects.get()
    assert conflict.inspector.username == conflict.declared_by.username == "xh_county_inspector"

    # 2. The lead plans the campaign from the staff menu's 监督检查, then draws.
    walker.sign_in("zj_province_lead")
    walker.steps += 1
    walker.open_from_menu(zh("Supervision campaigns"))  # in the menu's 监督检查 group
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
    assert drawn == set(INSPECTORS) - {"xh_county_inspector"}  # the conflicted inspector stood aside
    assert SupervisionCheck.objects.get().campaign.conflicts_excluded == 1

    # The campaign page lists its check; its page says who checks it.
    page.reload()
    row = page.get_by_role("row").filter(has_text=declaration.reference)
    walker.click(row.get_by_role("link").first)
    title, logins = walker.next_step()
    assert title == zh("Check the declaration") and set(logins) == drawn
    walker.shot("supervision-03-check")

    # 3. One of the two drawn inspectors checks the declaration: rectification.
    inspector = logins[0]
    walker.sign_in(inspector)
    walker.take_task(declaration.enterprise.name, title)
    walker.shot("supervision-04-check-form")
    record_result(walker, "fail", zh("Rectification within 30 days"), "标签未按规定标注专用标志编号，限30日内整改。")
    walker.open_done_case(declaration.enterprise.name)
    title, logins = walker.next_step()
    assert title == zh("Re-inspect after rectification") and inspector in logins
    walker.shot("supervision-05-rectification")

    # 4. The producer reports the rectification from the declaration's page, with its evidence.
    check.refresh_from_db()
    walker.sign_in("producer")
    walker.click(page.get_by_role("link", name=declaration.reference).first)
    expect(page.get_by_text(zh("Rectify by %(due)s") % {"due": f"{check.rectification_due:%Y-%m-%d}"})).to_be_visible()
    walker.click(page.get_by_role("link", name=zh("Submit the rectification report")))
    page.get_by_label(zh("What you rectified")).fill("已重印标签，补充专用标志编号。")
    page.get_by_label(zh("Evidence (PDF, JPEG or PNG, ≤ 10 MB)")).set_input_files(
        files={"name": "新标签.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    walker.shot("supervision-06-rectification-form")
    walker.click(page.get_by_role("button", name=zh("Send the rectification report")))
    expect(page.get_by_text(zh("Your rectification report was sent."))).to_be_visible()
    # The declaration's page names the re-inspection and the inspector who holds it (ADR 0057).
    assert zh("Re-inspect after rectification") in walker.next_steps()
    reinspection = page.locator("section.next-step .next-step-item").filter(
        has_text=zh("Re-inspect after rectification")
    )
    expect(reinspection.locator("ul.next-step-handlers")).to_contain_text(NAME_OF[inspector])
    walker.shot("supervision-07-rectification-sent")

    # 5. The same inspector re-inspects, reading the report beside the form: compliant.
    walker.sign_in(inspector)
    walker.take_task(declaration.enterprise.name, zh("Re-inspect after rectification"))
    expect(page.get_by_text("已重印标签，补充专用标志编号。")).to_be_visible()
    expect(page.get_by_role("link", name="新标签.pdf").first).to_be_visible()
    walker.shot("supervision-08-reinspection-with-report")
    record_result(walker, "pass", zh("Compliant"), "已按要求整改，标签标注规范。")
    walker.open_done_case(declaration.enterprise.name)
    expect(page.locator("section.next-step .next-step-item")).to_have_count(0)
    walker.shot("supervision-09-done")
    assert SupervisionCheck.objects.get().status == SupervisionCheck.Status.COMPLIANT

    # The README names the conflicted inspector, the lead (with the inspectors to choose from) and
    # the producer; the checking steps are for whichever of the others the draw picks.
    journey = "A supervision campaign, from the draw to a check result"
    assert readme_logins(journey) == ["xh_county_inspector", "zj_province_lead", "producer"]
    step_two = README.read_text(encoding="utf-8").split(f"**{journey}", 1)[1].split("\n2. ", 1)[1].split("\n3. ")[0]
    named_inspectors = re.findall(r"`([a-z_]+)`", step_two.split("inspectors", 1)[1].split("then draw", 1)[0])
    assert named_inspectors == list(INSPECTORS)
    assert walker.login_order() == ["xh_county_inspector", "zj_province_lead", inspector, "producer", inspector]
    assert inspector in drawn
    print(f"\nwalk supervision campaign: {walker.figures()}")
