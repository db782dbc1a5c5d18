"""The public complaint form: anonymous, files checked by content, rate-limited per address."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from viewflow.workflow.models import Task

from cases.models import CaseEvidence, EnforcementCase
from tests.factories.cases import PNG_BYTES, longjing

LIMIT = settings.TERROIR_UPLOAD_MAX_FILE_BYTES

pytestmark = pytest.mark.django_db
URL = "/report/"


@pytest.fixture(autouse=True)
def setup(settings, client):
    cache.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def valid(**overrides):
    data = {
        "region": "330100",
        "violation_type": "outside_area",
        "party": "某超市（杭州市上城区）",
        "grounds": "超市销售标注“西湖龙井”的茶叶，包装注明产地为外省。",
    }
    data.update(overrides)
    return data


def test_an_anonymous_report_becomes_a_clue_for_the_bureau(client):
    longjing()
    photo = SimpleUploadedFile("shelf.png", PNG_BYTES, content_type="image/png")
    response = client.post(URL, valid(evidence_1=photo))
    assert response.status_code == 200
    case = EnforcementCase.objects.get()
    assert case.number in response.content.decode()
    assert case.source == "complaint" and case.status == "verifying" and case.created_by is None
    assert case.bureau.code == "AMR-330100" and case.complainant_name == ""
    assert CaseEvidence.objects.get(case=case).file_type == "PNG"
    assert Task.objects.filter(process__artifact_object_id=case.pk, flow_task_type="HUMAN").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"grounds": "   "}, "Describe what you saw"),
        ({"evidence_1": SimpleUploadedFile("photo.png", b"MZ\x90\x00" + b"\x00" * 64)}, "not a real PNG"),
        ({"evidence_1": SimpleUploadedFile("tool.exe", b"MZ\x90\x00" + b"\x00" * 64)}, "only PDF"),
        (
            {"evidence_1": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * LIMIT)},
            "the limit is 10 MB",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_creates_nothing(client, overrides, message):
    response = client.post(URL, valid(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EnforcementCase.objects.exists() and not CaseEvidence.objects.exists()


def test_more_than_five_reports_an_hour_from_one_address_are_refused(client):
    for _ in range(5):
        assert client.post(URL, valid(), REMOTE_ADDR="203.0.113.7").status_code == 200
    response = client.post(URL, valid(), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert "Too many reports" in response.content.decode()
    assert EnforcementCase.objects.count() == 5
    # Another address is not affected.
    assert client.post(URL, valid(), REMOTE_ADDR="198.51.100.2").status_code == 200


def test_the_form_is_public_and_in_chinese_by_default(client):
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    response = client.get(URL)
    assert response.status_code == 200
    assert "举报" in response.content.decode()
