"""Producers' declarations and applicant bodies' applications through the API: the same
services and flow entry points as the portal pages; someone else's answers 404."""

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from cases.models import Application, Declaration, DeclarationAttachment
from tests.factories.applications import applicant_body, draft_application
from tests.factories.cases import draft_declaration, longjing, pdf_file, png_file, producer_with_enterprise
from workflows.applications.flows import ApplicationFlow
from workflows.declarations.flows import DeclarationFlow

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def draft_payload(enterprise, **overrides):
    return {
        "enterprise": enterprise.pk,
        "product": longjing().public_token,
        "production_region": "330106",
        "production_address": "杭州市西湖区龙井路1号",
        "annual_output": "1200.50",
        "output_unit": "kg",
        "label_text": "西湖龙井 地理标志保护产品",
        **overrides,
    }


def test_producer_drafts_attaches_and_publishes_and_the_flow_starts(producer):
    user, enterprise = producer
    client = signed_in(user)
    created = client.post("/api/declarations/", draft_payload(enterprise))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "draft" and created.json()["verification_url"] is None
    for kind, upload in (
        ("business_licence", pdf_file()),
        ("inspection_report", pdf_file("r.pdf")),
        ("label_proof", png_file()),
    ):
        response = client.post(
            f"/api/declarations/{pk}/attachments/", {"kind": kind, "file": upload}, format="multipart"
        )
        assert response.status_code == 201, response.content
    published = client.post(f"/api/declarations/{pk}/submit/", {"commitment_accepted": True})
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published" and published.json()["reference"].startswith("SB-330106-")
    # One source of truth: the process was started by the same entry point as the portal page.
    process = DeclarationFlow.process_class.objects.get(flow_class=DeclarationFlow, artifact_object_id=pk)
    assert process.status == PROCESS.NEW
    assert Task.objects.filter(process=process, flow_task=DeclarationFlow.in_process_check).exists()


def test_submit_without_commitment_or_files_is_refused_and_changes_nothing(producer):
    user, enterprise = producer
    _user, declaration = draft_declaration(user=user, enterprise=enterprise, with_attachments=False)
    client = signed_in(user)
    refused = client.post(f"/api/declarations/{declaration.pk}/submit/", {"commitment_accepted": False})
    assert refused.status_code == 400
    assert "commitment_accepted" in refused.json()["error"]["fields"]
    missing_files = client.post(f"/api/declarations/{declaration.pk}/submit/", {"commitment_accepted": True})
    assert missing_files.status_code == 400 and missing_files.json()["error"]["message"]
    assert Declaration.objects.get(pk=declaration.pk).status == "draft"
    assert not DeclarationFlow.process_class.objects.filter(artifact_object_id=declaration.pk).exists()


def test_a_fake_pdf_is_refused_with_its_reason(producer):
    user, enterprise = producer
    _user, declaration = draft_declaration(user=user, enterprise=enterprise, with_attachments=False)
    fake = png_file("licence.pdf")  # PNG bytes named .pdf
    response = signed_in(user).post(
        f"/api/declarations/{declaration.pk}/attachments/",
        {"kind": "business_licence", "file": fake},
        format="multipart",
    )
    # The reason stands under the file's field, checked before the service runs.
    assert response.status_code == 400 and "PDF" in response.json()["error"]["fields"]["file"][0]
    assert not DeclarationAttachment.objects.filter(declaration=declaration).exists()


def test_draft_outside_the_protected_area_gets_a_field_message(producer):
    user, enterprise = producer
    response = signed_in(user).post("/api/declarations/", draft_payload(enterprise, production_region="110101"))
    assert response.status_code == 400
    assert "production_region" in response.json()["error"]["fields"]
    assert not Declaration.objects.exists()


def test_another_producers_declaration_is_not_found(published):
    _owner, declaration = published
    stranger, _enterprise = producer_with_enterprise()
    client = signed_in(stranger)
    assert client.get(f"/api/declarations/{declaration.pk}/").status_code == 404
    assert client.post(f"/api/declarations/{declaration.pk}/withdraw/", {"reason": "x"}).status_code == 404
    assert client.get("/api/declarations/").json()["count"] == 0
    # Nor may a draft be created for an enterprise the caller does not act for.
    foreign = signed_in(stranger).post("/api/declarations/", draft_payload(declaration.enterprise))
    assert foreign.status_code == 400 and "enterprise" in foreign.json()["error"]["fields"]
    assert Declaration.objects.get(pk=declaration.pk).status == "published"


def test_withdraw_cancels_the_bureau_task(published):
    user, declaration = published
    response = signed_in(user).post(f"/api/declarations/{declaration.pk}/withdraw/", {"reason": "停产"})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    process = DeclarationFlow.process_class.objects.get(flow_class=DeclarationFlow, artifact_object_id=declaration.pk)
    assert process.status == PROCESS.CANCELED
    again = signed_in(user).post(f"/api/declarations/{declaration.pk}/withdraw/", {"reason": "再次"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_anonymous_callers_are_asked_to_authenticate(api):
    response = api.get("/api/declarations/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def application_payload(body, **overrides):
    return {
        "applicant": body.pk,
        "product_name": "西湖藕粉",
        "category": "other_food",
        "province": "330000",
        "proposed_area": ["330106"],
        "quality_characteristics": "色泽微红，冲调后呈半透明胶状。",
        "area_link": "西湖区湖泥肥沃、水质清洁。",
        "production_specification": "选用九孔白莲藕，经洗净、磨浆、沉淀制成。",
        "reputation_history": "南宋时期即为贡品。",
        "proposed_standard": "DB33/T 0000-2026",
        **overrides,
    }


def test_applicant_drafts_attaches_submits_and_the_examination_opens():
    user, body = applicant_body()
    client = signed_in(user)
    created = client.post("/api/applications/", application_payload(body))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    for kind, upload in (("area_map", png_file("map.png")), ("government_letter", pdf_file("letter.pdf"))):
        response = client.post(
            f"/api/applications/{pk}/attachments/", {"kind": kind, "file": upload}, format="multipart"
        )
        assert response.status_code == 201, response.content
    submitted = client.post(f"/api/applications/{pk}/submit/")
    assert submitted.status_code == 200, submitted.content
    assert Application.objects.get(pk=pk).status == submitted.json()["status"] != "draft"
    task = Task.objects.get(process__flow_class=ApplicationFlow, process__artifact_object_id=pk, status=STATUS.NEW)
    assert task.flow_task.name == "preliminary_examination"


def test_application_of_another_body_is_not_found_and_bad_input_has_field_messages():
    owner, application = draft_application()
    stranger, stranger_body = applicant_body()
    client = signed_in(stranger)
    assert client.get(f"/api/applications/{application.pk}/").status_code == 404
    assert client.post(f"/api/applications/{application.pk}/submit/").status_code == 404
    bad = client.post("/api/applications/", application_payload(stranger_body, province="330106", category="x"))
    assert bad.status_code == 400 and {"category"} <= set(bad.json()["error"]["fields"])
    assert Application.objects.get(pk=application.pk).status == "draft"
    withdrawn = signed_in(owner).post(f"/api/applications/{application.pk}/withdraw/", {"reason": "改期"})
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
