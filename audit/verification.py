"""Walk the chain and report the first event that was edited, deleted or inserted."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from .hashing import GENESIS_HASH, event_hash
from .models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"audit event #{self.sequence}" + (f" (id {self.event_id})" if self.event_id else "")
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    checked: int
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


FIELDS = (
    "id",
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "target_type_id",
    "target_id",
    "target_label",
    "from_state",
    "to_state",
    "comment",
    "data",
    "previous_hash",
    "hash",
)


def verify_audit_chain(chunk_size: int = 5000) -> ChainReport:
    type_labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    checked = 0
    rows = AuditEvent.objects.order_by("sequence").values(*FIELDS).iterator(chunk_size=chunk_size)
    for row in rows:
        sequence = row["sequence"]
        if sequence != expected_sequence:
            return ChainReport(
                checked,
                ChainProblem(expected_sequence, None, f"missing (deleted?); the next event is #{sequence}"),
            )
        if row["previous_hash"] != previous_hash:
            return ChainReport(
                checked,
                ChainProblem(sequence, row["id"], "its previous-hash does not match the event before it"),
            )
        recomputed = event_hash(
            sequence=sequence,
            occurred_at=row["occurred_at"].isoformat(),
            actor_id=row["actor_id"],
            actor_label=row["actor_label"],
            action=row["action"],
            target_type=type_labels.get(row["target_type_id"], "?"),
            target_id=row["target_id"],
            target_label=row["target_label"],
            from_state=row["from_state"],
            to_state=row["to_state"],
            comment=row["comment"],
            data=row["data"],
            previous_hash=row["previous_hash"],
        )
        if recomputed != row["hash"]:
            return ChainReport(
                checked, ChainProblem(sequence, row["id"], "its content does not match its hash (edited)")
            )
        previous_hash = row["hash"]
        expected_sequence += 1
        checked += 1

    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        return ChainReport(checked, ChainProblem(expected_sequence, None, "the chain head row is missing"))
    if head.last_sequence != checked or head.last_hash != previous_hash:
        return ChainReport(
            checked,
            ChainProblem(
                checked + 1,
                None,
                f"missing (deleted?); the chain head records {head.last_sequence} events, the table ends at #{checked}",
            ),
        )
    return ChainReport(checked, None)
