from functools import cache

from .selectors import unread_count


def unread_notifications(request) -> dict:
    """The unread count for the page header: one COUNT, and only if the page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Templates call a callable when they read it; cached so several reads cost one query.
    return {"unread_notifications_count": cache(lambda: unread_count(user))}
