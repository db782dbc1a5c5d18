"""The digest of one audit event: an HMAC under a key kept outside the database (ADR 0043).

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
