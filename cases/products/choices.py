"""The audit actions of protected products (the register)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class ProductAction(models.TextChoices):
    # Dated the day the product was entered here, not the day it was protected (see protected_since).
    IMPORT = "product.import", _("Entered in this register from the published announcement")
    PROTECT = "product.protect", _("Protection approved")
    AMEND = "product.amend", _("Amendment approved")
    REVOCATION_PROPOSE = "product.revocation.propose", _("Revocation of protection proposed")
    REVOCATION_APPROVE = "product.revocation.approve", _("Protection revoked")
    REVOCATION_REFUSE = "product.revocation.refuse", _("Proposed revocation refused")
