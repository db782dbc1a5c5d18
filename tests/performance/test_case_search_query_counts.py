"""The 案件 page reads the same number of queries for 3 cases of each kind as for 30 (no query
per row), and at most 17: the 13 of one search over six kinds, and the staff menu's (the person's
memberships and the counts of 我的工作), drawn on every staff page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.models import Role
from tests.factories import make_member
from tests.workflows.case_search_rows import Casework

pytestmark = pytest.mark.django_db

MAX_QUERIES = 17
SEARCHES = [
    {"q": "测试"},  # a word of every party's and product's name
    {"q": "测试茶业有限公司0001"},  # one party
    {"q": "DB-330000-2026-0002"},  # an exact number (and its objection)
    {"q": "xhlj"},  # pinyin
    {"open": "on"},
    {"kind": "enforcement", "open": "on"},
    {"status": "declaration:published"},
]


def queries_of_searches(client) -> dict[str, tuple[int, int]]:
    figures = {}
    for query in SEARCHES:
        client.get("/cases/", query)  # content types and the like, read once per process
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/cases/", query)
        page = response.content.decode()
        figures[str(query)] = (response.status_code, len(queries), page.count("<tr"))
        more = re.search(r'href="(\?[^"]*cursor=[^"]+)"', page)
        if more:
            address = "/cases/" + more[1].replace("&amp;", "&")
            with CaptureQueriesContext(connection) as queries:
                response = client.get(address)
            figures[f"{query} (more)"] = (response.status_code, len(queries), response.content.decode().count("<tr"))
    return figures


def test_the_case_search_costs_the_same_queries_for_3_and_30_cases_of_each_kind(client):
    client.force_login(make_member("AMR-330000", Role.STAFF))
    for serial in range(1, 4):
        Casework.of_every_kind(serial).with_processes()
    few = queries_of_searches(client)
    for serial in range(4, 31):
        Casework.of_every_kind(serial).with_processes()
    many = queries_of_searches(client)

    assert {search: status for search, (status, _, _) in many.items() if status != 200} == {}
    costly = {search: count for search, (_, count, _) in many.items() if count > MAX_QUERIES}
    assert not costly, f"searches making more than {MAX_QUERIES} queries: {costly}"
    grown = {search: (few[search][1], many[search][1]) for search in few if few[search][1] != many[search][1]}
    assert not grown, f"query counts grew with the cases (3, 30): {grown}"
    # The broad search fills a page of 50 at 30 cases of each kind, and offers more.
    assert many["{'q': '测试'}"][2] == 51 and "{'q': '测试'} (more)" in many
