"""Per-address limits on the public forms (complaints, objections), so that they cannot be used to
flood a bureau. The counts live in Django's cache, which every process shares (Redis, or the
database's cache table: config/settings/base.py CACHES); a per-process cache let each gunicorn
worker count alone."""

from django.conf import settings
from django.core.cache import cache

COMPLAINTS_PER_HOUR = 5
OBJECTIONS_PER_HOUR = 5
WINDOW_SECONDS = 3600


def client_address(request) -> str:
    """REMOTE_ADDR, or the first X-Forwarded-For hop when a trusted proxy sets it."""
    if getattr(settings, "TERROIR_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _attempt_allowed(kind: str, address: str, per_hour: int) -> bool:
    """Count this attempt; False once the address sent more than the hourly limit (fixed window).
    add + incr are atomic in Redis and in the database cache, so processes never lose a count."""
    key = f"{kind}-rate:{address}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= per_hour


def complaint_allowed(address: str) -> bool:
    return _attempt_allowed("complaint", address, COMPLAINTS_PER_HOUR)


def objection_allowed(address: str) -> bool:
    return _attempt_allowed("objection", address, OBJECTIONS_PER_HOUR)
