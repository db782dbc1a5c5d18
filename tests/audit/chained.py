"""Events as the trail held them before ADR 0059: chained one to the next under the chain head.

An installation upgraded to the sealed trail keeps them; these helpers write them the way the
code before it did, so that their verification (ADR 0001, 0043) stays tested.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from audit.hashing import GENESIS_HASH, event_hash, signed_fields
from audit.keys import current_key_id
from audit.models import AuditChainHead, AuditEvent
from audit.numbering import SEQUENCE
from organizations.models import Department


def chained_fields(event: AuditEvent) -> dict:
    return {"sequence": event.sequence, **signed_fields(event)}


def write_chained_events(count: int) -> list[AuditEvent]:
    """`count` chained events after the head, the head moved; on PostgreSQL the sequence set past
    them, as migration audit/0005 does at the upgrade."""
    department = Department.objects.get(code="KJS")
    written = []
    with transaction.atomic():
        head, _ = AuditChainHead.objects.get_or_create(pk=1)
        previous = head.last_hash or GENESIS_HASH
        for number in range(head.last_sequence + 1, head.last_sequence + count + 1):
            event = AuditEvent(
                sequence=number,
                occurred_at=timezone.now(),
                actor_label="系统",
                action="test.step",
                target_type=ContentType.objects.get_for_model(department),
                target_id=str(department.pk),
                target_label=str(department),
                from_state=f"s{number}",
                to_state=f"s{number + 1}",
                comment=f"第{number}步 ✓",
                data={"n": number, "名称": "西湖龙井"},
                previous_hash=previous,
                key_id=current_key_id(),
            )
            event.hash = event_hash(key_id=event.key_id, **chained_fields(event), previous_hash=previous)
            event.save(force_insert=True)
            previous = event.hash
            written.append(event)
        head.last_sequence, head.last_hash = written[-1].sequence, previous
        head.save()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT setval('{SEQUENCE}', %s, false)", [head.last_sequence + 1])
    return written
