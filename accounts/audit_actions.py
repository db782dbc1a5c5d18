"""The audit actions of accounts: logins locked and unlocked (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class AccountAction(models.TextChoices):
    LOGIN_LOCK = "account.login_lock", _("Login locked after repeated failed passwords")
    LOGIN_UNLOCK = "account.login_unlock", _("Login unlocked")
