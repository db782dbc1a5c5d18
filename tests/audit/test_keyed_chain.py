"""A database administrator cannot rewrite the audit trail (ADR 0043): each event is an HMAC under
a key kept outside the database, and the chain's head is published each day where the database
cannot reach (the anchor file, the register, printed statistics forms).

Most tests here write events chained one to the next, as before ADR 0059 (tests/audit/chained.py):
an upgraded installation keeps them. The sealed events since are tested in test_seals.py."""

import base64
import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings

from audit.anchors import anchor_file, anchor_text, publish_daily_anchor
from audit.hashing import UNKEYED, event_hash
from audit.models import AuditAnchor, AuditChainHead, AuditEvent
from audit.verification import verify_audit_chain
from tests.audit.chained import chained_fields as _fields
from tests.audit.chained import write_chained_events
from tests.audit.test_chain import _sql, record_events

pytestmark = pytest.mark.django_db

K1 = "k1:" + base64.b64encode(b"1" * 32).decode()
K2 = "k2:" + base64.b64encode(b"2" * 32).decode()
GUESSED = "k1:" + base64.b64encode(b"x" * 32).decode()  # the forger's key under the real key id


def forge(from_sequence: int, *, key_id: str | None = None) -> None:
    """What someone with database access does: edit an event's state, then recompute its hash and
    every later one with the product's own function, and move the head to match."""
    _sql(f"UPDATE {AuditEvent._meta.db_table} SET to_state = 'approved' WHERE sequence = %s", [from_sequence])
    rehash(from_sequence, key_id=key_id)


def rehash(from_sequence: int, *, key_id: str | None = None) -> None:
    table = AuditEvent._meta.db_table
    previous = AuditEvent.objects.get(sequence=from_sequence - 1).hash if from_sequence > 1 else "0" * 64
    for event in AuditEvent.objects.filter(sequence__gte=from_sequence).order_by("sequence"):
        signer = event.key_id if key_id is None else key_id
        digest = event_hash(key_id=signer, **_fields(event), previous_hash=previous)
        _sql(
            f"UPDATE {table} SET previous_hash = %s, hash = %s, key_id = %s WHERE id = %s",
            [previous, digest, signer, event.pk],
        )
        previous = digest
    AuditChainHead.objects.filter(pk=1).update(last_hash=previous)


@override_settings(AUDIT_HMAC_KEYS=[K1])
def test_events_are_signed_with_the_current_key():
    write_chained_events(3)
    events = list(AuditEvent.objects.order_by("sequence"))
    assert {event.key_id for event in events} == {"k1"}
    first = events[0]
    # Not the public SHA-256 of ADR 0001: without the key nobody can compute it.
    assert first.hash != event_hash(key_id=UNKEYED, **_fields(first), previous_hash=first.previous_hash)
    assert verify_audit_chain().ok


@override_settings(AUDIT_HMAC_KEYS=[K1])
def test_a_rewrite_with_the_public_hash_is_caught():
    write_chained_events(5)
    forge(3, key_id=UNKEYED)
    report = verify_audit_chain()
    assert not report.ok
    assert report.problem.sequence == 3 and "unkeyed after the keyed events" in report.problem.reason


@override_settings(AUDIT_HMAC_KEYS=[K1])
def test_a_rewrite_without_the_key_is_caught():
    write_chained_events(5)
    with override_settings(AUDIT_HMAC_KEYS=[GUESSED]):
        forge(3)  # every hash from #3 on recomputed, under a key of the forger's making
    report = verify_audit_chain()
    assert not report.ok
    assert report.problem.sequence == 3 and "edited" in report.problem.reason
    with pytest.raises(CommandError, match="audit event #3"):
        call_command("verify_audit")


@override_settings(AUDIT_HMAC_KEYS=[K1], AUDIT_UNKEYED_EVENTS=4)
def test_a_rewrite_of_the_whole_chain_as_unkeyed_is_caught_by_an_anchor():
    write_chained_events(4)
    assert publish_daily_anchor(datetime.date(2026, 12, 7)) == 1
    # Every event rewritten with the public hash, as if never keyed, within the number of
    # unkeyed events the environment allows (an installation upgraded from ADR 0001).
    forge(1, key_id=UNKEYED)
    report = verify_audit_chain()
    assert not report.ok and report.problem.sequence == 4 and "anchor" in report.problem.reason


@override_settings(AUDIT_HMAC_KEYS=[K1])
def test_with_the_key_a_rewrite_before_the_last_anchor_is_caught():
    write_chained_events(4)
    assert publish_daily_anchor(datetime.date(2026, 12, 7)) == 1
    write_chained_events(2)
    forge(2)  # the forger holds the key: every HMAC recomputes
    report = verify_audit_chain(anchors=[])
    assert report.ok  # only the anchors tell
    report = verify_audit_chain()
    assert not report.ok
    assert report.problem.sequence == 4 and "does not match the anchor" in report.problem.reason


@override_settings(AUDIT_HMAC_KEYS=[K1])
def test_the_anchor_file_outside_the_database_is_enough(capsys):
    write_chained_events(4)
    publish_daily_anchor(datetime.date(2026, 12, 7))
    line = json.loads(anchor_file().read_text(encoding="utf-8"))
    assert (line["day"], line["sequence"], line["key_id"]) == ("2026-12-07", 4, "k1")
    forge(2)
    _sql(f"DELETE FROM {AuditAnchor._meta.db_table}")  # the table's copy goes with the database
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert "audit event #4" in str(error.value) and "anchors.jsonl, line 1" in str(error.value)


@override_settings(AUDIT_HMAC_KEYS=[K1])
def test_an_anchor_read_off_a_printed_form_is_checked(capsys):
    write_chained_events(3)
    publish_daily_anchor(datetime.date(2026, 12, 7))
    printed = anchor_text(AuditAnchor.objects.get())
    anchor_file().unlink()
    _sql(f"DELETE FROM {AuditAnchor._meta.db_table}")
    call_command("verify_audit", "--anchor", printed)
    assert "3 events verified (0 not sealed yet), 1 published anchors matched" in capsys.readouterr().out
    forge(2)
    with pytest.raises(CommandError, match="--anchor"):
        call_command("verify_audit", "--anchor", printed)
    with pytest.raises(CommandError, match="not an anchor"):
        call_command("verify_audit", "--anchor", "3:k1:abc")


@override_settings(AUDIT_HMAC_KEYS=[K1])
def test_events_removed_after_an_anchor_are_caught():
    write_chained_events(5)
    publish_daily_anchor(datetime.date(2026, 12, 7))
    _sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE sequence >= 4")
    last = AuditEvent.objects.get(sequence=3)
    AuditChainHead.objects.filter(pk=1).update(last_sequence=3, last_hash=last.hash)
    report = verify_audit_chain()
    assert not report.ok and "an anchor was published for #5" in report.problem.reason


def test_the_anchor_is_published_once_a_day():
    day = datetime.date(2026, 12, 7)
    assert publish_daily_anchor(day) == 0  # nothing to anchor yet
    record_events(2)
    assert publish_daily_anchor(day) == 1
    record_events(1)
    assert publish_daily_anchor(day) == 0
    assert publish_daily_anchor(day + datetime.timedelta(days=1)) == 1
    # Each names the latest seal, made just before (ADR 0059).
    assert list(AuditAnchor.objects.values_list("sequence", "of_seal")) == [(2, True), (1, True)]
    assert len(anchor_file().read_text(encoding="utf-8").splitlines()) == 2
    assert verify_audit_chain().anchors == 4  # each in the table and in the file


def test_a_rotated_key_still_verifies_what_it_signed():
    with override_settings(AUDIT_HMAC_KEYS=[K1]):
        record_events(2)
    with override_settings(AUDIT_HMAC_KEYS=[K2, K1]):
        record_events(2)
        assert list(AuditEvent.objects.order_by("sequence").values_list("key_id", flat=True)) == [
            "k1",
            "k1",
            "k2",
            "k2",
        ]
        assert verify_audit_chain().ok
    with override_settings(AUDIT_HMAC_KEYS=[K2]):  # k1 dropped too soon
        report = verify_audit_chain()
        assert not report.ok and report.problem.sequence == AuditEvent.objects.earliest("sequence").sequence
        assert "the key 'k1', which is not configured" in report.problem.reason


@override_settings(AUDIT_UNKEYED_EVENTS=3)
def test_events_written_before_keying_stay_verifiable_and_are_sealed_by_the_first_keyed_one():
    write_chained_events(3)
    rehash(1, key_id=UNKEYED)  # three events as ADR 0001 wrote them: the public SHA-256, no key id
    assert verify_audit_chain().ok
    write_chained_events(2)  # the first keyed event signs over the last unkeyed hash
    assert AuditEvent.objects.get(sequence=4).key_id == "dev"
    assert verify_audit_chain().ok
    forge(2, key_id=UNKEYED)  # the old events rewritten, and the keyed ones after them as unkeyed
    report = verify_audit_chain()
    assert not report.ok and report.problem.sequence == 4
    assert "only the first 3 events may be" in report.problem.reason


def test_a_new_installation_accepts_no_unkeyed_event():
    write_chained_events(2)
    rehash(1, key_id=UNKEYED)  # the whole chain rewritten with the public hash
    report = verify_audit_chain()
    assert not report.ok and report.problem.sequence == 1 and "AUDIT_UNKEYED_EVENTS" in report.problem.reason


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's")
def test_anchors_are_append_only_on_postgresql():
    from django.db import DatabaseError

    record_events(1)
    publish_daily_anchor(datetime.date(2026, 12, 7))
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditAnchor.objects.update(hash="f" * 64)


def test_the_admin_shows_anchors_but_cannot_change_them(admin_client):
    record_events(1)
    publish_daily_anchor(datetime.date(2026, 12, 7))
    anchor = AuditAnchor.objects.get()
    assert admin_client.get("/admin/audit/auditanchor/").status_code == 200
    response = admin_client.post(f"/admin/audit/auditanchor/{anchor.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditAnchor.objects.filter(pk=anchor.pk).exists()
