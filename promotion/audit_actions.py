"""The audit actions of the promotion programme (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class PromotionAction(models.TextChoices):
    ACTIVITY_RECORD = "promotion.activity_record", _("Publicity activity recorded")
    MEDIA_RECORD = "promotion.media_record", _("Media report recorded")
    PLAN_RECORD = "promotion.plan_record", _("Work plan recorded")
    PAGE_SUBMIT = "promotion.page_submit", _("National site page submitted")
    PAGE_RESUBMIT = "promotion.page_resubmit", _("National site page corrected and submitted again")
    PAGE_REVIEW = "promotion.page_review", _("National site page reviewed")
    PAGE_RETURN = "promotion.page_return", _("National site page returned")
    PAGE_PUBLISH = "promotion.page_publish", _("National site page published")
