"""Writes on notifications: queue them in the outbox, mark them read, set preferences."""

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation

from .kinds import get_kind
from .models import EmailDelivery, Notification, NotificationPreference

# Annotated on recipients given as a query: the user switched e-mail off for the kind being sent.
_EMAIL_OFF = "notify_email_switched_off"


class NotificationOutsideTransaction(RuntimeError):
    """Notifications must be queued in the same transaction as the change that causes them."""


def notify(
    *,
    recipients,
    kind: str,
    target=None,
    link: str = "",
    context: dict | None = None,
) -> list[Notification]:
    """Queue one notification per active recipient, rendered in that recipient's language.

    Call it inside the service's transaction: a rolled-back change leaves no notification.
    An e-mail delivery is queued when the user has an address and has not switched
    e-mail off for this kind. The worker sends it after commit.
    """
    if not transaction.get_connection().in_atomic_block:
        raise NotificationOutsideTransaction(f"notification {kind!r} queued outside a transaction")
    notification_kind = get_kind(kind)
    switched_off = NotificationPreference.objects.filter(kind=kind, email_enabled=False)
    if isinstance(recipients, models.QuerySet) and not (recipients.query.combinator or recipients.query.is_sliced):
        # The users and their e-mail choice for this kind in one query.
        recipients = recipients.annotate(**{_EMAIL_OFF: Exists(switched_off.filter(user=OuterRef("pk")))})
    users = _active_distinct(recipients)
    if not users:
        return []
    target_type, target_id = _target_reference(target)
    if not link and target is not None and hasattr(target, "get_absolute_url"):
        link = target.get_absolute_url()
    email_link = _absolute(link)
    if all(hasattr(user, _EMAIL_OFF) for user in users):
        email_off = {user.pk for user in users if getattr(user, _EMAIL_OFF)}
    else:
        email_off = set(switched_off.filter(user__in=users).values_list("user_id", flat=True))
    now = timezone.now()
    notifications = []
    for user in users:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject, body = notification_kind.render({**(context or {}), "recipient": user, "link": email_link})
        notifications.append(
            Notification(
                recipient=user,
                kind=kind,
                subject=subject[:255],
                body=body,
                link=link,
                target_type=target_type,
                target_id=target_id,
                created_at=now,
            )
        )
    Notification.objects.bulk_create(notifications)
    EmailDelivery.objects.bulk_create(
        [
            EmailDelivery(notification=notification, to_address=notification.recipient.email, next_attempt_at=now)
            for notification in notifications
            if notification.recipient.email and notification.recipient_id not in email_off
        ]
    )
    return notifications


def notification_mark_read(*, user, notification: Notification) -> Notification:
    """Mark one of the user's own notifications read (a no-op when it already is)."""
    if notification.recipient_id != user.pk:
        raise PermissionError("only the recipient may mark a notification read")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        # Conditional, so a double click keeps the first reading time.
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notification_preferences_set(*, user, email_enabled: dict[str, bool]) -> None:
    """Store the user's e-mail choice per kind code (only registered kinds)."""
    with transaction.atomic():
        for code, enabled in email_enabled.items():
            get_kind(code)
            NotificationPreference.objects.update_or_create(
                user=user, kind=code, defaults={"email_enabled": bool(enabled)}
            )


def email_deliveries_retry(*, deliveries) -> int:
    """Queue failed e-mails again with a fresh series of attempts (e.g. after fixing the mail server)."""
    return deliveries.filter(status=EmailDelivery.Status.FAILED).update(
        status=EmailDelivery.Status.PENDING, attempts=0, interrupted=0, next_attempt_at=timezone.now()
    )


def _absolute(link: str) -> str:
    # An e-mail needs the full address; the in-app notification keeps the path.
    site_url = getattr(settings, "TERROIR_SITE_URL", "")
    return urljoin(site_url, link) if link and site_url else link


def _active_distinct(recipients) -> list:
    if recipients is None:
        return []
    if isinstance(recipients, models.Model):
        recipients = [recipients]
    seen: set[int] = set()
    users = []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def _target_reference(target) -> tuple[ContentType | None, int | None]:
    if target is None:
        return None, None
    if not isinstance(target.pk, int):
        raise TypeError(f"notification targets need an integer primary key, not {target.pk!r}")
    return ContentType.objects.get_for_model(target), target.pk


def notify_event(*, prefix: str, events: dict, event: str, recipients, target, context: dict, link: str = ""):
    """notify() for a kind registered with register_event_kinds; an unknown event is a bug."""
    if event not in events:
        raise ValueError(f"unknown {prefix} event {event!r}")
    return notify(
        recipients=recipients,
        kind=f"{prefix}.{event}",
        target=target,
        link=link,
        context={"event": event, **context},
    )
