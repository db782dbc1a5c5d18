"""The special-mark records' audit actions (values are the stored strings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class MarkAction(models.TextChoices):
    PRINTING_RECORD = "marks.printing", _("Special-mark print run recorded")
    ISSUE_RECORD = "marks.issue", _("Special marks issued to a user")
