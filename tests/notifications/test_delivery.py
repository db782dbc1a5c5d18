import datetime
import smtplib

import pytest
import time_machine
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


class CrashingBackend(FailingBackend):
    """The worker dies in the conversation: what the database holds at that moment is what a crash leaves."""

    seen: list[tuple[str, int, str]] = []

    def send_messages(self, messages):
        [message] = messages
        # The claim's transaction is over (the subprocess test, on PostgreSQL, sees it committed).
        row = EmailDelivery.objects.get(message_id=message.extra_headers["Message-ID"])
        CrashingBackend.seen.append((row.status, row.attempts, message.extra_headers["Message-ID"]))
        raise SystemExit("worker killed")


def crash_once(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.CrashingBackend"
    CrashingBackend.seen = []
    with pytest.raises(SystemExit):
        deliver_notifications()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_the_attempt_is_counted_and_marked_before_the_mail_server_is_spoken_to(deadline_stub, settings):
    [notification] = queue(1, deadline_stub)
    crash_once(settings)
    [(status, attempts, message_id)] = CrashingBackend.seen
    assert (status, attempts) == (EmailDelivery.Status.SENDING, 1)
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.message_id) == (EmailDelivery.Status.SENDING, 1, message_id)
    assert message_id.startswith(f"<notification.{notification.pk}.")
    assert delivery.sending_since is not None and delivery.sending_since <= timezone.now()


def test_an_interrupted_sending_is_retried_once_after_the_timeout_with_the_same_message_id(deadline_stub, settings):
    queue(1, deadline_stub)
    crash_once(settings)
    [(_, _, message_id)] = CrashingBackend.seen
    # Within the timeout the worker may still be talking to the mail server: left alone.
    assert deliver_notifications() == 0
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + jobs.sending_timeout() + datetime.timedelta(seconds=1)):
        assert deliver_notifications() == 1
    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == message_id
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.interrupted) == (EmailDelivery.Status.SENT, 2, 1)
    assert delivery.sending_since is None


def test_a_message_interrupted_twice_is_given_up_for_a_person_to_look_at(deadline_stub, settings):
    queue(1, deadline_stub)
    crash_once(settings)
    later = timezone.now() + jobs.sending_timeout() + datetime.timedelta(seconds=1)
    with time_machine.travel(later):
        crash_once(settings)
    with time_machine.travel(later + jobs.sending_timeout() + datetime.timedelta(seconds=1)):
        assert deliver_notifications() == 0
    assert mail.outbox == []
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.interrupted) == (EmailDelivery.Status.FAILED, 2, 2)
    assert delivery.message_id in delivery.last_error
    # Queued again by an administrator, it starts a fresh series, with the same Message-ID.
    assert email_deliveries_retry(deliveries=EmailDelivery.objects.all()) == 1
    assert deliver_notifications() == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == delivery.message_id
