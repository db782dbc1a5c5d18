"""One audit event per change of state, none after a rollback; on PostgreSQL the table is append-only."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from audit.models import AuditEvent
from audit.selectors import audit_events_for
from audit.verification import verify_audit_chain
from cases.declarations.choices import InProcessOutcome
from cases.declarations.services import checks as declaration_services
from cases.declarations.services import declaration_check_in_process, declaration_resubmit
from cases.models import Declaration
from organizations.models import Role
from tests.audit.test_chain import record_events
from tests.factories import make_member
from tests.factories.cases import draft_declaration
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db


def published():
    producer, declaration = draft_declaration()
    DeclarationFlow.start.run(actor=producer, declaration=declaration, commitment_accepted=True)
    return producer, Declaration.objects.get(pk=declaration.pk)


def state_changes(declaration) -> list[tuple[str, str]]:
    return [
        (event.from_state, event.to_state)
        for event in audit_events_for(declaration)
        if event.from_state != event.to_state
    ]


def test_exactly_one_event_per_change_of_state():
    producer, declaration = published()
    staff = make_member("AMR-330106", Role.STAFF)
    declaration_check_in_process(
        actor=staff, declaration=declaration, outcome=InProcessOutcome.CORRECTION, comment="标签不全"
    )
    declaration_resubmit(actor=producer, declaration=declaration, comment="已补")
    assert state_changes(declaration) == [
        ("", "draft"),
        ("draft", "published"),
        ("published", "correction_requested"),
        ("correction_requested", "published"),
    ]
    assert verify_audit_chain().ok


def test_a_refused_change_writes_no_event():
    _producer, declaration = published()
    staff = make_member("AMR-330106", Role.STAFF)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        declaration_check_in_process(
            actor=staff,
            declaration=declaration,
            outcome=InProcessOutcome.CORRECTION,
            comment="",
        )
    assert AuditEvent.objects.count() == before


def test_a_database_error_inside_a_transition_leaves_the_case_as_it_was(monkeypatch):
    """The failure comes after the status change and the audit event were written: both roll back."""
    _producer, declaration = published()
    staff = make_member("AMR-330106", Role.STAFF)
    before = AuditEvent.objects.count()

    def broken_outbox(*args, **kwargs):
        raise DatabaseError("the outbox table is unavailable")

    monkeypatch.setattr(declaration_services, "tell_producer", broken_outbox)
    with pytest.raises(DatabaseError):
        declaration_check_in_process(
            actor=staff,
            declaration=declaration,
            outcome=InProcessOutcome.CORRECTION,
            comment="标签不全",
        )
    assert Declaration.objects.get(pk=declaration.pk).status == Declaration.Status.PUBLISHED
    assert AuditEvent.objects.count() == before
    assert verify_audit_chain().ok


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET comment = 'rewritten' WHERE id = (SELECT MIN(id) FROM audit_auditevent)",
        "DELETE FROM audit_auditevent WHERE id = (SELECT MAX(id) FROM audit_auditevent)",
    ],
)
def test_the_table_is_append_only_on_postgresql(statement):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's; on SQLite verify_audit catches edits (test_chain)")
    record_events(2)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=AuditEvent.objects.earliest("sequence").pk).update(comment="rewritten")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.latest("sequence").delete()
    assert AuditEvent.objects.count() == 2
    assert verify_audit_chain().ok
    # Appending still works.
    record_events(1)
    assert AuditEvent.objects.count() == 3
