"""Walk the trail and report the first event that was edited, deleted, inserted or moved.

Events chained one to the next (before ADR 0059) are checked as a chain; events signed on their
own (since) each by its HMAC and, range by range, against the worker's seals (audit.seals).

Each event's HMAC is checked under the key its id names (ADR 0043), and the chain against every
published anchor: a rewrite by someone without the key breaks an HMAC, one with the key breaks
an anchor published after the rewritten event.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from .anchors import PublishedAnchor, published_anchors
from .hashing import (
    GENESIS_HASH,
    SEAL_FIELDS,
    SIGNED_FIELDS,
    UNKEYED,
    SealDigest,
    event_hash,
    seal_hash,
    standalone_event_hash,
)
from .keys import UnknownAuditKey
from .models import AuditEvent, AuditSeal
from .seals import chained_tail


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
    unsealed: int = 0  # events after the last seal: their HMAC checked, their order not yet sealed

    @property
    def ok(self) -> bool:
        return self.problem is None


FIELDS = (
    "id",
    "sequence",
    "target_type_id",
    *(name for name in SIGNED_FIELDS if name != "target_type"),
    "previous_hash",
    "hash",
    "key_id",
    "salt",
)


SEAL_COLUMNS = (*SEAL_FIELDS, "key_id", "hash")


def verify_audit_chain(chunk_size: int = 5000, *, anchors: list[PublishedAnchor] | None = None) -> ChainReport:
    """The trail checked event by event and seal by seal, then against `anchors` (by default
    every published one: the anchor file's and the table's).

    First come the events chained one to the next (before ADR 0059), up to the chain head; then
    the events signed on their own, each inside the range of one seal in turn (or after the last
    seal: not sealed yet, their HMAC only)."""
    if anchors is None:
        anchors = published_anchors()
    walk = _Walk(anchors)
    rows = AuditEvent.objects.order_by("sequence").values(*FIELDS).iterator(chunk_size=chunk_size)
    for row in rows:
        problem = walk.chained(row) if row["previous_hash"] else walk.standalone(row)
        if problem is not None:
            return walk.report(problem)
    return walk.report(walk.finish())


class _Walk:
    def __init__(self, anchors: list[PublishedAnchor]):
        self.event_anchors: dict[int, list[PublishedAnchor]] = {}
        self.seal_anchors: dict[int, list[PublishedAnchor]] = {}
        for anchor in anchors:
            (self.seal_anchors if anchor.of_seal else self.event_anchors).setdefault(anchor.sequence, []).append(anchor)
        self.type_labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
        self.head = chained_tail()
        self.seals = list(AuditSeal.objects.order_by("number").values(*SEAL_COLUMNS))
        self.next_seal = 0  # index of the seal the next standalone event belongs to
        self.digest = SealDigest()
        self.expected_sequence = 1
        self.previous_hash = GENESIS_HASH  # of the last chained event, then of the last seal
        self.sealed_until = 0  # the last sequence the seals so far cover
        self.in_standalone = False
        self.checked = 0
        self.matched = 0
        self.unsealed = 0
        self.keyed_since: int | None = None

    def report(self, problem: ChainProblem | None) -> ChainReport:
        return ChainReport(self.checked, problem, self.matched, self.unsealed)

    def chained(self, row) -> ChainProblem | None:
        sequence = row["sequence"]
        if self.in_standalone:
            return ChainProblem(sequence, row["id"], "chained to an event after the seals began (inserted?)")
        if sequence != self.expected_sequence:
            return ChainProblem(self.expected_sequence, None, f"missing (deleted?); the next event is #{sequence}")
        if row["previous_hash"] != self.previous_hash:
            return ChainProblem(sequence, row["id"], "its previous-hash does not match the event before it")
        key_id = row["key_id"]
        # The unkeyed hash is public (ADR 0001): only the events written before keying, whose
        # number the environment holds, may use it; any other is a forgery (ADR 0043).
        if key_id == UNKEYED and self.keyed_since is not None:
            return ChainProblem(
                sequence, row["id"], f"unkeyed after the keyed events that begin at #{self.keyed_since}"
            )
        unkeyed_allowed = settings.AUDIT_UNKEYED_EVENTS
        if key_id == UNKEYED and sequence > unkeyed_allowed:
            return ChainProblem(
                sequence,
                row["id"],
                f"unkeyed, but only the first {unkeyed_allowed} events may be (AUDIT_UNKEYED_EVENTS)",
            )
        if key_id != UNKEYED and self.keyed_since is None:
            self.keyed_since = sequence
        try:
            recomputed = event_hash(
                key_id=key_id,
                sequence=sequence,
                previous_hash=row["previous_hash"],
                **self._signed_fields(row),
            )
        except UnknownAuditKey:
            return ChainProblem(sequence, row["id"], f"signed with the key {key_id!r}, which is not configured")
        problem = self._event_checks(row, recomputed)
        if problem is None:
            self.previous_hash = row["hash"]
            self.expected_sequence += 1
        return problem

    def _end_of_chained(self) -> ChainProblem | None:
        """The chained events end where the chain head says, before the first seal's range."""
        self.in_standalone = True
        last_sequence, last_hash = self.head
        if self.checked != last_sequence or self.previous_hash != last_hash:
            return ChainProblem(
                self.checked + 1,
                None,
                f"missing (deleted?); the chain head records {last_sequence} events, the chain ends at #{self.checked}",
            )
        self.sealed_until = last_sequence
        return None

    def standalone(self, row) -> ChainProblem | None:
        if not self.in_standalone and (problem := self._end_of_chained()) is not None:
            return problem
        sequence, key_id = row["sequence"], row["key_id"]
        if key_id == UNKEYED:
            return ChainProblem(sequence, row["id"], "unkeyed, but events since the seals began are all keyed")
        while self.next_seal < len(self.seals) and sequence > self.seals[self.next_seal]["last_sequence"]:
            if (problem := self._close_seal()) is not None:
                return problem
        if sequence <= self.sealed_until:
            return ChainProblem(sequence, row["id"], "numbered inside a range already sealed (inserted?)")
        try:
            recomputed = standalone_event_hash(key_id=key_id, salt=row["salt"], **self._signed_fields(row))
        except UnknownAuditKey:
            return ChainProblem(sequence, row["id"], f"signed with the key {key_id!r}, which is not configured")
        problem = self._event_checks(row, recomputed)
        if problem is None:
            if self.next_seal < len(self.seals):
                self.digest.add(sequence, row["hash"])
            else:
                self.unsealed += 1
        return problem

    def _signed_fields(self, row) -> dict:
        return {
            **{name: row[name] for name in SIGNED_FIELDS if name not in ("occurred_at", "target_type")},
            "occurred_at": row["occurred_at"].isoformat(),
            "target_type": self.type_labels.get(row["target_type_id"], "?"),
        }

    def _event_checks(self, row, recomputed: str) -> ChainProblem | None:
        sequence = row["sequence"]
        if recomputed != row["hash"]:
            return ChainProblem(sequence, row["id"], "its content does not match its hash (edited)")
        for anchor in self.event_anchors.pop(sequence, []):
            if (anchor.key_id, anchor.hash) != (row["key_id"], row["hash"]):
                return ChainProblem(
                    sequence, row["id"], f"does not match the anchor published for it ({anchor.source})"
                )
            self.matched += 1
        self.checked += 1
        return None

    def _close_seal(self) -> ChainProblem | None:
        """The seal whose range the walk has passed: its events, its chaining, its HMAC, its anchors."""
        seal = self.seals[self.next_seal]
        number = self.next_seal + 1
        where = seal["first_sequence"]
        if seal["number"] != number:
            return ChainProblem(where, None, f"seal S{number} is missing (deleted?); the next is S{seal['number']}")
        if seal["first_sequence"] != self.sealed_until + 1 or seal["previous_hash"] != self.previous_hash:
            return ChainProblem(where, None, f"seal S{number} does not follow the seal or chained event before it")
        if (seal["events"], seal["digest"]) != (self.digest.events, self.digest.hexdigest()):
            return ChainProblem(
                where,
                None,
                f"the events #{seal['first_sequence']}–#{seal['last_sequence']} are not those seal S{number} "
                f"sealed ({self.digest.events} found, {seal['events']} sealed): removed, added or moved",
            )
        try:
            recomputed = seal_hash({**seal, "number": number})
        except UnknownAuditKey:
            return ChainProblem(
                where, None, f"seal S{number} is signed with the key {seal['key_id']!r}, not configured"
            )
        if recomputed != seal["hash"]:
            return ChainProblem(where, None, f"seal S{number} does not match its hash (edited)")
        for anchor in self.seal_anchors.pop(number, []):
            if (anchor.key_id, anchor.hash) != (seal["key_id"], seal["hash"]):
                return ChainProblem(
                    where, None, f"seal S{number} does not match the anchor published for it ({anchor.source})"
                )
            self.matched += 1
        self.previous_hash = seal["hash"]
        self.sealed_until = seal["last_sequence"]
        self.digest = SealDigest()
        self.next_seal += 1
        return None

    def finish(self) -> ChainProblem | None:
        if not self.in_standalone and (problem := self._end_of_chained()) is not None:
            return problem
        while self.next_seal < len(self.seals):
            if (problem := self._close_seal()) is not None:
                return problem
        if self.event_anchors:
            beyond = min(self.event_anchors)
            return ChainProblem(
                beyond,
                None,
                f"missing (deleted?); an anchor was published for #{beyond} ({self.event_anchors[beyond][0].source})",
            )
        if self.seal_anchors:
            beyond = min(self.seal_anchors)
            source = self.seal_anchors[beyond][0].source
            return ChainProblem(
                self.sealed_until + 1,
                None,
                f"missing (deleted?); an anchor was published for seal S{beyond} ({source})",
            )
        return None
