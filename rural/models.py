"""Rural revitalisation (精准扶贫 → 乡村振兴, docs/domain.md §9): the aid regions and their validity,
the measures taken, the projects of 计财司 and the effects reported per period and region."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from cases.models import ProtectedProduct
from cases.models.stored_files import StoredFile
from cases.uploads import RandomUploadPath
from organizations.models import Department, Region

# The poor counties were all lifted out of poverty by the end of 2020; the national key counties
# for rural revitalisation were named from 2021 (docs/domain.md §9).
POOR_COUNTIES_END = datetime.date(2020, 12, 31)
KEY_COUNTIES_START = datetime.date(2021, 1, 1)


class AidKind(models.TextChoices):
    # The official names of the designations: printed as they are in every language.
    TIBET = "tibet", "西藏"
    TIBETAN_AREAS = "tibetan_areas", "四省藏区"
    SOUTH_XINJIANG = "south_xinjiang", "南疆四地州"
    THREE_REGIONS = "three_regions", "三区三州"
    POOR_COUNTY = "poor_county", "贫困县"
    KEY_COUNTY = "key_county", "国家乡村振兴重点帮扶县"


class AidDesignation(models.Model):
    """A region designated for aid from one date to another; a designation of a province or a
    prefecture covers every county inside it."""

    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    kind = models.CharField(_("designation"), max_length=20, choices=AidKind.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty while in force."))
    source = models.CharField(_("source"), max_length=300, help_text=_("The official text that designates it."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["region__code", "kind", "valid_from"]
        verbose_name = _("aid-region designation")
        verbose_name_plural = _("aid-region designations")
        constraints = [
            models.UniqueConstraint(fields=["region", "kind", "valid_from"], name="one_designation_per_start"),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="designation_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        until = self.valid_until.isoformat() if self.valid_until else "…"
        return f"{self.region.name} · {self.get_kind_display()} · {self.valid_from.isoformat()}–{until}"

    def clean(self) -> None:
        errors = {}
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end lies before the start.")
        if self.kind == AidKind.POOR_COUNTY and (self.valid_until is None or self.valid_until > POOR_COUNTIES_END):
            errors["valid_until"] = _("Poor counties were designated until 31 December 2020 at the latest.")
        if self.kind == AidKind.KEY_COUNTY and self.valid_from and self.valid_from < KEY_COUNTIES_START:
            errors["valid_from"] = _("Key counties for rural revitalisation were designated from 2021.")
        if errors:
            raise ValidationError(errors)

    def in_force_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class MeasureKind(models.TextChoices):
    PUBLICITY = "publicity", _("policy publicity")
    TRAINING = "training", _("training")
    LECTURE = "lecture", _("lectures")
    ECOMMERCE = "ecommerce", _("e-commerce channels")
    BRAND = "brand", _("brand promotion")
    PAIRED = "paired", _("paired assistance")
    SURVEY = "survey", _("survey")
    PLANNING = "planning", _("planning")


class Measure(models.Model):
    """A measure a bureau took for the GI products of aided regions (a training, a sales channel…)."""

    kind = models.CharField(_("kind of measure"), max_length=20, choices=MeasureKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    organiser = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("organiser"))
    regions = models.ManyToManyField(Region, related_name="+", verbose_name=_("regions"))
    products = models.ManyToManyField(ProtectedProduct, blank=True, related_name="+", verbose_name=_("GI products"))
    participants = models.PositiveIntegerField(_("participants"))
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.held_on.isoformat()} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("rural:measure", args=[self.pk])


class Project(ConcurrentTransitionMixin, models.Model):
    """A rural-revitalisation project: applied for locally, recommended by the province, evaluated
    and published by 计财司, implemented within two years and closed by a final report."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("awaiting the province's recommendation")
        RECOMMENDED = "recommended", _("awaiting the 计财司's evaluation")
        EVALUATED = "evaluated", _("awaiting publication")
        IMPLEMENTING = "implementing", _("being implemented")
        REPORTED = "reported", _("final report under review")
        COMPLETED = "completed", _("completed")
        NOT_SELECTED = "not_selected", _("not selected")

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    title = models.CharField(_("project title"), max_length=200)
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    province = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("province"))
    applicant = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("applying bureau"))
    products = models.ManyToManyField(ProtectedProduct, blank=True, related_name="+", verbose_name=_("GI products"))
    summary = models.TextField(_("aims and content"))
    budget = models.DecimalField(_("budget (10,000 yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = FSMField(_("status"), default=Status.APPLIED, choices=Status.choices, protected=True)
    recommendation = models.TextField(_("the province's opinion"), blank=True)
    evaluation = models.TextField(_("the 计财司's evaluation"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    final_report = models.TextField(_("final report"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("rural revitalisation project")
        verbose_name_plural = _("rural revitalisation projects")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("rural:project", args=[self.pk])

    # The transitions: the only place status changes; the services call them.

    @transition(field=status, source=Status.APPLIED, target=Status.RECOMMENDED)
    def recommend(self) -> None:
        pass

    @transition(field=status, source=[Status.APPLIED, Status.RECOMMENDED, Status.EVALUATED], target=Status.NOT_SELECTED)
    def decline(self) -> None:
        pass

    @transition(field=status, source=Status.RECOMMENDED, target=Status.EVALUATED)
    def pass_evaluation(self) -> None:
        pass

    @transition(field=status, source=Status.EVALUATED, target=Status.RECOMMENDED)
    def evaluate_again(self) -> None:
        """The lead of 计财司 did not publish the evaluation: its staff look at it again."""

    @transition(field=status, source=Status.EVALUATED, target=Status.IMPLEMENTING)
    def publish(self) -> None:
        pass

    @transition(field=status, source=Status.IMPLEMENTING, target=Status.REPORTED)
    def submit_final_report(self) -> None:
        pass

    @transition(field=status, source=Status.REPORTED, target=Status.IMPLEMENTING)
    def return_final_report(self) -> None:
        pass

    @transition(field=status, source=Status.REPORTED, target=Status.COMPLETED)
    def complete(self) -> None:
        pass


class EffectReport(models.Model):
    """What the GI work achieved in a region over a period (periods of a region do not overlap, so
    the statistics form may add them up)."""

    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    reporter = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("reporting bureau"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    people_reached = models.PositiveIntegerField(_("people reached"))
    households_reached = models.PositiveIntegerField(_("households reached"))
    poor_employed = models.PositiveIntegerField(_("poor people employed"))
    income_per_capita = models.DecimalField(
        _("per-capita income (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    gi_output = models.DecimalField(_("GI product output (10,000 yuan)"), max_digits=14, decimal_places=2)
    online_sales = models.DecimalField(_("online sales (10,000 yuan)"), max_digits=14, decimal_places=2)
    note = models.TextField(_("remarks"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "region__code"]
        verbose_name = _("effect report")
        verbose_name_plural = _("effect reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="effect_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region.name} {self.period_start.isoformat()}–{self.period_end.isoformat()}"


class Material(StoredFile):
    """A file of a measure (photos, sign-in sheets) or of a project (application, final report)."""

    measure = models.ForeignKey(Measure, models.PROTECT, null=True, blank=True, related_name="materials")
    project = models.ForeignKey(Project, models.PROTECT, null=True, blank=True, related_name="materials")
    file = models.FileField(_("file"), upload_to=RandomUploadPath("rural"), max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__isnull=True, project__isnull=False)
                | models.Q(measure__isnull=False, project__isnull=True),
                name="material_of_one_record",
            )
        ]
