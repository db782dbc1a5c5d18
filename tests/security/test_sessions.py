"""Sessions and login: rotation, server-side logout, idle and absolute limits, deactivation."""

import time

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts import session_policy
from accounts.models import UserSession
from organizations.models import Role
from tests.factories import EnterpriseFactory, UserFactory, make_member
from tests.factories.organizations import TEST_PASSWORD

pytestmark = pytest.mark.django_db

INBOX = "/work/"  # 我的工作, the staff landing


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def producer():
    user = UserFactory()
    EnterpriseFactory().accounts.create(user=user)
    return user


@pytest.fixture
def clock(monkeypatch):
    """Moves the session policy's clock forward without waiting."""

    class Clock:
        offset = 0.0

        def advance(self, seconds):
            self.offset += seconds

    moved = Clock()
    real_time = time.time
    monkeypatch.setattr(session_policy.time, "time", lambda: real_time() + moved.offset)
    return moved


def test_settings_keep_sessions_in_the_database_with_their_user():
    assert settings.SESSION_ENGINE == "accounts.session_store"
    assert settings.TERROIR_SESSION_LIMITS["staff"] == {"idle": 30 * 60, "absolute": 12 * 3600}
    assert settings.TERROIR_SESSION_LIMITS["portal"]["idle"] > settings.TERROIR_SESSION_LIMITS["staff"]["idle"]
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_the_session_key_rotates_at_login(client):
    client.get(reverse("login"))
    client.session["before_login"] = True  # an anonymous session exists
    session = client.session
    session["planted"] = "x"
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    user = make_member("AMR-330106", Role.STAFF)
    log_in(client, user)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before, "a fixated session key must not survive the login"
    assert not UserSession.objects.filter(session_key=before).exists()
    assert UserSession.objects.get(session_key=after).user == user


def test_logout_is_post_only_and_kills_the_session_server_side(client):
    user = producer()
    log_in(client, user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("logout")).status_code == 405
    assert UserSession.objects.filter(session_key=key).exists()
    client.post(reverse("logout"))
    assert not UserSession.objects.filter(session_key=key).exists()
    # A copy of the old cookie (stolen before logout) opens nothing.
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert client.get("/portal/")["Location"].startswith(reverse("login"))


def test_staff_idle_for_thirty_minutes_are_signed_out_with_a_message(client, clock):
    user = make_member("AMR-330106", Role.STAFF)
    log_in(client, user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    clock.advance(29 * 60)
    assert client.get(INBOX).status_code == 200
    clock.advance(29 * 60)  # activity above restarted the idle clock
    assert client.get(INBOX).status_code == 200
    clock.advance(31 * 60)
    response = client.get(INBOX)
    assert response["Location"].startswith(reverse("login"))
    assert not UserSession.objects.filter(session_key=key).exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "您已连续 30 分钟没有操作，已自动退出，请重新登录。"
    ]


def test_staff_are_signed_out_after_twelve_hours_however_active(client, clock):
    log_in(client, make_member("AMR-330106", Role.STAFF))
    for _ in range(12 * 3 - 1):  # every 20 minutes for 11 h 40 min
        clock.advance(20 * 60)
        assert client.get(INBOX).status_code == 200
    clock.advance(25 * 60)
    client.cookies["terroir_language"] = "en"
    response = client.get(INBOX)
    assert response["Location"].startswith(reverse("login"))
    page = client.get(response["Location"]).content.decode()
    assert "signed in more than 12 hours ago" in page


def test_producers_may_stay_idle_longer(client, clock):
    log_in(client, producer())
    clock.advance(60 * 60)
    assert client.get("/portal/").status_code == 200
    clock.advance(2 * 3600 + 60)
    assert client.get("/portal/")["Location"].startswith(reverse("login"))


def test_the_last_seen_time_is_not_written_on_every_request(client, clock):
    log_in(client, producer())
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    stored = UserSession.objects.get(session_key=key).expire_date
    clock.advance(10)
    client.get("/portal/")
    assert UserSession.objects.get(session_key=key).expire_date == stored


def test_deactivating_a_user_ends_all_their_sessions(client):
    from django.test import Client

    user = make_member("AMR-330106", Role.STAFF)
    other = producer()
    browsers = [Client(), Client()]
    for browser in browsers:
        log_in(browser, user)
    log_in(client, other)
    assert UserSession.objects.filter(user=user).count() == 2
    user.is_active = False
    user.save()
    assert UserSession.objects.filter(user=user).count() == 0
    assert UserSession.objects.filter(user=other).count() == 1
    for browser in browsers:
        assert browser.get(INBOX)["Location"].startswith(reverse("login"))
