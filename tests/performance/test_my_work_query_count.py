"""我的工作 answers in the same number of SQL queries for 3 tasks as for 30, and so does the staff
menu on every page: the rows' deadlines, the people who handed them over and the counts are read
for the whole page at once, never row by row (ADR 0031)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task

from organizations.models import Role
from tests.factories import make_member
from tests.factories.enforcement import BUREAU, hangzhou_bureau, received_case
from tests.flows import open_task
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.task_actions import task_assign, task_complete

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

MAX_QUERIES = 15
PAGES = [
    "/work/",
    "/work/?show=offered&overdue=on",
    "/work/?show=approvals",
    "/work/?kind=enforcementcase",
    "/enforcement/",
]


def add_tasks(bureau, count: int) -> None:
    """Clues to verify, a third taken by the lead, a third verified and waiting for the lead's
    filing decision (an approval, handed over by the inspector)."""
    for number in range(count):
        case = received_case(actor=bureau.inspectors[0])
        task = open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.verify)
        if number % 3 == 1:
            task_assign(actor=bureau.lead, task=task)
        elif number % 3 == 2:
            task_assign(actor=bureau.inspectors[0], task=task)
            task_complete(
                actor=bureau.inspectors[0],
                task=Task.objects.get(pk=task.pk),
                data={"findings": "属实", "proposal": "file"},
            )


def queries_of_pages(user) -> dict[str, int]:
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    figures = {}
    for url in PAGES:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        figures[url] = len(queries)
    return figures


def test_my_work_costs_the_same_queries_for_3_tasks_as_for_30():
    bureau = hangzhou_bureau()
    make_member(BUREAU, Role.INSPECTOR, user=bureau.lead)  # offered the clues as well as the approvals
    add_tasks(bureau, 3)
    before = queries_of_pages(bureau.lead)
    add_tasks(bureau, 27)
    after = queries_of_pages(bureau.lead)

    assert Task.objects.filter(owner=bureau.lead, status="ASSIGNED").count() == 10
    assert before == after, f"query counts grew with the rows (3 tasks, 30 tasks): {before}, {after}"
    assert max(after.values()) <= MAX_QUERIES, after
    print(f"\n我的工作 queries at 3 and 30 tasks: {after}")  # a figure for the closing note
