import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .hashing import event_hash
from .models import AuditChainHead, AuditEvent


class AuditOutsideTransaction(RuntimeError):
    """An audit event must be written in the same transaction as the change it records."""


@dataclass(frozen=True)
class Change:
    """One change to record with audit_record_many: the same fields audit_record takes."""

    actor: object
    action: str
    target: models.Model
    from_state: str = ""
    to_state: str = ""
    comment: str = ""
    data: dict | None = None


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call it inside the service's transaction."""
    [event] = audit_record_many(
        [
            Change(
                actor=actor,
                action=action,
                target=target,
                from_state=from_state,
                to_state=to_state,
                comment=comment,
                data=data,
            )
        ]
    )
    return event


def audit_record_many(changes: list[Change]) -> list[AuditEvent]:
    """Append one event per change, in order, in three statements whatever their number.

    The chain head is locked once, each event is hashed over the one before exactly as
    audit_record does it, the events are inserted together and the head moves once: the
    chain is the one single calls would have written in the same transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        actions = ", ".join(repr(change.action) for change in changes)
        raise AuditOutsideTransaction(f"audit event {actions} written outside a transaction")
    if not changes:
        return []
    head = _locked_chain_head()
    events = []
    sequence, previous_hash = head.last_sequence, head.last_hash
    for change in changes:
        sequence += 1
        event = _chained_event(change, sequence=sequence, previous_hash=previous_hash)
        previous_hash = event.hash
        events.append(event)
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        AuditEvent.objects.bulk_create(events)
    head.last_sequence = sequence
    head.last_hash = previous_hash
    head.save(update_fields=["last_sequence", "last_hash"])
    return events


def _chained_event(change: Change, *, sequence: int, previous_hash: str) -> AuditEvent:
    content_type = ContentType.objects.get_for_model(change.target)
    actor = change.actor
    fields = {
        "sequence": sequence,
        # Stored and hashed at microsecond precision so the database round trip is exact.
        "occurred_at": timezone.now(),
        "actor_id": actor.pk if actor is not None else None,
        "actor_label": str(actor)[:150] if actor is not None else "system",
        "action": change.action,
        "target_id": str(change.target.pk),
        "target_label": str(change.target)[:200],
        "from_state": str(change.from_state or ""),
        "to_state": str(change.to_state or ""),
        "comment": change.comment or "",
        # Normalised through JSON so the hash is computed over what the database returns.
        "data": json.loads(json.dumps(change.data or {}, cls=DjangoJSONEncoder)),
        "previous_hash": previous_hash,
    }
    digest = event_hash(
        **{**fields, "occurred_at": fields["occurred_at"].isoformat()},
        target_type=content_type.natural_key()[0] + "." + content_type.natural_key()[1],
    )
    return AuditEvent(target_type=content_type, hash=digest, **fields)


def _locked_chain_head() -> AuditChainHead:
    try:
        return AuditChainHead.objects.select_for_update().get(pk=1)
    except AuditChainHead.DoesNotExist:
        # Only after a table flush (tests); the migration creates the row.
        with transaction.atomic():
            AuditChainHead.objects.get_or_create(pk=1)
        return AuditChainHead.objects.select_for_update().get(pk=1)
