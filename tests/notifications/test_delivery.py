import datetime
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications import jobs
from notifications.jobs import MAX_ATTEMPTS, deliver_notifications, retry_delay
from notifications.models import EmailDelivery
from notifications.services import email_deliveries_retry, notify
from tests.factories import UserFactory
from workflows.jobs import job_named

# Deliveries are timed from now: a fixed day (ADR 0027).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def queue(count, deadline, language="en"):
    users = [UserFactory(language=language) for _ in range(count)]
    with transaction.atomic():
        return notify(recipients=users, kind="deadline.reminder", context={"deadline": deadline, "days_left": 2})


class FailingBackend:
    """Stands in for an SMTP server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"mailbox unavailable")})


class UnreachableBackend(FailingBackend):
    def open(self):
        raise ConnectionRefusedError("mail server down")


def test_pending_emails_are_sent_once(deadline_stub):
    notifications = queue(3, deadline_stub)
    assert deliver_notifications() == 3
    assert deliver_notifications() == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(n.recipient.email for n in notifications)
    message = next(m for m in mail.outbox if m.to == [notifications[0].recipient.email])
    assert message.subject == notifications[0].subject
    assert message.body == notifications[0].body
    assert message.extra_headers["Message-ID"].startswith(f"<notification.{notifications[0].pk}.")
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    for delivery in EmailDelivery.objects.all():
        assert (delivery.status, delivery.attempts, delivery.last_error) == (EmailDelivery.Status.SENT, 1, "")
        assert delivery.sent_at is not None


def test_batch_limits_one_run(deadline_stub):
    queue(5, deadline_stub)
    assert deliver_notifications(batch=2) == 2
    assert deliver_notifications(batch=10) == 3
    assert len(mail.outbox) == 5


def test_a_failed_email_is_retried_with_exponential_backoff_then_given_up(deadline_stub, settings, monkeypatch):
    [notification] = queue(1, deadline_stub)
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.FailingBackend"
    delivery = notification.email_delivery
    now = timezone.now()
    for attempt in range(1, MAX_ATTEMPTS):
        monkeypatch.setattr(jobs.timezone, "now", lambda now=now: now)
        assert deliver_notifications() == 0
        delivery.refresh_from_db()
        assert delivery.status == EmailDelivery.Status.PENDING
        assert delivery.attempts == attempt
        assert delivery.next_attempt_at == now + datetime.timedelta(minutes=2 ** (attempt - 1))
        assert "SMTPRecipientsRefused" in delivery.last_error
        # Not due yet: a run just before the retry time leaves it alone.
        just_before = delivery.next_attempt_at - datetime.timedelta(seconds=1)
        monkeypatch.setattr(jobs.timezone, "now", lambda at=just_before: at)
        assert deliver_notifications() == 0
        assert EmailDelivery.objects.get(pk=delivery.pk).attempts == attempt
        now = delivery.next_attempt_at
    monkeypatch.setattr(jobs.timezone, "now", lambda: now)
    assert deliver_notifications() == 0
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.FAILED, MAX_ATTEMPTS)
    assert "mailbox unavailable" in delivery.last_error
    assert deliver_notifications() == 0
    assert [retry_delay(n).total_seconds() / 60 for n in range(1, 5)] == [1, 2, 4, 8]

    # After the mail server is fixed an administrator queues it again.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.undo()
    assert email_deliveries_retry(deliveries=EmailDelivery.objects.all()) == 1
    assert deliver_notifications() == 1
    assert EmailDelivery.objects.get(pk=delivery.pk).status == EmailDelivery.Status.SENT


def test_an_unreachable_mail_server_costs_one_attempt_per_run(deadline_stub, settings):
    queue(3, deadline_stub)
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.UnreachableBackend"
    assert deliver_notifications() == 0
    assert sorted(EmailDelivery.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    assert "mail server down" in EmailDelivery.objects.get(attempts=1).last_error


def test_the_worker_runs_the_delivery_job():
    job = job_named("deliver_notifications")
    assert job.run is deliver_notifications
    assert job.every_seconds <= 10
