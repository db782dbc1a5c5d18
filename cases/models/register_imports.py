"""One file of an existing register, from upload to import: who, which file (kept privately, named
by its SHA-256), the check's findings, the import's progress. A background job does the work;
the page reads this row to show where it stands. The import's audit event points here."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..uploads import RandomUploadPath


class RegisterImport(models.Model):
    class Kind(models.TextChoices):
        PRODUCTS = "products", _("protected products")
        ENTERPRISES = "enterprises", _("enterprises")
        USERS = "users", _("authorised users of the GI mark")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be checked")
        CHECKING = "checking", _("being checked")
        CHECKED = "checked", _("checked: ready to import")
        HAS_ERRORS = "has_errors", _("checked: the file has errors")
        UNREADABLE = "unreadable", _("the file cannot be read")
        IMPORT_QUEUED = "import_queued", _("waiting to be imported")
        IMPORTING = "importing", _("being imported")
        IMPORTED = "imported", _("imported")
        STOPPED = "stopped", _("import stopped")

    # The job works on these; a row claimed longer ago than the worker's timeout is taken again.
    WAITING = (Status.QUEUED, Status.IMPORT_QUEUED)
    WORKING = (Status.CHECKING, Status.IMPORTING)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    upload = models.FileField(_("file"), upload_to=RandomUploadPath("register-imports"), max_length=200)
    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    rows_expected = models.PositiveIntegerField(_("rows in the file (about)"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    to_create = models.PositiveIntegerField(_("new"), default=0)
    unchanged = models.PositiveIntegerField(_("already in the register"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    enterprises_created = models.PositiveIntegerField(_("enterprises created"), default=0)
    rows_with_errors = models.PositiveIntegerField(_("rows with errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)  # the first ones: [row, column, message]
    problem = models.TextField(_("problem"), blank=True)
    error_file = models.FileField(upload_to=RandomUploadPath("register-imports"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        indexes = [models.Index(fields=["status", "claimed_at"], name="register_import_job_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("register_import:detail", args=[self.pk])

    @property
    def in_progress(self) -> bool:
        return self.status in (*self.WAITING, *self.WORKING)

    @property
    def percent(self) -> int:
        if self.status in (self.Status.IMPORTED, self.Status.CHECKED, self.Status.HAS_ERRORS):
            return 100
        if not self.rows_expected:
            return 0
        return min(99, self.rows_done * 100 // self.rows_expected)
