import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format

from notifications.kinds import UnknownNotificationKind, registered_kinds
from notifications.models import EmailDelivery, Notification, NotificationPreference
from notifications.services import (
    NotificationOutsideTransaction,
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
    notify,
)
from organizations.models import Department
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def remind(recipients, deadline, days_left=3, **kwargs):
    with transaction.atomic():
        return notify(
            recipients=recipients,
            kind="deadline.reminder",
            context={"deadline": deadline, "days_left": days_left},
            **kwargs,
        )


def test_notify_queues_a_notification_and_an_email_per_recipient(deadline_stub):
    first, second = UserFactory(), UserFactory()
    case = Department.objects.get(code="KJS")
    notifications = remind([first, second], deadline_stub, target=case, link="/staff/cases/7/")
    assert [n.recipient for n in notifications] == [first, second]
    stored = Notification.objects.get(recipient=first)
    assert stored.kind == "deadline.reminder"
    assert stored.link == "/staff/cases/7/"
    assert stored.target_type == ContentType.objects.get_for_model(Department)
    assert stored.target_id == case.pk
    assert stored.read_at is None
    assert "西湖龙井地理标志产品保护申请" in stored.subject
    delivery = stored.email_delivery
    assert delivery.to_address == first.email
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.PENDING, 0)
    assert EmailDelivery.objects.count() == 2


def test_inactive_users_are_skipped_and_recipients_deduplicated(deadline_stub):
    active, inactive = UserFactory(), UserFactory(is_active=False)
    notifications = remind([active, inactive, active, None], deadline_stub)
    assert [n.recipient for n in notifications] == [active]
    assert Notification.objects.count() == 1
    assert remind([], deadline_stub) == []
    assert remind(inactive, deadline_stub) == []


def test_no_email_without_an_address_or_when_switched_off(deadline_stub):
    without_address = UserFactory(email="")
    switched_off = UserFactory()
    only_other_kind_off = UserFactory()
    notification_preferences_set(user=switched_off, email_enabled={"deadline.reminder": False})
    notification_preferences_set(user=only_other_kind_off, email_enabled={"deadline.escalation": False})
    remind([without_address, switched_off, only_other_kind_off], deadline_stub)
    # In-app for everyone; e-mail only where there is an address and it is wanted.
    assert Notification.objects.count() == 3
    assert list(EmailDelivery.objects.values_list("notification__recipient", flat=True)) == [only_other_kind_off.pk]


@pytest.mark.django_db(transaction=True)
def test_notify_outside_a_transaction_is_refused(deadline_stub):
    user = UserFactory()
    with pytest.raises(NotificationOutsideTransaction):
        notify(recipients=[user], kind="deadline.reminder", context={"deadline": deadline_stub, "days_left": 1})
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_notification_and_no_email(deadline_stub):
    class Boom(Exception):
        pass

    user = UserFactory(full_name="原名")
    with pytest.raises(Boom), transaction.atomic():
        user.full_name = "改名"
        user.save(update_fields=["full_name"])
        notify(recipients=[user], kind="deadline.reminder", context={"deadline": deadline_stub, "days_left": 1})
        assert Notification.objects.count() == 1
        raise Boom
    user.refresh_from_db()
    assert user.full_name == "原名"
    assert not Notification.objects.exists()
    assert not EmailDelivery.objects.exists()


def test_unknown_kind_is_refused():
    with pytest.raises(UnknownNotificationKind), transaction.atomic():
        notify(recipients=[UserFactory()], kind="no.such.kind")


def test_targets_need_integer_keys_and_lend_their_url(deadline_stub, monkeypatch):
    from django.contrib.sessions.models import Session

    with pytest.raises(TypeError), transaction.atomic():
        notify(recipients=[UserFactory()], kind="deadline.reminder", target=Session(session_key="abc"))
    monkeypatch.setattr(Department, "get_absolute_url", lambda self: f"/departments/{self.pk}/", raising=False)
    case = Department.objects.get(code="KJS")
    [notification] = remind([UserFactory()], deadline_stub, target=case)
    assert notification.link == f"/departments/{case.pk}/"


def test_email_text_is_plain_and_links_are_absolute_when_the_site_url_is_known(deadline_stub, settings):
    settings.TERROIR_SITE_URL = "https://terroir.example.org"
    deadline_stub.target_label = "A & B <公司>"
    [notification] = remind([UserFactory(language="en")], deadline_stub, link="/portal/declarations/3/")
    assert "A & B <公司>" in notification.subject
    assert "Open the case: https://terroir.example.org/portal/declarations/3/" in notification.body
    assert notification.link == "/portal/declarations/3/"


def test_each_recipient_gets_the_text_in_their_own_language(template_kind):
    template_kind(
        "test.language",
        subject='{% load i18n %}{% get_current_language as language %}{{ language }} {% translate "Notifications" %}',
        body="{% load i18n %}{% get_current_language as language %}{{ language }}",
    )
    english, chinese = UserFactory(language="en"), UserFactory(language="zh-hans")
    with translation.override("en"), transaction.atomic():
        by_user = {n.recipient: n for n in notify(recipients=[english, chinese], kind="test.language")}
    assert (by_user[english].subject, by_user[english].body) == ("en Notifications", "en")
    # "Notifications" is already in the catalogue: the active language really is the recipient's.
    assert (by_user[chinese].subject, by_user[chinese].body) == ("zh-hans 通知", "zh-hans")


def test_deadline_reminder_in_english_and_in_chinese(deadline_stub):
    english, chinese = UserFactory(language="en"), UserFactory(language="zh-hans")
    by_user = {n.recipient: n for n in remind([english, chinese], deadline_stub, days_left=3)}
    english_subject = "Time limit reminder: 西湖龙井地理标志产品保护申请 — 形式审查, 3 working days left"
    assert by_user[english].subject == english_subject
    assert "ends on 2026-12-03: 3 working days left." in by_user[english].body
    assert by_user[chinese].subject == "时限提醒：西湖龙井地理标志产品保护申请 — 形式审查，还剩 3 个工作日"
    assert "2026-12-03" in by_user[chinese].body


def test_deadline_kinds_render_every_variant(deadline_stub):
    user = UserFactory(language="en")
    [today] = remind([user], deadline_stub, days_left=0)
    assert today.subject.endswith("形式审查 ends today")
    [one] = remind([user], deadline_stub, days_left=1)
    assert one.subject.endswith("1 working day left")
    with transaction.atomic():
        [escalation] = notify(
            recipients=[user],
            kind="deadline.escalation",
            context={"deadline": deadline_stub, "overdue_days": 2},
        )
    assert escalation.subject == "Overdue: 西湖龙井地理标志产品保护申请 — 形式审查, 2 days overdue"
    assert "ended on 2026-12-03 and is now 2 days overdue." in escalation.body
    assert {kind.code for kind in registered_kinds()} >= {"deadline.reminder", "deadline.escalation"}


def test_deadline_kinds_accept_the_deadline_model():
    """The deadline engine passes its Deadline model, whose date is `due_on`."""
    from deadlines.services import deadline_start

    deadline = deadline_start(
        actor=None,
        rule_code="enforcement.review",
        target=Department.objects.get(code="KJS"),
        start=datetime.date(2026, 3, 2),
    )
    user = UserFactory(language="en")
    with transaction.atomic():
        [reminder] = notify(recipients=[user], kind="deadline.reminder", context={"deadline": deadline, "days_left": 2})
        [escalation] = notify(
            recipients=[user], kind="deadline.escalation", context={"deadline": deadline, "overdue_days": 1}
        )
    with translation.override("en"):
        due = date_format(deadline.due_on, "DATE_FORMAT")
        # The rule's label is lazy: it too comes out in the recipient's language.
        assert str(deadline.rule_label) in reminder.subject and deadline.target_label in reminder.subject
    assert f"ends on {due}: 2 working days left." in reminder.body
    assert f"ended on {due} and is now 1 day overdue." in escalation.body


def test_mark_read_and_mark_all_read_touch_only_the_users_notifications(deadline_stub):
    owner, other = UserFactory(), UserFactory()
    first, *_ = remind([owner], deadline_stub)
    remind([owner], deadline_stub)
    [foreign] = remind([other], deadline_stub)
    notification_mark_read(user=owner, notification=first)
    read_at = Notification.objects.get(pk=first.pk).read_at
    assert read_at is not None
    notification_mark_read(user=owner, notification=first)
    assert Notification.objects.get(pk=first.pk).read_at == read_at
    with pytest.raises(PermissionError):
        notification_mark_read(user=owner, notification=foreign)
    assert notifications_mark_all_read(user=owner) == 1
    assert not Notification.objects.filter(recipient=owner, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=foreign.pk).read_at is None


def test_preferences_are_stored_per_kind_and_unknown_kinds_refused():
    user = UserFactory()
    notification_preferences_set(user=user, email_enabled={"deadline.reminder": False})
    notification_preferences_set(user=user, email_enabled={"deadline.reminder": True, "deadline.escalation": False})
    assert dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email_enabled")) == {
        "deadline.reminder": True,
        "deadline.escalation": False,
    }
    with pytest.raises(UnknownNotificationKind):
        notification_preferences_set(user=user, email_enabled={"no.such.kind": False})
