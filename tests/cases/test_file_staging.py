"""Files chosen on a refused form are kept server-side, shown as kept, and used on the next
submission; they are private to the session, removable, and expire (ADR 0026)."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cases.common.staging import FOLDER, sweep_staged_files
from cases.models import CaseEvidence, EnforcementCase
from tests.factories.cases import PNG_BYTES, longjing

pytestmark = pytest.mark.django_db
URL = "/report/"


@pytest.fixture(autouse=True)
def setup(settings, client):
    cache.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    longjing()


def report(**overrides):
    data = {"region": "330100", "violation_type": "outside_area", "party": "某超市", "grounds": "产地为外省。"}
    data.update(overrides)
    return data


def staged_tokens(html: str) -> list[str]:
    return re.findall(r'name="evidence_1__staged" value="([0-9a-f]+)"', html)


def staged_names() -> list[str]:
    return default_storage.listdir(FOLDER)[1] if default_storage.exists(FOLDER) else []


def refused_with_a_photo(client) -> str:
    photo = SimpleUploadedFile("shelf.png", PNG_BYTES, content_type="image/png")
    response = client.post(URL, report(grounds="", evidence_1=photo))
    assert response.status_code == 400 and not EnforcementCase.objects.exists()
    html = response.content.decode()
    assert "Kept: shelf.png" in html
    return html


def test_a_file_chosen_on_a_refused_form_is_kept_and_used_on_the_next_submission(client):
    html = refused_with_a_photo(client)
    [token] = staged_tokens(html)
    assert len(staged_names()) == 1
    response = client.post(URL, report(evidence_1__staged=token))
    assert response.status_code == 200
    evidence = CaseEvidence.objects.get(case=EnforcementCase.objects.get())
    assert evidence.original_name == "shelf.png" and evidence.file_type == "PNG"
    assert evidence.file.read() == PNG_BYTES
    assert staged_names() == []  # the staged copy goes once the file is stored with the case


def test_a_kept_file_can_be_removed(client):
    [token] = staged_tokens(refused_with_a_photo(client))
    client.post(URL, report(evidence_1__staged=token, staged_remove=token))
    assert not CaseEvidence.objects.exists() and staged_names() == []


def test_a_refused_file_is_not_kept(client):
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00" + b"\x00" * 64)
    html = client.post(URL, report(grounds="", evidence_1=fake)).content.decode()
    assert "Kept:" not in html and staged_names() == []


def test_another_session_cannot_use_the_token(client):
    [token] = staged_tokens(refused_with_a_photo(client))
    stranger = Client()
    stranger.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert stranger.post(URL, report(evidence_1__staged=token)).status_code == 200
    assert not CaseEvidence.objects.exists()


@pytest.mark.real_clock  # the sweep compares now with the files' real times
def test_a_staged_file_expires_and_the_sweep_deletes_it(client, settings):
    [token] = staged_tokens(refused_with_a_photo(client))
    assert sweep_staged_files() == 0  # still fresh
    assert sweep_staged_files(min_age=datetime.timedelta(seconds=-1)) == 1
    client.post(URL, report(evidence_1__staged=token))
    assert not CaseEvidence.objects.exists()
