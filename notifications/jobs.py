"""The worker's delivery job: send due e-mails from the outbox, at least once each.

An attempt has three steps, each short:
1. claim: in its own transaction, take one due row with SELECT … FOR UPDATE SKIP LOCKED,
   count the attempt, mark it "sending since now" with its Message-ID, and commit;
2. speak to the mail server, with no transaction and no lock open;
3. record the outcome (sent, or failed and due again later) if the row is still ours, in the
   transaction that claims the next message (or on its own after the last).
A worker that dies in step 2 leaves the row "sending". Once the marker is older than
NOTIFICATION_SENDING_TIMEOUT another worker sends the message again with the same
Message-ID; if that attempt is cut short too, the row is given up as failed for a person
to look at. So a message may arrive twice, only when a worker dies mid-conversation, and
the two copies carry one Message-ID. See docs/adr/0044 (which revises 0008).
"""

import datetime
import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import EmailDelivery

logger = logging.getLogger("terroir.notifications")

# 1, 2, 4 … 64 minutes between attempts: a mail server may be down for two hours
# before a message is given up (the in-app notification stays in any case).
MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = datetime.timedelta(minutes=1)
# A message whose sending was cut short once is sent again; cut short twice, it is given up:
# something in that message (or the server's answer to it) may be killing the worker.
MAX_INTERRUPTIONS = 1


def retry_delay(attempts: int) -> datetime.timedelta:
    """Delay after the given number of failed attempts (exponential backoff)."""
    return FIRST_RETRY_DELAY * 2 ** (attempts - 1)


def deliver_notifications(batch: int = 50) -> int:
    """Send up to `batch` due e-mails; return how many were sent."""
    # A read without a transaction first: an idle worker takes no lock every few seconds.
    if not EmailDelivery.objects.filter(_due() | _interrupted()).exists():
        return 0
    # Looked for once a run, not before each message: a worker's death is rare.
    recover = EmailDelivery.objects.filter(_interrupted()).exists()
    mail = _LazyMailConnection()
    sent = 0
    # The outcome of the last message, written in the transaction that claims the next one:
    # one commit per message, where the commits (flushed to disk) are the cost that counts.
    outcome: Callable[[], None] | None = None
    try:
        for _ in range(batch):
            delivery = _claim(recover=recover, then_record=outcome)
            outcome = None
            if delivery is None:
                break
            outcome, accepted = _send(mail, delivery)
            sent += accepted
            if mail.unreachable:
                # The mail server is down: the rest waits for the next run instead of each
                # spending an attempt now.
                break
    finally:
        mail.close()
        if outcome is not None:
            outcome()
    return sent


def sending_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.NOTIFICATION_SENDING_TIMEOUT)


def _due() -> Q:
    return Q(status=EmailDelivery.Status.PENDING, next_attempt_at__lte=timezone.now())


def _interrupted() -> Q:
    """Attempts whose worker died: still marked "sending" well after any mail server would have answered."""
    return Q(status=EmailDelivery.Status.SENDING, sending_since__lt=timezone.now() - sending_timeout())


def _send(mail: "_LazyMailConnection", delivery: EmailDelivery) -> tuple[Callable[[], None], int]:
    """Speak to the mail server; return how to record the outcome, and 1 if the message was accepted."""
    try:
        if mail.send(_message(delivery)) != 1:
            raise RuntimeError("the e-mail backend did not accept the message")
    except Exception as error:
        return functools.partial(_record_failure, delivery, error), 0
    return functools.partial(_record_sent, delivery), 1


def _claim(*, recover: bool, then_record: Callable[[], None] | None = None) -> EmailDelivery | None:
    """Take one due delivery and commit its attempt before any byte goes to the mail server.

    `then_record`, the previous message's outcome, is written in the same transaction.
    """
    while True:
        with transaction.atomic():
            if then_record is not None:
                then_record()
                then_record = None
            # Interrupted attempts first: their message may already be in someone's inbox.
            delivery = (recover and _locked_first(_interrupted())) or _locked_first(_due())
            if delivery is None:
                return None
            if delivery.status == EmailDelivery.Status.SENDING:
                delivery.interrupted += 1
                if delivery.interrupted > MAX_INTERRUPTIONS:
                    _give_up_interrupted(delivery)
                    continue
                logger.warning(
                    "e-mail %s to %s: the worker stopped while sending it at %s; sending it again as %s",
                    delivery.pk,
                    delivery.to_address,
                    delivery.sending_since,
                    delivery.message_id,
                )
            delivery.status = EmailDelivery.Status.SENDING
            delivery.attempts += 1
            delivery.sending_since = timezone.now()
            delivery.message_id = delivery.message_id or message_id_of(delivery.notification)
            delivery.save(update_fields=["status", "attempts", "sending_since", "message_id", "interrupted"])
            return delivery


def _locked_first(condition: Q) -> EmailDelivery | None:
    return (
        EmailDelivery.objects.filter(condition)
        # Only the delivery row: the recipient may mark the notification read meanwhile.
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("notification")
        .order_by("next_attempt_at", "pk")
        .first()
    )


def _give_up_interrupted(delivery: EmailDelivery) -> None:
    delivery.status = EmailDelivery.Status.FAILED
    delivery.sending_since = None
    delivery.last_error = (
        f"the worker stopped {delivery.interrupted} times while sending this message; "
        f"it may have arrived (Message-ID {delivery.message_id})"
    )
    delivery.save(update_fields=["status", "sending_since", "last_error", "interrupted"])
    logger.error("e-mail %s to %s given up: %s", delivery.pk, delivery.to_address, delivery.last_error)


def _still_ours(delivery: EmailDelivery):
    """The row as this attempt left it: not taken over by another worker after a timeout."""
    return EmailDelivery.objects.filter(
        pk=delivery.pk, status=EmailDelivery.Status.SENDING, sending_since=delivery.sending_since
    )


def _record_sent(delivery: EmailDelivery) -> None:
    if not _still_ours(delivery).update(
        status=EmailDelivery.Status.SENT, sending_since=None, sent_at=timezone.now(), last_error=""
    ):
        logger.warning("e-mail %s was sent after its attempt had timed out", delivery.pk)


def message_id_of(notification) -> str:
    # Stable across attempts, so a message repeated after a crash can be recognised.
    return f"<notification.{notification.pk}.{int(notification.created_at.timestamp())}@{DNS_NAME}>"


def _message(delivery: EmailDelivery) -> EmailMessage:
    notification = delivery.notification
    return EmailMessage(
        subject=notification.subject,
        body=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.to_address],
        headers={
            "Message-ID": delivery.message_id,
            # RFC 3834: no out-of-office replies to a robot.
            "Auto-Submitted": "auto-generated",
        },
    )


def _record_failure(delivery: EmailDelivery, error: Exception) -> None:
    # The attempt was counted when it was claimed.
    last_error = f"{type(error).__name__}: {error}"[:2000]
    if delivery.attempts >= MAX_ATTEMPTS:
        outcome: dict[str, object] = {"status": EmailDelivery.Status.FAILED}
        logger.error("e-mail %s to %s failed for good: %s", delivery.pk, delivery.to_address, last_error)
    else:
        next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
        outcome = {"status": EmailDelivery.Status.PENDING, "next_attempt_at": next_attempt_at}
        logger.warning(
            "e-mail %s to %s failed (attempt %d), retried at %s: %s",
            delivery.pk,
            delivery.to_address,
            delivery.attempts,
            next_attempt_at.isoformat(),
            last_error,
        )
    _still_ours(delivery).update(sending_since=None, last_error=last_error, **outcome)


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
