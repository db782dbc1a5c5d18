"""The usage report's audit action."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class UsageReportAction(models.TextChoices):
    """Recorded on the declaration the report is about (the value is the stored string)."""

    SUBMIT = "declaration.usage_report", _("Annual usage report submitted")
