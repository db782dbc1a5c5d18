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


class JobRun(models.Model):
    """When a periodic job last started, for all worker copies and Celery beats together (docs/adr/0044).

    A copy runs a job only after moving `last_started_at` forward with one conditional UPDATE,
    so a period's run happens once however many run_worker copies or beats are running.
    """

    name = models.CharField(_("job"), max_length=100, primary_key=True)
    last_started_at = models.DateTimeField(_("last started at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")

    def __str__(self) -> str:
        return self.name
