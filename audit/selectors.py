from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import AuditEvent

# The actor recorded (and hashed) for a change no person made: the worker, a timer, the demo.
SYSTEM_ACTOR = "system"


def audit_events_for(target: models.Model) -> QuerySet[AuditEvent]:
    """The history of one object, oldest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).order_by("sequence")
