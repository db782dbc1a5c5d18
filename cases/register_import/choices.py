from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class RegisterImportAction(models.TextChoices):
    IMPORT = "register.import", _("Register file imported")
