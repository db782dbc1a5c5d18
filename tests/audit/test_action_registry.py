"""One registry of audit actions (audit/actions.py, ADR 0029): what the chain may hold is declared
once per kind; an undeclared action is refused, and every history names only declared actions."""

import pytest
from django.db import models, transaction

from audit.actions import UnregisteredAuditAction, is_registered, label_of, register, registered_actions
from audit.models import AuditEvent
from audit.services import audit_record
from cases.applications.selectors import APPLICANT_VISIBLE_ACTIONS
from cases.declarations.selectors import PRODUCER_VISIBLE_ACTIONS
from cases.products.selectors import PUBLIC_PRODUCT_ACTIONS
from organizations.models import Department

pytestmark = pytest.mark.django_db

# Every history a person reads, by the map of actions it names.
HISTORIES = {
    "applicant's application history": APPLICANT_VISIBLE_ACTIONS,
    "producer's declaration history": PRODUCER_VISIBLE_ACTIONS,
    "public product history": PUBLIC_PRODUCT_ACTIONS,
}


def test_an_undeclared_action_is_refused_and_writes_nothing():
    with pytest.raises(UnregisteredAuditAction), transaction.atomic():
        audit_record(actor=None, action="enforcement.decide_filing", target=Department.objects.get(code="KJS"))
    assert not AuditEvent.objects.exists()


def test_a_declared_member_is_stored_as_its_value():
    from cases.enforcement.choices import EnforcementAction

    with transaction.atomic():
        event = audit_record(actor=None, action=EnforcementAction.NOTE, target=Department.objects.get(code="KJS"))
    stored = AuditEvent.objects.get(pk=event.pk)
    assert type(stored.action) is str and stored.action == "enforcement.note"


def test_two_kinds_cannot_declare_the_same_action():
    class First(models.TextChoices):
        ONE = "registry-test.one", "one"

    class Second(models.TextChoices):
        ONE = "registry-test.one", "one again"

    register(First)
    with pytest.raises(ValueError, match="declared by"):
        register(Second)


@pytest.mark.parametrize("history", sorted(HISTORIES))
def test_every_history_names_only_declared_actions(history):
    unknown = [str(action) for action in HISTORIES[history] if not is_registered(str(action))]
    assert unknown == [], f"{history} names actions no kind declared: {unknown}"


def test_every_declared_action_has_a_label_a_person_can_read():
    product_actions = [
        value for value, kind in registered_actions().items() if not kind.__module__.startswith("tests.")
    ]
    unlabelled = [value for value in product_actions if label_of(value) in ("", value)]
    assert unlabelled == []


def test_the_kinds_are_declared_at_start_up():
    """Each kind's choices are imported by its app's ready(), before any service runs."""
    prefixes = {value.split(".")[0] for value in registered_actions()}
    assert {
        "application",
        "campaign",
        "check",
        "declaration",
        "enforcement",
        "objection",
        "product",
        "deadline",
        "document",
        "membership",
        "statistics",
    } <= prefixes
