"""Anchors: the chain's head published where the database cannot reach (ADR 0043).

Once a day the worker seals the events written since the last seal and records the latest seal
(its number, key id and hash; ADR 0059) as an AuditAnchor — before any seal existed, the last
chained event —
which the public register lists and every issued statistics form prints, and appends it to a
file outside the database. `verify_audit` checks the chain against the file, the table and any
anchor read off a printed form: whoever rewrites events before an anchor, even with the HMAC key,
cannot make the chain match what was published.
"""

import json
import logging
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from .models import AuditAnchor, AuditChainHead, AuditEvent, AuditSeal
from .seals import chained_tail, seal_pending_events

logger = logging.getLogger("terroir.audit")


@dataclass(frozen=True)
class PublishedAnchor:
    sequence: int  # the seal's number for a seal's anchor
    key_id: str
    hash: str
    source: str  # where it was read, named in a failure
    of_seal: bool = False

    def __str__(self) -> str:
        return f"{'S' if self.of_seal else '#'}{self.sequence} {self.key_id}:{self.hash} ({self.source})"


class BadAnchor(ValueError):
    """An anchor written by hand (from a printed form) that cannot be read."""


def anchor_file() -> Path:
    configured = settings.AUDIT_ANCHOR_FILE
    return Path(configured) if configured else Path(settings.MEDIA_ROOT) / "audit" / "anchors.jsonl"


def anchor_text(anchor: AuditAnchor) -> str:
    """The line printed on documents and typed back into `verify_audit --anchor`: a seal's number
    is written S12, an event's sequence (anchors before ADR 0059) as a bare number."""
    return anchor.value


def parse_anchor(text: str, source: str) -> PublishedAnchor:
    """ "S12:key id:hash" (a seal) or "sequence:key id:hash" (an event), as printed on a form."""
    parts = text.strip().split(":")
    number = parts[0].upper().removeprefix("S") if parts else ""
    if len(parts) != 3 or not number.isdigit() or len(parts[2]) != 64:
        raise BadAnchor(f"{text!r} is not an anchor: write it as S12:key id:hash, as printed")
    return PublishedAnchor(int(number), parts[1], parts[2].lower(), source, of_seal=parts[0].upper().startswith("S"))


def read_anchor_file(path: Path | None = None) -> list[PublishedAnchor]:
    path = path or anchor_file()
    if not path.exists():
        return []
    anchors = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            source = f"{path}, line {number}"
            try:
                row = json.loads(line)
                of_seal = "seal" in row
                number = int(row["seal"] if of_seal else row["sequence"])
                anchors.append(PublishedAnchor(number, str(row["key_id"]), str(row["hash"]), source, of_seal))
            except (ValueError, KeyError, TypeError) as exc:
                raise BadAnchor(f"{source} cannot be read") from exc
    return anchors


def published_anchors(*, path: Path | None = None, extra: list[PublishedAnchor] | None = None) -> list[PublishedAnchor]:
    """Every anchor to check the chain against: the file's, the table's and those given."""
    table = [
        PublishedAnchor(row.sequence, row.key_id, row.hash, f"the anchor of {row.day.isoformat()}", row.of_seal)
        for row in AuditAnchor.objects.order_by("day")
    ]
    return [*read_anchor_file(path), *table, *(extra or [])]


def anchors_public():
    """Every published anchor, newest first (the register's 审计链锚点)."""
    return AuditAnchor.objects.order_by("-day")


def latest_anchor() -> AuditAnchor | None:
    return AuditAnchor.objects.order_by("-day").first()


def publish_daily_anchor(today: date | None = None) -> int:
    """The worker's job: seal what is pending and anchor the latest seal once a day (1), or nothing
    (0) when done or the trail is empty. Before the first seal, the last chained event.

    The file line is written and flushed before the row commits: if the commit fails, the file
    holds an anchor of a head that was committed all the same, which verifies.
    """
    today = today or timezone.localdate()
    if AuditAnchor.objects.filter(day=today).exists():
        return 0
    seal_pending_events()
    sealed = AuditSeal.objects.order_by("-number").values_list("number", "key_id", "hash").first()
    of_seal = sealed is not None
    if sealed is not None:
        number, key_id, last_hash = sealed
        entries = chained_tail()[0] + (AuditSeal.objects.aggregate(events=Sum("events"))["events"] or 0)
    else:
        head = AuditChainHead.objects.filter(pk=1).first()
        if head is None or head.last_sequence == 0:
            return 0
        last = AuditEvent.objects.filter(sequence=head.last_sequence).values_list("key_id", "hash").first()
        if last is None:
            return 0  # the head names an event not visible yet: next time
        number, (key_id, last_hash) = head.last_sequence, last
        entries = head.last_sequence
    now = timezone.now()
    try:
        with transaction.atomic():
            anchor = AuditAnchor.objects.create(
                day=today,
                sequence=number,
                key_id=key_id,
                hash=last_hash,
                of_seal=of_seal,
                entries=entries,
                published_at=now,
            )
            _append_line(anchor)
    except IntegrityError:
        return 0  # another worker anchored today first
    logger.info("audit trail anchored for %s at %s", today, anchor_text(anchor))
    return 1


def _append_line(anchor: AuditAnchor) -> None:
    path = anchor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(
        {
            "day": anchor.day.isoformat(),
            ("seal" if anchor.of_seal else "sequence"): anchor.sequence,
            "key_id": anchor.key_id,
            "hash": anchor.hash,
            "published_at": anchor.published_at.isoformat(),
        },
        separators=(",", ":"),
    )
    # Opened for appending only: the file is never rewritten, and each line reaches the disk.
    with path.open("a", encoding="utf-8") as out:
        out.write(line + "\n")
        out.flush()
        os.fsync(out.fileno())
