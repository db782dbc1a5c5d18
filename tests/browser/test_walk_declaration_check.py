"""In Chromium, on the demo's own data: the README's declaration journey, from the producer's
published 西湖龙井 declaration through a request for correction, the producer's correction in the
portal and the re-check (nothing to correct). Who acts at each step is read from the pages."""

import pytest
from playwright.sync_api import Page, expect

from cases.models import Declaration
from tests.browser.walks import Walker, readme_logins, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_a_declaration_through_correction_and_re_check(page: Page, live_server):
    seed_demo()
    declaration = Declaration.objects.get(enterprise__accounts__user__username="producer")  # the demo's own
    reference = declaration.reference
    walker = Walker(page, live_server.url)
    check_title = zh("In-process check")

    # The producer's declaration page says who checks it; the walk begins with the first of them
    # the README names.
    walker.sign_in("xh_county_staff")
    walker.open_case(zh("Self-declaration"), reference)
    title, logins = walker.next_step()
    assert title == check_title and "xh_county_staff" in logins
    walker.shot("declaration-01-case")

    # 1. 事中核查: ask for a correction.
    walker.take_task(reference, title)
    walker.shot("declaration-02-check")
    walker.choose(zh("Ask the producer to correct"))
    walker.fill("comment", "标签样张未标注生产者地址，请补充后重新提交。")
    walker.submit()
    walker.open_case(zh("Self-declaration"), reference)
    title, logins = walker.next_step()
    assert title == zh("Correction by the producer") and logins == ["producer"]
    walker.shot("declaration-03-awaiting-correction")

    # 2. The producer corrects it in the portal and sends it back.
    walker.sign_in(logins[0])
    walker.steps += 1
    walker.click(page.get_by_role("link", name=reference).first)
    expect(page.get_by_role("heading", name=zh("Send your correction"))).to_be_visible()
    walker.shot("declaration-04-portal")
    form = page.locator("form[action*='/resubmit/']")
    form.locator("textarea").first.fill("已在标签样张上补充生产者地址：杭州市西湖区龙井村18号。")
    walker.click(form.get_by_role("button", name=zh("Send the correction")))
    expect(page.get_by_text(zh("Your correction was sent to the bureau."))).to_be_visible()
    title, logins = walker.next_step()
    assert title == check_title and "xh_county_staff" in logins
    walker.shot("declaration-05-corrected")

    # 3. 事中核查 again: nothing to correct.
    walker.sign_in("xh_county_staff" if "xh_county_staff" in logins else logins[0])
    walker.take_task(reference, title)
    walker.choose(zh("Nothing to correct"))
    walker.fill("comment", "已核实更正内容，无需再更正。")
    walker.submit()
    walker.open_done_case(reference)
    expect(page.locator("section.next-step")).to_be_visible()
    expect(page.locator("section.next-step .next-step-item")).to_have_count(0)
    walker.shot("declaration-06-done")
    assert Declaration.objects.get(pk=declaration.pk).status == Declaration.Status.PUBLISHED

    assert walker.login_order() == readme_logins("A declaration's check, correction and re-check")
    print(f"\nwalk declaration check: {walker.figures()}")
