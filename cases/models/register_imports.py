"""One import of an existing register's file: who, which file (by its SHA-256), what it held and
what it changed. The audit event of the import points here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterImport(models.Model):
    class Kind(models.TextChoices):
        PRODUCTS = "products", _("protected products")
        ENTERPRISES = "enterprises", _("enterprises")
        USERS = "users", _("authorised users of the GI mark")

    class Outcome(models.TextChoices):
        CHECKED = "checked", _("checked, nothing written")
        REFUSED = "refused", _("refused: the file has errors")
        IMPORTED = "imported", _("imported")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    unchanged = models.PositiveIntegerField(_("already in the register"), default=0)
    errors = models.PositiveIntegerField(_("rows with errors"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.file_name}"
