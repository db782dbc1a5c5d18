"""Per-address limits on the public forms, so they cannot be used to flood a bureau (the complaint
form) or to try tracking numbers and contacts in bulk (办件查询). Counted in Django's cache, which
every process and server shares."""

from django.conf import settings
from django.core.cache import cache

COMPLAINTS_PER_HOUR = 5
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
    """Count this attempt; False once the address made more than `per_hour` (fixed window)."""
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


def lookup_allowed(address: str) -> bool:
    """Every lookup counts, found or not: a wrong guess must cost as much as a right one."""
    return _allowed("lookup", address, LOOKUPS_PER_HOUR)
