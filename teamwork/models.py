"""Notes the staff write on a case: one thread per case file, of any kind, for staff only."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Long enough for a paragraph of findings or a question to a colleague, short enough to read in a thread.
NOTE_MAX_LENGTH = 2000


class CaseNote(models.Model):
    """A plain-text note on a case (an enforcement case, an application, a declaration, a check, a
    revocation). Written once, never edited: the audit trail holds the same text."""

    case_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    case_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("case_type", "case_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="case_notes", verbose_name=_("author")
    )
    # The body the author wrote for, as of the note (a person may later move to another bureau).
    department = models.ForeignKey(
        "organizations.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    body = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    # Colleagues the note mentioned and who were notified.
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("mentioned")
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        indexes = [models.Index(fields=["case_type", "case_id", "created_at"], name="case_note_thread_idx")]

    def __str__(self) -> str:
        # In Beijing time: the database hands the moment back in UTC, 8 hours early.
        return f"{self.author} {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
