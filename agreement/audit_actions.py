"""The audit actions of the EU–China agreement lists (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class AgreementAction(models.TextChoices):
    LOAD = "agreement.load", _("Name entered from an agreement list")
    REQUEST_PUBLICATION = "agreement.request_publication", _("Publication for objections proposed")
    PUBLISH = "agreement.publish", _("Name published for objections")
    RETURN_PUBLICATION = "agreement.return_publication", _("Publication returned")
    OBJECTION = "agreement.objection", _("Objection to the name received")
    CLOSE_WINDOW = "agreement.close_window", _("Objection period closed")
    PROPOSE_DECISION = "agreement.propose_decision", _("Decision proposed")
    RETURN_DECISION = "agreement.return_decision", _("Decision returned")
    PROTECT = "agreement.protect", _("Name protected under the agreement")
    REFUSE = "agreement.refuse", _("Protection refused")
