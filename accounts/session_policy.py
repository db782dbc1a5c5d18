"""Idle and absolute session limits per persona (docs/adr/0010), kept in the session itself."""

import time
from typing import Literal

from django.conf import settings

AUTH_AT = "terroir_auth_at"
SEEN_AT = "terroir_seen_at"
PERSONA = "terroir_persona"
# The last-seen time is written at most once a minute: a session save on every request would
# cost a database write per page. The idle limit is therefore exact to within a minute.
SEEN_RESOLUTION = 60

Expiry = Literal["idle", "absolute"]


def limits_for(persona: str) -> dict[str, int]:
    return settings.TERROIR_SESSION_LIMITS.get(persona, settings.TERROIR_SESSION_LIMITS["staff"])


def session_start(session, *, persona: str, now: float | None = None) -> None:
    now = time.time() if now is None else now
    session[AUTH_AT] = now
    session[SEEN_AT] = now
    # Fixed at login: a persona lookup on every request would cost queries on every page.
    session[PERSONA] = persona


def session_expiry(session, *, now: float | None = None) -> Expiry | None:
    """Why the signed-in session must end now, or None while it may go on."""
    now = time.time() if now is None else now
    if AUTH_AT not in session:
        # A session from before these limits (or a test's force_login without a request): start the clocks.
        session_start(session, persona="staff", now=now)
        return None
    limits = limits_for(session.get(PERSONA, "staff"))
    if now - session[AUTH_AT] > limits["absolute"]:
        return "absolute"
    if now - session.get(SEEN_AT, session[AUTH_AT]) > limits["idle"]:
        return "idle"
    return None


def session_touch(session, *, now: float | None = None) -> None:
    now = time.time() if now is None else now
    if now - session.get(SEEN_AT, 0) >= SEEN_RESOLUTION:
        session[SEEN_AT] = now
