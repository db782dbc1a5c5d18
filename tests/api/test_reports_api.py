"""A statistics report from opening to acceptance through the API, with tokens only: the officer
fills and submits it, the lead approves it and the 科技司 accepts it through /api/tasks/
(docs/adr/0049). Refusals answer in the API's JSON format."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from audit.models import AuditEvent
from reports.models import StatisticsReport
from tests.factories.organizations import TEST_PASSWORD
from tests.reports import conftest as reports_world
from tests.reports.conftest import ANSWERS, EXPECTED

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]

province = reports_world.province  # the reports tests' Zhejiang, with records to count


def with_token(user) -> APIClient:
    answer = APIClient().post("/api/auth/token/", {"username": user.username, "password": TEST_PASSWORD})
    assert answer.status_code == 200, answer.content
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    return client


def url(report, tail=""):
    return f"/api/staff/reports/{report.pk}/{tail}"


def complete_the_task(client, node, decision) -> dict:
    """Find the report's task at the node in the caller's list, take it and complete it."""
    tasks = client.get("/api/tasks/").json()["results"]
    task = next(task for task in tasks if task["node"] == node)
    assert "assign" in task["actions"]
    assert client.post(f"/api/tasks/{task['id']}/assign/").status_code == 200
    done = client.post(f"/api/tasks/{task['id']}/complete/", decision, format="json")
    assert done.status_code == 200, done.json()
    return done.json()


def test_a_report_goes_from_opening_to_acceptance_with_tokens_only(province):
    officer, lead, kjs = with_token(province.officer), with_token(province.lead), with_token(province.kjs_staff)
    report = province.report

    listed = officer.get("/api/staff/reports/").json()["results"]
    assert [row["id"] for row in listed] == [report.pk]  # Zhejiang's only, not Jiangsu's
    opened = officer.get(url(report)).json()
    assert opened["status"] == "draft" and opened["content"]["figures"]["checks"]["value"] == EXPECTED["checks"]

    filled = officer.patch(url(report), ANSWERS, format="json")
    assert filled.status_code == 200, filled.json()
    assert filled.json()["answers"]["brand_categories"] == "茶叶类"

    submitted = officer.post(url(report, "submit/"))
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["status"] == "awaiting_approval"
    again = officer.post(url(report, "submit/"))  # a colleague's click that came second
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"

    complete_the_task(lead, "approve", {"approve": "yes", "comment": ""})
    assert lead.get(url(report)).json()["status"] == "submitted"
    complete_the_task(kjs, "review", {"approve": "yes", "comment": "已审核"})

    accepted = kjs.get(url(report)).json()
    assert accepted["status"] == StatisticsReport.Status.ACCEPTED
    assert accepted["content"]["answers"]["brand_categories"] == ANSWERS["brand_categories"]


def test_exports_are_the_pages_files(province, client):
    api = with_token(province.lead)
    client.force_login(province.lead)
    for kind, content_type in (("xlsx", "spreadsheetml"), ("csv", "text/csv"), ("pdf", "application/pdf")):
        answer = api.get(url(province.report, f"export/?format={kind}"))
        assert answer.status_code == 200 and content_type in answer["Content-Type"]
        if kind == "csv":
            page = client.get(reverse("reports:csv", args=[province.report.pk]))
            assert answer.content == page.content
    bad = api.get(url(province.report, "export/?format=doc"))
    assert bad.status_code == 400 and "format" in bad.json()["error"]["fields"]


def test_refusals_answer_in_json_and_change_nothing(province):
    report = province.report
    events = AuditEvent.objects.count()

    stranger = with_token(province.other_officer)  # Jiangsu's statistics officer
    for answer in (
        stranger.get(url(report)),
        stranger.patch(url(report), ANSWERS, format="json"),
        stranger.post(url(report, "submit/")),
        stranger.get(url(report, "export/?format=pdf")),
    ):
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"

    lead = with_token(province.lead)
    refused = lead.patch(url(report), ANSWERS, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    assert lead.post(url(report, "submit/")).status_code == 403

    officer = with_token(province.officer)
    bad = officer.patch(url(report), {"contact_phone": "1" * 51, "status": "accepted"}, format="json")
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"contact_phone", "status"}
    empty = officer.post(url(report, "submit/"))  # nothing filled in yet
    assert empty.status_code == 400 and "联系人" in empty.json()["error"]["message"]

    assert AuditEvent.objects.count() == events
    assert StatisticsReport.objects.get(pk=report.pk).status == "draft"
