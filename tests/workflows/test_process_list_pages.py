"""A flow's process list pages by keyset (ADR 0023): following its links visits every process the
reader may see exactly once, in the list's order, with its filters, and a bad link shows page one."""

import base64
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Process

from tests.workflows.keyset_pages import NEXT, NOTICE, PAGE_SIZE, PREVIOUS, cursor_of, seeded_lead
from tests.workflows.keyset_pages import link as link_in
from tests.workflows.keyset_pages import page_ids as rows
from tests.workflows.keyset_pages import walk as walk_from
from workflows.declarations.flows import DeclarationFlow
from workflows.keyset import keyset_page

pytestmark = pytest.mark.django_db

LIST = "/staff/workflow/flows/declaration/flows/"


@pytest.fixture
def lead():
    return seeded_lead()


def visible(user):
    processes = Process.objects.filter(flow_class=DeclarationFlow)
    return DeclarationFlow.instance.processes_visible_to(user, processes)


def link(response, pattern) -> str | None:
    return link_in(response, pattern, LIST)


def walk(client, url: str) -> list[list[int]]:
    return walk_from(client, url, LIST)


def test_next_links_visit_every_visible_process_once_newest_first(lead):
    expected = list(visible(lead.user).order_by("-pk").values_list("pk", flat=True))
    assert len(expected) > 2 * PAGE_SIZE  # three pages at least

    pages = walk(lead, LIST)

    assert [pk for page in pages for pk in page] == expected
    assert all(len(page) == PAGE_SIZE for page in pages[:-1])
    first = lead.get(LIST)
    assert link(first, PREVIOUS) is None
    assert first.context["paginator"] is None  # nothing counts the rows


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


@pytest.mark.parametrize("order", ["created", "-created", "finished", "-finished"])
def test_a_chosen_order_is_followed_across_pages_even_through_ties(lead, order):
    # Twelve processes share their dates across the first page's end: only the id tells them
    # apart. (Bound to any filter, viewflow's form lists running processes only unless a status
    # is chosen: the finished ones are chosen here, to have dates to sort by.)
    done = visible(lead.user).filter(status="DONE")
    tied = list(done.order_by("created", "pk").values_list("pk", flat=True))[PAGE_SIZE - 6 : PAGE_SIZE + 6]
    model = Process.objects.get(pk=tied[0])
    Process.objects.filter(pk__in=tied).update(created=model.created, finished=model.finished)
    tiebreak = "-pk" if order.startswith("-") else "pk"
    expected = list(done.order_by(order, tiebreak).values_list("pk", flat=True))
    assert len(expected) > 2 * PAGE_SIZE

    pages = walk(lead, f"{LIST}?status=DONE&_orderby={order}")

    assert [pk for page in pages for pk in page] == expected


@pytest.mark.parametrize("order", ["finished", "-finished"])
def test_keyset_pages_put_empty_dates_where_the_database_puts_them(lead, order):
    # NULLs sort last going up on PostgreSQL and first on SQLite: the cursor's condition must
    # agree with the database's own order on either.
    processes = visible(lead.user).order_by(order)
    assert processes.filter(finished__isnull=True).exists() and processes.filter(finished__isnull=False).exists()
    tiebreak = "-pk" if order.startswith("-") else "pk"
    expected = list(processes.order_by(order, tiebreak).values_list("pk", flat=True))

    pages, page = [], keyset_page(processes, cursor=None, size=7)
    pages.append([process.pk for process in page])
    while page.has_next:
        page = keyset_page(processes, cursor=page.next_cursor, size=7)
        pages.append([process.pk for process in page])
    back = [pages[-1]]
    while page.has_previous:
        page = keyset_page(processes, cursor=page.previous_cursor, size=7)
        back.insert(0, [process.pk for process in page])

    assert [pk for rows in pages for pk in rows] == expected
    assert back == pages


def test_filters_keep_applying_on_the_pages_after_the_first(lead):
    expected = list(visible(lead.user).filter(status="DONE").order_by("-created", "-pk").values_list("pk", flat=True))
    assert len(expected) > PAGE_SIZE

    pages = walk(lead, f"{LIST}?status=DONE&_orderby=-created")

    assert [pk for page in pages for pk in page] == expected
    second = parse_qs(urlsplit(link(lead.get(f"{LIST}?status=DONE&_orderby=-created"), NEXT)).query)
    assert second["status"] == ["DONE"] and second["_orderby"] == ["-created"] and second["cursor"]


def test_a_process_of_another_province_is_on_no_page(lead):
    shown = {pk for page in walk(lead, LIST) for pk in page}
    hidden = Process.objects.filter(flow_class=DeclarationFlow).exclude(pk__in=visible(lead.user).values("pk"))

    assert hidden.exists()
    assert not shown & set(hidden.values_list("pk", flat=True))


def _cursor(payload) -> str:
    return cursor_of(payload)


@pytest.mark.parametrize(
    "cursor",
    [
        "garbled",
        "%%%",
        "ab\u4e2d",
        _cursor("not a list"),
        _cursor(["n", "-id", ["not a number"]]),
        _cursor(["n", "-id", [str(10**30)]]),  # beyond the id column's range
        _cursor(["n", "-id", [None]]),
        _cursor(["n", "-id", [1, 2]]),
        _cursor(["x", "-id", ["1"]]),
        _cursor(["n", "created,id", ["2026-01-01T00:00:00+00:00", "1"]]),  # from another order
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        _cursor(["n", "-id", ["1"]]) + "A" * 600,  # too long to be ours
        base64.urlsafe_b64encode(b"[" * 300).decode(),  # nested too deep to be ours
    ],
)
def test_a_garbled_cursor_shows_the_first_page_and_says_so(lead, cursor):
    first = rows(lead.get(LIST))

    response = lead.get(LIST, {"cursor": cursor})

    assert response.status_code == 200
    assert rows(response) == first
    assert NOTICE in response.content.decode()


def test_a_naive_or_malformed_date_in_a_cursor_shows_the_first_page(lead):
    first = rows(lead.get(f"{LIST}?_orderby=created"))
    for value in ("2026-01-01T00:00:00", "yesterday", ["2026"]):
        cursor = _cursor(["n", "created,id", [value, "1"]])

        response = lead.get(LIST, {"_orderby": "created", "cursor": cursor})

        assert response.status_code == 200 and rows(response) == first


def test_a_cursor_past_the_end_shows_the_first_page(lead):
    # A link kept while the rows after it were closed or hidden: start again rather than show nothing.
    response = lead.get(LIST, {"cursor": _cursor(["n", "-id", ["1"]])})

    assert response.status_code == 200
    assert rows(response) == rows(lead.get(LIST))
    assert NOTICE not in response.content.decode()


def test_a_later_page_costs_the_queries_of_the_first_and_nothing_is_counted(lead):
    lead.get(LIST)
    with CaptureQueriesContext(connection) as first:
        response = lead.get(LIST)
    with CaptureQueriesContext(connection) as second:
        lead.get(link(response, NEXT))

    assert len(second) == len(first)
    statements = [query["sql"] for query in [*first.captured_queries, *second.captured_queries]]
    assert not [sql for sql in statements if sql.startswith("SELECT COUNT(")]
    assert not [sql for sql in statements if " OFFSET " in sql]


def test_the_notice_is_in_chinese_for_chinese_readers(lead):
    lead.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    page = lead.get(LIST, {"cursor": "garbled"}).content.decode()

    assert NOTICE not in page
    assert "该翻页链接与本列表不符，已显示第一页。" in page
