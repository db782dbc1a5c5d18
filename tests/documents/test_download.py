"""Download: only for those the kind allows, as an attachment that no browser sniffs."""

import pytest
from django.db import transaction
from django.urls import reverse

from documents.services import document_render
from organizations.models import Department, Role
from tests.factories import UserFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice():
    with transaction.atomic():
        return document_render(
            kind="documents.notice",
            target=Department.objects.get(code="AMR-330000"),
            actor=None,
            title="通知",
            context={"authority": "浙江省市场监督管理局", "paragraphs": ["正文"]},
        )


def test_staff_download_the_notice_as_a_pdf_attachment(client, notice):
    client.force_login(make_member("AMR-330000", Role.STAFF))
    response = client.get(reverse("documents:download", args=[notice.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_others_get_404_and_anonymous_the_login_page(client, notice):
    url = reverse("documents:download", args=[notice.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("documents:download", args=[notice.pk + 1000])).status_code == 404


def test_download_is_get_only(client, notice):
    client.force_login(make_member("AMR-330000", Role.STAFF))
    assert client.post(reverse("documents:download", args=[notice.pk])).status_code == 405
