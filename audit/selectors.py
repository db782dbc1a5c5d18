from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext

from .models import AuditEvent

# The actor recorded (and hashed) for a change no person made: the worker, a timer, the demo.
SYSTEM_ACTOR = "system"


def actor_display(event: AuditEvent) -> str:
    """Who did it, as a page shows it: the person's name, or 系统 for the system's own changes."""
    return gettext("System") if event.actor_label == SYSTEM_ACTOR else event.actor_label


def audit_events_for(target: models.Model) -> QuerySet[AuditEvent]:
    """The history of one object, oldest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).order_by("sequence")
