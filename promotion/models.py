"""The promotion programme's records (DOMAIN.md §9): publicity and training activities, media
reports, the work plans (工作方案) of the bureaus, and the product pages the province submits to
its section (地方馆) of the national GI site. The statistics form counts them (statistics_figures.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from cases.models import ProtectedProduct
from cases.uploads import RandomUploadPath
from organizations.models import Department, Region


class Recorded(models.Model):
    """Who entered a record, for which bureau: a bureau records only inside its own region."""

    bureau = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("bureau"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


class ActivityKind(models.TextChoices):
    PUBLICITY = "publicity", _("publicity")
    TRAINING = "training", _("training")
    EXHIBITION = "exhibition", _("exhibition or fair")
    FORUM = "forum", _("forum or seminar")
    OTHER = "other", _("other activity")


class PublicityActivity(Recorded):
    name = models.CharField(_("name of the activity"), max_length=200)
    kind = models.CharField(_("kind of activity"), max_length=20, choices=ActivityKind.choices)
    held_on = models.DateField(_("held on"))
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    products = models.ManyToManyField(
        ProtectedProduct, blank=True, related_name="+", verbose_name=_("GI products concerned")
    )
    description = models.TextField(_("description"), blank=True, max_length=4000)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("publicity or training activity")
        verbose_name_plural = _("publicity and training activities")

    def __str__(self) -> str:
        return self.name


class MediaLevel(models.TextChoices):
    # The form counts them apart: 中央媒体报道篇数, 地方媒体报道篇数.
    CENTRAL = "central", _("central media")
    LOCAL = "local", _("local media")


class MediaReport(Recorded):
    title = models.CharField(_("title"), max_length=300)
    outlet = models.CharField(_("outlet"), max_length=100)
    level = models.CharField(_("central or local media"), max_length=10, choices=MediaLevel.choices)
    published_on = models.DateField(_("published on"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("media report")
        verbose_name_plural = _("media reports")

    def __str__(self) -> str:
        return self.title


class WorkPlan(Recorded):
    """A bureau's 工作方案: its level is its bureau's (province, city or county)."""

    title = models.CharField(_("title"), max_length=200)
    adopted_on = models.DateField(_("adopted on"))
    covers_from = models.DateField(_("covers from"))
    covers_to = models.DateField(_("covers to"))
    document = models.FileField(_("document"), upload_to=RandomUploadPath("plans"), max_length=200)
    original_name = models.CharField(max_length=200, editable=False)
    file_type = models.CharField(max_length=10, editable=False)
    size = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.CheckConstraint(condition=models.Q(covers_to__gte=models.F("covers_from")), name="plan_period_order")
        ]

    def __str__(self) -> str:
        return self.title


class SitePage(ConcurrentTransitionMixin, models.Model):
    """A product's page submitted for the province's section (地方馆) of the national GI site.

    The current mark users are not typed: the national site shows them from the register.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        RETURNED = "returned", _("returned for correction")
        REVIEWED = "reviewed", _("reviewed, awaiting publication")
        PUBLISHED = "published", _("published on the national site")

    EDITABLE_STATES = (Status.RETURNED,)

    reference = models.CharField(_("reference"), max_length=30, unique=True, editable=False)
    product = models.ForeignKey(ProtectedProduct, models.PROTECT, related_name="+", verbose_name=_("GI product"))
    province = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("province"))
    bureau = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("submitting bureau"))
    natural_background = models.TextField(_("natural background"), max_length=4000)
    cultural_background = models.TextField(_("cultural background"), max_length=4000)
    area_description = models.TextField(_("protected area"), max_length=4000)
    standard = models.CharField(_("product standard"), max_length=200)
    testing_body = models.CharField(_("testing body"), max_length=200)
    status = FSMField(_("status"), default=Status.SUBMITTED, choices=Status.choices, protected=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", editable=False)
    # The first submission dates the item for the form (信息提交数量); a correction does not count again.
    submitted_at = models.DateTimeField(_("submitted at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("national site page")
        verbose_name_plural = _("national site pages")

    def __str__(self) -> str:
        return f"{self.reference} {self.product.name}"

    def get_absolute_url(self) -> str:
        return reverse("promotion:site_page", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES

    # The transitions: the only place status changes; the services call them.

    @transition(field=status, source=Status.SUBMITTED, target=Status.REVIEWED)
    def pass_review(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_for_correction(self) -> None:
        pass

    @transition(field=status, source=Status.RETURNED, target=Status.SUBMITTED)
    def resubmit(self) -> None:
        pass

    @transition(field=status, source=Status.REVIEWED, target=Status.PUBLISHED)
    def publish(self) -> None:
        pass

    @transition(field=status, source=Status.REVIEWED, target=Status.RETURNED)
    def withhold(self) -> None:
        """The publisher found something the review missed: back to the province with a reason."""
