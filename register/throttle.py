"""Per-address limits on the public forms, so they cannot be used to flood a bureau (complaints,
objections) or to try tracking numbers and contacts in bulk (办件查询). The counts live in
Django's cache, which every process shares (Redis, or the database's cache table:
config/settings/base.py CACHES); a per-process cache let each gunicorn worker count alone."""

from django.conf import settings
from django.core.cache import cache

COMPLAINTS_PER_HOUR = 5
OBJECTIONS_PER_HOUR = 5
LOOKUPS_PER_HOUR = 20
WINDOW_SECONDS = 3600


def client_address(request) -> str:
    """REMOTE_ADDR, or the first X-Forwarded-For hop when a trusted proxy sets it."""
    if getattr(settings, "TERROIR_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _allowed(scope: str, address: str, per_hour: int) -> bool:
    """Count this attempt; False once the address made more than `per_hour` (fixed window).
    Redis increments atomically; Django's database cache reads and writes the count, so two
    requests at the very same instant may count once (a burst passes by at most the servers'
    concurrency, never a whole process's share as with a per-process cache)."""
    key = f"{scope}-rate:{address}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= per_hour


def complaint_allowed(address: str) -> bool:
    return _allowed("complaint", address, COMPLAINTS_PER_HOUR)


def objection_allowed(address: str) -> bool:
    return _allowed("objection", address, OBJECTIONS_PER_HOUR)


def lookup_allowed(address: str) -> bool:
    """Every lookup counts, found or not: a wrong guess must cost as much as a right one."""
    return _allowed("lookup", address, LOOKUPS_PER_HOUR)
