"""Walk the chain and report the first event that was edited, deleted or inserted.

Each event's HMAC is checked under the key its id names (ADR 0043), and the chain against every
published anchor: a rewrite by someone without the key breaks an HMAC, one with the key breaks
an anchor published after the rewritten event.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from .anchors import PublishedAnchor, published_anchors
from .hashing import GENESIS_HASH, UNKEYED, event_hash
from .keys import UnknownAuditKey
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
    anchors: int = 0  # published anchors the chain was found to match

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
    "key_id",
)


def verify_audit_chain(chunk_size: int = 5000, *, anchors: list[PublishedAnchor] | None = None) -> ChainReport:
    """The chain checked event by event, then against `anchors` (by default every published one:
    the anchor file's and the table's)."""
    if anchors is None:
        anchors = published_anchors()
    anchored: dict[int, list[PublishedAnchor]] = {}
    for anchor in anchors:
        anchored.setdefault(anchor.sequence, []).append(anchor)
    type_labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    checked = 0
    matched = 0
    keyed_since = None
    unkeyed_allowed = settings.AUDIT_UNKEYED_EVENTS
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
        key_id = row["key_id"]
        # The unkeyed hash is public (ADR 0001): only the events written before keying, whose
        # number the environment holds, may use it; any other is a forgery (ADR 0043).
        if key_id == UNKEYED and keyed_since is not None:
            return ChainReport(
                checked,
                ChainProblem(sequence, row["id"], f"unkeyed after the keyed events that begin at #{keyed_since}"),
            )
        if key_id == UNKEYED and sequence > unkeyed_allowed:
            return ChainReport(
                checked,
                ChainProblem(
                    sequence,
                    row["id"],
                    f"unkeyed, but only the first {unkeyed_allowed} events may be (AUDIT_UNKEYED_EVENTS)",
                ),
            )
        if key_id != UNKEYED and keyed_since is None:
            keyed_since = sequence
        try:
            recomputed = event_hash(
                key_id=key_id,
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
        except UnknownAuditKey:
            return ChainReport(
                checked,
                ChainProblem(sequence, row["id"], f"signed with the key {key_id!r}, which is not configured"),
            )
        if recomputed != row["hash"]:
            return ChainReport(
                checked, ChainProblem(sequence, row["id"], "its content does not match its hash (edited)")
            )
        for anchor in anchored.pop(sequence, []):
            if (anchor.key_id, anchor.hash) != (key_id, row["hash"]):
                return ChainReport(
                    checked,
                    ChainProblem(sequence, row["id"], f"does not match the anchor published for it ({anchor.source})"),
                    matched,
                )
            matched += 1
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
            matched,
        )
    if anchored:
        beyond = min(anchored)
        return ChainReport(
            checked,
            ChainProblem(
                checked + 1,
                None,
                f"missing (deleted?); an anchor was published for #{beyond} ({anchored[beyond][0].source})",
            ),
            matched,
        )
    return ChainReport(checked, None, matched)
