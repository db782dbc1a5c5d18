"""The audit actions of issued documents (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class DocumentAction(models.TextChoices):
    ISSUE = "document.issue", _("Document issued")
