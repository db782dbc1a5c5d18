import hashlib
import json

GENESIS_HASH = "0" * 64


def event_hash(
    *,
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
    """SHA-256 over a canonical JSON of every recorded field and the previous hash."""
    payload = json.dumps(
        [
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
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
