"""Brand evaluation rounds (GB/T 36678-2018 区域品牌价值评价 地理标志产品; methods GB/T 29187-2012
and GB/T 29188-2022): a yearly round, the provinces' recommendations with their dossiers, and each
product's result (brand strength, brand value, ranks). docs/adr/0051."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from cases.models import ProtectedProduct
from cases.models.stored_files import StoredFile
from cases.uploads import RandomUploadPath
from organizations.models import Department, Region

TOP = 50  # the 2016 plan's target: a brand top 50


class Stage(models.TextChoices):
    CALL = "call", _("call for recommendations")
    SCREENING = "screening", _("screening")
    EXPERT_REVIEW = "expert_review", _("expert review")
    SCORING = "scoring", _("brand strength scoring")
    VALUATION = "valuation", _("brand valuation")
    SAMPLE_TESTING = "sample_testing", _("sample testing")
    APPROVAL = "approval", _("approval of the results")
    PUBLICATION = "publication", _("publication")
    PUBLISHED = "published", _("published")


STAGE_ORDER = list(Stage.values)


def next_stage(stage: str) -> str:
    return STAGE_ORDER[STAGE_ORDER.index(stage) + 1]


def brand_day(year: int) -> datetime.date:
    """China Brand Day (中国品牌日), 10 May: the results are published around it."""
    return datetime.date(year, 5, 10)


class BrandRound(ConcurrentTransitionMixin, models.Model):
    class Step(models.TextChoices):
        WORKING = "working", _("in progress")
        AWAITING_APPROVAL = "awaiting_approval", _("awaiting the lead's approval")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    # The organising body is chosen per round (质量司 or 科技司): the body has changed over the
    # years, and a round keeps the one that ran it (docs/adr/0051).
    organiser = models.ForeignKey(
        Department,
        models.PROTECT,
        related_name="+",
        limit_choices_to={"code__in": ("ZLS", "KJS")},
        verbose_name=_("organising body"),
    )
    recommendations_due = models.DateField(_("recommendations due"))
    status = FSMField(_("stage"), default=Stage.CALL, choices=Stage.choices, protected=True)
    step = FSMField(_("step"), default=Step.WORKING, choices=Step.choices, protected=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("brand evaluation round")
        verbose_name_plural = _("brand evaluation rounds")

    def __str__(self) -> str:
        return _("%(year)s GI brand evaluation") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("brands:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == Stage.PUBLISHED

    @property
    def awaiting_approval(self) -> bool:
        return self.step == self.Step.AWAITING_APPROVAL

    # The transitions: the only place stage and step change; the services call them.

    @transition(field=step, source=Step.WORKING, target=Step.AWAITING_APPROVAL)
    def finish_stage(self) -> None:
        """The stage's work is done; the organiser's lead approves the move to the next stage."""

    @transition(field=step, source=Step.AWAITING_APPROVAL, target=Step.WORKING)
    def reopen_stage(self) -> None:
        """The lead approved (the next stage begins) or sent the work back (the stage goes on)."""

    @transition(
        field=status,
        source=[stage for stage in Stage.values if stage != Stage.PUBLISHED],
        target=RETURN_VALUE(*Stage.values),
    )
    def advance(self) -> str:
        return next_stage(self.status)

    @transition(field=status, source=Stage.APPROVAL, target=Stage.SCORING)
    def send_back_to_scoring(self) -> None:
        """The lead did not approve the results: scoring and valuation are done again."""


class Recommendation(ConcurrentTransitionMixin, models.Model):
    """A province's recommendation of one of its protected products, and the product's result."""

    class Status(models.TextChoices):
        RECOMMENDED = "recommended", _("recommended")
        ADMITTED = "admitted", _("admitted to the evaluation")
        EXCLUDED = "excluded", _("excluded")

    round = models.ForeignKey(BrandRound, models.PROTECT, related_name="recommendations", verbose_name=_("round"))
    product = models.ForeignKey(
        ProtectedProduct, models.PROTECT, related_name="brand_recommendations", verbose_name=_("GI product")
    )
    province = models.ForeignKey(
        Region, models.PROTECT, related_name="+", limit_choices_to={"level": Region.Level.PROVINCE}
    )
    bureau = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("recommending bureau"))
    has_plan = models.BooleanField("是否有组织方案")
    reason = models.TextField(_("grounds of the recommendation"))
    status = FSMField(_("status"), default=Status.RECOMMENDED, choices=Status.choices, protected=True)
    exclusion_reason = models.TextField(_("why it was excluded"), blank=True)
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recommended_at = models.DateTimeField(_("recommended at"), auto_now_add=True)

    # The result: brand strength (GB/T 29187, 0–1000), brand value in ¥100 million, the sample test.
    strength = models.DecimalField(_("brand strength"), max_digits=6, decimal_places=1, null=True, blank=True)
    value = models.DecimalField(_("brand value (¥100 million)"), max_digits=10, decimal_places=2, null=True, blank=True)
    sample_passed = models.BooleanField(_("sample test passed"), null=True, blank=True)
    # Set when the organiser's lead approves the results, from the round's values (services.rank_round).
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    category_rank = models.PositiveIntegerField(_("rank in its category"), null=True, blank=True)
    top = models.BooleanField(_("in the top 50"), default=False)
    previous_value = models.DecimalField(
        _("brand value last year (¥100 million)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["round", "rank", "province__code", "product__name"]
        verbose_name = _("brand evaluation recommendation")
        verbose_name_plural = _("brand evaluation recommendations")
        constraints = [models.UniqueConstraint(fields=["round", "product"], name="one_recommendation_per_product")]

    def __str__(self) -> str:
        return f"{self.round.year} {self.product.name}"

    @property
    def value_change(self):
        """Change on last year: this year's value less the value in the previous round's result."""
        if self.value is None or self.previous_value is None:
            return None
        return self.value - self.previous_value

    @transition(field=status, source=Status.RECOMMENDED, target=Status.ADMITTED)
    def admit(self) -> None:
        pass

    @transition(field=status, source=[Status.RECOMMENDED, Status.ADMITTED], target=Status.EXCLUDED)
    def exclude(self) -> None:
        pass


class DossierFile(StoredFile):
    """A file of the recommendation's dossier (organising plan, product material, test reports)."""

    recommendation = models.ForeignKey(Recommendation, models.PROTECT, related_name="dossier")
    file = models.FileField(_("file"), upload_to=RandomUploadPath("brands"), max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
