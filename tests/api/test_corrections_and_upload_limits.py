"""A producer resubmits a corrected declaration through the API as on the portal page; uploads
beyond the limits answer in the API's JSON error format and store nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from viewflow.workflow.models import Task

from audit.models import AuditEvent
from cases.models import Declaration, DeclarationAttachment
from organizations.models import Role
from tests import flows
from tests.factories import make_member
from tests.factories.cases import PDF_BYTES, draft_declaration, pdf_file, producer_with_enterprise
from workflows.declarations.flows import DeclarationFlow
from workflows.task_actions import task_assign, task_complete

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def open_tasks(declaration) -> list[str]:
    return sorted(task.flow_task.name for task in flows.open_tasks(DeclarationFlow, declaration))


def where(declaration) -> tuple:
    declaration = Declaration.objects.get(pk=declaration.pk)
    return declaration.status, open_tasks(declaration), AuditEvent.objects.count(), declaration.attachments.count()


@pytest.fixture
def correction_requested(published):
    producer, declaration = published
    staff = make_member("AMR-330106", Role.STAFF)
    tasks = Task.objects.filter(process__artifact_object_id=declaration.pk, process__flow_class=DeclarationFlow)
    task = tasks.get(flow_task=DeclarationFlow.in_process_check)
    task_assign(actor=staff, task=task)
    task_complete(actor=staff, task=task, data={"outcome": "correction", "comment": "标签缺少产地"})
    assert where(declaration)[:2] == ("correction_requested", ["await_correction"])
    return producer, declaration


def test_the_producer_resubmits_the_correction_and_the_bureau_checks_again(correction_requested):
    producer, declaration = correction_requested
    events = AuditEvent.objects.aggregate(last=Max("sequence"))["last"] or 0  # numbers have gaps (ADR 0059)
    response = signed_in(producer).post(
        f"/api/declarations/{declaration.pk}/resubmit/",
        {"comment": "已补充产地", "correction": pdf_file("label.pdf")},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert where(declaration)[:2] == ("published", ["in_process_check"])
    assert list(AuditEvent.objects.filter(sequence__gt=events).values_list("action", flat=True)) == [
        "declaration.attach",
        "declaration.resubmit",
        "deadline.start",  # the in-process check's clock, again
    ]
    assert DeclarationAttachment.objects.filter(declaration=declaration, kind="correction").count() == 1


def test_a_correction_without_a_document_is_json(correction_requested):
    producer, declaration = correction_requested
    response = signed_in(producer).post(f"/api/declarations/{declaration.pk}/resubmit/", {"comment": "已更正"})
    assert response.status_code == 200 and where(declaration)[:2] == ("published", ["in_process_check"])


def test_someone_elses_declaration_or_bad_input_changes_nothing(correction_requested):
    _producer, declaration = correction_requested
    before = where(declaration)
    other, _enterprise = producer_with_enterprise()
    refused = signed_in(other).post(f"/api/declarations/{declaration.pk}/resubmit/", {"comment": "x"})
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
    assert where(declaration) == before
    invalid = signed_in(_producer).post(f"/api/declarations/{declaration.pk}/resubmit/", {"comment": ""})
    assert invalid.status_code == 400 and "comment" in invalid.json()["error"]["fields"]
    assert where(declaration) == before


def test_no_resubmission_unless_a_correction_was_asked_for(published):
    producer, declaration = published
    before = where(declaration)
    response = signed_in(producer).post(f"/api/declarations/{declaration.pk}/resubmit/", {"comment": "无"})
    assert response.status_code == 400 and response.json()["error"]["message"]
    assert where(declaration) == before


# ------------------------------------------------------------------ upload limits


def assert_json_refusal(response, status: int, code: str) -> dict:
    assert response.status_code == status and response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


def attach(user, declaration, data):
    return signed_in(user).post(f"/api/declarations/{declaration.pk}/attachments/", data, format="multipart")


@pytest.fixture
def draft(producer):
    user, enterprise = producer
    return draft_declaration(user=user, enterprise=enterprise, with_attachments=False)


def test_a_file_over_the_size_limit_is_refused_under_its_field(draft, settings):
    settings.TERROIR_UPLOAD_MAX_FILE_BYTES = 1024
    user, declaration = draft
    big = SimpleUploadedFile("licence.pdf", PDF_BYTES + b"0" * 2048, content_type="application/pdf")
    response = attach(user, declaration, {"kind": "business_licence", "file": big})
    error = assert_json_refusal(response, 400, "invalid")
    assert "licence.pdf" in error["fields"]["file"][0]
    assert not DeclarationAttachment.objects.exists()


def test_too_many_files_answer_json_not_a_redirect(draft):
    user, declaration = draft
    files = {f"file{n}": pdf_file(f"f{n}.pdf") for n in range(6)}  # the limit is 5
    response = attach(user, declaration, {"kind": "business_licence", **files})
    assert "5" in assert_json_refusal(response, 400, "too_many_files")["message"]
    assert not DeclarationAttachment.objects.exists()


def test_a_request_over_the_total_limit_answers_413(draft, settings):
    settings.TERROIR_UPLOAD_MAX_REQUEST_BYTES = 1024 * 1024
    user, declaration = draft
    big = SimpleUploadedFile("licence.pdf", PDF_BYTES + b"0" * (1024 * 1024), content_type="application/pdf")
    response = attach(user, declaration, {"kind": "business_licence", "file": big})
    assert "1 MB" in assert_json_refusal(response, 413, "too_large")["message"]
    assert not DeclarationAttachment.objects.exists()


def test_a_json_body_over_the_data_limit_answers_413(producer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    user, enterprise = producer
    response = signed_in(user).post("/api/declarations/", {"label_text": "x" * 4096, "enterprise": enterprise.pk})
    assert_json_refusal(response, 413, "too_large")
    assert not Declaration.objects.exists()
