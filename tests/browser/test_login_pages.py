"""Log in through a real browser (Debian's Chromium) as staff and as a producer, in Chinese and English."""

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from organizations.models import Role
from tests.factories import EnterpriseFactory, UserFactory, make_member
from tests.factories.organizations import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def text_in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def log_in(page: Page, base_url: str, username: str, language: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    if language == "en":
        page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name=text_in(language, "Log in"))).to_be_visible()
    page.get_by_label(text_in(language, "Username")).fill(username)
    page.get_by_label(text_in(language, "Password")).fill(TEST_PASSWORD)
    page.locator("form:not(.language-switcher)").get_by_role("button", name=text_in(language, "Log in")).click()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_staff_member_logs_in_and_lands_on_my_work(page: Page, live_server, language, tmp_path):
    staff = make_member("AMR-330106", Role.STAFF, username=f"staff_{language}", full_name="杨帆")
    log_in(page, live_server.url, staff.username, language)
    expect(page).to_have_url(f"{live_server.url}/work/")
    my_work = text_in(language, "My work")
    if language == "zh-hans":
        assert my_work == "我的工作"
    expect(page.get_by_role("heading", name=my_work)).to_be_visible()
    expect(page.locator("header nav").get_by_role("link", name=my_work)).to_be_visible()
    expect(page.get_by_text("杨帆").first).to_be_visible()
    page.screenshot(path=str(tmp_path / f"my-work-{language}.png"), full_page=True)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_producer_logs_in_and_sees_the_portal(page: Page, live_server, language):
    producer = UserFactory(username=f"producer_{language}")
    enterprise = EnterpriseFactory(name="杭州西湖龙井茶业有限公司")
    enterprise.accounts.create(user=producer)
    log_in(page, live_server.url, producer.username, language)
    expect(page).to_have_url(f"{live_server.url}/portal/")
    expect(page.get_by_role("heading", name=text_in(language, "Producer and applicant portal"))).to_be_visible()
    expect(page.get_by_role("cell", name=enterprise.credit_code)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
