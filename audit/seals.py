"""The worker seals the audit events in order, interval by interval (ADR 0059).

Events are signed on their own when written and numbered by their INSERT, without a lock shared
by every completion. A seal covers the events numbered after the previous seal's last, up to the
last number drawn before it: their count and the digest of their (sequence, hash) in order,
HMAC-chained to the seal before it, so removing, adding or reordering a sealed event breaks the
seal, and the daily anchor (audit.anchors) publishes the latest seal.
"""

import logging

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from .hashing import GENESIS_HASH, SealDigest, seal_hash
from .keys import current_key_id
from .models import AuditChainHead, AuditEvent, AuditSeal

logger = logging.getLogger("terroir.audit")

# How long the sealer waits for the completions in flight before giving up until the next run.
LOCK_TIMEOUT = "5s"


def chained_tail() -> tuple[int, str]:
    """The last event chained one to the next (written before ADR 0059): what the first seal covers."""
    head = AuditChainHead.objects.filter(pk=1).values_list("last_sequence", "last_hash").first()
    return head if head is not None else (0, GENESIS_HASH)


def settled_sequence() -> int | None:
    """The largest number drawn so far, once every transaction that drew a number is over.

    On PostgreSQL a number is drawn by an INSERT, which holds the table's ROW EXCLUSIVE lock until
    its transaction ends: SHARE waits for all of those and lets none begin, so every number up to
    the largest then committed or rolled back, and later ones are larger. The lock is released at
    once. SQLite has one writer at a time, whose numbers are above every committed one.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                cursor.execute(f"LOCK TABLE {AuditEvent._meta.db_table} IN SHARE MODE")
        return AuditEvent.objects.aggregate(last=Max("sequence"))["last"]


def seal_pending_events() -> int:
    """The worker's job: seal the events written since the last seal (1), or nothing (0)."""
    try:
        settled = settled_sequence()
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) != "55P03":  # lock_not_available
            raise
        logger.warning("audit sealing postponed behind a long transaction: %s", exc)
        return 0
    last = AuditSeal.objects.order_by("-number").values_list("number", "last_sequence", "hash").first()
    number, after, previous_hash = (last[0], last[1], last[2]) if last else (0, *chained_tail())
    if settled is None or settled <= after:
        return 0
    digest = SealDigest()
    rows = (
        AuditEvent.objects.filter(sequence__gt=after, sequence__lte=settled)
        .order_by("sequence")
        .values_list("sequence", "hash")
    )
    for sequence, event_hash in rows.iterator(chunk_size=5000):
        digest.add(sequence, event_hash)
    if not digest.events:
        return 0
    fields = {
        "number": number + 1,
        "first_sequence": after + 1,
        "last_sequence": settled,
        "events": digest.events,
        "digest": digest.hexdigest(),
        "previous_hash": previous_hash,
        "key_id": current_key_id(),
        "sealed_at": timezone.now(),
    }
    seal = AuditSeal(**fields, hash=seal_hash(fields))
    try:
        with transaction.atomic():
            seal.save(force_insert=True)
    except IntegrityError:
        return 0  # another worker sealed first
    logger.info("audit events #%s–#%s sealed as S%s", seal.first_sequence, seal.last_sequence, seal.number)
    return 1
