"""The statistics report of a province for one reporting period, and the frozen copies of it
that were submitted (docs/adr/0015)."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from organizations.models import Department, Region


class Period(models.IntegerChoices):
    # The 2016 plan's stage reports are due 30 July, 30 September and 30 December.
    JULY = 1, _("stage report due 30 July")
    SEPTEMBER = 2, _("stage report due 30 September")
    DECEMBER = 3, _("annual report due 30 December")


DUE_DAYS = {Period.JULY: (7, 30), Period.SEPTEMBER: (9, 30), Period.DECEMBER: (12, 30)}


def period_due(year: int, period: int) -> datetime.date:
    month, day = DUE_DAYS[Period(period)]
    return datetime.date(year, month, day)


def period_window(year: int, period: int) -> tuple[datetime.date, datetime.date]:
    """Figures are cumulative from 1 January (stage reports of the year); the last covers the whole year."""
    end = datetime.date(year, 12, 31) if period == Period.DECEMBER else period_due(year, period)
    return datetime.date(year, 1, 1), end


class StatisticsReport(ConcurrentTransitionMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AWAITING_APPROVAL = "awaiting_approval", _("awaiting the lead's approval")
        SUBMITTED = "submitted", _("submitted to the 科技司")
        RETURNED = "returned", _("returned for correction")
        ACCEPTED = "accepted", _("accepted")

    # The officer may change the answers only here; from submission on the report is frozen.
    EDITABLE_STATES = (Status.DRAFT, Status.RETURNED)

    province = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Region.Level.PROVINCE},
        verbose_name=_("province"),
    )
    bureau = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name=_("reporting bureau"))
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.PositiveSmallIntegerField(_("period"), choices=Period.choices)
    status = FSMField(_("status"), default=Status.DRAFT, choices=Status.choices, protected=True)

    contact_person = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系方式", max_length=50, blank=True)
    # Row 1: work plans (the province answers yes or no, cities and counties give counts).
    plan_provincial = models.BooleanField("是否制定工作方案", null=True, blank=True)
    plan_city_count = models.PositiveIntegerField("地市局（分支局）制定方案数", null=True, blank=True)
    plan_county_count = models.PositiveIntegerField("区县制定方案数", null=True, blank=True)
    # Row 2: the three systems.
    standard_system = models.TextField("标准体系", blank=True)
    testing_system = models.TextField("检测体系", blank=True)
    quality_system = models.TextField("质量保证体系", blank=True)
    # Row 3: special-mark use (the counts come from the records, the officer may comment).
    mark_users_note = models.TextField(_("remarks on the approved enterprises"), blank=True)
    mark_printing = models.TextField("专用标志印制、发放数量及管理", blank=True)
    mark_problems = models.TextField("存在问题及原因（专用标志使用）", blank=True)
    # Row 4: supervision.
    archive_note = models.TextField(_("remarks on the product archives"), blank=True)
    supervision_note = models.TextField(_("remarks on the checks"), blank=True)
    supervision_problems = models.TextField("存在问题及原因（监督检查）", blank=True)
    # Row 5: poverty alleviation.
    poverty_measures = models.TextField("采取措施（宣贯、培训等）", blank=True)
    poverty_effects = models.TextField("产生的效果", blank=True)
    poverty_problems = models.TextField("存在问题及原因（精准扶贫）", blank=True)
    # Row 6: demonstration zones; the count feeds the national target of 5 zones.
    zone_operation = models.TextField("示范区体系建设运行情况", blank=True)
    zone_count = models.PositiveIntegerField(_("demonstration zones built this year"), null=True, blank=True)
    zone_results = models.TextField("示范区建设成效", blank=True)
    zone_problems = models.TextField("存在问题及原因（示范区）", blank=True)
    # Row 7: brand evaluation; the count feeds the brand top 50.
    brand_plan = models.BooleanField("是否有组织方案", null=True, blank=True)
    brand_count = models.PositiveIntegerField(_("products recommended for the brand evaluation"), null=True, blank=True)
    brand_categories = models.TextField("产品类别", blank=True)
    brand_problems = models.TextField("存在问题及原因（品牌评价）", blank=True)
    # Row 8: the province's page on the national GI site.
    site_submissions = models.TextField("信息提交数量及产品覆盖率", blank=True)
    site_sharing = models.TextField("开放共享使用国家地标网情况", blank=True)
    site_problems = models.TextField("存在问题及原因（地方馆）", blank=True)
    # Row 9: publicity.
    publicity_activities = models.TextField("宣传活动与名称", blank=True)
    central_media_reports = models.PositiveIntegerField("中央媒体报道篇数", null=True, blank=True)
    local_media_reports = models.PositiveIntegerField("地方媒体报道篇数", null=True, blank=True)

    stage_report = models.TextField(_("stage work report"), blank=True)

    current_snapshot = models.OneToOneField(
        "ReportSnapshot", models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    decision_comment = models.TextField(_("comment of the 科技司"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-period", "province__code"]
        verbose_name = _("statistics report")
        verbose_name_plural = _("statistics reports")
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "period"], name="one_report_per_province_period")
        ]

    def __str__(self) -> str:
        return f"{self.province.name} {self.year} {self.get_period_display()}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def due_on(self) -> datetime.date:
        return period_due(self.year, self.period)

    @property
    def window(self) -> tuple[datetime.date, datetime.date]:
        return period_window(self.year, self.period)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES

    @property
    def is_frozen(self) -> bool:
        return self.current_snapshot_id is not None

    # The transitions: the only place status changes; the services call them.

    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.AWAITING_APPROVAL)
    def submit_for_approval(self) -> None:
        pass

    @transition(field=status, source=Status.AWAITING_APPROVAL, target=Status.DRAFT)
    def send_back(self) -> None:
        """The lead did not approve: the officer corrects the draft."""

    @transition(field=status, source=Status.AWAITING_APPROVAL, target=Status.SUBMITTED)
    def approve(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.ACCEPTED)
    def accept(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_for_correction(self) -> None:
        pass


class ReportSnapshot(models.Model):
    """Every figure and answer of a report as it was submitted; never changed afterwards."""

    report = models.ForeignKey(StatisticsReport, models.PROTECT, related_name="snapshots")
    number = models.PositiveSmallIntegerField(_("submission"))
    content = models.JSONField(_("content"))
    sha256 = models.CharField(max_length=64)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_snapshot_number_per_report")]

    def __str__(self) -> str:
        return f"{self.report} #{self.number}"
