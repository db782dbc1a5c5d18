"""Uploaded evidence is served only to those who may see the case, as a download that cannot run."""

import pytest
from django.urls import reverse

from organizations.models import Role
from tests.factories import UserFactory, make_member
from tests.factories.cases import PDF_BYTES, PNG_BYTES, draft_declaration, producer_with_enterprise
from tests.factories.supervision import check_with_evidence
from workflows.declarations.actions import publish

pytestmark = pytest.mark.django_db


def assert_private_download(response, content_type, body):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == body


def test_declaration_attachment_for_its_producer_and_the_staff_of_the_region(client):
    producer, declaration = draft_declaration()
    label = declaration.attachments.get(kind="label_proof")
    url = reverse("files:declaration_attachment", args=[label.pk])
    preview = reverse("files:declaration_attachment_preview", args=[label.pk])
    assert "label" not in label.file.name, "stored under a random name"

    client.force_login(producer)
    response = client.get(url)
    assert_private_download(response, "image/png", PNG_BYTES)
    assert 'filename="label.png"' in response["Content-Disposition"]
    assert client.get(preview).status_code == 200

    # A draft is the producer's own (as the declaration itself, declarations_visible_to): its files
    # are not found even for the staff of its region, until it is submitted (ADR 0042).
    region_staff = (make_member("AMR-330106", Role.STAFF), make_member("AMR-330000", Role.LEAD))
    for staff in region_staff:
        client.force_login(staff)
        assert client.get(url).status_code == 404
        assert client.get(preview).status_code == 404
    publish(actor=producer, declaration=declaration, commitment_accepted=True)
    for allowed in region_staff:
        client.force_login(allowed)
        assert client.get(url).status_code == 200
        assert client.get(preview).status_code == 200

    other_producer, _enterprise = producer_with_enterprise()
    for refused in (other_producer, make_member("AMR-320000", Role.STAFF), UserFactory()):
        client.force_login(refused)
        assert client.get(url).status_code == 404

    client.force_login(producer)
    assert client.post(url).status_code == 405
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))


def test_check_evidence_only_for_staff_of_the_region(client):
    _lead, inspectors, check, evidence = check_with_evidence(seed="s")
    url = reverse("files:check_evidence", args=[evidence.pk])
    client.force_login(inspectors[0])
    response = client.get(url)
    assert_private_download(response, "application/pdf", PDF_BYTES)
    assert "filename*=utf-8''" in response["Content-Disposition"]

    producer = check.declaration.enterprise.accounts.first().user
    for refused in (producer, make_member("AMR-320000", Role.LEAD)):
        client.force_login(refused)
        assert client.get(url).status_code == 404


def test_a_row_whose_file_is_missing_answers_404(client):
    producer, declaration = draft_declaration()
    attachment = declaration.attachments.first()
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(producer)
    assert client.get(reverse("files:declaration_attachment", args=[attachment.pk])).status_code == 404


def test_the_portal_and_the_task_link_to_the_downloads(client):
    producer, declaration = draft_declaration()
    client.force_login(producer)
    page = client.get(reverse("portal_declarations:detail", args=[declaration.pk])).content.decode()
    for attachment in declaration.attachments.all():
        assert reverse("files:declaration_attachment", args=[attachment.pk]) in page
