"""Team work on the case pages: the lead's "改派给" form in the next-step panel, the notes thread on
each staff case page (never in the portal), and the messages after each action."""

import re

import pytest
from django.test import Client
from django.utils import translation
from viewflow.workflow.models import Task

from cases.models import Declaration
from organizations.models import Role
from teamwork.models import CaseNote
from tests.factories import make_member
from tests.flows import open_task
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.task_actions import task_assign

pytestmark = pytest.mark.django_db

FLOW = EnforcementCaseFlow


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


def page(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    with translation.override("zh-hans"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response.content.decode()


def reassign_forms(html: str) -> list[str]:
    return re.findall(
        r'<form method="post" action="/team/tasks/\d+/reassign/" class="reassign-form">.*?</form>', html, re.S
    )


def options(form: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", text).strip() for text in re.findall(r"<option value=\"\d+\">(.*?)</option>", form, re.S)
    ]


def test_the_lead_sees_the_form_with_exactly_the_people_who_may_do_the_task(bureau, case):
    first = bureau.inspectors[0]
    task_assign(actor=first, task=open_task(FLOW, case.pk, FLOW.verify))
    html = page(bureau.lead, f"/enforcement/{case.pk}/")
    (form,) = reassign_forms(html)
    assert zh("Reassign to") == "改派给" and "改派给" in form
    # Every inspector of the bureau but the holder; not the lead, the reviewer or the 法规司's staff.
    assert sorted(options(form)) == sorted(str(inspector) for inspector in bureau.inspectors[1:])
    assert f'name="owner" value="{first.pk}"' in form


@pytest.mark.parametrize("who", ["inspector", "reviewer", "province lead"])
def test_no_form_for_anyone_but_a_lead_of_the_responsible_body(bureau, case, who):
    viewer = {
        "inspector": bureau.inspectors[1],
        "reviewer": bureau.reviewer,
        "province lead": make_member("AMR-330000", Role.LEAD),
    }[who]
    assert reassign_forms(page(viewer, f"/enforcement/{case.pk}/")) == []


def test_posting_the_form_hands_over_and_says_who_acts_next(bureau, case):
    first, second = bureau.inspectors[:2]
    task = open_task(FLOW, case.pk, FLOW.verify)
    task_assign(actor=first, task=task)
    client = Client()
    client.force_login(bureau.lead)
    with translation.override("zh-hans"):
        response = client.post(f"/team/tasks/{task.pk}/reassign/", {"to": second.pk, "owner": first.pk}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/enforcement/{case.pk}/"
    assert Task.objects.get(pk=task.pk).owner_id == second.pk
    message = re.search(r'<li class="success">(.*?)</li>', html, re.S)[1]
    assert str(second) in message and "核查线索" in message and "已通知" in message


def test_a_refused_handover_says_why_and_changes_nothing(bureau, case):
    task = open_task(FLOW, case.pk, FLOW.verify)
    client = Client()
    client.force_login(bureau.lead)
    for data in ({"to": bureau.reviewer.pk, "owner": ""}, {"to": "x"}, {}):
        with translation.override("zh-hans"):
            response = client.post(f"/team/tasks/{task.pk}/reassign/", data, follow=True)
        assert response.status_code == 200
        assert re.search(r'<li class="error">.+?</li>', response.content.decode(), re.S)
    assert Task.objects.get(pk=task.pk).owner_id is None
    client.force_login(bureau.inspectors[0])
    response = client.post(f"/team/tasks/{task.pk}/reassign/", {"to": bureau.inspectors[1].pk}, follow=True)
    assert "lead" in response.content.decode() or "负责人" in response.content.decode()
    assert Task.objects.get(pk=task.pk).owner_id is None


def test_strangers_and_the_portal_cannot_post(bureau, case):
    task = open_task(FLOW, case.pk, FLOW.verify)
    from tests.factories.cases import producer_with_enterprise

    producer, _enterprise = producer_with_enterprise()
    # Neither sees the case: not found, as for an id no row has (ADR 0042).
    for user, status in ((make_member("AMR-350000", Role.LEAD), 404), (producer, 404)):
        client = Client()
        client.force_login(user)
        assert client.post(f"/team/tasks/{task.pk}/reassign/", {"to": bureau.inspectors[1].pk}).status_code == status
        assert client.post(f"/team/notes/enforcement/{case.pk}/", {"body": "越权"}).status_code == status
    assert client.get(f"/team/notes/enforcement/{case.pk}/").status_code == 405
    assert Task.objects.get(pk=task.pk).owner_id is None and not CaseNote.objects.exists()


# ------------------------------------------------------------------ the notes thread on the pages


def test_a_note_with_a_mention_on_the_enforcement_case_page(bureau, case):
    client = Client()
    client.force_login(bureau.inspectors[0])
    mentioned = bureau.inspectors[1]
    body = f"@{mentioned.full_name}请核实进货单据；@不存在的人 也看看 <b>加急</b>"
    with translation.override("zh-hans"):
        response = client.post(f"/team/notes/enforcement/{case.pk}/", {"body": body}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/enforcement/{case.pk}/#notes"
    message = re.search(r'<li class="success">(.*?)</li>', html, re.S)[1]
    assert f"已通知：{mentioned.full_name}" in message and "@不存在的人" in message
    thread = re.search(r'<section class="card case-notes" id="notes".*?</section>', html, re.S)[0]
    assert "&lt;b&gt;加急&lt;/b&gt;" in thread and "<b>" not in thread  # text, never markup
    assert bureau.inspectors[0].full_name in thread and "杭州市市场监督管理局" in thread
    assert "不会通知任何人" in thread  # under the form: a mention of anyone else notifies nobody


def test_a_refused_note_keeps_its_text_for_the_form(bureau, case):
    client = Client()
    client.force_login(bureau.inspectors[0])
    too_long = "很长的备注" * 500
    with translation.override("zh-hans"):
        response = client.post(f"/team/notes/enforcement/{case.pk}/", {"body": too_long}, follow=True)
    html = response.content.decode()
    assert re.search(r'<li class="error">.+?</li>', html, re.S)
    assert too_long in html  # back in the textarea
    assert not CaseNote.objects.exists()
    assert too_long not in page(bureau.inspectors[0], f"/enforcement/{case.pk}/")  # once only


def test_the_thread_is_on_each_staff_case_page_and_never_in_the_portal(client):
    from tests.workflows.test_declaration_flow import publish
    from workflows.declarations.flows import DeclarationFlow

    producer, declaration = publish()
    staff = make_member("AMR-330106", Role.STAFF)
    client.force_login(staff)
    task = open_task(DeclarationFlow, declaration.pk, DeclarationFlow.in_process_check)
    process_page = f"/staff/workflow/flows/declaration/{task.process_id}/"
    response = client.post(f"/team/notes/declaration/{declaration.pk}/", {"body": "内部：标签待核"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{process_page}#notes"
    assert "内部：标签待核" in response.content.decode()

    client.force_login(producer)
    portal = client.get(f"/portal/declarations/{declaration.pk}/").content.decode()
    assert Declaration.objects.get(pk=declaration.pk).reference in portal
    assert "内部：标签待核" not in portal and 'id="notes"' not in portal and "reassign" not in portal
    assert client.post(f"/team/notes/declaration/{declaration.pk}/", {"body": "生产者"}).status_code == 404


def test_the_thread_on_the_application_staff_page(client):
    from tests.factories.applications import Cast, applicant_body, draft_application
    from workflows.applications import actions as application_actions

    cast = Cast()
    applicant, body = applicant_body()
    _user, application = draft_application(user=applicant, body=body)
    application_actions.submit(actor=applicant, application=application)
    client.force_login(cast.province_staff)
    client.post(f"/team/notes/application/{application.pk}/", {"body": "请关注产地范围"})
    assert "请关注产地范围" in client.get(f"/applications/{application.pk}/").content.decode()
    client.force_login(applicant)
    assert "请关注产地范围" not in client.get(f"/portal/applications/{application.pk}/").content.decode()


def test_the_lead_hands_over_a_task_granted_on_the_case_itself():
    """The officers' tasks are granted on the case, not the bureau: the bureau's lead still answers."""
    from tests.workflows.eligibility_scenarios import _investigated_case

    bureau, case = _investigated_case()
    html = page(bureau.lead, f"/enforcement/{case.pk}/")
    (form,) = reassign_forms(html)
    assert sorted(options(form)) == sorted(str(officer) for officer in bureau.inspectors[:2])
