"""A flow's task list pages by keyset like its process list (ADR 0023, update): following its links
visits every task of the processes the reader may see exactly once, newest first, with its filters;
a bad link shows page one; and no query counts, skips by OFFSET or reads every task for the filter."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.models import Task

from tests.workflows.keyset_pages import NEXT, NOTICE, PAGE_SIZE, PREVIOUS, cursor_of, seeded_lead
from tests.workflows.keyset_pages import link as link_in
from tests.workflows.keyset_pages import page_ids as rows
from tests.workflows.keyset_pages import walk as walk_from
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db

LIST = "/staff/workflow/flows/declaration/tasks/"


@pytest.fixture
def lead():
    return seeded_lead()


def visible(user):
    tasks = Task.objects.filter(process__flow_class=DeclarationFlow)
    return DeclarationFlow.instance.processes_visible_to(user, tasks, field="process__artifact_object_id")


def link(response, pattern) -> str | None:
    return link_in(response, pattern, LIST)


def walk(client, url: str) -> list[list[int]]:
    return walk_from(client, url, LIST)


def test_next_links_visit_every_visible_task_once_newest_first(lead):
    expected = list(visible(lead.user).order_by("-created", "-pk").values_list("pk", flat=True))
    assert len(expected) > 2 * PAGE_SIZE

    pages = walk(lead, LIST)

    assert [pk for page in pages for pk in page] == expected
    assert all(len(page) == PAGE_SIZE for page in pages[:-1])
    first = lead.get(LIST)
    assert link(first, PREVIOUS) is None
    assert first.context["paginator"] is None


def test_previous_links_walk_back_through_the_same_pages(lead):
    forward = walk(lead, LIST)
    url = LIST
    for _ in forward[:-1]:
        url = link(lead.get(url), NEXT)
    backward = []
    while url:
        response = lead.get(url)
        backward.append(rows(response))
        url = link(response, PREVIOUS)

    assert backward == forward[::-1]


def test_tasks_with_the_same_date_are_neither_repeated_nor_dropped(lead):
    tied = list(visible(lead.user).order_by("-created", "-pk").values_list("pk", flat=True))[
        PAGE_SIZE - 6 : PAGE_SIZE + 6
    ]
    Task.objects.filter(pk__in=tied).update(created=Task.objects.get(pk=tied[0]).created)
    expected = list(visible(lead.user).order_by("-created", "-pk").values_list("pk", flat=True))

    assert [pk for page in walk(lead, LIST) for pk in page] == expected


@pytest.mark.parametrize("order", ["flow_task", "-flow_task"])
def test_an_order_by_node_is_followed_across_pages(lead, order):
    done = visible(lead.user).filter(status="DONE")
    tiebreak = "-pk" if order.startswith("-") else "pk"
    expected = list(done.order_by(order, tiebreak).values_list("pk", flat=True))
    assert len(expected) > 2 * PAGE_SIZE

    pages = walk(lead, f"{LIST}?status=DONE&_orderby={order}")

    assert [pk for page in pages for pk in page] == expected


def test_filters_keep_applying_on_the_pages_after_the_first(lead):
    node = get_task_ref(DeclarationFlow.start)
    query = f"?status=DONE&flow_task={node}"
    tasks = visible(lead.user).filter(status="DONE", flow_task=node)
    expected = list(tasks.order_by("-created", "-pk").values_list("pk", flat=True))
    assert len(expected) > PAGE_SIZE

    pages = walk(lead, LIST + query)

    assert [pk for page in pages for pk in page] == expected
    second = parse_qs(urlsplit(link(lead.get(LIST + query), NEXT)).query)
    assert second["status"] == ["DONE"] and second["flow_task"] == [node] and second["cursor"]


def test_a_task_of_another_province_is_on_no_page(lead):
    shown = {pk for page in walk(lead, LIST) for pk in page}
    hidden = Task.objects.filter(process__flow_class=DeclarationFlow).exclude(pk__in=visible(lead.user).values("pk"))

    assert hidden.exists()
    assert not shown & set(hidden.values_list("pk", flat=True))


def test_the_task_filter_offers_the_flows_nodes_without_reading_the_tasks(lead):
    with CaptureQueriesContext(connection) as queries:
        response = lead.get(LIST)

    choices = dict(response.context["view"].filterset.filters["flow_task"].field.choices)
    assert set(choices) >= {get_task_ref(node) for node in DeclarationFlow.instance.nodes()}
    assert not [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"]]


def _cursor(payload) -> str:
    return cursor_of(payload)


@pytest.mark.parametrize(
    "cursor",
    [
        "garbled",
        _cursor("not a list"),
        _cursor(["n", "-created,-id", ["not a date", "1"]]),
        _cursor(["n", "-created,-id", ["2026-01-01T00:00:00", "1"]]),  # naive
        _cursor(["n", "-created,-id", ["2026-01-01T00:00:00+00:00", str(10**30)]]),
        _cursor(["n", "-id", ["1"]]),  # from another order
        _cursor(["n", "-created,-id", ["2026-01-01T00:00:00+00:00", "1"]]) + "A" * 600,
    ],
)
def test_a_garbled_cursor_shows_the_first_page_and_says_so(lead, cursor):
    first = rows(lead.get(LIST))

    response = lead.get(LIST, {"cursor": cursor})

    assert response.status_code == 200
    assert rows(response) == first
    assert NOTICE in response.content.decode()


@pytest.mark.parametrize("value", ["os.path.join", "nowhere/at.all.Flow.node", 5, ["x"]])
def test_a_node_in_a_cursor_is_compared_as_text_and_never_imported(lead, value):
    # viewflow's task reference field would import the module a text names; a cursor is the
    # reader's text, so it is only ever compared with the column.
    url = f"{LIST}?status=DONE&_orderby=flow_task"
    response = lead.get(url, {"cursor": _cursor(["n", "flow_task,id", [value, "1"]])})

    assert response.status_code == 200
    assert rows(response)  # some page is shown


def test_a_later_page_costs_the_queries_of_the_first_and_nothing_is_counted(lead):
    lead.get(LIST)
    with CaptureQueriesContext(connection) as first:
        response = lead.get(LIST)
    with CaptureQueriesContext(connection) as second:
        lead.get(link(response, NEXT))

    assert len(second) == len(first)
    statements = [query["sql"] for query in [*first.captured_queries, *second.captured_queries]]
    assert not [sql for sql in statements if "COUNT(" in sql]
    assert not [sql for sql in statements if " OFFSET " in sql]
