"""The audit actions of rural revitalisation (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class RuralAction(models.TextChoices):
    DESIGNATION_SAVE = "rural.designation_save", _("Aid-region designation saved")
    DESIGNATION_LOAD = "rural.designation_load", _("Aid-region designation loaded from a file")
    MEASURE_RECORD = "rural.measure_record", _("Rural revitalisation measure recorded")
    EFFECT_RECORD = "rural.effect_record", _("Rural revitalisation effects reported")
    APPLY = "rural.apply", _("Project applied for")
    RECOMMEND = "rural.recommend", _("Project recommended by the province")
    DECLINE = "rural.decline", _("Project not selected")
    EVALUATE = "rural.evaluate", _("Project evaluated by the 计财司")
    EVALUATE_AGAIN = "rural.evaluate_again", _("Evaluation sent back by the lead")
    PUBLISH = "rural.publish", _("Project published")
    FINAL_REPORT = "rural.final_report", _("Final report submitted")
    RETURN_REPORT = "rural.return_report", _("Final report returned")
    COMPLETE = "rural.complete", _("Project completed")
