"""The staff pages of a task are Terroir's own (ADR 0030): the case's header (number, kind, status in
words, party, bureau), its facts beside a form in the browser's own controls; taking a task, its
details and the process page say what they do in Chinese, with no ids, permission codes or
viewflow's Material elements."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from viewflow.workflow.status import STATUS

from organizations.models import Role
from tests import flows
from tests.factories import make_member
from tests.factories.cases import draft_declaration
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.workflows.test_plain_pages import assert_plain, visible_text
from workflows.declarations.flows import DeclarationFlow
from workflows.enforcement.flows import EnforcementCaseFlow

pytestmark = pytest.mark.django_db

MATERIAL = re.compile(r"<(vf|md)-[a-z-]+|mdc-|vf-card|vf-form")
ENGLISH_LABELS = ("Brief", "Owner", "Permission", "Unassigned")
AN_ID = re.compile(r"#\d")


@pytest.fixture(autouse=True)
def chinese(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"


def assert_terroir_page(html: str) -> str:
    """A page in Terroir's skin that a person reads in Chinese: no Material, no ids, no codes."""
    assert 'class="site-header"' in html
    assert not MATERIAL.search(html), MATERIAL.search(html)
    assert_plain(html)
    text = visible_text(html)
    assert not AN_ID.search(text), AN_ID.search(text)
    for word in ENGLISH_LABELS:
        assert not re.search(rf"\b{word}\b", text), word
    assert "organizations." not in text and "work_as_" not in text
    return text


@pytest.fixture
def filing_decision():
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    verify = flows.open_task(EnforcementCaseFlow, case, "verify")
    findings = {"findings": "现场核实属实，当事人无法提供授权", "proposal": "file"}
    flows.complete(Client(), bureau.inspectors[0], verify, findings)
    case.refresh_from_db()
    return bureau, case, flows.open_task(EnforcementCaseFlow, case, "decide_filing")


def test_the_task_page_shows_the_case_beside_a_form_of_native_controls(client, filing_decision):
    bureau, case, task = filing_decision
    flows.take(client, bureau.lead, task)
    response = client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    text = assert_terroir_page(html)
    # The header: kind, number, status in words, party, bureau; the step as the title.
    for fact in ("执法案件", case.number, case.get_status_display(), "杭州某茶叶商行", bureau.department.name):
        assert fact in text, fact
    assert '<h1 id="case-page-title">决定是否立案</h1>' in html
    # What the decision rests on, above the form; the case page one click away.
    assert "现场核实属实，当事人无法提供授权" in text
    assert f'href="/enforcement/{case.pk}/"' in html
    # The officers as check boxes, the decision as radios, one primary button.
    assert html.count('type="checkbox" name="officers"') == len(bureau.inspectors)
    assert 'type="radio" name="decision"' in html
    assert '<button type="submit" class="primary">办理</button>' in html


def test_a_refused_decision_shows_each_message_beside_its_field_and_changes_nothing(client, filing_decision):
    bureau, case, task = filing_decision
    flows.take(client, bureau.lead, task)
    url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    response = client.post(url, {"decision": "file", "officers": [bureau.inspectors[0].pk], "reason": "符合"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "task-field--invalid" in html and 'class="errorlist' in html
    assert flows.open_task(EnforcementCaseFlow, case, "decide_filing").status == STATUS.ASSIGNED


def test_taking_a_task_names_the_step_and_the_case_not_an_id(client, filing_decision):
    bureau, case, task = filing_decision
    client.force_login(bureau.lead)
    url = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
    page = client.get(url)
    text = assert_terroir_page(page.content.decode())
    assert "领取并继续" in text and case.number in text and "尚未领取" in text
    response = client.post(url, {"_continue": "1"})
    assert response.status_code == 302
    assert response.url == task.flow_task.reverse("index", args=[task.process_id, task.pk])
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [f"您已领取 {case.number} 的“决定是否立案”环节。"]

    give_back = client.post(task.flow_task.reverse("unassign", args=[task.process_id, task.pk]))
    assert give_back.status_code == 302
    assert f"{case.number} 的“决定是否立案”环节已退回" in str(list(get_messages(give_back.wsgi_request))[-1])


def test_a_finished_tasks_details_say_who_did_it_and_what_followed(client, filing_decision):
    bureau, _case, task = filing_decision
    flows.complete(
        client,
        bureau.lead,
        task,
        {"decision": "file", "officers": [inspector.pk for inspector in bureau.inspectors[:2]], "reason": "符合"},
    )
    page = client.get(task.flow_task.reverse("detail", args=[task.process_id, task.pk]))
    text = assert_terroir_page(page.content.decode())
    assert "已办结" in text and str(bureau.lead) in text
    assert "核查线索" in text.split("前序环节", 1)[1].split("后续环节", 1)[0]  # the step before it


def test_the_process_page_is_headed_by_its_case_with_its_steps_and_chart(client):
    staff = make_member("AMR-330106", Role.STAFF)
    producer, declaration = draft_declaration()
    DeclarationFlow.start.run(actor=producer, declaration=declaration, commitment_accepted=True)
    task = flows.open_task(DeclarationFlow, declaration, "in_process_check")
    client.force_login(staff)
    response = client.get(DeclarationFlow.instance.reverse("process_detail", args=[task.process_id]))
    html = response.content.decode()
    text = assert_terroir_page(html)
    declaration.refresh_from_db()
    assert f"自我声明 {declaration.reference}" in text and declaration.enterprise.name in text
    assert "事中核查" in text and "办理环节" in text  # the open step, in the steps table and who acts next
    assert 'class="next-step card"' in html
    chart = DeclarationFlow.instance.reverse("process_chart", args=[task.process_id])
    assert f'<img src="{chart}"' in html
    assert client.get(chart)["Content-Type"] == "image/svg+xml"


def test_the_process_facts_show_times_in_beijing_time_like_the_rest_of_the_page():
    from workflows.templatetags.process_facts import _shown

    midnight_utc = datetime.datetime(2026, 12, 7, 0, 0, tzinfo=datetime.UTC)
    assert _shown(midnight_utc) == "2026-12-07 08:00"
