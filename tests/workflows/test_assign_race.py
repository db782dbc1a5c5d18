"""Taking a task is audited on its case, and losing the race to take it answers 409 everywhere
(viewflow's 领取 page, 我的工作's 领取, the API), like the other lost races (ADR 0016, ADR 0043)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent
from organizations.models import Role
from teamwork.audit_actions import TeamAction
from tests.factories import make_member
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.flows import open_task
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.task_actions import TaskTakenFirst, task_assign, task_unassign

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    return client


@pytest.fixture
def raced():
    """Two inspectors of the bureau both offered the verification; the first has taken it."""
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    task = open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.verify)
    stale = Task.objects.get(pk=task.pk)  # what the loser read before the winner's commit
    task_assign(actor=bureau.inspectors[1], task=task)
    return bureau, case, task, stale


def _holder_events(case) -> list[tuple[str, int | None]]:
    events = AuditEvent.objects.filter(target_id=str(case.pk), action__startswith="task.").order_by("sequence")
    return [(event.action, event.actor_id) for event in events]


def test_taking_and_releasing_are_audited_on_the_case(raced):
    bureau, case, task, _stale = raced
    task_unassign(actor=bureau.inspectors[1], task=task)
    assert _holder_events(case) == [
        (TeamAction.TASK_TAKE, bureau.inspectors[1].pk),
        (TeamAction.TASK_RELEASE, bureau.inspectors[1].pk),
    ]


def test_the_loser_of_the_race_is_told_so_and_nothing_changes(raced):
    bureau, case, task, stale = raced
    with pytest.raises(TaskTakenFirst):
        task_assign(actor=bureau.inspectors[2], task=stale)
    task.refresh_from_db()
    assert task.owner == bureau.inspectors[1]
    assert _holder_events(case) == [(TeamAction.TASK_TAKE, bureau.inspectors[1].pk)]


def test_the_claim_button_answers_409_to_the_loser(raced):
    bureau, _case, task, _stale = raced
    response = _client(bureau.inspectors[2]).post(reverse("my_work:claim", args=[task.pk]))
    assert response.status_code == 409
    assert Task.objects.get(pk=task.pk).owner == bureau.inspectors[1]


def test_viewflows_take_page_answers_409_to_the_loser(raced):
    bureau, _case, task, _stale = raced
    url = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
    assert _client(bureau.inspectors[2]).post(url).status_code == 409


def test_the_api_answers_409_to_the_loser_and_404_to_a_stranger(raced):
    bureau, _case, task, _stale = raced
    response = _client(bureau.inspectors[2]).post(f"/api/tasks/{task.pk}/assign/")
    assert response.status_code == 409, response.content
    stranger = make_member("AMR-350000", Role.INSPECTOR)  # 福建: never offered the task
    assert _client(stranger).post(f"/api/tasks/{task.pk}/assign/").status_code == 404
    assert Task.objects.get(pk=task.pk).status == STATUS.ASSIGNED


def test_a_stranger_is_refused_not_told_of_a_race(raced):
    _bureau, _case, _task, stale = raced
    stranger = make_member("AMR-350000", Role.INSPECTOR)
    with pytest.raises(PermissionDenied):
        task_assign(actor=stranger, task=stale)
