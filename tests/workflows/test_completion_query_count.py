"""SQL statements of one task completion through workflows.task_actions (assign, then complete).

Pinned so that a completion cannot grow unnoticed: bench/bench_completions.py measures the same step
on PostgreSQL with throughput figures. The step is the self-declaration's in-process check with the
outcome "ask the producer to correct": status change, audit events, clock met, producer notified,
next task created. Each call gets a fresh actor, as each request loads its user.

Inside a test's transaction the flow lock's own transaction is a savepoint: each call sends one
SAVEPOINT/RELEASE pair more than in production (the bench's figures are these minus 2 each).
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent
from cases.models import Declaration
from notifications.models import Notification
from organizations.models import Role
from tests.factories import make_member
from tests.workflows.test_declaration_flow import publish
from workflows.declarations.flows import DeclarationFlow
from workflows.task_actions import task_assign, task_complete

pytestmark = pytest.mark.django_db

# Measured (SQLite and PostgreSQL alike). 15 + 44 before bench_completions.py's savings, 11 + 36 after
# them, 7 + 27 after ADR 0022's (visibility and guardian grants in one query each, the stored permission
# object at assign, the audit events appended together, the e-mail choice read with the recipients, the
# process data written only when it changes). Lower these when a change saves statements.
# Taking the task is audited since issue 18 (ADR 0035). 6 + 18 after ADR 0059: the audit events
# signed on their own and numbered by their one INSERT (no chain head to lock and move: 2 per call),
# the take's event on a stand-in of the declaration from the process data (no read), the visibility
# and staff checks (and at assign the stored grant) as columns of the task's re-read under the lock,
# the service's grant check a column of its locked read, no savepoint in the service nor in the
# switch (any error rolls the whole lock's transaction back), the switch routing on what the
# decision returned.
ASSIGN_STATEMENTS = 6
COMPLETE_STATEMENTS = 18
# Issue 24's target for one completion, assign and complete together (production statements,
# without the test's savepoints), the take's audit event included.
ISSUE_TARGET = 20

CORRECTION = {"outcome": "correction", "comment": "标签缺少专用标志编号"}


def check_task(declaration) -> Task:
    """The task as the API's selector hands it over (process selected with it)."""
    return Task.objects.select_related("process").get(
        process__artifact_object_id=declaration.pk,
        flow_task=DeclarationFlow.in_process_check,
        status=STATUS.NEW,
    )


def counted_completion(staff, declaration) -> tuple[int, int]:
    users = get_user_model().objects
    task, actor = check_task(declaration), users.get(pk=staff.pk)
    with CaptureQueriesContext(connection) as assign:
        task_assign(actor=actor, task=task)
    task, actor = Task.objects.select_related("process").get(pk=task.pk), users.get(pk=staff.pk)
    with CaptureQueriesContext(connection) as complete:
        task_complete(actor=actor, task=task, data=CORRECTION)
    return len(assign), len(complete)


@pytest.fixture
def measured():
    staff = make_member("AMR-330106", Role.STAFF)
    _producer, warm_up = publish()
    counted_completion(staff, warm_up)  # first use fills per-process caches (content types …)
    _producer, declaration = publish()
    return declaration, counted_completion(staff, declaration)


def test_one_completion_stays_within_its_statements(measured):
    declaration, (assign, complete) = measured
    assert Declaration.objects.get(pk=declaration.pk).status == Declaration.Status.CORRECTION_REQUESTED
    # Every guarantee still holds: one audit event for the change, the producer told once.
    assert (
        AuditEvent.objects.filter(
            action="declaration.in_process_check.correction", target_id=str(declaration.pk)
        ).count()
        == 1
    )
    assert Notification.objects.filter(kind="declaration.correction_requested", target_id=declaration.pk).count() == 1
    assert (assign, complete) == (ASSIGN_STATEMENTS, COMPLETE_STATEMENTS), (
        f"assign {assign}, complete {complete}: update the pins if this is a saving, find the new queries if not"
    )


def test_issue_target_is_met(measured):
    _declaration, (assign, complete) = measured
    # minus the test transaction's savepoints (a SAVEPOINT and a RELEASE per call)
    assert assign + complete - 4 <= ISSUE_TARGET
