"""The audit actions of organisations: staff roles and enterprises (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class OrganizationAction(models.TextChoices):
    MEMBERSHIP_GRANT = "membership.grant", _("Role granted")
    MEMBERSHIP_REVOKE = "membership.revoke", _("Role withdrawn")
    ENTERPRISE_REGISTER = "enterprise.register", _("Enterprise registered")
    ENTERPRISE_ACCOUNT_LINK = "enterprise.account_link", _("Account linked to the enterprise")
