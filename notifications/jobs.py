"""The worker's delivery job: send pending e-mails from the outbox, each exactly once.

Each message is claimed in its own transaction with SELECT … FOR UPDATE SKIP LOCKED,
sent while the row is locked, marked sent and committed. Another worker skips the
locked row and, after the commit, no longer sees it as pending. One message per
transaction keeps the lock short (on SQLite it is the whole database's write lock)
and limits a crash between sending and committing to one possible repeat.
See docs/adr/0008-notification-outbox-delivered-exactly-once.md.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.utils import timezone

from .models import EmailDelivery

logger = logging.getLogger("terroir.notifications")

# 1, 2, 4 … 64 minutes between attempts: a mail server may be down for two hours
# before a message is given up (the in-app notification stays in any case).
MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = datetime.timedelta(minutes=1)


def retry_delay(attempts: int) -> datetime.timedelta:
    """Delay after the given number of failed attempts (exponential backoff)."""
    return FIRST_RETRY_DELAY * 2 ** (attempts - 1)


def deliver_notifications(batch: int = 50) -> int:
    """Send up to `batch` due e-mails; return how many were sent."""
    # A read without a transaction first: an idle worker takes no lock every few seconds.
    if not _due_deliveries().exists():
        return 0
    mail = _LazyMailConnection()
    sent = 0
    try:
        for _ in range(batch):
            outcome = _deliver_one(mail)
            if outcome is None or mail.unreachable:
                # Nothing left, or the mail server is down: the rest waits for the next run
                # instead of each spending an attempt now.
                sent += outcome or 0
                break
            sent += outcome
    finally:
        mail.close()
    return sent


def _due_deliveries():
    return EmailDelivery.objects.filter(status=EmailDelivery.Status.PENDING, next_attempt_at__lte=timezone.now())


def _deliver_one(mail: "_LazyMailConnection") -> int | None:
    """1 if a message was sent, 0 if it failed, None if nothing is left to claim."""
    with transaction.atomic():
        delivery = (
            _due_deliveries()
            # Only the delivery row: the recipient may mark the notification read meanwhile.
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("notification")
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if delivery is None:
            return None
        try:
            if mail.send(_message(delivery)) != 1:
                raise RuntimeError("the e-mail backend did not accept the message")
        except Exception as error:
            _record_failure(delivery, error)
            return 0
        delivery.status = EmailDelivery.Status.SENT
        delivery.attempts += 1
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["status", "attempts", "sent_at", "last_error"])
        return 1


def _message(delivery: EmailDelivery) -> EmailMessage:
    notification = delivery.notification
    return EmailMessage(
        subject=notification.subject,
        body=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.to_address],
        headers={
            # Stable across retries, so a message repeated after a crash can be recognised.
            "Message-ID": f"<notification.{notification.pk}.{int(notification.created_at.timestamp())}@{DNS_NAME}>",
            # RFC 3834: no out-of-office replies to a robot.
            "Auto-Submitted": "auto-generated",
        },
    )


def _record_failure(delivery: EmailDelivery, error: Exception) -> None:
    delivery.attempts += 1
    delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = EmailDelivery.Status.FAILED
        logger.error("e-mail %s to %s failed for good: %s", delivery.pk, delivery.to_address, delivery.last_error)
    else:
        delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
        logger.warning(
            "e-mail %s to %s failed (attempt %d), retried at %s: %s",
            delivery.pk,
            delivery.to_address,
            delivery.attempts,
            delivery.next_attempt_at.isoformat(),
            delivery.last_error,
        )
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])


class _LazyMailConnection:
    """One e-mail backend connection per run, opened for the first message only."""

    def __init__(self):
        self._connection = None
        self.unreachable = False

    def send(self, message: EmailMessage) -> int:
        if self._connection is None:
            connection = get_connection(fail_silently=False)
            try:
                connection.open()
            except Exception:
                self.unreachable = True
                raise
            self._connection = connection
        return self._connection.send_messages([message]) or 0

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
