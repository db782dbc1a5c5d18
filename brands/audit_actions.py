"""The audit actions of brand evaluation rounds (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class BrandAction(models.TextChoices):
    OPEN = "brands.open", _("Brand evaluation round opened")
    RECOMMEND = "brands.recommend", _("Product recommended for the brand evaluation")
    STAGE_DONE = "brands.stage_done", _("Brand evaluation stage completed")
    STAGE_APPROVE = "brands.stage_approve", _("Move to the next stage approved")
    STAGE_SEND_BACK = "brands.stage_send_back", _("Stage work sent back")
    RESULTS_APPROVE = "brands.results_approve", _("Brand evaluation results approved")
    RESULTS_SEND_BACK = "brands.results_send_back", _("Brand evaluation results sent back")
    PUBLISH = "brands.publish", _("Brand evaluation results published")
