import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, models, transaction

from audit.actions import register
from audit.models import AuditEvent
from audit.seals import seal_pending_events
from audit.selectors import audit_events_for
from audit.services import AuditOutsideTransaction, audit_record
from audit.verification import verify_audit_chain
from organizations.models import Department
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@register
class ChainTestAction(models.TextChoices):
    """The action these tests write: audit_record refuses undeclared ones."""

    STEP = "test.step", "test step"


def record_events(count: int, actor=None):
    department = Department.objects.get(code="KJS")
    for number in range(count):
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=ChainTestAction.STEP,
                target=department,
                from_state=f"s{number}",
                to_state=f"s{number + 1}",
                comment=f"第{number}步 ✓",
                data={"n": number, "名称": "西湖龙井"},
            )


def test_events_are_signed_numbered_and_verify():
    actor = UserFactory()
    record_events(5, actor=actor)
    events = list(AuditEvent.objects.order_by("sequence"))
    assert len(events) == 5
    for before, after in itertools.pairwise(events):
        assert before.sequence < after.sequence
    # Signed on their own (ADR 0059): no previous hash, a salt of their own, the seals order them.
    assert {event.previous_hash for event in events} == {""}
    assert len({event.salt for event in events}) == 5
    assert events[0].actor == actor and events[0].actor_label == str(actor)
    report = verify_audit_chain()
    assert report.ok and report.checked == 5 and report.unsealed == 5
    assert list(audit_events_for(Department.objects.get(code="KJS"))) == events


@pytest.mark.django_db(transaction=True)
def test_writing_outside_a_transaction_is_refused():
    user = UserFactory()
    with pytest.raises(AuditOutsideTransaction):
        audit_record(actor=None, action=ChainTestAction.STEP, target=user)
    assert not AuditEvent.objects.exists()


def test_rolled_back_change_leaves_no_event():
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        audit_record(actor=None, action=ChainTestAction.STEP, target=Department.objects.get(code="KJS"))
        raise Boom
    assert not AuditEvent.objects.exists()
    record_events(1)
    assert AuditEvent.objects.count() == 1
    assert verify_audit_chain().ok


def _sql(statement: str, params=()):
    """Tamper as a database superuser would: on PostgreSQL, past the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(statement, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def test_verify_audit_command_passes_on_intact_chain(capsys):
    record_events(3)
    call_command("verify_audit")
    assert "3 events verified" in capsys.readouterr().out


def nth_event(index: int) -> AuditEvent:
    return AuditEvent.objects.order_by("sequence")[index]


def test_edited_row_is_named(capsys):
    record_events(4)
    target = nth_event(2)
    _sql(f"UPDATE {AuditEvent._meta.db_table} SET comment = %s WHERE id = %s", ["篡改", target.pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert f"audit event #{target.sequence} (id {target.pk})" in str(error.value)
    assert "edited" in str(error.value)


def test_edited_state_is_caught_even_with_rehash_of_that_row():
    record_events(4)
    target = nth_event(1)
    # A forger who rewrites the row's own hash without the key cannot make it an HMAC.
    _sql(
        f"UPDATE {AuditEvent._meta.db_table} SET to_state = 'approved', hash = %s WHERE id = %s", ["f" * 64, target.pk]
    )
    report = verify_audit_chain()
    assert not report.ok and report.problem.sequence == target.sequence


def test_deleted_middle_row_is_caught_by_its_seal():
    record_events(5)
    assert seal_pending_events() == 1
    _sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [nth_event(2).pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert "seal S1" in str(error.value)
    assert "(4 found, 5 sealed): removed, added or moved" in str(error.value)


def test_deleted_last_row_is_caught_by_its_seal():
    record_events(3)
    assert seal_pending_events() == 1
    _sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [nth_event(2).pk])
    report = verify_audit_chain()
    assert not report.ok and "seal S1" in report.problem.reason


def test_admin_cannot_change_or_delete_events(admin_client):
    record_events(1)
    event = AuditEvent.objects.get()
    response = admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
