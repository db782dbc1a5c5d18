"""In Chromium: a locked account's login page says why and until when, in Chinese and in English;
an administrator unlocks it from the user list (docs/adr/0040)."""

import re

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import translation
from playwright.sync_api import Page, expect

from accounts import lockout
from tests.browser.test_login_pages import log_in, text_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

# Someone elsewhere types ten wrong passwords: the browser's own address (127.0.0.1) only sees the lock.
ATTACKER = "203.0.113.66"


def lock(username: str) -> None:
    for _ in range(10):
        request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=ATTACKER)
        assert authenticate(request, username=username, password="wrong") is None
    assert lockout.account_locked_until(username) is not None


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_login_page_of_a_locked_account_says_until_when(page: Page, live_server, language, tmp_path):
    user = UserFactory(username=f"locked_{language}")
    lock(user.username)
    log_in(page, live_server.url, user.username, language)

    alert = page.get_by_role("alert")
    with translation.override(language):
        expected = translation.gettext(
            "Too many failed logins for this account. Try again after %(time)s, or ask your administrator."
        )
    before, after = expected.split("%(time)s")
    expect(alert).to_contain_text(re.compile(re.escape(before) + r"\d{4}-\d\d-\d\d \d\d:\d\d" + re.escape(after)))
    if language == "zh-hans":
        expect(alert).to_contain_text("该账户登录失败次数过多")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_label(text_in(language, "Username"))).to_have_value(user.username)
    page.screenshot(path=str(tmp_path / f"login-locked-{language}.png"), full_page=True)


def test_an_administrator_unlocks_from_the_user_list(page: Page, live_server, tmp_path):
    user = UserFactory(username="wang.fang")
    admin = UserFactory(username="admin.li", is_staff=True, is_superuser=True)
    lock(user.username)

    log_in(page, live_server.url, admin.username, "zh-hans")
    page.goto(f"{live_server.url}/admin/accounts/user/?q=wang.fang")
    page.get_by_role("row", name=re.compile("wang.fang")).get_by_role("checkbox").check()
    page.get_by_role("combobox", name=re.compile("动作")).select_option(
        label=text_in("zh-hans", "Unlock login (locked after failed passwords)")
    )
    page.get_by_role("button", name=re.compile("执行")).click()
    expect(page.get_by_text("已解除 1 个账号的登录锁定。")).to_be_visible()
    page.screenshot(path=str(tmp_path / "admin-unlocked.png"), full_page=True)
    assert lockout.account_locked_until(user.username) is None
