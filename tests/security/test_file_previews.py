"""Every file route of a case, its download and its preview: only for those who may see the case.

A preview shows a PDF or an image in a tab (inline), typed by the stored bytes, under a CSP that
runs nothing; anything else, or bytes that are not what the row says, is only saved. Someone who
may not see the case gets a 404 (as the download always did), so a file's existence is not told;
a visitor who is not signed in is sent to the login page.
"""

from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import CaseEvidence, DeclarationAttachment
from organizations.models import Role
from tests.factories import make_member
from tests.factories.applications import Cast, applicant_body, draft_application, objected_application
from tests.factories.cases import PDF_BYTES, PNG_BYTES, draft_declaration, producer_with_enterprise
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.factories.supervision import check_with_evidence
from workflows.applications import actions as application_actions
from workflows.declarations.actions import publish

pytestmark = pytest.mark.django_db


@dataclass
class Served:
    """One stored file of a case kind, with who may open it and who may not."""

    stored: object
    body: bytes
    content_type: str
    allowed: list
    refused: list


def _strangers() -> list:
    """Signed in, but not of the case: staff of another province and a producer of another enterprise."""
    return [make_member("AMR-320000", Role.STAFF), producer_with_enterprise()[0]]


def declaration_attachment() -> Served:
    producer, declaration = draft_declaration()
    publish(actor=producer, declaration=declaration, commitment_accepted=True)  # a draft is the producer's own
    label = declaration.attachments.get(kind="label_proof")
    return Served(label, PNG_BYTES, "image/png", [producer, make_member("AMR-330106", Role.STAFF)], _strangers())


def draft_declaration_attachment() -> Served:
    """Before it is submitted, a declaration and its files are the producer's alone (ADR 0042)."""
    producer, declaration = draft_declaration()
    label = declaration.attachments.get(kind="label_proof")
    region_staff = [make_member("AMR-330106", Role.STAFF), make_member("AMR-330000", Role.LEAD)]
    return Served(label, PNG_BYTES, "image/png", [producer], [*_strangers(), *region_staff])


def check_evidence() -> Served:
    lead, inspectors, check, evidence = check_with_evidence(seed="preview")
    checked_producer = check.declaration.enterprise.accounts.first().user  # inspectors' files are not theirs
    return Served(evidence, PDF_BYTES, "application/pdf", [inspectors[0], lead], [*_strangers(), checked_producer])


def enforcement_evidence() -> Served:
    bureau = hangzhou_bureau()
    case = received_case(
        actor=bureau.inspectors[0],
        evidence=[SimpleUploadedFile("现场照片.pdf", PDF_BYTES, content_type="application/pdf")],
    )
    evidence = CaseEvidence.objects.get(case=case)
    return Served(evidence, PDF_BYTES, "application/pdf", [bureau.inspectors[0], bureau.lead], _strangers())


def application_attachment() -> Served:
    cast = Cast()
    applicant, application = draft_application()
    application_actions.submit(actor=applicant, application=application)
    letter = application.attachments.get(kind="government_letter")
    refused = [*_strangers(), applicant_body()[0], cast.experts[0]]
    return Served(letter, PDF_BYTES, "application/pdf", [applicant, cast.province_staff, cast.kjs_staff], refused)


def objection_evidence() -> Served:
    cast = Cast()
    applicant, _application, objection = objected_application(cast, "产区证明.pdf")
    # The applicant body reads it only once the objection is admitted; this one is just received.
    refused = [*_strangers(), applicant, applicant_body()[0]]
    return Served(
        objection.evidence.get(), PDF_BYTES, "application/pdf", [cast.fgs_staff, cast.province_staff], refused
    )


KINDS = {
    "declaration_attachment": declaration_attachment,
    "draft_declaration_attachment": draft_declaration_attachment,
    "check_evidence": check_evidence,
    "enforcement_evidence": enforcement_evidence,
    "application_attachment": application_attachment,
    "objection_evidence": objection_evidence,
}


def assert_served(response, served: Served, *, inline: bool) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == served.content_type
    assert response["Content-Disposition"].startswith("inline;" if inline else "attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    # Shown or saved, the file runs no script and loads nothing, in an origin of its own.
    policy = [directive.strip() for directive in response["Content-Security-Policy"].split(";")]
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert b"".join(response.streaming_content) == served.body


@pytest.mark.parametrize("preview", [False, True], ids=["download", "preview"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_route_gives_the_file_to_those_who_see_the_case_and_404_to_others(client, kind, preview):
    served = KINDS[kind]()
    route = kind.removeprefix("draft_")
    url = reverse(f"files:{route}_preview" if preview else f"files:{route}", args=[served.stored.pk])

    for user in served.allowed:
        client.force_login(user)
        assert_served(client.get(url), served, inline=preview)
    for user in served.refused:
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.force_login(served.allowed[0])
    assert client.post(url).status_code == 405
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def _declaration_file(body: bytes, *, file_type: str, name: str) -> tuple:
    """A row of the producer's declaration whose stored bytes are given, bypassing the upload check
    (a file changed on disk, an older row, a type no upload may have)."""
    producer, declaration = draft_declaration(with_attachments=False)
    stored = DeclarationAttachment.objects.create(
        declaration=declaration,
        kind="inspection_report",
        file=ContentFile(body, name="stored.bin"),
        original_name=name,
        file_type=file_type,
        size=len(body),
        sha256="0" * 64,
        uploaded_by=producer,
    )
    return producer, stored


@pytest.mark.parametrize(
    ("body", "file_type"),
    [
        (b"<html><script>alert(document.cookie)</script></html>", "PDF"),  # claims PDF, is HTML
        (PNG_BYTES, "PDF"),  # a real image, but not what the row says
        (PDF_BYTES, "PNG"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),  # never a preview type
        (b"MZ\x90\x00", "EXE"),
    ],
    ids=["html-as-pdf", "png-as-pdf", "pdf-as-png", "svg", "unknown-type"],
)
def test_bytes_that_are_not_what_the_row_says_are_only_saved_never_shown(client, body, file_type):
    producer, stored = _declaration_file(body, file_type=file_type, name="报告.pdf")
    client.force_login(producer)
    for route in ("files:declaration_attachment_preview", "files:declaration_attachment"):
        response = client.get(reverse(route, args=[stored.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/octet-stream"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]


def test_a_jpeg_is_previewed_as_an_image(client):
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
    producer, stored = _declaration_file(jpeg, file_type="jpeg", name="label.jpg")
    client.force_login(producer)
    response = client.get(reverse("files:declaration_attachment_preview", args=[stored.pk]))
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="label.jpg"'


@pytest.mark.parametrize("route", ["files:declaration_attachment", "files:declaration_attachment_preview"])
def test_a_chinese_name_with_quotes_and_line_breaks_is_safe_in_the_header(client, route):
    name = '检验报告"终稿"; filename=evil.html\r\nX-Injected: 1.pdf'
    producer, stored = _declaration_file(PDF_BYTES, file_type="PDF", name=name)
    client.force_login(producer)
    response = client.get(reverse(route, args=[stored.pk]))
    disposition = response["Content-Disposition"]
    # RFC 5987: the whole name percent-encoded as UTF-8, so no quote, semicolon or line break of
    # the name reaches the header as itself.
    assert disposition.split(";", 1)[1].strip() == "filename*=utf-8''" + quote(name)
    assert disposition.count(";") == 1 and "\r" not in disposition and "\n" not in disposition
    assert "X-Injected" not in response.headers


def test_an_ascii_name_with_quotes_is_quoted_and_escaped(client):
    producer, stored = _declaration_file(PDF_BYTES, file_type="PDF", name='report "final".pdf')
    client.force_login(producer)
    response = client.get(reverse("files:declaration_attachment_preview", args=[stored.pk]))
    assert response["Content-Disposition"] == 'inline; filename="report \\"final\\".pdf"'


def test_a_row_whose_file_is_gone_answers_404_to_the_preview_too(client):
    producer, stored = _declaration_file(PDF_BYTES, file_type="PDF", name="报告.pdf")
    stored.file.storage.delete(stored.file.name)
    client.force_login(producer)
    assert client.get(reverse("files:declaration_attachment_preview", args=[stored.pk])).status_code == 404
