"""Uploads: limits per file and per request, content by magic bytes, random private storage."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import Resolver404, resolve

from cases.models import Declaration, DeclarationAttachment
from cases.uploads import EvidenceFileField, RandomUploadPath
from tests.factories.cases import PDF_BYTES, declaration_form_data, pdf_file, producer_with_enterprise

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"accounts", "organizations", "audit", "deadlines", "notifications", "documents", "cases"}
PROJECT_APPS |= {"workflows", "register", "demo"}


def test_limits_are_set_deliberately():
    assert settings.TERROIR_UPLOAD_MAX_FILE_BYTES == 10 * 1024 * 1024
    assert settings.TERROIR_UPLOAD_MAX_REQUEST_BYTES == 35 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 5
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert "cases.uploads.UploadLimitMiddleware" in settings.MIDDLEWARE
    # Before the CSRF check reads the body, or the refusal would be a bare 400.
    assert settings.MIDDLEWARE.index("cases.uploads.UploadLimitMiddleware") > settings.MIDDLEWARE.index(
        "django.contrib.messages.middleware.MessageMiddleware"
    )


def test_too_many_files_go_back_to_the_form_with_a_message(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    extra = {f"extra_{n}": pdf_file(f"extra{n}.pdf") for n in range(3)}  # 3 + 3 files > 5
    response = client.post(
        "/portal/declarations/new/",
        declaration_form_data(enterprise, **extra),
        HTTP_REFERER="http://testserver/portal/declarations/new/",
    )
    assert response.status_code == 302 and response["Location"] == "http://testserver/portal/declarations/new/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["最多只能同时发送 5 个文件。"]
    assert not Declaration.objects.exists() and not DeclarationAttachment.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "最多只能同时发送 5 个文件。" in page


def test_a_request_larger_than_the_limit_is_refused_with_a_message(client, settings):
    settings.TERROIR_UPLOAD_MAX_REQUEST_BYTES = 1024 * 1024
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    big = SimpleUploadedFile("report.pdf", PDF_BYTES + b"0" * (1024 * 1024))
    response = client.post("/portal/declarations/new/", declaration_form_data(enterprise, inspection_report=big))
    assert response.status_code == 302 and response["Location"] == "/accounts/landing/"
    assert "1 MB" in str(next(iter(get_messages(response.wsgi_request))))
    assert not Declaration.objects.exists()


def test_a_foreign_referer_is_not_followed(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    extra = {f"extra_{n}": pdf_file() for n in range(3)}
    response = client.post(
        "/portal/declarations/new/", declaration_form_data(enterprise, **extra), HTTP_REFERER="https://evil.example/"
    )
    assert response["Location"] == "/accounts/landing/"


def _project_forms():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for form in set(subclasses(forms.BaseForm)):
        if form.__module__.split(".")[0] in PROJECT_APPS:
            yield form


def test_every_file_field_of_every_form_checks_content():
    """Generated from the forms: a new plain FileField would skip the magic-byte check in the form."""
    # Forms register as subclasses when their module is imported: import every forms module.
    for app in PROJECT_APPS:
        for module in Path(apps.get_app_config(app).path).rglob("*forms.py"):
            relative = module.relative_to(settings.BASE_DIR).with_suffix("")
            importlib.import_module(".".join(relative.parts))

    file_fields = [
        (form.__name__, name, field)
        for form in _project_forms()
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, forms.FileField)
    ]
    assert len(file_fields) >= 5  # 4 in the declaration forms, 1 in the check form
    assert [(f, n) for f, n, field in file_fields if not isinstance(field, EvidenceFileField)] == []


def test_every_uploaded_file_is_stored_under_a_random_name():
    """Generated from the models: files people upload get random names; issued documents a generated one."""
    upload_fields = [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert upload_fields
    for model, field in upload_fields:
        if model._meta.app_label == "documents":
            assert inspect.isfunction(field.upload_to), "documents name their own files"
            continue
        assert isinstance(field.upload_to, RandomUploadPath), f"{model.__name__}.{field.name}"
    path = RandomUploadPath("declarations")(None, "营业执照 (final).PDF")
    assert path.startswith("declarations/") and path.endswith(".pdf") and "营业执照" not in path


def test_media_is_private_and_outside_static_files():
    media = Path(settings.MEDIA_ROOT).resolve()
    for static_dir in [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]:
        assert not media.is_relative_to(Path(static_dir).resolve())
    with pytest.raises(Resolver404):
        resolve(f"{settings.MEDIA_URL}declarations/2026/abc.pdf")
