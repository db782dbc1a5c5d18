from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .declarations import Declaration


class UsageReport(models.Model):
    """The producer's yearly account of how the GI special mark was used under a declaration.

    One per declaration and year, never edited afterwards: the supervision and the
    provincial statistics read it as it was reported.
    """

    declaration = models.ForeignKey(
        Declaration, models.PROTECT, related_name="usage_reports", verbose_name=_("self-declaration")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    output_quantity = models.DecimalField(
        _("actual output"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    marked_quantity = models.DecimalField(
        _("quantity sold with the mark"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    labels_printed = models.PositiveIntegerField(_("labels with the mark printed"))
    sales_value = models.DecimalField(
        _("sales of marked products (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    changes = models.TextField(
        _("changes during the year"),
        blank=True,
        help_text=_("Changes of production site, process, label or quality controls; leave empty if none."),
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual usage report")
        verbose_name_plural = _("annual usage reports")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "year"], name="one_usage_report_per_year"),
            models.CheckConstraint(
                condition=models.Q(marked_quantity__lte=models.F("output_quantity")),
                name="usage_report_marked_within_output",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.declaration} · {self.year}"
