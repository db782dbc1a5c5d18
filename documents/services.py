"""Issuing documents: number, render, hash and store once, in the caller's transaction."""

import hashlib
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from accounts.types import Actor
from audit.services import audit_record

from .audit_actions import DocumentAction
from .kinds import get_kind
from .models import Document, DocumentCounter
from .rendering import render_pdf

logger = logging.getLogger("terroir.documents")


class DocumentOutsideTransaction(RuntimeError):
    """The number and the document must commit with the change they belong to."""


def document_render(
    *,
    kind: str,
    target: models.Model,
    actor: Actor,
    title: str | Promise,
    context: dict | None = None,
    language: str | None = None,
) -> Document:
    """Issue a numbered PDF of `kind` for `target`; the number is gap-free per kind and year.

    A rendering error raises before anything is stored. If the caller's transaction later
    rolls back, the row and the number go with it; the file left in storage is removed by
    the `sweep_orphan_documents` job.
    """
    if not transaction.get_connection().in_atomic_block:
        raise DocumentOutsideTransaction(f"document {kind!r} issued outside a transaction")
    document_kind = get_kind(kind)
    language = language or settings.LANGUAGE_CODE
    issued_at = timezone.now()
    year = timezone.localdate(issued_at).year
    serial = _next_serial(kind, year)
    number = document_kind.number_format.format(year=year, serial=serial)
    with translation.override(language):
        title = str(title)  # a lazy title is translated into the document's language
        pdf = render_pdf(
            document_kind.template,
            {**(context or {}), "document_number": number, "document_title": title, "issued_on": issued_at},
        )
    document = Document(
        kind=kind,
        year=year,
        serial=serial,
        number=number,
        title=title[:200],
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        language=language,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        created_by=actor,
        created_at=issued_at,
    )
    document.file.save("document.pdf", ContentFile(pdf), save=False)
    try:
        document.save()
        audit_record(
            actor=actor,
            action=DocumentAction.ISSUE,
            target=target,
            data={"kind": kind, "number": number, "sha256": document.sha256, "document": document.pk},
        )
    except Exception:
        if document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


def _next_serial(kind: str, year: int) -> int:
    DocumentCounter.objects.get_or_create(kind=kind, year=year)
    counter = DocumentCounter.objects.select_for_update().get(kind=kind, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial


def document_intact(document: Document) -> bool:
    """Does the stored file still hash to what was recorded when it was issued?"""
    digest = hashlib.sha256()
    with document.file.open("rb") as stored:
        for chunk in iter(lambda: stored.read(64 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest() == document.sha256
