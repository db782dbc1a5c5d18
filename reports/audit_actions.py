"""The audit actions of the statistics report (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class StatisticsAction(models.TextChoices):
    OPEN = "statistics.open", _("Report opened")
    UPDATE = "statistics.update", _("Report figures changed")
    SUBMIT = "statistics.submit", _("Report submitted")
    APPROVE = "statistics.approve", _("Report approved")
    SEND_BACK = "statistics.send_back", _("Report sent back")
    ACCEPT = "statistics.accept", _("Report accepted")
    RETURN = "statistics.return", _("Report returned")
