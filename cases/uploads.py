"""Uploaded evidence: content checked by magic bytes, size limited, stored under random names."""

import hashlib
import uuid
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileType:
    label: str
    extensions: tuple[str, ...]
    signature: bytes
    content_type: str


PDF = FileType("PDF", ("pdf",), b"%PDF-", "application/pdf")
JPEG = FileType("JPEG", ("jpg", "jpeg"), b"\xff\xd8\xff", "image/jpeg")
PNG = FileType("PNG", ("png",), b"\x89PNG\r\n\x1a\n", "image/png")
EVIDENCE_TYPES = (PDF, JPEG, PNG)
# A register file to import (issue 20): an XLSX is a zip; a CSV has no signature, its reader
# refuses what is not text in UTF-8 or GB18030 (cases/register_import/reading.py).
XLSX = FileType("XLSX", ("xlsx",), b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
CSV = FileType("CSV", ("csv",), b"", "text/csv")
REGISTER_FILE_TYPES = (XLSX, CSV)


# What a browser may show in a tab rather than save. Never a type that can carry script into our
# origin (SVG, HTML): a PDF is drawn by the browser's own viewer, under a sandbox CSP.
PREVIEW_TYPES = (PDF, JPEG, PNG)


def file_type_labelled(label: str) -> FileType | None:
    """The type a row records (its upload was checked as it); older rows may spell it in lower case."""
    return next((t for t in EVIDENCE_TYPES if t.label == label.upper()), None)


def can_preview(label: str) -> bool:
    return file_type_labelled(label) in PREVIEW_TYPES


def stored_file_type(file, label: str) -> FileType | None:
    """The type a stored file is, read from its first bytes: the recorded type when the content
    still is that type, None otherwise (a file changed on disk, a type we do not know).
    Raises FileNotFoundError for a row whose file is gone."""
    recorded = file_type_labelled(label)
    if recorded is None:
        return None
    with file.storage.open(file.name, "rb") as handle:
        head = handle.read(16)
    return recorded if head.startswith(recorded.signature) else None


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_upload(uploaded, allowed: tuple[FileType, ...] = EVIDENCE_TYPES, max_bytes: int | None = None):
    """Refuse a file whose size, extension or actual content is not allowed.

    The content decides: an .exe renamed .pdf does not start with %PDF- and is refused.
    """
    max_bytes = max_bytes or settings.TERROIR_UPLOAD_MAX_FILE_BYTES
    allowed_labels = "、".join(file_type.label for file_type in allowed)
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size).1f MB; the limit is %(limit)d MB.")
            % {"name": uploaded.name, "size": uploaded.size / 1024 / 1024, "limit": max_bytes // 1024 // 1024},
            code="file_too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": uploaded.name}, code="file_empty")
    extension = _extension(uploaded.name)
    by_extension = next((t for t in allowed if extension in t.extensions), None)
    if by_extension is None:
        raise ValidationError(
            _("“%(name)s”: only %(types)s files are accepted.") % {"name": uploaded.name, "types": allowed_labels},
            code="file_type",
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(position)
    if not head.startswith(by_extension.signature):
        raise ValidationError(
            _("“%(name)s” is not a real %(type)s file (its content does not match its extension).")
            % {"name": uploaded.name, "type": by_extension.label},
            code="file_content",
        )
    return by_extension


@deconstructible
class RandomUploadPath:
    """upload_to: <prefix>/<year>/<random>.<ext>; the original file name is kept on the row."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        extension = _extension(filename) or "bin"
        return f"{self.prefix}/{timezone.now():%Y}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomUploadPath) and other.prefix == self.prefix


def checked_upload_fields(uploaded, allowed: tuple[FileType, ...] = EVIDENCE_TYPES) -> dict:
    """Validate an upload and return the fields every stored file row keeps (see StoredFile)."""
    file_type = validate_upload(uploaded, allowed)
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return {
        "file": uploaded,
        "original_name": uploaded.name[:200],
        "file_type": file_type.label,
        "size": uploaded.size,
        "sha256": digest.hexdigest(),
    }


class EvidenceFileField(forms.FileField):
    """The only file field forms use: the form shows a refused file next to the field.

    The services check again (validate_upload), so no entry point can skip the check; a test
    fails if a form declares a plain FileField.
    """

    default_error_messages = {"required": gettext_lazy("Choose a file.")}

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            validate_upload(uploaded)
        return uploaded


class UploadLimitMiddleware:
    """Too many or too large files in one request: back to the form with a message, not a 400.

    Django refuses such a body (TooManyFilesSent, RequestDataTooBig) when the first view or
    middleware reads request.POST, which would answer 400. Reading it here first, before the
    CSRF check, lets the person see what went wrong; nothing is changed by the refused request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            refusal = upload_refusal(request)
            if refusal is not None:
                messages.error(request, refusal.message)
                return HttpResponseRedirect(_back_to_form(request))
        return self.get_response(request)


@dataclass(frozen=True)
class UploadRefusal:
    message: str
    too_large: bool  # the body is too large (413), rather than holding too many files (400)


def content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def upload_refusal(request: HttpRequest) -> UploadRefusal | None:
    """Why this multipart request's uploads as a whole are refused, or None. Parses the body."""
    too_large = UploadRefusal(
        _("The files sent together exceed %(limit)d MB. Send fewer or smaller files.")
        % {"limit": settings.TERROIR_UPLOAD_MAX_REQUEST_BYTES // 1024 // 1024},
        too_large=True,
    )
    if content_length(request) > settings.TERROIR_UPLOAD_MAX_REQUEST_BYTES:
        return too_large
    try:
        request.FILES  # noqa: B018  (parses the body now, where its refusal can be answered well)
    except TooManyFilesSent:
        message = _("At most %(count)d files can be sent at once.") % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
        return UploadRefusal(message, too_large=False)
    except (RequestDataTooBig, TooManyFieldsSent):
        return too_large
    return None


def _back_to_form(request: HttpRequest) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return resolve_url(settings.LOGIN_REDIRECT_URL)
