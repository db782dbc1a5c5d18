"""The digests of the audit trail: HMACs under a key kept outside the database (ADR 0043, 0059).

Events written before keying (key id "") were hashed with plain SHA-256 (ADR 0001); they stay
verifiable, and the first keyed event seals them, since its HMAC covers their last hash.
"""

import hashlib
import hmac
import json

from .keys import key_for

GENESIS_HASH = "0" * 64
UNKEYED = ""  # the key id of the events hashed before ADR 0043


def _payload(fields: list) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode("utf-8")


def event_hash(
    *,
    key_id: str,
    sequence: int,
    occurred_at: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    target_type: str,
    target_id: str,
    target_label: str,
    from_state: str,
    to_state: str,
    comment: str,
    data: dict,
    previous_hash: str,
) -> str:
    """HMAC-SHA256, under the key `key_id` names, of a canonical JSON of every recorded field, the
    key id and the previous hash; UnknownAuditKey if that key is not configured."""
    fields = [
        sequence,
        occurred_at,
        actor_id,
        actor_label,
        action,
        target_type,
        target_id,
        target_label,
        from_state,
        to_state,
        comment,
        data,
        previous_hash,
    ]
    if key_id == UNKEYED:
        return hashlib.sha256(_payload(fields)).hexdigest()
    return hmac.new(key_for(key_id), _payload([key_id, *fields]), hashlib.sha256).hexdigest()


# The recorded fields an event's HMAC covers, in this order (with the key id, a salt or the
# sequence and previous hash around them).
SIGNED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "from_state",
    "to_state",
    "comment",
    "data",
)


def signed_fields(event) -> dict:
    """An AuditEvent's SIGNED_FIELDS as they are hashed: the time in ISO form, the target's type
    as its natural key."""
    return {
        **{name: getattr(event, name) for name in SIGNED_FIELDS if name not in ("occurred_at", "target_type")},
        "occurred_at": event.occurred_at.isoformat(),
        "target_type": ".".join(event.target_type.natural_key()),
    }


def standalone_event_hash(*, key_id: str, salt: str, **fields) -> str:
    """The HMAC of an event written since ADR 0059: its SIGNED_FIELDS and a random salt, no
    sequence or previous hash (the database numbers it at the insert; its seal fixes its place)."""
    payload = ["event", key_id, salt, *(fields[name] for name in SIGNED_FIELDS)]
    return hmac.new(key_for(key_id), _payload(payload), hashlib.sha256).hexdigest()


# What a seal's HMAC covers, in this order (after the key id).
SEAL_FIELDS = ("number", "first_sequence", "last_sequence", "events", "digest", "previous_hash", "sealed_at")


def seal_hash(seal: dict) -> str:
    """The HMAC of a seal (ADR 0059), from its fields (AuditSeal's, as a dict): the digest of its
    events in order, chained to the seal before."""
    values = [seal[name] for name in SEAL_FIELDS]
    values[-1] = values[-1].isoformat()  # sealed_at
    return hmac.new(key_for(seal["key_id"]), _payload(["seal", seal["key_id"], *values]), hashlib.sha256).hexdigest()


class SealDigest:
    """SHA-256 over the (sequence, hash) of a seal's events in sequence order: an event removed,
    added or moved within the sealed range changes it."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self.events = 0

    def add(self, sequence: int, event_hash: str) -> None:
        self._digest.update(f"{sequence}:{event_hash}\n".encode("ascii"))
        self.events += 1

    def hexdigest(self) -> str:
        return self._digest.hexdigest()
