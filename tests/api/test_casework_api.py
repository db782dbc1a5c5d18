"""The remaining page actions through the API (docs/adr/0057): objections, enforcement cases,
case notes, a lead's reassignment and rectification reports. Each goes through the pages' door
and forms, refuses as the pages do, answers in the JSON error format, and a lost race is 409."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from audit.models import AuditEvent
from cases.declarations.notices import producer_accounts
from cases.models import Application, CaseEvidence, EnforcementCase, Objection, RectificationReport
from organizations.models import Role
from teamwork.models import CaseNote
from tests.factories import make_member
from tests.factories.applications import Cast, objected_application
from tests.factories.cases import PDF_BYTES, producer_with_enterprise
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from tests.factories.tracking import complete, file_it
from tests.flows import open_task
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.supervision.flows import SupervisionCheckFlow

from .conftest import signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


PASSING = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}


def pdf(name="证据.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_an_objection_from_filing_to_decision():
    cast = Cast()
    applicant, application, _first = objected_application(cast)
    filed = APIClient().post(
        f"/api/register/objections/{application.public_token}/",
        {
            "objector_name": "某某合作社",
            "objector_id_code": "91330106MA00000003",
            "contact": "0571-88886666",
            "grounds": "范围重叠。",
            "evidence": [pdf()],
        },
        format="multipart",
    )
    assert filed.status_code == 201, filed.content
    assert filed.json()["tracking_number"] and filed.json()["status"] == "received"
    objection = Objection.objects.get(reference=filed.json()["reference"])
    assert objection.evidence.count() == 1
    # Bad input: a message per field, nothing filed.
    bad = APIClient().post(f"/api/register/objections/{application.public_token}/", {"grounds": ""}, format="json")
    assert bad.status_code == 400 and "objector_id_code" in bad.json()["error"]["fields"]
    assert APIClient().post("/api/register/objections/nope/", {}, format="json").status_code == 404

    base = f"/api/staff/applications/{application.pk}/objections/{objection.pk}/"
    # The applicant does not see an objection not yet found admissible; province staff may not decide it.
    assert signed_in(applicant).get(f"/api/applications/{application.pk}/objections/{objection.pk}/").status_code == 404
    refused = signed_in(cast.province_staff).post(f"{base}admissibility/", {"admissible": "yes"}, format="json")
    assert refused.status_code == 403
    fgs = signed_in(cast.fgs_staff)
    assert fgs.post(f"{base}admissibility/", {"admissible": "maybe"}, format="json").status_code == 400
    admitted = fgs.post(f"{base}admissibility/", {"admissible": "yes", "reason": "受理"}, format="json")
    assert admitted.status_code == 200 and admitted.json()["status"] == "awaiting_reply"
    again = fgs.post(f"{base}admissibility/", {"admissible": "no", "reason": "再议"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"

    mine = signed_in(applicant)
    listed = mine.get(f"/api/applications/{application.pk}/objections/").json()["results"]
    assert [row["id"] for row in listed] == [objection.pk]
    replied = mine.post(
        f"/api/applications/{application.pk}/objections/{objection.pk}/reply/", {"reply": "不重叠。"}, format="json"
    )
    assert replied.status_code == 200 and replied.json()["applicant_reply"] == "不重叠。"
    # Someone else's application: not found.
    stranger = signed_in(producer_with_enterprise()[0])
    assert stranger.get(f"/api/applications/{application.pk}/objections/").status_code == 404

    # Decided once the window has closed (the flow's timer; here set directly).
    assert fgs.post(f"{base}decision/", {"sustain": "no", "reason": "早"}, format="json").status_code == 403
    Application.objects.filter(pk=application.pk).update(status=Application.Status.OBJECTION_HANDLING)
    decided = fgs.post(f"{base}decision/", {"sustain": "no", "reason": "证据不足"}, format="json")
    assert decided.status_code == 200 and decided.json()["status"] == "rejected"
    assert fgs.post(f"{base}decision/", {"sustain": "yes", "reason": "再议"}, format="json").status_code == 409


def test_an_enforcement_case_opened_given_evidence_and_its_clock_through_the_api():
    bureau = hangzhou_bureau()
    inspector = signed_in(bureau.inspectors[0])
    opened = inspector.post(
        "/api/staff/enforcement-cases/",
        {
            "source": "inspection",
            "bureau": bureau.department.pk,
            "violation_type": "unauthorised_use",
            "party_description": "杭州某茶行",
            "summary": "包装使用专用标志，无法提供使用资格。",
            "evidence": pdf("现场照片.pdf"),
        },
        format="multipart",
    )
    assert opened.status_code == 201, opened.content
    case = EnforcementCase.objects.get(pk=opened.json()["id"])
    assert case.evidence.count() == 1
    # Producers open nothing; a bureau the caller does not work for is a field error.
    assert signed_in(producer_with_enterprise()[0]).post("/api/staff/enforcement-cases/", {}).status_code == 403
    other = make_member("AMR-320000", Role.INSPECTOR)
    wrong = signed_in(other).post(
        "/api/staff/enforcement-cases/", {"bureau": bureau.department.pk, "source": "inspection"}, format="json"
    )
    assert wrong.status_code == 400 and "bureau" in wrong.json()["error"]["fields"]

    file_it(case, bureau)
    officer = signed_in(bureau.inspectors[0])
    url = f"/api/staff/enforcement-cases/{case.pk}/"
    added = officer.post(
        f"{url}evidence/",
        {"kind": "photo", "description": "现场照片", "second_officer": bureau.inspectors[1].pk, "file": pdf()},
        format="multipart",
    )
    assert added.status_code == 201, added.content
    assert added.json()["url"].startswith("/files/enforcement-evidence/")
    bad_file = officer.post(
        f"{url}evidence/",
        {
            "kind": "photo",
            "description": "x",
            "second_officer": bureau.inspectors[1].pk,
            "file": SimpleUploadedFile("x.pdf", b"\x00\xff not a pdf"),
        },
        format="multipart",
    )
    assert bad_file.status_code == 400 and "file" in bad_file.json()["error"]["fields"]
    assert CaseEvidence.objects.filter(case=case).count() == 2  # the intake's and the photo

    paused = officer.post(f"{url}clock/pause/", {"reason": "testing"}, format="json")
    assert paused.status_code == 200 and paused.json()["clock_pause_reason"] == "testing"
    assert officer.post(f"{url}clock/pause/", {"reason": "testing"}, format="json").status_code in (400, 409)
    resumed = officer.post(f"{url}clock/resume/")
    assert resumed.status_code == 200 and resumed.json()["clock_pause_reason"] == ""
    extended = signed_in(bureau.lead).post(f"{url}clock/extend/", {"days": 30, "reason": "案情复杂"}, format="json")
    assert extended.status_code == 200, extended.content
    assert case.extensions.count() == 1
    # Another province's inspector: not found.
    assert signed_in(other).post(f"{url}clock/resume/").status_code == 404


def test_notes_and_a_leads_reassignment_through_the_api():
    bureau = hangzhou_bureau()
    case = received_case()
    notes = f"/api/staff/notes/enforcement/{case.pk}/"
    writer = signed_in(bureau.inspectors[0])
    named = bureau.inspectors[1]
    added = writer.post(notes, {"body": f"请@{named.full_name} 核实 @无此人"}, format="json")
    assert added.status_code == 201, added.content
    assert added.json()["mentioned"] == [named.full_name] and added.json()["not_notified"]
    assert [row["body"] for row in writer.get(notes).json()["results"]] == [CaseNote.objects.get().body]
    assert writer.post(notes, {"body": ""}, format="json").status_code == 400
    assert signed_in(make_member("AMR-320000", Role.INSPECTOR)).get(notes).status_code == 404
    assert writer.get(f"/api/staff/notes/nothing/{case.pk}/").status_code == 404

    task = open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.verify)
    reassign = f"/api/tasks/{task.pk}/reassign/"
    assert writer.post(reassign, {"to": named.pk}, format="json").status_code == 403  # not a lead
    lead = signed_in(bureau.lead)
    handed = lead.post(reassign, {"to": named.pk}, format="json")
    assert handed.status_code == 200, handed.content
    # A second lead who saw the queue, not the new holder: a lost race.
    stale = lead.post(reassign, {"to": bureau.inspectors[2].pk}, format="json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    moved = lead.post(reassign, {"to": bureau.inspectors[2].pk, "owner": named.pk}, format="json")
    assert moved.status_code == 200
    assert AuditEvent.objects.filter(action="task.reassign").count() == 2


def test_a_rectification_report_sent_by_the_producer_and_read_by_staff(rectification_check):
    check, producer, inspector = rectification_check
    declaration = check.declaration
    mine = signed_in(producer)
    url = f"/api/declarations/{declaration.pk}/rectification/"
    missing = mine.post(url, {"fixed": "已整改"}, format="multipart")
    assert missing.status_code == 400 and "evidence" in missing.json()["error"]["fields"]
    sent = mine.post(url, {"fixed": "已更换标签", "evidence": pdf("整改照片.pdf")}, format="multipart")
    assert sent.status_code == 201, sent.content
    assert sent.json()["files"] == [{"original_name": "整改照片.pdf"}] and sent.json()["late"] is False
    again = mine.post(url, {"fixed": "再次", "evidence": pdf()}, format="multipart")
    assert again.status_code == 409
    assert [row["fixed"] for row in mine.get(f"/api/declarations/{declaration.pk}/rectification-reports/").json()] == [
        "已更换标签"
    ]

    staff = signed_in(inspector)
    (row,) = staff.get("/api/staff/rectification-reports/").json()["results"]
    assert row["files"][0]["url"].startswith("/files/check-evidence/")
    assert staff.get(f"/api/staff/rectification-reports/{row['id']}/").status_code == 200
    assert (
        signed_in(make_member("AMR-320000", Role.INSPECTOR))
        .get(f"/api/staff/rectification-reports/{row['id']}/")
        .status_code
        == 404
    )
    assert mine.get("/api/staff/rectification-reports/").status_code == 403
    assert RectificationReport.objects.count() == 1


@pytest.fixture
def rectification_check():
    """A drawn check whose inspectors ordered a rectification: (check, a producer account, an inspector)."""
    published_declarations(1)
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    check = draw_and_open(actor=lead, campaign=campaign, seed="rectify")[0]
    findings = {**PASSING, "label_check": "fail", "outcome": "rectification", "findings": "标签未标注产地"}
    complete(check.inspector_a, SupervisionCheckFlow, check, SupervisionCheckFlow.inspect, findings)
    check.refresh_from_db()
    return check, producer_accounts(check.declaration).get(), check.inspector_a
