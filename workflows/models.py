from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorTaskAlert(models.Model):
    """A viewflow task in ERROR that the administrators were told about (once)."""

    task = models.OneToOneField("viewflow.Task", models.CASCADE, related_name="+")
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("error task alert")
        verbose_name_plural = _("error task alerts")

    def __str__(self) -> str:
        return f"task {self.task_id}"
