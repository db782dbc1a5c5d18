import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications.context_processors import unread_notifications
from notifications.kinds import registered_kinds
from notifications.models import Notification, NotificationPreference
from notifications.services import notify
from notifications.views import PAGE_SIZE
from tests.factories import UserFactory

# Notifications are ordered by their times: a fixed day (ADR 0027).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


@pytest.fixture
def owner(client):
    user = UserFactory(language="en")
    client.force_login(user)
    return user


def remind(user, deadline, count=1, link="/portal/declarations/1/"):
    with transaction.atomic():
        return [
            notify(
                recipients=[user],
                kind="deadline.reminder",
                link=link,
                context={"deadline": deadline, "days_left": days},
            )[0]
            for days in range(1, count + 1)
        ]


def test_pages_need_a_login(client):
    for name in ("notifications:list", "notifications:preferences"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_list_shows_own_notifications_newest_first_unread_highlighted(client, owner, deadline_stub):
    older, newer = remind(owner, deadline_stub, count=2)
    Notification.objects.filter(pk=older.pk).update(created_at=timezone.now() - timezone.timedelta(hours=1))
    Notification.objects.filter(pk=newer.pk).update(read_at=timezone.now())
    remind(UserFactory(), deadline_stub, link="/someone-elses-case/")
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert [n.pk for n in response.context["page"]] == [newer.pk, older.pk]
    html = response.content.decode()
    assert html.count("notification--unread") == 1
    assert html.index(newer.subject) < html.index(older.subject)
    assert 'href="/portal/declarations/1/"' in html
    assert "/someone-elses-case/" not in html
    assert "You have 1 unread notification." in html
    assert reverse("notifications:mark_read", args=[older.pk]) in html
    assert reverse("notifications:mark_read", args=[newer.pk]) not in html


def test_list_is_paginated(client, owner, deadline_stub):
    remind(owner, deadline_stub, count=PAGE_SIZE + 1)
    assert len(client.get(reverse("notifications:list")).context["page"]) == PAGE_SIZE
    assert len(client.get(reverse("notifications:list"), {"page": 2}).context["page"]) == 1


def test_mark_one_read_by_post_only(client, owner, deadline_stub):
    [notification] = remind(owner, deadline_stub)
    url = reverse("notifications:mark_read", args=[notification.pk])
    assert client.get(url).status_code == 405
    assert Notification.objects.get(pk=notification.pk).read_at is None
    response = client.post(url, {"next": reverse("notifications:list") + "?page=1"})
    assert response.status_code == 302 and response.url == reverse("notifications:list") + "?page=1"
    assert Notification.objects.get(pk=notification.pk).read_at is not None
    # A foreign redirect target is ignored.
    assert client.post(url, {"next": "https://evil.example/"}).url == reverse("notifications:list")


def test_another_users_notification_answers_404_and_stays_unread(client, owner, deadline_stub):
    [foreign] = remind(UserFactory(), deadline_stub)
    response = client.post(reverse("notifications:mark_read", args=[foreign.pk]))
    assert response.status_code == 404
    assert Notification.objects.get(pk=foreign.pk).read_at is None
    assert client.post(reverse("notifications:mark_read", args=[foreign.pk + 1000])).status_code == 404


def test_mark_all_read(client, owner, deadline_stub):
    remind(owner, deadline_stub, count=3)
    [foreign] = remind(UserFactory(), deadline_stub)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    assert client.post(reverse("notifications:mark_all_read")).status_code == 302
    assert not Notification.objects.filter(recipient=owner, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=foreign.pk).read_at is None


def test_preferences_page_switches_email_per_kind(client, owner):
    url = reverse("notifications:preferences")
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].fields["deadline.reminder"].initial is True
    response = client.post(url, {"deadline.escalation": "on"})
    assert response.status_code == 302
    stored = dict(NotificationPreference.objects.filter(user=owner).values_list("kind", "email_enabled"))
    # Every registered kind is stored: the ticked one on, all the others off.
    assert stored["deadline.escalation"] is True and stored["deadline.reminder"] is False
    assert set(stored) == {kind.code for kind in registered_kinds()}
    assert sum(stored.values()) == 1
    form = client.get(url).context["form"]
    assert form.fields["deadline.reminder"].initial is False
    assert form.fields["deadline.escalation"].initial is True


def test_unread_count_is_one_query_and_only_for_signed_in_users(rf, owner, deadline_stub):
    remind(owner, deadline_stub, count=2)
    request = rf.get("/")
    request.user = owner
    with CaptureQueriesContext(connection) as queries:
        count = unread_notifications(request)["unread_notifications_count"]
        assert count() == 2
        assert count() == 2
    assert len(queries) == 1
    assert "COUNT" in queries[0]["sql"].upper()

    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as queries:
        assert unread_notifications(request) == {}
    assert len(queries) == 0


def test_header_shows_the_bell_with_the_unread_count(client, owner, deadline_stub):
    remind(owner, deadline_stub, count=2)
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert 'class="notifications-bell"' in html
    assert f'href="{reverse("notifications:list")}"' in html
    assert '<span class="badge" title="Unread">2</span>' in html
