from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import LoginFailure, User, UserSession


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def user_sessions_end(*, user: User) -> int:
    """End every session of the user server-side (deactivation); returns how many were ended."""
    deleted, _by_model = UserSession.objects.filter(user=user).delete()
    return deleted


def _throttle_key(username: str) -> str:
    # Case and surrounding spaces must not buy an attacker a fresh allowance.
    return (username or "").strip().lower()[:150]


def login_failure_record(*, username: str, at: datetime | None = None) -> None:
    now = at or timezone.now()
    key = _throttle_key(username)
    LoginFailure.objects.create(username=key, failed_at=now)
    # Rows that left the window throttle nothing any more: keep the table small as we go.
    window = timedelta(seconds=settings.TERROIR_LOGIN_FAILURE_WINDOW)
    LoginFailure.objects.filter(username=key, failed_at__lt=now - window).delete()


def login_locked_until(*, username: str, now: datetime | None = None) -> datetime | None:
    """When the account may try again, or None if it is not locked.

    Locked while the last window (an hour) holds the limit of failures (100); the lock ends
    when the oldest of those leaves the window, so it expires by itself.
    """
    now = now or timezone.now()
    window = timedelta(seconds=settings.TERROIR_LOGIN_FAILURE_WINDOW)
    limit = settings.TERROIR_LOGIN_FAILURE_LIMIT
    recent = (
        LoginFailure.objects.filter(username=_throttle_key(username), failed_at__gt=now - window)
        .order_by("-failed_at")
        .values_list("failed_at", flat=True)
    )
    oldest_counted = next(iter(recent[limit - 1 : limit]), None)
    return oldest_counted + window if oldest_counted is not None else None
