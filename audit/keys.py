"""The keys of the audit chain's HMAC, from settings.AUDIT_HMAC_KEYS (the environment, never the database).

Each entry is "key id:base64 key"; the first is the one new events are signed with, the others
are kept to verify the events signed before a rotation (every event records its key id).
"""

import base64
import binascii
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MIN_KEY_BYTES = 32
KEY_ID_LENGTH = 16  # AuditEvent.key_id's max_length


class UnknownAuditKey(LookupError):
    """An event names a key id that is not configured (a forged id, or a key dropped too soon)."""


def parse_keys(entries: list[str] | tuple[str, ...]) -> dict[str, bytes]:
    """{key id: key} in the configured order; ImproperlyConfigured names what is wrong."""
    keys: dict[str, bytes] = {}
    for entry in entries:
        key_id, separator, encoded = entry.strip().partition(":")
        if not separator or not key_id or len(key_id) > KEY_ID_LENGTH:
            raise ImproperlyConfigured(
                f"AUDIT_HMAC_KEYS: each entry is 'key id:base64 key' with a key id of 1 to {KEY_ID_LENGTH} characters."
            )
        try:
            key = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ImproperlyConfigured(f"AUDIT_HMAC_KEYS: the key {key_id!r} is not valid base64.") from exc
        if len(key) < MIN_KEY_BYTES:
            raise ImproperlyConfigured(f"AUDIT_HMAC_KEYS: the key {key_id!r} must be at least {MIN_KEY_BYTES} bytes.")
        if key_id in keys:
            raise ImproperlyConfigured(f"AUDIT_HMAC_KEYS: the key id {key_id!r} is given twice.")
        keys[key_id] = key
    if not keys:
        raise ImproperlyConfigured("AUDIT_HMAC_KEYS must name at least one key.")
    return keys


@cache
def _configured(entries: tuple[str, ...]) -> dict[str, bytes]:
    return parse_keys(entries)


def configured_keys() -> dict[str, bytes]:
    # Cached per value, so a test that overrides the setting gets its own keys.
    return _configured(tuple(settings.AUDIT_HMAC_KEYS))


def current_key_id() -> str:
    """The key new events are signed with: the first configured."""
    return next(iter(configured_keys()))


def key_for(key_id: str) -> bytes:
    try:
        return configured_keys()[key_id]
    except KeyError:
        raise UnknownAuditKey(key_id) from None
