"""The audit actions of legal time limits and the working-day calendar (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class DeadlineAction(models.TextChoices):
    START = "deadline.start", _("Time limit started")
    PAUSE = "deadline.pause", _("Time limit paused")
    RESUME = "deadline.resume", _("Time limit resumed")
    EXTEND = "deadline.extend", _("Time limit extended")
    MEET = "deadline.meet", _("Time limit met")
    CANCEL = "deadline.cancel", _("Time limit cancelled")
    OVERDUE = "deadline.overdue", _("Time limit overdue")
    RECOMPUTE = "deadline.recompute", _("Due date recomputed")
    CALENDAR_ENTER_YEAR = "calendar.enter_year", _("Official holidays of a year entered")
