"""Post-event supervision (双随机、一公开): campaigns draw declarations and inspectors at random."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from organizations.models import Department, Enterprise, Region

from ..uploads import RandomUploadPath
from .declarations import Declaration
from .products import ProtectedProduct


class ConflictOfInterest(models.Model):
    """An inspector who must never be drawn, nor offered, to check an enterprise, a product or
    every enterprise of a region, while the declared period covers the day (ADR 0046)."""

    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="conflicts_of_interest", verbose_name=_("inspector")
    )
    enterprise = models.ForeignKey(
        Enterprise,
        models.PROTECT,
        related_name="conflicts_of_interest",
        null=True,
        blank=True,
        verbose_name=_("enterprise"),
    )
    product = models.ForeignKey(
        ProtectedProduct, models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("product")
    )
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("region"),
        help_text=_("Every enterprise of the region."),
    )
    reason = models.CharField(_("reason"), max_length=300)
    valid_from = models.DateField(_("valid from"), default=datetime.date(2000, 1, 1))  # set by conflict_declare
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: until withdrawn."))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, verbose_name=_("declared by")
    )
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-declared_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.CheckConstraint(
                condition=Q(enterprise__isnull=False) | Q(product__isnull=False) | Q(region__isnull=False),
                name="conflict_names_what",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="conflict_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        what = " / ".join(str(part) for part in (self.enterprise, self.product, self.region) if part is not None)
        return f"{self.inspector} ⟂ {what}"


class SupervisionCampaign(ConcurrentTransitionMixin, models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DRAWN = "drawn", _("drawn and published")
        CLOSED = "closed", _("closed")

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    organiser = models.ForeignKey(Department, models.PROTECT, related_name="campaigns", verbose_name=_("organiser"))
    regions = models.ManyToManyField(Region, related_name="+", verbose_name=_("regions in scope"))
    products = models.ManyToManyField(
        ProtectedProduct,
        related_name="+",
        blank=True,
        verbose_name=_("products in scope"),
        help_text=_("Empty: every product."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    sample_size = models.PositiveIntegerField(_("declarations to check"), null=True, blank=True)
    sample_percent = models.PositiveSmallIntegerField(_("share to check (%)"), null=True, blank=True)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("eligible inspectors")
    )
    seed = models.CharField(_("draw seed"), max_length=64, blank=True, editable=False)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    # Published as a number only (一公开 without naming who stood aside).
    conflicts_excluded = models.PositiveIntegerField(_("conflicts of interest excluded"), default=0, editable=False)
    status = FSMField(_("status"), default=Status.PLANNED, choices=Status.choices, protected=True)
    # Empty for the standing campaign of the two-year non-use rule, which the worker opens (ADR 0055).
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("supervision campaign")
        verbose_name_plural = _("supervision campaigns")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @transition(field=status, source=Status.PLANNED, target=Status.DRAWN)
    def mark_drawn(self) -> None:
        pass

    @transition(field=status, source=Status.DRAWN, target=Status.CLOSED)
    def close(self) -> None:
        pass


class SupervisionCheck(ConcurrentTransitionMixin, models.Model):
    class Status(models.TextChoices):
        DRAWN = "drawn", _("to be checked")
        RECTIFICATION = "rectification", _("rectification ordered")
        REVOCATION_PROPOSED = "revocation_proposed", _("revocation proposed")
        COMPLIANT = "compliant", _("compliant")
        REVOKED = "revoked", _("revoked")

    class Result(models.TextChoices):
        PASS = "pass", _("pass")
        FAIL = "fail", _("fail")
        NOT_DONE = "not_done", _("not done")

    campaign = models.ForeignKey(SupervisionCampaign, models.PROTECT, related_name="checks")
    declaration = models.ForeignKey(Declaration, models.PROTECT, related_name="supervision_checks")
    inspector_a = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    inspector_b = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    draw_position = models.PositiveIntegerField()
    document_review = models.CharField(_("document review"), max_length=10, choices=Result.choices, blank=True)
    onsite_visit = models.CharField(_("on-site visit"), max_length=10, choices=Result.choices, blank=True)
    label_check = models.CharField(_("label check"), max_length=10, choices=Result.choices, blank=True)
    sample_test = models.CharField(_("sample test"), max_length=10, choices=Result.choices, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    rectification_due = models.DateField(_("rectification due"), null=True, blank=True)
    refer_to_enforcement = models.BooleanField(_("refer to enforcement"), default=False)
    referral_reason = models.TextField(_("why it is referred"), blank=True)
    status = FSMField(_("status"), default=Status.DRAWN, choices=Status.choices, protected=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Set by the worker in the transaction that opens the check's process, grants the inspectors
    # their permission and tells them and the producer (ADR 0021); empty while it is being opened.
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    # The rectification deadline the producer was last reminded of (a new deadline, a new reminder).
    rectification_reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["campaign", "draw_position"]
        verbose_name = _("supervision check")
        verbose_name_plural = _("supervision checks")
        permissions = [("perform_check", _("Perform this supervision check"))]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "declaration"], name="one_check_per_declaration"),
            models.CheckConstraint(
                condition=~models.Q(inspector_a=models.F("inspector_b")), name="two_different_inspectors"
            ),
        ]
        indexes = [
            # The worker's queue of checks still to open: empty almost always, so it costs nothing.
            models.Index(fields=["id"], condition=models.Q(opened_at__isnull=True), name="check_to_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.reference} #{self.draw_position} {self.declaration}"

    @property
    def is_being_opened(self) -> bool:
        return self.opened_at is None

    @transition(field=status, source=[Status.DRAWN, Status.RECTIFICATION], target=Status.COMPLIANT)
    def find_compliant(self) -> None:
        pass

    @transition(field=status, source=[Status.DRAWN, Status.REVOCATION_PROPOSED], target=Status.RECTIFICATION)
    def order_rectification(self) -> None:
        pass

    @transition(field=status, source=[Status.DRAWN, Status.RECTIFICATION], target=Status.REVOCATION_PROPOSED)
    def propose_revocation(self) -> None:
        pass

    @transition(field=status, source=Status.REVOCATION_PROPOSED, target=Status.REVOKED)
    def confirm_revocation(self) -> None:
        pass


class RectificationReport(models.Model):
    """What the producer reports having fixed, before the re-inspection (issue 23, ADR 0047).

    One per rectification deadline: ordered to rectify again, the producer reports again.
    """

    check_record = models.ForeignKey(SupervisionCheck, models.PROTECT, related_name="rectification_reports")
    fixed = models.TextField(_("what was rectified"))
    due_on = models.DateField(_("rectification due"))
    # Accepted after the deadline, but the inspector sees it was late.
    late = models.BooleanField(_("submitted late"), default=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("rectification report")
        verbose_name_plural = _("rectification reports")
        constraints = [
            models.UniqueConstraint(fields=["check_record", "due_on"], name="one_rectification_report_per_due_date")
        ]

    def __str__(self) -> str:
        return f"{self.check_record} {self.due_on}"


class CheckEvidence(models.Model):
    check_record = models.ForeignKey(SupervisionCheck, models.PROTECT, related_name="evidence")
    # Set on the producer's evidence of a rectification report; empty on the inspectors' own.
    rectification_report = models.ForeignKey(
        RectificationReport, models.PROTECT, null=True, blank=True, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=RandomUploadPath("checks"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    file_type = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check evidence")
        verbose_name_plural = _("check evidence")

    def __str__(self) -> str:
        return self.original_name
