"""The receipt: issued once at publication, numbered, with a QR code to the verification page."""

import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.declarations.receipts import RECEIPT, receipt_of
from cases.declarations.services import declaration_submit
from documents.models import Document
from organizations.models import Role
from tests.documents.test_rendering import poppler
from tests.factories import UserFactory, make_member
from tests.factories.cases import draft_declaration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.TERROIR_SITE_URL = "https://gi.example.cn"


@pytest.fixture
def published():
    producer, draft = draft_declaration()
    return producer, declaration_submit(actor=producer, declaration=draft, commitment_accepted=True)


def test_publication_issues_one_numbered_receipt_naming_the_declaration(published):
    _producer, declaration = published
    receipt = receipt_of(declaration)
    assert Document.objects.filter(kind=RECEIPT).count() == 1
    assert receipt.number.startswith("地标专用标志声明回执〔") and receipt.number.endswith("1号")
    text = subprocess.run(
        [poppler("pdftotext"), receipt.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert declaration.reference in text
    assert declaration.enterprise.name in text and declaration.enterprise.credit_code in text
    # The address wraps inside its cell, and text extraction may interleave the QR's caption.
    assert "https://gi.example.cn/verify/" in text and f"{declaration.verification_token}/" in text


def test_the_producer_downloads_it_from_the_portal(client, published):
    producer, declaration = published
    client.force_login(producer)
    detail = client.get(reverse("portal_declarations:detail", args=[declaration.pk])).content.decode()
    download = reverse("documents:download", args=[receipt_of(declaration).pk])
    assert download in detail
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_bureau_with_jurisdiction_may_read_it_others_may_not(client, published):
    _producer, declaration = published
    url = reverse("documents:download", args=[receipt_of(declaration).pk])
    client.force_login(make_member("AMR-330106", Role.STAFF))
    assert client.get(url).status_code == 200
    client.force_login(make_member("AMR-320000", Role.STAFF))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_a_refused_submission_issues_no_receipt():
    producer, draft = draft_declaration()
    with pytest.raises(ValidationError):
        declaration_submit(actor=producer, declaration=draft, commitment_accepted=False)
    assert Document.objects.count() == 0
