"""A per-address limit on public complaints, so the form cannot be used to flood a bureau."""

from django.conf import settings
from django.core.cache import cache

COMPLAINTS_PER_HOUR = 5
WINDOW_SECONDS = 3600


def client_address(request) -> str:
    """REMOTE_ADDR, or the first X-Forwarded-For hop when a trusted proxy sets it."""
    if getattr(settings, "TERROIR_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def complaint_allowed(address: str) -> bool:
    """Count this attempt; False once the address sent more than the hourly limit (fixed window)."""
    key = f"complaint-rate:{address}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= COMPLAINTS_PER_HOUR
