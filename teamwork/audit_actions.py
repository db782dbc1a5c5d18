"""The audit actions of team work on a case: who holds a task, and the staff's notes
(registry: audit/actions.py). They are recorded on the case, so its staff history shows them;
no public or portal history lists them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class TeamAction(models.TextChoices):
    TASK_TAKE = "task.take", _("Task taken")
    TASK_RELEASE = "task.release", _("Task put back in the queue")
    TASK_REASSIGN = "task.reassign", _("Task reassigned")
    NOTE_ADD = "note.add", _("Note added")
