"""audit_batch(): a transaction's events appended together as its last step (ADR 0022)."""

import pytest
from django.db import models, transaction

from audit.actions import register
from audit.models import AuditChainHead, AuditEvent
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


def head() -> tuple[int, str]:
    chain_head, _ = AuditChainHead.objects.get_or_create(pk=1)
    return chain_head.last_sequence, chain_head.last_hash


def test_events_are_appended_in_order_when_the_batch_ends():
    with transaction.atomic():
        record("before")
    before = head()
    with transaction.atomic(), audit_batch():
        first, second = record("first"), record("second")
        # Held back: nothing written and the chain head untouched (not even locked) until the end.
        assert AuditEvent.objects.count() == 1 and head() == before
        assert first.pk is None
    assert [e.action for e in AuditEvent.objects.order_by("sequence")] == ["before", "first", "second"]
    assert (first.sequence, second.sequence) == (2, 3) and second.previous_hash == first.hash
    assert head() == (3, second.hash)
    assert verify_audit_chain().ok


def test_an_error_in_the_batch_leaves_no_event():
    with pytest.raises(Boom), transaction.atomic(), audit_batch():
        record("lost")
        raise Boom
    assert not AuditEvent.objects.exists()
    with transaction.atomic(), audit_batch():
        record("kept")
    assert AuditEvent.objects.get().sequence == 1
    assert verify_audit_chain().ok


def test_an_event_of_a_rolled_back_savepoint_is_dropped_with_it():
    with transaction.atomic(), audit_batch():
        record("kept before")
        with pytest.raises(Boom), transaction.atomic():
            record("rolled back")
            raise Boom
        with transaction.atomic():
            record("kept after")
    assert list(AuditEvent.objects.order_by("sequence").values_list("action", "sequence")) == [
        ("kept before", 1),
        ("kept after", 2),
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
