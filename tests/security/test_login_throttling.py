"""Login throttling: 100 failures an hour lock the account; the lock expires by itself."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import LoginFailure
from tests.factories import UserFactory
from tests.factories.organizations import TEST_PASSWORD

# Lockouts are timed from now: a fixed day (ADR 0027).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def attempt(client, username, password, url=None):
    return client.post(url or reverse("login"), {"username": username, "password": password})


def fail(username, count, minutes_ago=0):
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    LoginFailure.objects.bulk_create([LoginFailure(username=username.lower(), failed_at=at) for _ in range(count)])


def test_limits():
    assert settings.TERROIR_LOGIN_FAILURE_LIMIT == 100
    assert settings.TERROIR_LOGIN_FAILURE_WINDOW == 3600


def test_each_failure_is_counted_and_a_success_is_not(client):
    user = UserFactory(username="Zhang.Wei")
    attempt(client, "zhang.wei ", "wrong")
    attempt(client, "ZHANG.WEI", "wrong")
    assert LoginFailure.objects.filter(username="zhang.wei").count() == 2
    assert attempt(client, user.username, TEST_PASSWORD).status_code == 302
    assert LoginFailure.objects.count() == 2


def test_the_hundredth_failure_locks_the_account_even_for_the_right_password(client):
    user = UserFactory()
    fail(user.username, 99, minutes_ago=30)
    assert services.login_locked_until(username=user.username) is None
    attempt(client, user.username, "wrong")
    locked_until = services.login_locked_until(username=user.username)
    assert locked_until is not None
    assert datetime.timedelta(minutes=29) < locked_until - timezone.now() <= datetime.timedelta(minutes=30)

    response = attempt(client, user.username, TEST_PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "该账户登录失败次数过多" in response.content.decode()
    client.cookies["terroir_language"] = "en"
    assert "Too many failed logins for this account" in attempt(client, user.username, TEST_PASSWORD).content.decode()
    # Refused attempts while locked do not prolong the lock.
    assert LoginFailure.objects.count() == 100


def test_the_lock_expires_when_the_failures_leave_the_hour(client):
    user = UserFactory()
    fail(user.username, 100, minutes_ago=61)
    assert services.login_locked_until(username=user.username) is None
    assert attempt(client, user.username, TEST_PASSWORD).status_code == 302


def test_other_accounts_are_not_locked(client):
    fail("someone.else", 100)
    assert attempt(client, UserFactory().username, TEST_PASSWORD).status_code == 302


def test_the_admin_login_is_throttled_too(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    fail(admin.username, 100)
    response = attempt(client, admin.username, TEST_PASSWORD, url="/admin/login/?next=/admin/")
    assert response.status_code == 200
    assert "该账户登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_old_failures_are_purged_as_new_ones_arrive():
    fail("li.na", 5, minutes_ago=120)
    services.login_failure_record(username="li.na")
    assert LoginFailure.objects.filter(username="li.na").count() == 1
