"""Special-mark self-declarations (专用标志使用自我声明) and their evidence."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from organizations.models import Enterprise, Region

from ..uploads import RandomUploadPath
from .products import ProtectedProduct

# Letters and digits only, without look-alikes (0/O, 1/l/I): the token is printed on receipts and
# labels, may be typed from paper, and must not break at a hyphen when a line wraps. 26 of 55
# symbols carry about 150 bits: unguessable.
TOKEN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"  # noqa: S105 (not a secret)
TOKEN_LENGTH = 26


def new_verification_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


class Declaration(ConcurrentTransitionMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CORRECTION_REQUESTED = "correction_requested", _("correction requested")
        UNDER_CHECK = "under_check", _("under check")
        RECTIFICATION = "rectification", _("under rectification")
        SUSPENDED = "suspended", _("suspended")
        REVOKED = "revoked", _("revoked")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # While in these states the producer may print the mark (docs/domain.md §3: usable from publication).
    AUTHORISED_STATES = (
        Status.PUBLISHED,
        Status.CORRECTION_REQUESTED,
        Status.UNDER_CHECK,
        Status.RECTIFICATION,
    )

    class Route(models.TextChoices):
        SELF_DECLARED = "self_declared", _("self-declaration")
        APPROVED = "approved", pgettext_lazy("route to the GI mark", "approval")

    class OutputUnit(models.TextChoices):
        KILOGRAM = "kg", _("kg")
        TONNE = "t", _("tonnes")
        LITRE = "l", _("litres")
        PIECE = "piece", _("pieces")

    reference = models.CharField(_("reference"), max_length=40, unique=True, null=True, blank=True)
    verification_token = models.CharField(max_length=32, unique=True, default=new_verification_token, editable=False)
    enterprise = models.ForeignKey(
        Enterprise, models.PROTECT, related_name="declarations", verbose_name=_("enterprise")
    )
    product = models.ForeignKey(
        ProtectedProduct, models.PROTECT, related_name="declarations", verbose_name=_("GI product")
    )
    production_region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("production region"))
    production_address = models.CharField(_("production address"), max_length=300)
    # Empty only for a use entered from an earlier register, which did not record it (issue 20).
    annual_output = models.DecimalField(_("declared annual output"), max_digits=14, decimal_places=2, null=True)
    output_unit = models.CharField(_("unit"), max_length=10, choices=OutputUnit.choices, default=OutputUnit.KILOGRAM)
    label_text = models.TextField(_("label as printed"), help_text=_("The words printed with the GI mark."))
    commitment_accepted = models.BooleanField(_("commitment accepted"), default=False)
    # How the right to use the mark was granted: self-declaration in Terroir, or approval (核准)
    # before self-declaration existed, entered from the register an office already kept.
    route = models.CharField(_("route"), max_length=20, choices=Route.choices, default=Route.SELF_DECLARED)
    approval_document = models.CharField(_("approval document"), max_length=100, blank=True)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    status = FSMField(_("status"), default=Status.DRAFT, choices=Status.choices, protected=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("revoked or withdrawn at"), null=True, blank=True)
    closing_reason = models.TextField(_("reason"), blank=True)
    # The bureau's in-process check proposed a suspension that its lead has not decided yet: set
    # and cleared by the services, read by the declaration flow's switch.
    suspension_proposed = models.BooleanField(_("suspension proposed"), default=False, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("self-declaration")
        verbose_name_plural = _("self-declarations")
        indexes = [
            models.Index(fields=["status", "production_region"], name="declaration_status_region_idx"),
            models.Index(fields=["enterprise", "status"], name="declaration_enterprise_idx"),
            # The register's search by product counts a product's authorised users from the index.
            models.Index(fields=["product", "status"], name="declaration_product_idx"),
            # The register's 合法使用人名录 lists the newest first: read backwards, stop at a page.
            models.Index(fields=["-declared_at", "-id"], name="declaration_declared_idx"),
            # declaration_draw_idx, a covering index for the supervision draw, exists on
            # PostgreSQL only (migration 0009, ADR 0021): SQLite has no non-key columns.
        ]

    def __str__(self) -> str:
        return self.reference or _("draft declaration %(pk)s") % {"pk": self.pk}

    @property
    def is_authorised(self) -> bool:
        return self.status in self.AUTHORISED_STATES

    # The transitions: the only place status changes. Services call them, in a transaction.

    @transition(field=status, source=Status.DRAFT, target=Status.PUBLISHED)
    def declare(self) -> None:
        pass

    @transition(field=status, source=Status.PUBLISHED, target=Status.CORRECTION_REQUESTED)
    def request_correction(self) -> None:
        pass

    @transition(field=status, source=Status.CORRECTION_REQUESTED, target=Status.PUBLISHED)
    def resubmit(self) -> None:
        pass

    @transition(field=status, source=[Status.PUBLISHED, Status.CORRECTION_REQUESTED], target=Status.SUSPENDED)
    def suspend(self) -> None:
        pass

    @transition(field=status, source=Status.PUBLISHED, target=Status.UNDER_CHECK)
    def start_check(self) -> None:
        pass

    @transition(field=status, source=[Status.UNDER_CHECK, Status.RECTIFICATION], target=Status.PUBLISHED)
    def find_compliant(self) -> None:
        pass

    @transition(field=status, source=Status.UNDER_CHECK, target=Status.RECTIFICATION)
    def order_rectification(self) -> None:
        pass

    @transition(
        field=status,
        source=[
            Status.PUBLISHED,
            Status.CORRECTION_REQUESTED,
            Status.UNDER_CHECK,
            Status.RECTIFICATION,
            Status.SUSPENDED,
        ],
        target=Status.REVOKED,
    )
    def revoke(self) -> None:
        pass

    @transition(
        field=status,
        source=[Status.DRAFT, Status.PUBLISHED, Status.CORRECTION_REQUESTED, Status.SUSPENDED],
        target=Status.WITHDRAWN,
    )
    def withdraw(self) -> None:
        """Not while a check or rectification is running: a producer cannot withdraw to escape it."""


class DeclarationAttachment(models.Model):
    class Kind(models.TextChoices):
        BUSINESS_LICENCE = "business_licence", _("business licence")
        INSPECTION_REPORT = "inspection_report", _("product inspection report")
        LABEL_PROOF = "label_proof", _("label proof")
        CORRECTION = "correction", _("correction")
        USAGE_REPORT = "usage_report", _("annual usage report")

    REQUIRED_KINDS = (Kind.BUSINESS_LICENCE, Kind.INSPECTION_REPORT, Kind.LABEL_PROOF)

    declaration = models.ForeignKey(Declaration, models.PROTECT, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=RandomUploadPath("declarations"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    file_type = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
