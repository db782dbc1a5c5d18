"""The staff's task and case lists speak Chinese: viewflow's node names are English and reach no
catalogue unless Terroir names them. viewflow's own lists lead to Terroir's (ADR 0037), which
are read here by their old addresses."""

import re

import pytest
from django.utils import translation
from viewflow.workflow.models import Task

from organizations.models import Role
from tests.factories import make_member
from tests.workflows.test_declaration_flow import publish
from workflows.registry import FLOW_VIEWSETS
from workflows.task_actions import task_assign

pytestmark = pytest.mark.django_db

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PAGES = [
    "/staff/workflow/inbox/",
    "/staff/workflow/queue/",
    "/staff/workflow/archive/",
    "/staff/workflow/flows/declaration/",
    "/staff/workflow/flows/declaration/flows/",
    "/staff/workflow/flows/declaration/tasks/",
]


def cell_texts(html: str, tag: str) -> list[str]:
    """The text of every <th> or <td> of the page, tags and runs of spaces squeezed out."""
    cells = re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.S)
    return [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in cells]


def test_every_node_of_every_flow_has_a_chinese_title():
    with translation.override("zh-hans"):
        english = [
            f"{viewset._flow_class.__name__}.{node.name}: {node.task_title}"
            for viewset in FLOW_VIEWSETS
            for node in viewset._flow_class.instance.nodes()
            if LATIN_WORD.search(str(node.task_title))
        ]
    assert english == []


@pytest.mark.parametrize("url", PAGES)
def test_list_headers_and_task_names_are_chinese(client, url):
    publish()  # an in-process check waiting in the county's queue
    staff = make_member("AMR-330106", Role.STAFF)
    client.force_login(staff)
    if url == "/staff/workflow/inbox/":  # a task of their own, so the inbox has a row
        task_assign(actor=staff, task=Task.objects.get(flow_task_type="HUMAN", status="NEW"))
    response = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert not response.request["PATH_INFO"].startswith("/staff/")
    html = response.content.decode()
    headers = cell_texts(html, "th")
    assert headers
    assert [header for header in headers if LATIN_WORD.search(header)] == []
    task_names = {"In Process Check", "Start", "End", "Route Check", "Automatic routing"}
    assert [cell for cell in cell_texts(html, "td") if cell in task_names] == []
    assert [name for name in task_names if re.search(rf">\s*{name}\s*<", html)] == []
