"""viewflow's Material lists left the staff path (ADR 0037): each leads to the page in Terroir's skin
that lists the same, and refuses whom it refused; the process's cancel page is in Terroir's skin."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from viewflow.workflow.status import PROCESS

from organizations.models import Role
from tests.factories import UserFactory, make_member
from tests.workflows.test_declaration_flow import publish
from tests.workflows.test_no_material_pages import MATERIAL
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db

LISTS = {
    "/staff/workflow/inbox/": "/work/?show=assigned",  # 已分配给我
    "/staff/workflow/queue/": "/work/?show=offered",  # 可领取
    "/staff/workflow/archive/": "/work/?show=done",  # 已办
    "/staff/workflow/flows/declaration/": "/cases/?kind=declaration&open=on",
    "/staff/workflow/flows/declaration/flows/": "/cases/?kind=declaration",
    "/staff/workflow/flows/declaration/tasks/": "/work/?kind=declaration",
    "/staff/workflow/flows/application/": "/cases/?kind=application&open=on",
    "/staff/workflow/flows/supervisioncheck/flows/": "/cases/?kind=check",
    "/staff/workflow/flows/enforcementcase/flows/": "/cases/?kind=enforcement",
    "/staff/workflow/flows/productrevocation/": "/cases/?kind=revocation&open=on",
    "/staff/workflow/flows/statisticsreport/": "/reports/",
    "/staff/workflow/flows/statisticsreport/tasks/": "/work/?kind=statisticsreport",
}


@pytest.mark.parametrize(("old", "new"), LISTS.items())
def test_each_material_list_leads_to_terroirs_own(client, old, new):
    client.force_login(make_member("AMR-330106", Role.LEAD))
    response = client.get(old)
    assert response.status_code == 302
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_the_filters_they_lead_to_are_valid():
    """The kind each flow's list names is one the case search and 我的工作 know."""
    from workflows.case_search.forms import CaseSearchForm
    from workflows.my_work.forms import MyWorkFilterForm
    from workflows.task_actions import flow_classes

    for new in LISTS.values():
        path, _q, query = new.partition("?")
        data = QueryDict(query)
        if path == "/cases/":
            form = CaseSearchForm(data)
        elif path == "/work/":
            form = MyWorkFilterForm(data, flow_classes=flow_classes(), leads=True)
        else:
            continue
        assert form.is_valid(), (new, form.errors)


def test_they_still_refuse_anyone_but_staff(client):
    for old in LISTS:
        assert client.get(old)["Location"].startswith(reverse("login")), old
    client.force_login(UserFactory())
    for old in LISTS:
        assert client.get(old).status_code == 403, old


def test_a_lead_cancels_a_process_on_a_page_in_terroirs_skin(client):
    _producer, declaration = publish()
    process = DeclarationFlow.process_class.objects.get(flow_class=DeclarationFlow)
    client.force_login(make_member("AMR-330106", Role.LEAD))
    url = DeclarationFlow.instance.reverse("process_cancel", args=[process.pk])
    with translation.override("zh-hans"):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert not MATERIAL.search(page)
        assert "撤销本案办理" in page and declaration.reference in page
        assert str(DeclarationFlow.in_process_check.task_title) in page  # the open step to be cancelled
    response = client.post(url, {"_cancel_process": "1"})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.status == PROCESS.CANCELED
