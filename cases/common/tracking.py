"""Tracking numbers (办件查询编号) for the public's objections and reports, and the check of the
contact given with them (docs/adr/0034).

A tracking number is a kind prefix and ten random characters, e.g. JB-7KQ9M-4XT2R. It is read
over the phone and typed from paper: capitals and digits only, without 0/O, 1/I/L, grouped by
five. 31 symbols to the tenth power is about 8·10^14 (49 bits): with the contact also required
and lookups rate-limited, nobody finds someone else's case by trying numbers.
"""

import hmac
import re
import secrets
import unicodedata

TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_LENGTH = 10
GROUP = 5
OBJECTION_PREFIX = "YY"  # 异议
REPORT_PREFIX = "JB"  # 举报
PREFIXES = (OBJECTION_PREFIX, REPORT_PREFIX)
# The stored form: "JB-" and two groups of five with a hyphen between them.
TRACKING_NUMBER_MAX_LENGTH = len(REPORT_PREFIX) + 1 + TRACKING_LENGTH + 1

_SEPARATORS = re.compile(r"[\s\-_.·—–]+")
_PHONE_PUNCTUATION = re.compile(r"[\s\-()（）.·—–]+")
_CHINA_PREFIX = re.compile(r"^(\+86|0086)")


def new_tracking_number(prefix: str) -> str:
    body = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return f"{prefix}-{body[:GROUP]}-{body[GROUP:]}"


def new_objection_tracking_number() -> str:
    """The default of Objection.tracking_number (a named function: migrations refer to it)."""
    return new_tracking_number(OBJECTION_PREFIX)


def canonical_tracking_number(text: str) -> str | None:
    """The stored form of a number as a person typed it (any case, spaces, hyphens, full-width
    characters), or None when it cannot be one."""
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    prefix, body = compact[:2], compact[2:]
    if prefix not in PREFIXES or len(body) != TRACKING_LENGTH or not set(body) <= set(TRACKING_ALPHABET):
        return None
    return f"{prefix}-{body[:GROUP]}-{body[GROUP:]}"


def normalised_contact(text: str) -> str:
    """An e-mail address in lower case; a phone number without spaces, hyphens, brackets and +86."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if "@" in text:
        return "".join(text.split()).casefold()
    return _CHINA_PREFIX.sub("", _PHONE_PUNCTUATION.sub("", text))


def contact_matches(given: str, stored: str) -> bool:
    """Compared in constant time, so the time of an answer does not tell how much of it was right.
    A case without a stored contact matches nothing."""
    expected = normalised_contact(stored)
    same = hmac.compare_digest(normalised_contact(given).encode(), expected.encode())
    return same and bool(expected)


# Compared against when no case has the number, so an unknown number costs what a known one does.
_NOBODY = "nobody@tracking.invalid"


def tracked(queryset, number: str, contact: str, contact_of):
    """The row of `queryset` with this tracking number, when `contact` matches the contact it was
    filed with (contact_of(row)); None otherwise, whichever part was wrong."""
    canonical = canonical_tracking_number(number)
    row = queryset.filter(tracking_number=canonical).first() if canonical else None
    matches = contact_matches(contact, contact_of(row) if row is not None else _NOBODY)
    return row if matches and row is not None else None
