"""Staff never reach viewflow's Material frontend (ADR 0037).

Every page under /staff/, by its URL name in the resolver, is asked for with the demo's cases
and tasks as staff personas of every role and as a superuser: none answers with Material markup
(viewflow's `vf-` elements and classes, `mdc-` classes, its style sheets and scripts, its icon
font), the old lists answering with redirects to Terroir's pages. A new viewflow page
that renders in Material fails here.
"""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from viewflow.workflow.models import Process, Task

from workflows.registry import FLOW_VIEWSETS

pytestmark = pytest.mark.django_db

MATERIAL = re.compile(
    r"<vf-[a-z]"  # viewflow's custom elements
    r"|class=\"[^\"]*\b(?:mdc|vf)-"  # Material components' and viewflow's class names
    r"|viewflow/(?:css|js|fonts)/"  # its style sheets, scripts and fonts
    r"|material-icons"
)
# A lead, an inspector, a staff member of a province and an expert (with the superuser below).
PERSONAS = ("admin_kjs", "zfs_inspector1", "zj_province_staff", "expert1")
FLOWS = {viewset._flow_class.__name__.removesuffix("Flow").lower(): viewset._flow_class for viewset in FLOW_VIEWSETS}


def staff_routes(resolver=None, prefix=""):
    """(URL name, route) of every page under /staff/."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from staff_routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and (prefix + str(pattern.pattern)).startswith("staff/"):
            yield pattern.name, "/" + prefix + str(pattern.pattern)


def staff_urls() -> list[str]:
    """Each route filled in with every process and task of the demo it applies to."""
    urls = []
    for _name, route in staff_routes():
        match = re.match(r"/staff/workflow/flows/(\w+)/", route)
        if match is None or "<" not in route:
            urls.append(route)
            continue
        flow_class = FLOWS[match[1]]
        if "<int:task_pk>" in route:
            node = getattr(flow_class.instance, route.split("/")[6])
            for task in Task.objects.filter(process__flow_class=flow_class, flow_task=node):
                filled = route.replace("<int:process_pk>", str(task.process_id))
                urls.append(filled.replace("<int:task_pk>", str(task.pk)))
        else:
            for process in Process.objects.filter(flow_class=flow_class):
                urls.append(route.replace("<int:process_pk>", str(process.pk)))
    return urls


def material_pages(client: Client, urls: list[str]) -> list[str]:
    found = []
    for url in urls:
        # A redirect leads out of /staff/ (to Terroir's pages) or to a page of this list.
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code == 200 and MATERIAL.search(response.content.decode()):
            found.append(url)
    return found


def test_no_staff_page_renders_in_material():
    call_command("seed_demo", stdout=StringIO())
    urls = staff_urls()
    assert len(urls) > 100  # the lists, the flows' pages, and every task's pages of the demo
    superuser = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    found = []
    for user in [*get_user_model().objects.filter(username__in=PERSONAS), superuser]:
        client = Client()
        client.force_login(user)
        found += [f"{user.username}: {page}" for page in material_pages(client, urls)]
    assert found == []


def test_the_pattern_knows_material_when_it_sees_it():
    assert MATERIAL.search('<vf-page-menu-navigation class="x">')
    assert MATERIAL.search('<div class="mdc-card vf-card">')
    assert MATERIAL.search('<link href="/static/viewflow/css/viewflow.min.css" rel="stylesheet">')
    # Terroir's own words are not Material: an application's materials (申请材料).
    assert not MATERIAL.search('<section class="case-materials"><h2>Materials</h2></section>')
