"""The audit actions of objections (recorded on the application they object to)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class ObjectionAction(models.TextChoices):
    FILE = "objection.file", _("Objection filed")
    ADMIT = "objection.admit", _("Objection admitted")
    INADMISSIBLE = "objection.inadmissible", _("Objection found inadmissible")
    REPLY = "objection.reply", _("Applicant replied to the objection")
    SUSTAIN = "objection.sustain", _("Objection sustained")
    REJECT = "objection.reject", _("Objection rejected")


class WindowState:
    """Where an application stands with respect to its objection window."""

    OPEN = "open"
    CLOSED = "closed"
    NOT_OPEN = "not_open"
