"""Supervision through the API with tokens only: a lead plans and draws a campaign, the drawn
inspectors take and complete their check, the campaign shows the result (ADR 0048)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from cases.declarations.notices import producer_accounts
from cases.models import ConflictOfInterest, SupervisionCampaign
from organizations.models import Department, Role
from tests.factories import make_member
from tests.factories.cases import PDF_BYTES, longjing
from tests.factories.organizations import TEST_PASSWORD
from tests.factories.supervision import published_declarations
from workflows.supervision.actions import open_drawn_checks

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

PASSING = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}


def token_client(user) -> APIClient:
    response = APIClient().post("/api/auth/token/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 200, response.content
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


@pytest.fixture
def zhejiang():
    lead = make_member("AMR-330000", Role.LEAD)
    inspectors = [make_member("AMR-330000", Role.INSPECTOR) for _ in range(2)]
    return lead, inspectors


def plan(inspectors, **changes) -> dict:
    data = {
        "title": "2026年西湖龙井专用标志专项检查",
        "organiser": Department.objects.get(code="AMR-330000").pk,
        "regions": ["330100"],
        "period_start": "2025-03-01",
        "period_end": "2026-03-02",
        "sample_size": 1,
        "inspectors": [person.pk for person in inspectors],
    }
    return {**data, **changes}


def test_a_campaign_from_creation_to_a_check_result_with_tokens_only(zhejiang):
    published_declarations(1)
    lead, inspectors = zhejiang
    client = token_client(lead)

    created = client.post("/api/staff/campaigns/", plan(inspectors), format="json")
    assert created.status_code == 201, created.content
    campaign = created.json()
    assert campaign["status"] == "planned" and campaign["checks"] == []
    assert [row["id"] for row in client.get("/api/staff/campaigns/").json()["results"]] == [campaign["id"]]

    drawn = client.post(f"/api/staff/campaigns/{campaign['id']}/draw/")
    assert drawn.status_code == 200, drawn.content
    assert drawn.json()["status"] == "drawn" and len(drawn.json()["checks"]) == 1
    # A second draw is refused as a conflict with the present state, in the JSON error format.
    again = client.post(f"/api/staff/campaigns/{campaign['id']}/draw/")
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"

    open_drawn_checks()  # the worker's job (ADR 0021)
    inspector = token_client(inspectors[0])
    tasks = inspector.get("/api/tasks/").json()["results"]
    (task,) = [task for task in tasks if task["node"] == "inspect"]
    assert inspector.post(f"/api/tasks/{task['id']}/assign/").status_code == 200
    result = {**PASSING, "outcome": "compliant", "findings": "符合要求", "referral_reason": ""}
    completed = inspector.post(f"/api/tasks/{task['id']}/complete/", result, format="json")
    assert completed.status_code == 200, completed.content

    (check,) = client.get(f"/api/staff/campaigns/{campaign['id']}/").json()["checks"]
    assert check["status"] == "compliant" and check["label_check"] == "pass" and check["findings"] == "符合要求"


def take_and_complete(client, node, decision, **files) -> None:
    (task,) = [task for task in client.get("/api/tasks/").json()["results"] if task["node"] == node]
    assert client.post(f"/api/tasks/{task['id']}/assign/").status_code == 200
    done = client.post(f"/api/tasks/{task['id']}/complete/", decision, format="json")
    assert done.status_code == 200, done.content


def test_a_rectification_ordered_reported_and_closed_by_the_reinspection_with_tokens_only(zhejiang):
    """The whole path of a non-compliant check: ordered to rectify, reported by the producer with
    evidence, read by the inspectors, closed by the re-inspection (ADR 0047, 0057)."""
    (declaration,) = published_declarations(1)
    lead, inspectors = zhejiang
    client = token_client(lead)
    campaign = client.post("/api/staff/campaigns/", plan(inspectors), format="json").json()
    assert client.post(f"/api/staff/campaigns/{campaign['id']}/draw/").status_code == 200
    open_drawn_checks()  # the worker's job (ADR 0021)

    inspector = token_client(inspectors[0])
    failing = {**PASSING, "label_check": "fail", "outcome": "rectification", "findings": "标签未标注产地"}
    take_and_complete(inspector, "inspect", failing)
    (check,) = client.get(f"/api/staff/campaigns/{campaign['id']}/").json()["checks"]
    assert check["status"] == "rectification"

    producer = token_client(producer_accounts(declaration).get())
    evidence = SimpleUploadedFile("整改后标签.pdf", PDF_BYTES, content_type="application/pdf")
    sent = producer.post(
        f"/api/declarations/{declaration.pk}/rectification/",
        {"fixed": "已重印标签，标注产地。", "evidence": evidence},
        format="multipart",
    )
    assert sent.status_code == 201, sent.content
    (report,) = inspector.get("/api/staff/rectification-reports/").json()["results"]
    assert report["fixed"] == "已重印标签，标注产地。" and report["files"][0]["original_name"] == "整改后标签.pdf"

    take_and_complete(inspector, "reinspect", {**PASSING, "outcome": "compliant", "findings": "已整改"})
    (check,) = client.get(f"/api/staff/campaigns/{campaign['id']}/").json()["checks"]
    assert check["status"] == "compliant" and check["closed_at"]


def test_refusals_are_in_the_json_error_format(zhejiang, producer):
    lead, inspectors = zhejiang
    client = token_client(lead)
    # Bad input: a 400 with a message per field, and nothing created.
    bad = client.post("/api/staff/campaigns/", plan(inspectors, regions=["999999"], period_end="soon"), format="json")
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"regions", "period_end"}
    assert not SupervisionCampaign.objects.exists()

    campaign = client.post("/api/staff/campaigns/", plan(inspectors), format="json").json()
    detail = f"/api/staff/campaigns/{campaign['id']}/"
    # A producer: 403 on lists and creation, 404 for the campaign.
    user, _enterprise = producer
    outsider = token_client(user)
    assert outsider.get("/api/staff/campaigns/").status_code == 403
    assert outsider.post("/api/staff/campaigns/", plan(inspectors), format="json").json()["error"]["code"] == (
        "permission_denied"
    )
    assert outsider.get(detail).json()["error"]["code"] == "not_found"
    assert outsider.post(f"{detail}draw/").status_code == 404
    # Another province's lead: the campaign is not found, and cannot be drawn.
    jiangsu = token_client(make_member("AMR-320000", Role.LEAD))
    assert jiangsu.get(detail).status_code == 404
    assert jiangsu.post(f"{detail}draw/").status_code == 404
    assert jiangsu.post("/api/staff/campaigns/", plan(inspectors), format="json").status_code == 400  # not their bureau
    # An inspector leads nothing: planning is refused.
    assert token_client(inspectors[0]).post("/api/staff/campaigns/", plan(inspectors), format="json").status_code == 403
    assert SupervisionCampaign.objects.get().status == "planned"


def test_an_inspector_declares_and_withdraws_a_conflict(zhejiang):
    _lead, inspectors = zhejiang
    client = token_client(inspectors[0])
    missing = client.post("/api/staff/conflicts/", {"reason": "亲属"}, format="json")
    assert missing.status_code == 400 and missing.json()["error"]["message"]
    declared = client.post("/api/staff/conflicts/", {"product": longjing().pk, "reason": "亲属经营"}, format="json")
    assert declared.status_code == 201, declared.content
    conflict = declared.json()
    assert [row["id"] for row in client.get("/api/staff/conflicts/").json()["results"]] == [conflict["id"]]
    # A colleague does not see it, and cannot withdraw it.
    assert token_client(inspectors[1]).post(f"/api/staff/conflicts/{conflict['id']}/withdraw/").status_code == 404
    withdrawn = client.post(f"/api/staff/conflicts/{conflict['id']}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    assert ConflictOfInterest.objects.get().withdrawn_at is not None
