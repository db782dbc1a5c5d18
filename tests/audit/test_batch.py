"""audit_batch(): a transaction's events appended together as its last step (ADR 0022)."""

import pytest
from django.db import models, transaction

from audit.actions import register
from audit.models import AuditEvent
from audit.services import AuditOutsideTransaction, audit_batch, audit_record
from audit.verification import verify_audit_chain
from organizations.models import Department

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


@register
class BatchTestAction(models.TextChoices):
    """The actions these tests write (audit_record refuses undeclared ones)."""

    BEFORE = "before", "before"
    FIRST = "first", "first"
    SECOND = "second", "second"
    LOST = "lost", "lost"
    KEPT = "kept", "kept"
    KEPT_BEFORE = "kept before", "kept before"
    KEPT_AFTER = "kept after", "kept after"
    ROLLED_BACK = "rolled back", "rolled back"
    OUTER = "outer", "outer"
    INNER = "inner", "inner"


def record(action: str):
    return audit_record(actor=None, action=action, target=Department.objects.get(code="KJS"))


def test_events_are_appended_in_order_when_the_batch_ends():
    with transaction.atomic():
        before = record("before")
    with transaction.atomic(), audit_batch():
        first, second = record("first"), record("second")
        # Held back: nothing written until the end.
        assert AuditEvent.objects.count() == 1
        assert first.pk is None
    assert [e.action for e in AuditEvent.objects.order_by("sequence")] == ["before", "first", "second"]
    # Numbered by the one INSERT, in the order recorded, and handed back (ADR 0059).
    assert before.sequence < first.sequence < second.sequence
    assert AuditEvent.objects.get(pk=second.pk).sequence == second.sequence
    assert verify_audit_chain().ok


def test_an_error_in_the_batch_leaves_no_event():
    with pytest.raises(Boom), transaction.atomic(), audit_batch():
        record("lost")
        raise Boom
    assert not AuditEvent.objects.exists()
    with transaction.atomic(), audit_batch():
        record("kept")
    assert AuditEvent.objects.get().action == "kept"
    assert verify_audit_chain().ok


def test_an_event_of_a_rolled_back_savepoint_is_dropped_with_it():
    with transaction.atomic(), audit_batch():
        record("kept before")
        with pytest.raises(Boom), transaction.atomic():
            record("rolled back")
            raise Boom
        with transaction.atomic():
            record("kept after")
    assert list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True)) == [
        "kept before",
        "kept after",
    ]
    assert verify_audit_chain().ok


def test_a_batch_inside_a_batch_joins_it():
    with transaction.atomic(), audit_batch():
        record("outer")
        with audit_batch():
            record("inner")
        assert not AuditEvent.objects.exists()
    assert AuditEvent.objects.count() == 2
    assert verify_audit_chain().ok


@pytest.mark.django_db(transaction=True)
def test_a_batch_outside_a_transaction_is_refused():
    with pytest.raises(AuditOutsideTransaction), audit_batch():
        pass  # pragma: no cover
