"""Handing a task over while others act on it, on PostgreSQL with real concurrent connections: two
leads at once, one wins; the former holder's completion and a lead's handover, whichever is second
is refused and changes nothing (the flow's lock and the task's row lock, workflows/team/actions.py)."""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent
from cases.models import EnforcementCase
from notifications.models import Notification
from organizations.models import Role
from teamwork.audit_actions import TeamAction
from tests.factories import make_member
from tests.factories.enforcement import BUREAU, hangzhou_bureau, received_case
from tests.flows import open_task
from tests.security.test_concurrency import run_together
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.task_actions import task_assign, task_complete
from workflows.team.actions import task_reassign

pytestmark = pytest.mark.django_db(transaction=True)

FLOW = EnforcementCaseFlow
VERIFIED = {"findings": "现场核实属实", "proposal": "file"}


@pytest.fixture(autouse=True)
def postgresql_only(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite serialises every writer, so no two connections race; DATABASE_URL=postgres://…"
        )


@pytest.fixture
def taken():
    """An enforcement case whose verification the first inspector has taken."""
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    task_assign(actor=bureau.inspectors[0], task=open_task(FLOW, case.pk, FLOW.verify))
    return bureau, case, open_task(FLOW, case.pk, FLOW.verify)


def handovers(case) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=TeamAction.TASK_REASSIGN, target_id=str(case.pk)))


def in_background(action):
    """Run `action` in a thread with its own connection; the returned thread carries .result."""

    def work():
        try:
            thread.result = action()
        except Exception as error:
            thread.result = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.result = None
    thread.start()
    return thread


def test_two_leads_handing_over_at_once_one_wins(taken):
    bureau, case, task = taken
    leads = [bureau.lead, make_member(BUREAU, Role.LEAD)]
    targets = bureau.inspectors[1:3]

    results = run_together(
        2,
        lambda i: task_reassign(actor=leads[i], task=task, to=targets[i], expected_owner_id=bureau.inspectors[0].pk),
    )
    won = [i for i, result in enumerate(results) if isinstance(result, Task)]
    lost = [result for result in results if not isinstance(result, Task)]
    assert len(won) == 1 and len(lost) == 1, results
    assert isinstance(lost[0], ValidationError) and "承办人已有变动" in lost[0].messages[0]  # in the office's language
    assert Task.objects.get(pk=task.pk).owner_id == targets[won[0]].pk
    (event,) = handovers(case)
    assert event.actor_id == leads[won[0]].pk
    # The winner's two notifications only: the new holder's and the former holder's.
    assert Notification.objects.filter(kind__startswith="team.").count() == 2


def test_the_former_holder_completing_after_a_handover_is_refused(taken):
    bureau, case, task = taken
    first, second = bureau.inspectors[:2]
    with transaction.atomic():
        task_reassign(actor=bureau.lead, task=task, to=second, expected_owner_id=first.pk)
        completing = in_background(lambda: task_complete(actor=first, task=task, data=VERIFIED))
        time.sleep(0.5)  # the completion waits for the lead's lock
        assert completing.is_alive()
    completing.join(timeout=60)

    assert isinstance(completing.result, PermissionDenied), completing.result
    fresh = Task.objects.get(pk=task.pk)
    assert (fresh.status, fresh.owner_id) == (STATUS.ASSIGNED, second.pk)
    assert EnforcementCase.objects.get(pk=case.pk).status == EnforcementCase.Status.VERIFYING


def test_a_handover_after_the_holder_completed_is_refused(taken):
    bureau, case, task = taken
    first, second = bureau.inspectors[:2]
    with transaction.atomic():
        task_complete(actor=first, task=task, data=VERIFIED)
        handing = in_background(
            lambda: task_reassign(actor=bureau.lead, task=task, to=second, expected_owner_id=first.pk)
        )
        time.sleep(0.5)
        assert handing.is_alive()
    handing.join(timeout=60)

    assert isinstance(handing.result, ValidationError) and "已办结" in handing.result.messages[0]
    assert Task.objects.get(pk=task.pk).status == STATUS.DONE
    assert handovers(case) == [] and not Notification.objects.filter(kind__startswith="team.").exists()
