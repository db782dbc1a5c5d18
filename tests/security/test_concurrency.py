"""Simultaneous completions of one task on PostgreSQL: one wins, the others get a 409 page, never a 500."""

import threading

import django_fsm
import pytest
from django.db import connection, connections, transaction
from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from audit.models import AuditEvent
from audit.services import audit_record
from cases.declarations.choices import DeclarationAction
from cases.models import Declaration
from notifications.models import Notification
from organizations.models import Role
from tests.factories import make_member
from tests.factories.cases import draft_declaration
from tests.workflows.sample_flows import SplitJoinFlow
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite serialises every writer on one database lock, so requests never "
            "race inside a transaction; run with DATABASE_URL=postgres://…"
        )


def run_together(count: int, action) -> list:
    """Start `count` threads, release them at once with a barrier, return what each returned."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index):
        try:
            barrier.wait(timeout=30)
            results[index] = action(index)
        except Exception as error:  # handed to the test, which fails on it
            results[index] = error
        finally:
            # Each thread opened its own connection; close it so the test database can be dropped.
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    return results


def published_declaration_task(staff):
    producer, declaration = draft_declaration()
    DeclarationFlow.start.run(actor=producer, declaration=declaration, commitment_accepted=True)
    task = Task.objects.get(process__artifact_object_id=declaration.pk, flow_task=DeclarationFlow.in_process_check)
    client = Client()
    client.force_login(staff)
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code == 302
    return declaration, task


@pytest.mark.parametrize("attempts", [2, 20])
def test_simultaneous_completions_of_one_task(attempts):
    staff = make_member("AMR-330106", Role.STAFF)
    declaration, task = published_declaration_task(staff)
    url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    events_before = set(AuditEvent.objects.values_list("pk", flat=True))
    notifications_before = Notification.objects.count()
    # One client per thread: the same person submitting from several tabs (only the owner may execute).
    clients = []
    for _ in range(attempts):
        client = Client(raise_request_exception=False)
        client.force_login(staff)
        clients.append(client)

    results = run_together(
        attempts, lambda index: clients[index].post(url, {"outcome": "correction", "comment": f"第{index}次提交"})
    )
    errors = [result for result in results if isinstance(result, Exception)]
    assert not errors, errors
    codes = sorted(response.status_code for response in results)
    assert codes.count(302) == 1, codes
    assert codes.count(409) == attempts - 1, codes
    for response in results:
        if response.status_code == 409:
            assert "already handled" in response.content.decode()

    task.refresh_from_db()
    assert task.status == STATUS.DONE
    assert Declaration.objects.get(pk=declaration.pk).status == Declaration.Status.CORRECTION_REQUESTED
    # The winner's events (the check, its deadline met), each once; the losers left none.
    actions = list(AuditEvent.objects.exclude(pk__in=events_before).values_list("action", flat=True))
    assert sorted(actions) == sorted(set(actions)), actions
    assert "declaration.in_process_check.correction" in actions
    assert Notification.objects.count() == notifications_before + 1
    # One correction task for the producer, not one per attempt.
    assert Task.objects.filter(process=task.process, flow_task=DeclarationFlow.await_correction).count() == 1


def test_a_stale_fsm_save_raises_and_leaves_nothing_behind():
    staff = make_member("AMR-330106", Role.STAFF)
    declaration, _task = published_declaration_task(staff)
    first = Declaration.objects.get(pk=declaration.pk)
    stale = Declaration.objects.get(pk=declaration.pk)
    first.request_correction()
    first.save()
    events_before = AuditEvent.objects.count()
    with pytest.raises(django_fsm.ConcurrentTransition), transaction.atomic():
        stale.request_correction()
        audit_record(
            actor=staff, action=DeclarationAction.IN_PROCESS_CHECK_CORRECTION, target=stale, from_state="published"
        )
        stale.save()
    assert Declaration.objects.get(pk=declaration.pk).status == Declaration.Status.CORRECTION_REQUESTED
    assert AuditEvent.objects.count() == events_before


def test_concurrent_branch_completion_creates_one_join():
    process = SplitJoinFlow.start.run()
    left = process.task_set.get(flow_task=SplitJoinFlow.left)
    right = process.task_set.get(flow_task=SplitJoinFlow.right)
    branches = [(SplitJoinFlow.left, left), (SplitJoinFlow.right, right)]
    results = run_together(2, lambda index: branches[index][0].run(branches[index][1]))
    assert not [result for result in results if isinstance(result, Exception)], results
    process.refresh_from_db()
    joins = process.task_set.filter(flow_task=SplitJoinFlow.join)
    assert joins.count() == 1
    assert joins.get().status == STATUS.DONE
    assert process.task_set.filter(flow_task=SplitJoinFlow.end).count() == 1
    assert process.status == PROCESS.DONE
