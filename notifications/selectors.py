"""Reads on notifications: always the requesting user's own."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .kinds import NotificationKind, registered_kinds
from .models import Notification, NotificationPreference


def notifications_of(user) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_of_or_404(user, notification_id: int) -> Notification:
    """Another user's notification answers 404, as one that does not exist."""
    return get_object_or_404(Notification, pk=notification_id, recipient=user)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_preferences_of(user) -> list[tuple[NotificationKind, bool]]:
    """Every registered kind with the user's e-mail choice (on unless switched off)."""
    switched_off = set(
        NotificationPreference.objects.filter(user=user, email_enabled=False).values_list("kind", flat=True)
    )
    return [(kind, kind.code not in switched_off) for kind in registered_kinds()]
