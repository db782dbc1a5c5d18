"""Rendered official documents: numbered, hashed, stored once, never changed."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentImmutable(RuntimeError):
    """An issued document is a record: it is neither edited nor deleted."""


def document_path(document: "Document", filename: str) -> str:
    # A random name: the number is not guessable from the path, and two renders never collide.
    return f"documents/{document.year}/{uuid.uuid4().hex}.pdf"


class DocumentCounter(models.Model):
    """The last number issued per kind and year; its row lock keeps numbers gap-free and unique."""

    kind = models.CharField(max_length=60)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="one_counter_per_kind_and_year")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last_serial}"


class Document(models.Model):
    kind = models.CharField(_("kind"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    number = models.CharField(_("number"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    language = models.CharField(_("language"), max_length=10)
    target_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("issued by")
    )
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [models.UniqueConstraint(fields=["kind", "year", "serial"], name="one_number_per_kind_and_year")]
        indexes = [models.Index(fields=["target_type", "target_id", "kind"], name="document_target_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DocumentImmutable(f"document {self.number} was issued and cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DocumentImmutable(f"document {self.number} was issued and cannot be deleted")
