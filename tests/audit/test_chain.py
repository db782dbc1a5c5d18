import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, models, transaction

from audit.actions import register
from audit.models import AuditEvent
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


def test_events_chain_and_verify():
    actor = UserFactory()
    record_events(5, actor=actor)
    events = list(AuditEvent.objects.order_by("sequence"))
    assert [event.sequence for event in events] == [1, 2, 3, 4, 5]
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.hash
    assert events[0].actor == actor and events[0].actor_label == str(actor)
    report = verify_audit_chain()
    assert report.ok and report.checked == 5
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
    assert AuditEvent.objects.get().sequence == 1
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


def test_edited_row_is_named(capsys):
    record_events(4)
    target = AuditEvent.objects.get(sequence=3)
    _sql(f"UPDATE {AuditEvent._meta.db_table} SET comment = %s WHERE id = %s", ["篡改", target.pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert f"audit event #3 (id {target.pk})" in str(error.value)
    assert "edited" in str(error.value)


def test_edited_state_is_caught_even_with_rehash_of_that_row():
    record_events(4)
    target = AuditEvent.objects.get(sequence=2)
    # A forger who rewrites the row's own hash still breaks the link to the next event.
    _sql(
        f"UPDATE {AuditEvent._meta.db_table} SET to_state = 'approved', hash = %s WHERE id = %s", ["f" * 64, target.pk]
    )
    report = verify_audit_chain()
    assert not report.ok and report.problem.sequence == 2


def test_deleted_middle_row_is_named():
    record_events(5)
    _sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE sequence = 3")
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert "audit event #3" in str(error.value) and "missing" in str(error.value)


def test_deleted_last_row_is_caught_by_the_head():
    record_events(3)
    _sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE sequence = 3")
    report = verify_audit_chain()
    assert not report.ok
    assert report.problem.sequence == 3


def test_admin_cannot_change_or_delete_events(admin_client):
    record_events(1)
    event = AuditEvent.objects.get()
    response = admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
