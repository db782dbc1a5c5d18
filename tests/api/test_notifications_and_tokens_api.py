import pytest
import time_machine
from rest_framework.test import APIClient

from accounts import lockout
from notifications.models import Notification
from tests import clock
from tests.factories import UserFactory
from tests.factories.organizations import TEST_PASSWORD

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def note(user, subject="您的声明已发布"):
    return Notification.objects.create(recipient=user, kind="declaration.published", subject=subject)


def test_notifications_list_filter_and_mark_read():
    user = UserFactory()
    first, second = note(user, "一"), note(user, "二")
    client = signed_in(user)
    assert client.get("/api/notifications/", {"unread": "true"}).json()["count"] == 2
    response = client.post(f"/api/notifications/{first.pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True
    assert [row["id"] for row in client.get("/api/notifications/", {"unread": "true"}).json()["results"]] == [second.pk]
    assert client.post("/api/notifications/read-all/").json() == {"marked": 1}
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_another_users_notification_is_not_found_and_stays_unread():
    owner, stranger = UserFactory(), UserFactory()
    notification = note(owner)
    client = signed_in(stranger)
    assert client.get(f"/api/notifications/{notification.pk}/").status_code == 404
    assert client.post(f"/api/notifications/{notification.pk}/read/").status_code == 404
    assert client.post("/api/notifications/read-all/").json() == {"marked": 0}
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_token_obtained_with_the_password_authenticates_and_can_be_revoked():
    user = UserFactory()
    note(user)
    response = APIClient().post("/api/auth/token/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/notifications/").json()["count"] == 1
    assert client.delete("/api/auth/token/").status_code == 204
    assert client.get("/api/notifications/").status_code == 401


def test_the_token_endpoint_counts_failures_makes_wait_and_locks_like_the_login_page():
    """docs/adr/0040: the same counts as the pages; refusals are 429 with Retry-After, the password unread."""
    user = UserFactory()

    def ask(password):
        return APIClient().post("/api/auth/token/", {"username": user.username, "password": password})

    with time_machine.travel(clock.moment("2026-03-02"), tick=False) as frozen:
        for _ in range(4):
            wrong = ask("nope")
            assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid"
        assert lockout.account_failures(user.username) == 4
        fifth = ask("nope")  # read, refused, and now the next one waits: said at once
        assert fifth.status_code == 429 and fifth["Retry-After"] == "2"
        wait = ask(TEST_PASSWORD)
        assert wait.status_code == 429 and wait["Retry-After"] == "2" and "token" not in wait.json()
        assert wait.json()["error"] == {
            "code": "throttled",
            "message": "登录失败次数过多，请等待 2 秒后再试。",
            "fields": {},
        }
        for failures in range(5, 10):
            frozen.shift(lockout.delay_after(failures))
            ask("nope")
        assert lockout.account_failures(user.username) == 10
        locked = ask(TEST_PASSWORD)
        assert locked.status_code == 429 and locked.json()["error"]["code"] == "locked"
        assert locked["Retry-After"] == str(15 * 60)
        assert "该账户登录失败次数过多" in locked.json()["error"]["message"] and "token" not in locked.json()
        frozen.shift(15 * 60)
        assert ask(TEST_PASSWORD).status_code == 200


def test_token_user_gets_errors_in_their_own_language():
    user = UserFactory(language="en")
    client = APIClient()
    client.force_authenticate(user)
    english = client.get("/api/notifications/999999/").json()["error"]["message"]
    chinese_user = UserFactory(language="zh-hans")
    client.force_authenticate(chinese_user)
    chinese = client.get("/api/notifications/999999/").json()["error"]["message"]
    assert english == "Not found." and chinese != english
