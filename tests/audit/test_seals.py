"""Events signed on their own at the insert and sealed in order by the worker (ADR 0059).

What the single chain head used to guarantee — nothing removed, added or moved, the order fixed —
now rests on the seals: these tests edit, remove, move and insert sealed events as a database
administrator (with and without the HMAC key) and expect verify_audit to name the seal.
"""

import datetime
import secrets
import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from audit import seals
from audit.anchors import anchor_text, publish_daily_anchor
from audit.hashing import SealDigest, seal_hash, signed_fields, standalone_event_hash
from audit.models import AuditAnchor, AuditEvent, AuditSeal
from audit.seals import chained_tail, seal_pending_events
from audit.services import audit_record
from audit.verification import verify_audit_chain
from organizations.models import Department
from tests.audit.chained import write_chained_events
from tests.audit.test_chain import ChainTestAction, _sql, record_events
from tests.factories import UserFactory
from workflows.jobs import job_named

pytestmark = pytest.mark.django_db


def events() -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("sequence"))


def resign(event: AuditEvent) -> str:
    """The HMAC a holder of the key computes for an edited event."""
    return standalone_event_hash(key_id=event.key_id, salt=event.salt, **signed_fields(event))


def reseal(seal: AuditSeal, *, digest: str, events_count: int, previous_hash: str) -> str:
    """A holder of the key recomputes a seal over the forged events."""
    fields = {
        "number": seal.number,
        "first_sequence": seal.first_sequence,
        "last_sequence": seal.last_sequence,
        "events": events_count,
        "digest": digest,
        "previous_hash": previous_hash,
        "key_id": seal.key_id,
        "sealed_at": seal.sealed_at,
    }
    new_hash = seal_hash(fields)
    _sql(
        f"UPDATE {AuditSeal._meta.db_table} SET digest = %s, events = %s, previous_hash = %s, hash = %s WHERE id = %s",
        [digest, events_count, previous_hash, new_hash, seal.pk],
    )
    return new_hash


def rewrite_with_the_key() -> None:
    """What a holder of the key does: edit the first event, sign it again, and recompute every
    seal in order over the events as they now are. Only a published anchor tells."""
    first = events()[0]
    first.to_state = "approved"
    _sql(
        f"UPDATE {AuditEvent._meta.db_table} SET to_state = 'approved', hash = %s WHERE id = %s",
        [resign(first), first.pk],
    )
    previous = chained_tail()[1]
    for seal in AuditSeal.objects.order_by("number"):
        digest = SealDigest()
        sealed = AuditEvent.objects.filter(sequence__gte=seal.first_sequence, sequence__lte=seal.last_sequence)
        for sequence, event_hash in sealed.order_by("sequence").values_list("sequence", "hash"):
            digest.add(sequence, event_hash)
        previous = reseal(seal, digest=digest.hexdigest(), events_count=digest.events, previous_hash=previous)


def test_recording_an_event_is_one_insert_and_locks_no_shared_row():
    department = Department.objects.get(code="KJS")
    ContentType.objects.get_for_model(department)  # cached per process
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        audit_record(actor=None, action=ChainTestAction.STEP, target=department)
    statements = [query["sql"] for query in queries.captured_queries if not query["sql"].startswith("SAVEPOINT")]
    statements = [sql for sql in statements if not sql.startswith("RELEASE")]
    assert len(statements) == 1 and statements[0].startswith('INSERT INTO "audit_auditevent"')


def test_seals_cover_the_events_in_order_and_chain_one_to_the_next():
    record_events(3)
    assert seal_pending_events() == 1
    assert seal_pending_events() == 0  # nothing new
    record_events(2)
    assert seal_pending_events() == 1
    first, second = AuditSeal.objects.order_by("number")
    numbered = [event.sequence for event in events()]
    # Ranges of numbers (which have gaps): from after the chained events, each from after the last.
    assert (first.first_sequence, first.last_sequence, first.events) == (1, numbered[2], 3)
    assert (second.first_sequence, second.last_sequence, second.events) == (numbered[2] + 1, numbered[4], 2)
    assert second.previous_hash == first.hash
    report = verify_audit_chain()
    assert report.ok and report.checked == 5 and report.unsealed == 0
    record_events(1)
    assert verify_audit_chain().unsealed == 1  # its HMAC checked, its place sealed at the next run


def test_the_first_seal_covers_the_chained_events_of_an_upgrade():
    chained = write_chained_events(3)
    record_events(2)
    assert seal_pending_events() == 1
    seal = AuditSeal.objects.get()
    assert seal.previous_hash == chained[-1].hash and seal.first_sequence == chained[-1].sequence + 1
    assert verify_audit_chain().ok and verify_audit_chain().checked == 5
    # The last chained event removed and the head moved back: the seal no longer follows.
    _sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [chained[-1].pk])
    _sql("UPDATE audit_auditchainhead SET last_sequence = %s, last_hash = %s", [chained[1].sequence, chained[1].hash])
    report = verify_audit_chain()
    assert not report.ok and "does not follow" in report.problem.reason


def test_a_moved_event_is_caught():
    record_events(4)
    seal_pending_events()
    one, two = events()[1:3]
    table = AuditEvent._meta.db_table
    # Swap their places: each keeps a valid HMAC (the sequence is not in it), the seal's digest breaks.
    _sql(f"UPDATE {table} SET sequence = 0 WHERE id = %s", [one.pk])
    _sql(f"UPDATE {table} SET sequence = %s WHERE id = %s", [one.sequence, two.pk])
    _sql(f"UPDATE {table} SET sequence = %s WHERE id = %s", [two.sequence, one.pk])
    report = verify_audit_chain()
    assert not report.ok and "removed, added or moved" in report.problem.reason


def test_an_event_added_into_a_sealed_range_is_caught():
    record_events(3)
    seal_pending_events()
    last = events()[-1]
    # Added by a holder of the key under the sealed range's last number, the real one moved out.
    forged = AuditEvent.objects.get(pk=last.pk)
    _sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [last.pk])
    forged.pk, forged.salt, forged.to_state = None, secrets.token_hex(16), "approved"
    forged.hash = resign(forged)
    forged.save(force_insert=True)
    report = verify_audit_chain()
    assert not report.ok and "seal S1" in report.problem.reason


def test_with_the_key_an_edit_resealed_is_caught_by_the_anchor(tmp_path):
    record_events(3)
    assert publish_daily_anchor(datetime.date(2026, 12, 7)) == 1
    anchor = AuditAnchor.objects.get()
    assert anchor.of_seal and anchor_text(anchor).startswith("S1:")
    target = events()[0]
    target.to_state = "approved"
    _sql(
        f"UPDATE {AuditEvent._meta.db_table} SET to_state = 'approved', hash = %s WHERE id = %s",
        [resign(target), target.pk],
    )
    report = verify_audit_chain()
    assert not report.ok and "removed, added or moved" in report.problem.reason  # signed again, not sealed
    rewrite_with_the_key()
    assert verify_audit_chain(anchors=[]).ok  # only the published anchor tells now
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert "seal S1 does not match the anchor" in str(error.value)


def test_a_removed_seal_is_caught():
    for _ in range(3):
        record_events(1)
        seal_pending_events()
    _sql(f"DELETE FROM {AuditSeal._meta.db_table} WHERE number = 2")
    report = verify_audit_chain()
    assert not report.ok and "seal S2 is missing" in report.problem.reason


def test_the_last_seal_removed_with_its_events_is_caught_by_the_anchor():
    record_events(2)
    publish_daily_anchor(datetime.date(2026, 12, 7))
    _sql(f"DELETE FROM {AuditEvent._meta.db_table}")
    _sql(f"DELETE FROM {AuditSeal._meta.db_table}")
    report = verify_audit_chain()
    assert not report.ok and "an anchor was published for seal S1" in report.problem.reason


def test_the_worker_seals_every_minute():
    job = job_named("seal_audit_events")
    assert job.every_seconds == 60 and job.run is seal_pending_events


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_an_event_still_in_flight_is_not_skipped_by_a_seal(monkeypatch):
    """A transaction that drew its number before the seal but commits after: the sealer waits for
    it (or gives up until the next run); it never seals past it, or the event would land in a
    range already sealed."""
    user = UserFactory()
    with transaction.atomic():
        audit_record(actor=None, action=ChainTestAction.STEP, target=user)
    inserted, release = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                audit_record(actor=None, action=ChainTestAction.STEP, target=user)
                inserted.set()
                release.wait(10)
        finally:
            connections.close_all()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert inserted.wait(10)
    monkeypatch.setattr(seals, "LOCK_TIMEOUT", "200ms")
    assert seal_pending_events() == 0  # postponed: a number drawn is not settled yet
    release.set()
    writer.join(10)
    assert seal_pending_events() == 1
    assert AuditSeal.objects.get().events == 2
    assert verify_audit_chain().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's")
def test_seals_are_append_only_on_postgresql():
    from django.db import DatabaseError

    record_events(1)
    seal_pending_events()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditSeal.objects.update(digest="f" * 64)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditSeal.objects.all().delete()
