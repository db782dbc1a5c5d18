"""Special-mark printing and issuing kept by the local bureau, usage-report due dates and the
two-year non-use rule's record (issue 22, ADR 0055)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cases.models import Declaration, ProtectedProduct, SupervisionCheck
from organizations.models import Department


class SerialRange(models.Model):
    """Optional serial numbers (anti-counterfeit marks are numbered); both or neither."""

    serial_from = models.PositiveBigIntegerField(_("first serial number"), null=True, blank=True)
    serial_to = models.PositiveBigIntegerField(_("last serial number"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("quantity (pieces)"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def serials(self) -> str:
        if self.serial_from is None:
            return ""
        return f"{self.serial_from:08d}–{self.serial_to:08d}"


def _serial_constraints(prefix: str) -> list:
    both_or_neither = Q(serial_from__isnull=True, serial_to__isnull=True) | Q(
        serial_from__isnull=False, serial_to__isnull=False
    )
    return [
        models.CheckConstraint(condition=both_or_neither, name=f"{prefix}_serials_both_or_neither"),
        models.CheckConstraint(
            condition=Q(serial_from__isnull=True) | Q(quantity=F("serial_to") - F("serial_from") + 1),
            name=f"{prefix}_quantity_matches_serials",
        ),
        models.CheckConstraint(condition=Q(quantity__gte=1), name=f"{prefix}_quantity_positive"),
    ]


class MarkPrinting(SerialRange):
    """A print run of a product's special mark the bureau supervised (印制)."""

    bureau = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("bureau"))
    product = models.ForeignKey(ProtectedProduct, models.PROTECT, related_name="+", verbose_name=_("GI product"))
    printed_on = models.DateField(_("printed on"))
    printer = models.CharField(_("printing firm"), max_length=200, blank=True)

    class Meta:
        ordering = ["-printed_on", "-pk"]
        verbose_name = _("special-mark print run")
        verbose_name_plural = _("special-mark print runs")
        constraints = _serial_constraints("printing")

    def __str__(self) -> str:
        return f"{self.product} · {self.printed_on} · {self.quantity}"


class MarkIssue(SerialRange):
    """Marks the bureau handed to an authorised user, under its declaration (发放)."""

    bureau = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("bureau"))
    declaration = models.ForeignKey(
        Declaration, models.PROTECT, related_name="mark_issues", verbose_name=_("self-declaration")
    )
    issued_on = models.DateField(_("issued on"))

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("special-mark issue")
        verbose_name_plural = _("special-mark issues")
        constraints = _serial_constraints("issue")
        indexes = [models.Index(fields=["declaration", "-issued_on"], name="mark_issue_last_idx")]

    def __str__(self) -> str:
        return f"{self.declaration} · {self.issued_on} · {self.quantity}"


class UsageReportDue(models.Model):
    """When the usage report of a declaration for a year is due, and whether its producer was reminded."""

    declaration = models.ForeignKey(Declaration, models.PROTECT, related_name="usage_report_dues")
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("due on"))
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "declaration_id"]
        verbose_name = _("usage report due")
        verbose_name_plural = _("usage reports due")
        constraints = [models.UniqueConstraint(fields=["declaration", "year"], name="one_usage_due_per_year")]

    def __str__(self) -> str:
        return f"{self.declaration} · {self.year} · {self.due_on}"


class NonUseReview(models.Model):
    """The two-year rule fired for a declaration unused since `last_use_on`: once per such date."""

    declaration = models.ForeignKey(Declaration, models.PROTECT, related_name="+")
    last_use_on = models.DateField(_("last use on"))
    supervision_check = models.ForeignKey(SupervisionCheck, models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("non-use review")
        verbose_name_plural = _("non-use reviews")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "last_use_on"], name="one_non_use_review_per_last_use")
        ]

    def __str__(self) -> str:
        return f"{self.declaration} · {self.last_use_on}"
