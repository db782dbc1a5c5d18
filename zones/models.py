"""Demonstration zones (国家/省级地理标志产品保护示范区, 国知办发保字〔2021〕4号): a government's
application, the province's recommendation within its quota, the draft list published for
objections, three (two) years of preparation with annual reports, acceptance and naming, periodic
review and revocation; and the supervision tours of zones (docs/adr/0050)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from cases.models import ProtectedProduct
from cases.models.stored_files import StoredFile
from cases.uploads import RandomUploadPath
from organizations.models import Department, Region


class Level(models.TextChoices):
    NATIONAL = "national", _("national demonstration zone")
    PROVINCIAL = "provincial", _("provincial demonstration zone")


# The 办法's thresholds: the GI protected 3 years; mark users 60 % of producers and of output
# (50 % for a provincial zone); preparation 3 years (2 for a provincial zone).
MIN_YEARS_PROTECTED = 3
THRESHOLD = {Level.NATIONAL: Decimal(60), Level.PROVINCIAL: Decimal(50)}
PREPARATION_YEARS = {Level.NATIONAL: 3, Level.PROVINCIAL: 2}


class ZoneQuota(models.Model):
    """How many zones a province may recommend to the national office in a year (configurable)."""

    province = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Region.Level.PROVINCE},
        verbose_name=_("province"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quota = models.PositiveSmallIntegerField(_("quota"))

    class Meta:
        ordering = ["-year", "province__code"]
        verbose_name = _("recommendation quota")
        verbose_name_plural = _("recommendation quotas")
        constraints = [models.UniqueConstraint(fields=["province", "year"], name="one_zone_quota_per_province_year")]

    def __str__(self) -> str:
        return f"{self.province.name} {self.year}: {self.quota}"


class Zone(ConcurrentTransitionMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("application being entered")
        AWAITING_RECOMMENDATION = "awaiting_recommendation", _("awaiting the province's recommendation")
        RECOMMENDED = "recommended", _("recommended, under review")
        ON_DRAFT_LIST = "on_draft_list", _("on the published draft list")
        PREPARING = "preparing", _("in preparation (筹建)")
        ACCEPTANCE = "acceptance", _("under acceptance")
        PUBLIC_NOTICE = "public_notice", _("named in a public notice")
        NAMED = "named", _("named")
        REJECTED = "rejected", _("not approved")
        REVOKED = "revoked", _("revoked")

    LIVE_STATES = (
        Status.DRAFT,
        Status.AWAITING_RECOMMENDATION,
        Status.RECOMMENDED,
        Status.ON_DRAFT_LIST,
        Status.PREPARING,
        Status.ACCEPTANCE,
        Status.PUBLIC_NOTICE,
        Status.NAMED,
    )
    EDITABLE_STATES = (Status.DRAFT,)

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.NATIONAL)
    government = models.CharField(_("applying government"), max_length=100, help_text=_("e.g. 五常市人民政府"))
    search_key = models.CharField(max_length=300, blank=True, editable=False)  # the government's pinyin
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region of the government"))
    # The bureau that entered the application for the government and speaks for it afterwards
    # (annual reports, the request for acceptance): governments have no accounts here.
    bureau = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("entering bureau"))
    province = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("province"))
    products = models.ManyToManyField(ProtectedProduct, related_name="zones", verbose_name=_("protected GI products"))
    standard_system = models.TextField("标准体系", blank=True)
    testing_system = models.TextField("检测体系", blank=True)
    quality_system = models.TextField("质量保证体系", blank=True)
    # Typed: the register does not hold them.
    producers_count = models.PositiveIntegerField(_("producers of the products in the area"), null=True, blank=True)
    output_share = models.DecimalField(
        _("mark users' share of the area's output (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    no_quality_accident = models.BooleanField(_("no major quality accident in the last 3 years"), default=False)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=50, blank=True)

    status = FSMField(_("status"), default=Status.DRAFT, choices=Status.choices, protected=True)
    # What the register said and what was typed, at submission, with the rule's verdict.
    eligibility = models.JSONField(_("eligibility at submission"), default=dict, blank=True, editable=False)

    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    recommended_at = models.DateTimeField(_("recommended at"), null=True, blank=True)
    published_on = models.DateField(_("draft list published on"), null=True, blank=True)
    preparation_from = models.DateField(_("preparation from"), null=True, blank=True)
    preparation_until = models.DateField(_("preparation until"), null=True, blank=True)
    notice_on = models.DateField(_("public notice on"), null=True, blank=True)
    named_on = models.DateField(_("named on"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason of the revocation"), blank=True)
    decision_comment = models.TextField(_("comment of the last decision"), blank=True)
    site_visit_experts = models.CharField(_("experts of the site visit"), max_length=300, blank=True)
    site_visit_report = models.TextField(_("site visit findings"), blank=True)
    assessment = models.TextField(_("national assessment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("demonstration zone")
        verbose_name_plural = _("demonstration zones")
        constraints = [
            # One zone for each government: a new one only once the last was refused or revoked.
            models.UniqueConstraint(
                fields=["region"],
                condition=~Q(status__in=["rejected", "revoked"]),
                name="one_live_zone_per_region",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.government}"

    def get_absolute_url(self) -> str:
        return reverse("zones:detail", args=[self.pk])

    @property
    def name(self) -> str:
        """The zone's name as published: 国家地理标志产品保护示范区（五常大米）."""
        products = "、".join(product.name for product in self.products.all())
        prefix = "国家" if self.level == Level.NATIONAL else "省级"
        return f"{prefix}地理标志产品保护示范区（{products}）"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES

    @property
    def threshold(self) -> Decimal:
        return THRESHOLD[Level(self.level)]

    @property
    def preparation_years(self) -> int:
        return PREPARATION_YEARS[Level(self.level)]

    def preparation_over(self, today: datetime.date) -> bool:
        return self.preparation_until is not None and today >= self.preparation_until

    # The transitions: the only place status changes; zones.services calls them.

    @transition(field=status, source=Status.DRAFT, target=Status.AWAITING_RECOMMENDATION)
    def submit(self) -> None:
        pass

    @transition(field=status, source=Status.DRAFT, target=Status.RECOMMENDED)
    def submit_to_province(self) -> None:
        """A provincial zone: the province itself reviews, there is nothing to recommend."""

    @transition(field=status, source=Status.AWAITING_RECOMMENDATION, target=Status.RECOMMENDED)
    def recommend(self) -> None:
        pass

    @transition(field=status, source=Status.RECOMMENDED, target=Status.ON_DRAFT_LIST)
    def publish_draft_list(self) -> None:
        pass

    @transition(field=status, source=Status.ON_DRAFT_LIST, target=Status.PREPARING)
    def approve_preparation(self) -> None:
        pass

    @transition(field=status, source=Status.PREPARING, target=Status.ACCEPTANCE)
    def request_acceptance(self) -> None:
        pass

    @transition(field=status, source=Status.ACCEPTANCE, target=Status.PREPARING)
    def fail_acceptance(self) -> None:
        """The site visit or the assessment found it not ready: preparation goes on."""

    @transition(field=status, source=Status.ACCEPTANCE, target=Status.PUBLIC_NOTICE)
    def publish_notice(self) -> None:
        pass

    @transition(field=status, source=Status.PUBLIC_NOTICE, target=Status.NAMED)
    def name_zone(self) -> None:
        pass

    @transition(
        field=status,
        source=[Status.AWAITING_RECOMMENDATION, Status.RECOMMENDED, Status.ON_DRAFT_LIST, Status.PUBLIC_NOTICE],
        target=Status.REJECTED,
    )
    def reject(self) -> None:
        pass

    @transition(field=status, source=[Status.PREPARING, Status.ACCEPTANCE, Status.NAMED], target=Status.REVOKED)
    def revoke(self) -> None:
        pass


class PolicyDocument(StoredFile):
    """A policy of the government supporting the zone (the 办法's policy support), as uploaded."""

    zone = models.ForeignKey(Zone, models.PROTECT, related_name="policies")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=RandomUploadPath("zones"), max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def __str__(self) -> str:
        return self.title


class ZoneObjection(models.Model):
    """An objection to a zone on the published draft list (or its naming notice); the reviewing
    office records it and decides it (cases.Objection belongs to product applications)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("not decided")
        REJECTED = "rejected", _("rejected")
        SUSTAINED = "sustained", _("sustained")

    zone = models.ForeignKey(Zone, models.PROTECT, related_name="objections")
    objector = models.CharField(_("objector"), max_length=200)
    grounds = models.TextField(_("grounds"))
    received_on = models.DateField(_("received on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    reason = models.TextField(_("reasons of the decision"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("objection to a zone")
        verbose_name_plural = _("objections to zones")

    def __str__(self) -> str:
        return f"{self.zone.reference} · {self.objector}"


class AnnualReport(models.Model):
    """The zone's report of a preparation year, due each 31 December through the province."""

    zone = models.ForeignKey(Zone, models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    progress = models.TextField(_("progress of the three systems"))
    problems = models.TextField(_("problems and next steps"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["zone", "year"]
        verbose_name = _("annual report of a zone")
        verbose_name_plural = _("annual reports of zones")
        constraints = [models.UniqueConstraint(fields=["zone", "year"], name="one_zone_report_per_year")]

    def __str__(self) -> str:
        return f"{self.zone.reference} {self.year}"


class Review(models.Model):
    """A periodic review of a named zone (复核)."""

    class Result(models.TextChoices):
        PASSED = "passed", _("passed")
        RECTIFY = "rectify", _("passed, with rectification")
        FAILED = "failed", _("failed")

    zone = models.ForeignKey(Zone, models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    findings = models.TextField(_("findings"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("periodic review of a zone")
        verbose_name_plural = _("periodic reviews of zones")

    def __str__(self) -> str:
        return f"{self.zone.reference} {self.reviewed_on}"


class Tour(models.Model):
    """A supervision tour of a zone (示范区监督巡查): findings per system, result, problems."""

    class Result(models.TextChoices):
        GOOD = "good", _("the systems work")
        RECTIFY = "rectify", _("rectification required")
        SERIOUS = "serious", _("serious problems")

    zone = models.ForeignKey(Zone, models.PROTECT, related_name="tours")
    toured_on = models.DateField(_("toured on"))
    bureau = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("touring bureau"))
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("inspectors"))
    standard_findings = models.TextField("标准体系", blank=True)
    testing_findings = models.TextField("检测体系", blank=True)
    quality_findings = models.TextField("质量保证体系", blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    problems = models.TextField(_("problems found"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-toured_on", "-pk"]
        verbose_name = _("supervision tour of a zone")
        verbose_name_plural = _("supervision tours of zones")

    def __str__(self) -> str:
        return f"{self.zone.reference} {self.toured_on}"


class RectificationItem(models.Model):
    tour = models.ForeignKey(Tour, models.PROTECT, related_name="items")
    description = models.TextField(_("what must be rectified"))
    due_on = models.DateField(_("rectify by"))
    done_on = models.DateField(_("rectified on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")

    def __str__(self) -> str:
        return self.description[:50]
