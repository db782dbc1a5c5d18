import json
import secrets
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from accounts.types import Actor

from .actions import ensure_registered
from .hashing import signed_fields, standalone_event_hash
from .keys import current_key_id
from .models import AuditEvent
from .numbering import NextSequence
from .selectors import SYSTEM_ACTOR


class AuditOutsideTransaction(RuntimeError):
    """An audit event must be written in the same transaction as the change it records."""


# The events an open audit_batch() holds back, kept on the database connection (one per thread).
_BATCH = "_terroir_audit_batch"


def audit_record(
    *,
    actor: Actor,
    action: str,
    target: models.Model,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call it inside the service's transaction.

    Inside audit_batch() the event is appended when the batch ends (its sequence, salt and hash
    are set then); otherwise at once.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(f"audit event {action!r} written outside a transaction")
    ensure_registered(action)  # an undeclared action would be missing from every history (audit/actions.py)
    content_type = ContentType.objects.get_for_model(target)
    event = AuditEvent(
        target_type=content_type,
        # Stored and hashed at microsecond precision so the database round trip is exact.
        occurred_at=timezone.now(),
        actor_id=actor.pk if actor is not None else None,
        actor_label=str(actor)[:150] if actor is not None else SYSTEM_ACTOR,
        action=str(action),  # a kind's TextChoices member is stored and hashed as its value
        target_id=str(target.pk),
        target_label=str(target)[:200],
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        comment=comment or "",
        # Normalised through JSON so the hash is computed over what the database returns.
        data=json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
    )
    batch = getattr(connection, _BATCH, None)
    if batch is None:
        _append_to_chain([event])
    else:
        batch.hold(event)
    return event


@dataclass(frozen=True)
class Change:
    """One change to record with audit_record_many: the same fields audit_record takes."""

    actor: Actor
    action: str
    target: models.Model
    from_state: str = ""
    to_state: str = ""
    comment: str = ""
    data: dict | None = None


def audit_record_many(changes: list[Change]) -> list[AuditEvent]:
    """One event per change, in order, appended together (three statements whatever their number):
    in a batch of their own, or in the open one, which appends them with its others."""
    with audit_batch():
        return [
            audit_record(
                actor=change.actor,
                action=change.action,
                target=change.target,
                from_state=change.from_state,
                to_state=change.to_state,
                comment=change.comment,
                data=change.data,
            )
            for change in changes
        ]


@contextmanager
def audit_batch():
    """Hold back the events recorded inside and insert them together as the block's last step,
    still inside its transaction (ADR 0022): one INSERT whatever their number. Enter it inside the
    transaction (the flow lock's); an error inside drops the held events with the rest of the
    transaction, and an event recorded in a savepoint that was rolled back is dropped with it. A
    batch inside a batch joins it.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("an audit batch must run inside a transaction")
    if getattr(connection, _BATCH, None) is not None:
        yield
        return
    batch = _HeldEvents()
    setattr(connection, _BATCH, batch)
    try:
        yield
    finally:
        setattr(connection, _BATCH, None)
    if not connection.needs_rollback:  # otherwise the whole transaction is rolled back anyway
        _append_to_chain(batch.surviving(connection))


class _HeldEvents:
    """Events held back by a batch, each tied to the savepoints open when it was recorded.

    Django drops an on_commit callback registered inside a savepoint that is rolled back; each
    held event registers one that does nothing, and the batch keeps the events whose callback
    is still queued when it ends.
    """

    def __init__(self):
        self._events = []

    def hold(self, event: AuditEvent) -> None:
        marker = _Marker()
        transaction.on_commit(marker)
        self._events.append((marker, event))

    def surviving(self, connection) -> list[AuditEvent]:
        queued = {id(callback) for _savepoints, callback, _robust in connection.run_on_commit}
        return [event for marker, event in self._events if id(marker) in queued]


class _Marker:
    def __call__(self) -> None:
        pass  # only its presence in the on-commit queue matters


def _append_to_chain(events: list[AuditEvent]) -> None:
    """Sign each event on its own (HMAC, the current key, with a random salt) and insert them in
    one statement that also numbers them: no chain head to lock (ADR 0059). The worker's seals
    put them in order and make a removal, an insertion or a move detectable."""
    if not events:
        return
    key_id = current_key_id()
    for offset, event in enumerate(events, start=1):
        event.sequence = NextSequence(offset)
        event.previous_hash = ""
        event.key_id = key_id
        event.salt = secrets.token_hex(16)
        event.hash = standalone_event_hash(key_id=key_id, salt=event.salt, **signed_fields(event))
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        AuditEvent.objects.bulk_create(events)
