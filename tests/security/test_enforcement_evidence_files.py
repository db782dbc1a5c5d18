"""An enforcement case's evidence files are downloaded only by those who may see the case."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import CaseEvidence, EnforcementCase
from organizations.models import Role
from tests.factories import UserFactory, make_member
from tests.factories.cases import PDF_BYTES, producer_with_enterprise
from tests.factories.enforcement import hangzhou_bureau, received_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_evidence_for_the_staff_who_see_the_case_and_no_one_else(client):
    bureau = hangzhou_bureau()
    case = received_case(
        actor=None,
        source=EnforcementCase.Source.COMPLAINT,
        evidence=[SimpleUploadedFile("举报照片.pdf", PDF_BYTES, content_type="application/pdf")],
    )
    evidence = CaseEvidence.objects.get(case=case)
    assert evidence.sha256 and evidence.file_type == "PDF" and "举报" not in evidence.file.name
    url = reverse("files:enforcement_evidence", args=[evidence.pk])

    for allowed in (bureau.inspectors[0], bureau.lead, make_member("AMR-330000", Role.STAFF)):
        client.force_login(allowed)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content) == PDF_BYTES

    producer, _enterprise = producer_with_enterprise()
    for refused in (make_member("AMR-320000", Role.LEAD), producer, UserFactory()):
        client.force_login(refused)
        assert client.get(url).status_code == 404

    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))


def test_an_evidence_row_without_a_file_has_nothing_to_download(client):
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    evidence = CaseEvidence.objects.create(case=case, kind=CaseEvidence.Kind.DOCUMENT, description="笔录（纸质）")
    client.force_login(bureau.inspectors[0])
    assert client.get(reverse("files:enforcement_evidence", args=[evidence.pk])).status_code == 404


def test_the_case_page_links_its_evidence_files(client):
    bureau = hangzhou_bureau()
    case = received_case(
        actor=bureau.inspectors[0], evidence=[SimpleUploadedFile("现场.pdf", PDF_BYTES, content_type="application/pdf")]
    )
    client.force_login(bureau.inspectors[0])
    page = client.get(f"/enforcement/{case.pk}/").content.decode()
    assert reverse("files:enforcement_evidence", args=[case.evidence.get().pk]) in page
