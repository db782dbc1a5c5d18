"""Login failure handling (登录失败处理, docs/adr/0040): waits from the 5th failure of an account or
an address, a 15-minute lock from the 10th failure of an account, the right password included."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts import lockout
from accounts.audit_actions import AccountAction
from accounts.services import LOGIN_LOCKED_KIND
from audit.models import AuditEvent
from notifications.models import EmailDelivery, Notification
from tests import clock
from tests.factories import UserFactory
from tests.factories.organizations import TEST_PASSWORD

pytestmark = pytest.mark.django_db

HOME = "198.51.100.7"
LOCKED = "该账户登录失败次数过多"
WAIT = "登录失败次数过多，请等待"
WRONG = "请输入一个正确的"  # Django's own "enter a correct username and password"


@pytest.fixture
def frozen():
    """The clock stands still at a fixed moment (ADR 0027) and moves only when a test shifts it."""
    with time_machine.travel(clock.moment("2026-03-02"), tick=False) as traveller:
        yield traveller


def attempt(client, username, password, *, address=HOME, url=None):
    return client.post(url or reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_until_locked(client, frozen, username, *, address=HOME):
    """Ten wrong passwords, each after the wait the previous ones imposed (62 s in all)."""
    for failures in range(settings.AXES_FAILURE_LIMIT):
        frozen.shift(lockout.delay_after(failures))
        response = attempt(client, username, "wrong", address=address)
        assert WRONG in response.content.decode()  # read and refused, not refused unread
    return response


def test_the_policy_is_the_one_of_the_adr():
    assert settings.AXES_FAILURE_LIMIT == 10
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    waits = [lockout.delay_after(failures).total_seconds() for failures in range(4, 13)]
    assert waits == [0, 2, 4, 8, 16, 32, 60, 60, 60]


def test_four_failures_cost_nothing_the_fifth_makes_the_next_attempt_wait(client, frozen):
    user = UserFactory()
    for _ in range(4):
        assert WRONG in attempt(client, user.username, "wrong").content.decode()
    fifth = attempt(client, user.username, "wrong").content.decode()
    assert WRONG in fifth and "请等待 2 秒后再试" in fifth

    refused = attempt(client, user.username, TEST_PASSWORD)
    assert refused.status_code == 200 and not logged_in(client)
    assert "请等待 2 秒后再试" in refused.content.decode()
    assert lockout.account_failures(user.username) == 5  # a refusal read no password: not a failure

    frozen.shift(2)
    assert attempt(client, user.username, TEST_PASSWORD).status_code == 302
    assert lockout.account_failures(user.username) == 0  # a success clears the account's failures


def test_thirty_wrong_passwords_then_the_right_one_is_refused_until_the_lock_ends(client, frozen):
    """The case of issue 19: today the 31st attempt logs in."""
    user = UserFactory(username="Zhang.Wei")
    tenth = fail_until_locked(client, frozen, user.username).content.decode()
    assert WRONG in tenth and LOCKED in tenth  # the failure that locks says so at once
    locked_at = clock.moment("2026-03-02") + datetime.timedelta(seconds=62)
    for _ in range(20):  # wrong ones 11 to 30, under any spelling of the name
        assert LOCKED in attempt(client, " ZHANG.wei", "wrong").content.decode()
    assert lockout.account_failures(user.username) == 10  # refused ones do not prolong the lock

    right = attempt(client, user.username, TEST_PASSWORD)
    assert right.status_code == 200 and not logged_in(client)
    # Until when, to the minute rounded up: locked at 10:01:02 Beijing time for 15 minutes.
    assert "该账户登录失败次数过多，请于 2026-03-02 10:17 之后再试，或联系管理员。" in right.content.decode()
    assert lockout.account_locked_until(user.username) == locked_at + datetime.timedelta(minutes=15)
    client.cookies["terroir_language"] = "en"
    english = attempt(client, user.username, TEST_PASSWORD).content.decode()
    assert "Too many failed logins for this account. Try again after 2026-03-02 10:17" in english

    frozen.shift(datetime.timedelta(minutes=15) - datetime.timedelta(seconds=1))
    assert not logged_in(client) and attempt(client, user.username, TEST_PASSWORD).status_code == 200
    frozen.shift(1)  # the lock ends by itself
    assert attempt(client, user.username, TEST_PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_admin_login_is_locked_too(client, frozen):
    admin = UserFactory(is_staff=True, is_superuser=True)
    fail_until_locked(client, frozen, admin.username, address="203.0.113.5")
    response = attempt(client, admin.username, TEST_PASSWORD, url="/admin/login/?next=/admin/")
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert not logged_in(client)


def test_a_lock_is_per_account_and_a_wait_per_account_or_address(client, frozen):
    victim, other = UserFactory(), UserFactory()
    fail_until_locked(client, frozen, victim.username, address="203.0.113.5")
    # The same account from elsewhere is locked (it is the account that is locked) …
    assert LOCKED in attempt(client, victim.username, TEST_PASSWORD, address="192.0.2.1").content.decode()
    # … but another account from the attacker's own address only waits, and from elsewhere logs in.
    assert WAIT in attempt(Client(), other.username, TEST_PASSWORD, address="203.0.113.5").content.decode()
    assert attempt(Client(), other.username, TEST_PASSWORD, address="192.0.2.1").status_code == 302


def test_thirty_accounts_one_guess_each_from_one_address_are_slowed(client, frozen):
    """Password spraying: one guess per account stays under any per-account count, so the address
    counts too; it is slowed (ever longer waits, at most a minute), never locked."""
    users = [UserFactory() for _ in range(30)]
    for user in users[:5]:
        response = attempt(client, user.username, "wrong")
        assert WRONG in response.content.decode()
    sixth = attempt(client, users[5].username, "wrong").content.decode()
    assert "请等待 2 秒后再试" in sixth and WRONG not in sixth  # refused unread
    assert lockout.account_failures(users[5].username) == 0

    waited = datetime.timedelta(0)
    for failures, user in enumerate(users[5:], start=5):
        frozen.shift(lockout.delay_after(failures))
        waited += lockout.delay_after(failures)
        assert WRONG in attempt(client, user.username, "wrong").content.decode()
    # 30 guesses need 22 minutes of waiting instead of none; each account has one failure only.
    assert waited == datetime.timedelta(seconds=2 + 4 + 8 + 16 + 32 + 20 * 60)
    assert all(lockout.account_locked_until(user.username) is None for user in users)
    # Another address is not slowed; the sprayed one logs in again after its minute.
    assert attempt(Client(), users[0].username, TEST_PASSWORD, address="192.0.2.1").status_code == 302
    assert WAIT in attempt(Client(), users[1].username, TEST_PASSWORD).content.decode()
    frozen.shift(60)
    assert attempt(Client(), users[1].username, TEST_PASSWORD).status_code == 302


def test_logging_in_to_ones_own_account_does_not_reset_the_addresss_count(client, frozen):
    own, victims = UserFactory(), [UserFactory() for _ in range(5)]
    for victim in victims[:4]:
        attempt(client, victim.username, "wrong")
    assert attempt(Client(), own.username, TEST_PASSWORD).status_code == 302
    attempt(client, victims[4].username, "wrong")  # the address's 5th failure
    assert WAIT in attempt(client, victims[0].username, "wrong").content.decode()


def test_the_account_holder_is_told_once_and_the_lock_is_audited(client, frozen):
    user = UserFactory(language="zh-hans")
    fail_until_locked(client, frozen, user.username)
    for _ in range(3):
        attempt(client, user.username, "wrong")
    notification = Notification.objects.get(recipient=user)
    assert notification.kind == LOGIN_LOCKED_KIND
    assert notification.subject == "您的账号因多次登录失败已被锁定"
    assert "您的账号因 10 次登录失败已被锁定，最后一次来自地址 198.51.100.7。2026-03-02 10:17 之后可再次登录" in (
        notification.body
    )
    assert EmailDelivery.objects.get(notification=notification).to_address == user.email
    event = AuditEvent.objects.get(action=AccountAction.LOGIN_LOCK)
    assert event.target_id == str(user.pk) and event.actor is None
    assert event.data["address"] == HOME and event.data["failures"] == 10


def test_an_unknown_name_is_locked_alike_and_nobody_is_told(client, frozen):
    """The refusal must not tell which names are accounts: the same words for both."""
    user = UserFactory(username="li.na")
    fail_until_locked(client, frozen, "li.na")
    fail_until_locked(client, frozen, "nobody.here", address="203.0.113.9")

    def refusal(name, address):
        page = attempt(Client(), name, TEST_PASSWORD, address=address).content.decode()
        errors = re.search(r'<div class="form-errors".*?</div>', page, re.S).group()
        return re.sub(r"\d\d:\d\d", "", errors)

    known, unknown = refusal(user.username, "192.0.2.1"), refusal("nobody.here", "192.0.2.2")
    assert LOCKED in known and known == unknown
    assert Notification.objects.count() == 1
    assert AuditEvent.objects.filter(action=AccountAction.LOGIN_LOCK).count() == 1


def test_an_administrator_unlocks_from_the_user_list(client, frozen):
    user = UserFactory()
    fail_until_locked(client, frozen, user.username)
    admin = UserFactory(is_staff=True, is_superuser=True)
    admin_client = Client()
    admin_client.force_login(admin)
    changelist = reverse("admin:accounts_user_changelist")
    response = admin_client.post(changelist, {"action": "unlock_login", "_selected_action": [user.pk]}, follow=True)
    assert "已解除 1 个账号的登录锁定。" in response.content.decode()
    # The holder logs in from home; the address that typed the ten may still wait its minute.
    assert attempt(client, user.username, TEST_PASSWORD, address="192.0.2.1").status_code == 302
    event = AuditEvent.objects.get(action=AccountAction.LOGIN_UNLOCK)
    assert event.actor == admin and event.target_id == str(user.pk)
    again = admin_client.post(changelist, {"action": "unlock_login", "_selected_action": [user.pk]}, follow=True)
    assert "所选账号均未被锁定。" in again.content.decode()


def test_the_unlock_command(client, frozen, capsys):
    user = UserFactory()
    fail_until_locked(client, frozen, user.username)
    call_command("login_unlock", user.username)
    assert f"{user.username}: unlocked." in capsys.readouterr().out
    assert AuditEvent.objects.get(action=AccountAction.LOGIN_UNLOCK).actor is None
    assert attempt(client, user.username, TEST_PASSWORD, address="192.0.2.1").status_code == 302
    with pytest.raises(CommandError):
        call_command("login_unlock", "nobody.here")


def test_any_other_authentication_is_refused_for_a_locked_account_too(client, frozen):
    """axes' backend comes first: a way in that forgets the forms' check still meets the lock."""
    user = UserFactory()
    fail_until_locked(client, frozen, user.username)
    request = RequestFactory().post("/elsewhere/", REMOTE_ADDR="192.0.2.1")
    assert authenticate(request, username=user.username, password=TEST_PASSWORD) is None
    assert lockout.account_failures(user.username) == 10  # refused, not counted
    frozen.shift(datetime.timedelta(minutes=15))
    assert authenticate(request, username=user.username, password=TEST_PASSWORD) == user


def test_typing_an_address_as_the_name_does_not_count_against_that_address(client, frozen):
    """axes hashes names and addresses alike: the names are prefixed, or this would slow the victim."""
    victim = UserFactory()
    for _ in range(5):
        attempt(client, "192.0.2.44", "wrong", address="203.0.113.5")
    assert lockout.account_failures("192.0.2.44") == 5
    assert attempt(Client(), victim.username, TEST_PASSWORD, address="192.0.2.44").status_code == 302
