"""A flow's dashboard: each column shows the newest tasks of the processes the reader may see (ADR 0019, 0023)."""

import pytest
from django.test import Client
from viewflow.workflow.models import Process, Task

from accounts.models import User
from bench.seed_volume import Seeder, Volume
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db

DASHBOARD = "/staff/workflow/flows/declaration/"
ROWS = 26  # viewflow's DashboardView.MAX_ROWS: 25 cards and a "more" mark


@pytest.fixture
def lead():
    # Most declarations in the lead's county and most of them still open: more than a column holds.
    Seeder(Volume(tasks=1_500), seed=7, focus_share=0.6, open_share=0.6).run()
    user = User.objects.get(username="bench.lead")
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def visible_tasks(user):
    processes = DeclarationFlow.instance.processes_visible_to(user, Process.objects.filter(flow_class=DeclarationFlow))
    return Task.objects.filter(process__in=processes)


def column(response, node):
    (found,) = [column for column in response.context["columns"] if column["node"] == node]
    return found["tasks"]


def test_a_column_shows_the_newest_open_tasks_of_visible_cases_and_no_others(lead):
    visible_open = visible_tasks(lead.user).filter(flow_task=DeclarationFlow.in_process_check, finished__isnull=True)
    assert visible_open.count() > ROWS
    newest = list(visible_open.order_by("-created")[:ROWS])

    shown = column(lead.get(DASHBOARD), DeclarationFlow.in_process_check)

    assert {task.pk for task in shown} == {task.pk for task in newest}
    assert [task.created for task in shown] == [task.created for task in newest]
    assert column(lead.get(DASHBOARD), DeclarationFlow.decide_suspension) == []


def test_the_finished_column_shows_the_last_visible_processes_to_end(lead):
    ended = visible_tasks(lead.user).filter(flow_task=DeclarationFlow.end)
    assert ended.count() > ROWS
    hidden = Task.objects.filter(flow_task=DeclarationFlow.end).exclude(pk__in=ended.values("pk"))
    assert hidden.exists()
    newest = list(ended.order_by("-finished")[:ROWS])

    shown = lead.get(DASHBOARD).context["finished"]

    assert [task.finished for task in shown] == [task.finished for task in newest]
    assert {task.pk for task in shown} == {task.pk for task in newest}
    assert not {task.pk for task in shown} & set(hidden.values_list("pk", flat=True))


def test_a_failed_task_stays_in_its_column(lead):
    failed = visible_tasks(lead.user).filter(flow_task=DeclarationFlow.in_process_check, finished__isnull=False).first()
    Task.objects.filter(pk=failed.pk).update(status="ERROR", created=failed.created.replace(year=2099))

    shown = column(lead.get(DASHBOARD), DeclarationFlow.in_process_check)

    assert shown[0].pk == failed.pk
