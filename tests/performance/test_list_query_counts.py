"""Every list page's SQL queries stay the same however many rows it lists, and at most 15 (issue 9).

The data comes from bench/seed_volume.py, the same generator the benchmarks use, seeded twice:
the second seed adds as much again, so a query per row (an N+1) shows as a different count. Each
page is asked for once before measuring, so one-off lookups (content types) are not counted.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from bench.seed_volume import Seeder, Volume

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
PAGES = [
    ("bench.staff", "/work/"),
    ("bench.lead", "/work/"),
    # Where viewflow's inbox, queue, archive and a flow's lists now lead (ADR 0037).
    ("bench.staff", "/work/?show=assigned"),
    ("bench.staff", "/work/?show=offered"),
    ("bench.staff", "/work/?show=done"),
    ("bench.lead", "/work/?show=approvals"),
    ("bench.lead", "/work/?kind=declaration"),
    ("bench.lead", "/cases/?kind=declaration&open=on"),
    ("bench.lead", "/cases/?kind=declaration"),
    ("bench.lead", "/cases/?kind=enforcement"),
    ("bench.lead", "/enforcement/"),
    ("bench.lead", "/applications/"),
    ("bench.lead", "/supervision/"),
    ("bench.lead", "/reports/"),
    ("bench.lead", "/notifications/"),
    ("bench.staff", "/api/tasks/"),
    ("bench.lead", "/api/staff/declarations/"),
    ("bench.lead", "/api/staff/enforcement-cases/"),
    (None, "/"),
    (None, "/authorised-users/"),
    (None, "/revocations/"),
    (None, "/announcements/"),
    (None, "/supervision-results/"),
    (None, "/api/register/products/"),
    (None, "/api/register/authorised-users/"),
]


def seed(number: int) -> None:
    Seeder(Volume(tasks=1_000), seed=number, focus_share=0.5, open_share=0.1).run()


def queries_of_pages() -> dict[tuple, tuple[int, int]]:
    clients = {None: Client()}
    for username in ("bench.staff", "bench.lead"):
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    figures = {}
    for persona, url in PAGES:
        client = clients[persona]
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        figures[(persona, url)] = (response.status_code, len(queries))
    return figures


def test_list_pages_cost_the_same_queries_at_twice_the_rows():
    seed(1)
    before = queries_of_pages()
    seed(2)
    after = queries_of_pages()

    failed = {page: status for page, (status, _) in after.items() if status != 200}
    assert not failed, f"pages did not answer 200: {failed}"
    costly = {page: count for page, (_, count) in after.items() if count > MAX_QUERIES}
    assert not costly, f"pages making more than {MAX_QUERIES} queries: {costly}"
    grown = {page: (before[page][1], after[page][1]) for page in after if after[page][1] != before[page][1]}
    assert not grown, f"query counts grew with the rows (before, after): {grown}"


def test_register_searches_have_trigram_indexes_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's (pg_trgm); SQLite scans its small tables")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'terroir_%%_trgm'")
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        "terroir_enterprise_name_trgm",
        "terroir_product_name_trgm",
        "terroir_product_name_en_trgm",
        "terroir_product_pinyin_trgm",
        # The 案件 search's "part of a number" and party as reported (cases/migrations/0017, ADR 0036).
        "terroir_declaration_reference_trgm",
        "terroir_enforcement_number_trgm",
        "terroir_enforcement_party_trgm",
    }


def test_flow_overview_lists_have_indexes_in_their_order():
    """The dashboard's columns, the process list's sortable columns (workflows/migrations/0003) and
    the task list's open tasks oldest first (0004)."""
    with connection.cursor() as cursor:
        tasks = connection.introspection.get_constraints(cursor, "viewflow_task")
        processes = connection.introspection.get_constraints(cursor, "viewflow_process")

    assert tasks["terroir_task_open_node_idx"]["columns"] == ["flow_task", "created"]
    assert tasks["terroir_task_end_finished_idx"]["columns"] == ["flow_task", "finished"]
    assert tasks["terroir_task_open_created_idx"]["columns"] == ["created", "id"]
    assert processes["terroir_process_created_idx"]["columns"] == ["flow_class", "created", "id"]
    assert processes["terroir_process_finished_idx"]["columns"] == ["flow_class", "finished", "id"]
