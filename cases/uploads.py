"""Uploaded evidence: content checked by magic bytes, size limited, stored under random names."""

import hashlib
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    label: str
    extensions: tuple[str, ...]
    signature: bytes


PDF = FileType("PDF", ("pdf",), b"%PDF-")
JPEG = FileType("JPEG", ("jpg", "jpeg"), b"\xff\xd8\xff")
PNG = FileType("PNG", ("png",), b"\x89PNG\r\n\x1a\n")
EVIDENCE_TYPES = (PDF, JPEG, PNG)


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_upload(uploaded, allowed: tuple[FileType, ...] = EVIDENCE_TYPES, max_bytes: int = MAX_UPLOAD_BYTES):
    """Refuse a file whose size, extension or actual content is not allowed.

    The content decides: an .exe renamed .pdf does not start with %PDF- and is refused.
    """
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
