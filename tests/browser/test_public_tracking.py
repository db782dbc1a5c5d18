"""In Chromium: 办件查询. A person reports a counterfeit, notes the tracking number shown, opens 办件查询
from the register's navigation, enters the number and the phone given and sees the report received
by the bureau; after the bureau files the case (through the one door, in the test), the stepper
shows the investigation as the step now. The same for an objection, looked up by e-mail. And the
applicant's portal draws the same stepper. Screenshots at desktop and phone widths in test-results/."""

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from cases.models import EnforcementCase, Objection
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories.applications import Cast, draft_application
from tests.factories.cases import draft_declaration, longjing
from tests.factories.enforcement import hangzhou_bureau
from tests.factories.tracking import application_open_to_objections, file_it
from workflows.applications import actions as application_actions
from workflows.declarations.actions import publish

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
BUREAU_NAME = "杭州市市场监督管理局"


def progress_word(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.pgettext("progress", message)


def shoot(page: Page, name: str) -> None:
    """The page at both widths, whole, for a person to look at."""
    for label, size in (("1366", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=f"test-results/tracking-{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def look_up(page: Page, number: str, contact: str) -> None:
    page.get_by_label(zh("Tracking number")).fill(number)
    page.get_by_label(zh("The phone number or e-mail address you gave")).fill(contact)
    page.get_by_role("button", name=zh("Look it up")).click()


def stepper(page: Page):
    return page.get_by_role("list", name=zh("Progress"))


def current_step(page: Page):
    return stepper(page).locator("li[aria-current=step]")


def open_tracking_from_the_register(page: Page) -> None:
    page.get_by_role("navigation", name=zh("Public register")).get_by_role("link", name=zh("Track a case")).click()
    expect(page.get_by_role("heading", name=zh("Track an objection or a report"))).to_be_visible()


def test_a_reporter_tracks_the_report_by_number_and_phone(page: Page, live_server):
    longjing()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/report/")
    region = page.locator(".region-picker[data-name='region']")
    region.get_by_label(zh("Province")).select_option(label="浙江省")
    region.get_by_label(zh("City")).select_option(label="杭州市")
    page.get_by_label(zh("What is wrong")).select_option(index=1)
    page.get_by_label(zh("Seller or producer (name, shop, address)")).fill("某超市（杭州市上城区）")
    page.get_by_label(zh("What you saw (when, where, how)")).fill("标注西湖龙井的茶叶产地为外省。")
    page.get_by_label(zh("Phone or e-mail for a reply (optional)")).fill("138-0013-8000")
    page.get_by_role("button", name=zh("Send the report")).click()

    expect(page.get_by_role("heading", name=zh("Your tracking number"))).to_be_visible()
    number = page.locator(".tracking-number__value").inner_text().strip()
    assert number == EnforcementCase.objects.get().tracking_number
    shoot(page, "report-done")

    open_tracking_from_the_register(page)
    look_up(page, number, "999")  # a wrong phone: the neutral answer
    expect(page.get_by_role("alert")).to_have_text(
        zh("No objection or report matches this tracking number and contact.")
    )
    shoot(page, "lookup")

    look_up(page, number, "138 0013 8000")
    expect(page.get_by_role("heading", name=zh("Where it stands"))).to_be_visible()
    expect(stepper(page).get_by_text(progress_word("Received"))).to_be_visible()
    expect(page.get_by_text(BUREAU_NAME).first).to_be_visible()
    expect(current_step(page)).to_contain_text(progress_word("Verification of the report"))
    shoot(page, "report-received")

    # The bureau verifies the report and files the case: the stepper moves on.
    file_it(EnforcementCase.objects.get(), hangzhou_bureau())
    page.get_by_role("link", name=zh("Look up another")).click()
    look_up(page, number, "13800138000")
    expect(current_step(page)).to_contain_text(progress_word("Case filed and investigated"))
    expect(page.get_by_text(progress_word("Filed as a case"))).to_be_visible()
    shoot(page, "report-filed")


def test_an_objector_tracks_the_objection_by_number_and_e_mail(page: Page, live_server):
    cast = Cast()
    application = application_open_to_objections(cast)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/objections/{application.public_token}/")
    page.get_by_label(zh("Your name or organisation")).fill("某某茶业公司")
    page.get_by_label(zh("Identity number or unified social credit code")).fill("91330106MA00000003")
    page.get_by_label(zh("Contact (telephone or e-mail)")).fill("Objector@Example.com")
    page.get_by_label(zh("Grounds of the objection")).fill("申请保护范围与我司产区重叠。")
    page.get_by_role("button", name=zh("File the objection")).click()
    number = page.locator(".tracking-number__value").inner_text().strip()
    objection = Objection.objects.get()
    assert number == objection.tracking_number
    shoot(page, "objection-received")

    page.get_by_role("navigation", name=zh("Main")).get_by_role("link", name=zh("Public register")).click()
    open_tracking_from_the_register(page)
    look_up(page, number, "objector@example.com")
    expect(current_step(page)).to_contain_text(progress_word("Admissibility check"))
    expect(page.get_by_text("法规司").first).to_be_visible()
    shoot(page, "objection-submitted")

    application_actions.decide_objection_admissibility(actor=cast.fgs_staff, objection=objection, admissible=True)
    page.get_by_role("link", name=zh("Look up another")).click()
    look_up(page, number, "Objector@Example.com")
    expect(stepper(page).get_by_text(progress_word("Admitted"))).to_be_visible()
    expect(current_step(page)).to_contain_text(progress_word("Examination of the objection"))
    shoot(page, "objection-admitted")


def test_the_applicant_and_the_producer_see_the_stepper_in_the_portal(page: Page, live_server):
    Cast()
    applicant, application = draft_application()
    application_actions.submit(actor=applicant, application=application)
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url, applicant.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{live_server.url}/portal/applications/{application.pk}/")
    expect(current_step(page)).to_contain_text(progress_word("Preliminary examination"))
    expect(current_step(page)).to_contain_text("浙江省市场监督管理局")
    shoot(page, "portal-application")

    producer, declaration = draft_declaration(product=longjing())
    publish(actor=producer, declaration=declaration, commitment_accepted=True)
    page.context.clear_cookies()
    log_in(page, live_server.url, producer.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{live_server.url}/portal/declarations/{declaration.pk}/")
    expect(current_step(page)).to_contain_text(progress_word("In-process check by the bureau"))
    shoot(page, "portal-declaration")
