import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .hashing import event_hash
from .models import AuditChainHead, AuditEvent


class AuditOutsideTransaction(RuntimeError):
    """An audit event must be written in the same transaction as the change it records."""


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
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction(f"audit event {action!r} written outside a transaction")
    head = _locked_chain_head()
    content_type = ContentType.objects.get_for_model(target)
    actor_id = actor.pk if actor is not None else None
    fields = {
        "sequence": head.last_sequence + 1,
        # Stored and hashed at microsecond precision so the database round trip is exact.
        "occurred_at": timezone.now(),
        "actor_id": actor_id,
        "actor_label": str(actor)[:150] if actor is not None else "system",
        "action": action,
        "target_id": str(target.pk),
        "target_label": str(target)[:200],
        "from_state": str(from_state or ""),
        "to_state": str(to_state or ""),
        "comment": comment or "",
        # Normalised through JSON so the hash is computed over what the database returns.
        "data": json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
        "previous_hash": head.last_hash,
    }
    digest = event_hash(
        **{**fields, "occurred_at": fields["occurred_at"].isoformat()},
        target_type=content_type.natural_key()[0] + "." + content_type.natural_key()[1],
    )
    event = AuditEvent.objects.create(target_type=content_type, hash=digest, **fields)
    head.last_sequence = event.sequence
    head.last_hash = digest
    head.save(update_fields=["last_sequence", "last_hash"])
    return event


def _locked_chain_head() -> AuditChainHead:
    try:
        return AuditChainHead.objects.select_for_update().get(pk=1)
    except AuditChainHead.DoesNotExist:
        # Only after a table flush (tests); the migration creates the row.
        with transaction.atomic():
            AuditChainHead.objects.get_or_create(pk=1)
        return AuditChainHead.objects.select_for_update().get(pk=1)
