"""Files chosen on the forms that redirect on a refusal (the case page's evidence, the supplement,
the correction) and on the supervision check's task form survive the refusal (ADR 0026): the next
page shows them kept, with what was typed, and the next submission stores them."""

import re

import pytest
from viewflow.workflow.models import Task

from cases.enforcement.services import case_decide_filing, case_verify
from cases.models import ApplicationAttachment, CaseEvidence, Declaration, DeclarationAttachment, Regime
from organizations.models import Role
from tests.factories import make_member
from tests.factories.cases import declaration_form_data as form_data
from tests.factories.cases import png_file, producer_with_enterprise
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from tests.workflows.test_application_flow import agree, complete, submit
from tests.workflows.test_application_flow import cast as cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def kept_token(html: str, field: str, name: str) -> str:
    assert f"Kept: {name}" in html
    [token] = re.findall(rf'name="{field}__staged" value="([0-9a-f]+)"', html)
    return token


def test_the_case_page_keeps_the_evidence_file_of_a_refused_form(client):
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    case_verify(actor=bureau.inspectors[0], case=case, findings="属实", proposal="file")
    case_decide_filing(actor=bureau.lead, case=case, decision="file", officers=bureau.inspectors[:2], reason="符合")
    client.force_login(bureau.inspectors[0])
    url = f"/enforcement/{case.pk}/evidence/"
    data = {"kind": "photo", "description": "", "second_officer": bureau.inspectors[1].pk}
    response = client.post(url, {**data, "file": png_file("shelf.png")}, follow=True)
    assert not CaseEvidence.objects.filter(case=case).exists()
    html = response.content.decode()
    token = kept_token(html, "file", "shelf.png")
    assert 'value="photo" selected' in html  # what was chosen is still chosen
    assert "Kept: shelf.png" not in client.get(f"/enforcement/{case.pk}/").content.decode()  # shown once

    client.post(url, {**data, "description": "货架照片", "file__staged": token})
    evidence = CaseEvidence.objects.get(case=case)
    assert evidence.original_name == "shelf.png" and evidence.description == "货架照片"


def test_the_declaration_correction_keeps_its_file(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    client.post("/portal/declarations/new/", form_data(enterprise))
    declaration = Declaration.objects.get()
    task = Task.objects.get(flow_task_type="HUMAN", status="NEW")
    staff = make_member("AMR-330106", Role.STAFF)
    client.force_login(staff)
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    client.post(
        task.flow_task.reverse("execute", args=[task.process_id, task.pk]),
        {"outcome": "correction", "comment": "请补充标签样张"},
    )
    client.force_login(producer)
    url = f"/portal/declarations/{declaration.pk}/resubmit/"
    response = client.post(url, {"comment": "", "correction": png_file("new-label.png")}, follow=True)
    assert Declaration.objects.get().status == "correction_requested"
    token = kept_token(response.content.decode(), "correction", "new-label.png")

    client.post(url, {"comment": "已补充", "correction__staged": token})
    assert Declaration.objects.get().status == "published"
    assert DeclarationAttachment.objects.filter(declaration=declaration, original_name="new-label.png").exists()


def test_the_application_supplement_keeps_its_file(client, cast):
    applicant, application = submit(Regime.CNIPA_2023)
    task = agree(application, "preliminary_examination", "preliminary_examination")
    complete(client, cast.province_staff, task, {"outcome": "supplement", "comment": "请补充历史文献"})
    client.force_login(applicant)
    url = f"/portal/applications/{application.pk}/resubmit/"
    response = client.post(url, {"comment": " ", "document": png_file("annals.png")}, follow=True)
    agree(application, "supplement_requested", "await_supplement")
    token = kept_token(response.content.decode(), "document", "annals.png")

    client.post(url, {"comment": "已补充县志", "document__staged": token})
    agree(application, "preliminary_examination", "preliminary_examination")
    assert ApplicationAttachment.objects.filter(application=application, original_name="annals.png").exists()


def test_the_supervision_check_keeps_its_evidence_file(client):
    published_declarations(1)
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    check = draw_and_open(actor=lead, campaign=campaign, seed="kept")[0]
    task = Task.objects.get(process__artifact_object_id=check.pk, flow_task_type="HUMAN")
    client.force_login(check.inspector_a)
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    data = {
        "document_review": "pass",
        "onsite_visit": "pass",
        "label_check": "pass",
        "sample_test": "pass",
        "findings": "符合要求",
    }
    response = client.post(url, {**data, "evidence": png_file("onsite.png")})  # no outcome chosen
    assert response.status_code == 200
    token = kept_token(response.content.decode(), "evidence", "onsite.png")

    response = client.post(url, {**data, "outcome": "compliant", "evidence__staged": token})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert check.evidence.get().original_name == "onsite.png"
