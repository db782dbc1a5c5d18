"""Deadlines tied to a case and to the task that must meet them; the official working-day calendar."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from .rules import RULES, PeriodKind


class CalendarYear(models.Model):
    """A year whose official holidays and make-up working days were entered by an administrator."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(
        _("source"), max_length=300, help_text=_("e.g. 国务院办公厅关于2027年部分节假日安排的通知")
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("official calendar year")
        verbose_name_plural = _("official calendar years")

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day that differs from Monday–Friday: a holiday on a weekday, or a make-up working weekend day."""

    calendar_year = models.ForeignKey(CalendarYear, models.CASCADE, related_name="days")
    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=50, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date} {'班' if self.is_working_day else '休'} {self.name}"


class Deadline(models.Model):
    class State(models.TextChoices):
        RUNNING = "running", _("running")
        PAUSED = "paused", _("paused")
        MET = "met", _("met")
        OVERDUE = "overdue", _("overdue")
        CANCELLED = "cancelled", _("cancelled")

    rule_code = models.CharField(_("rule"), max_length=60, choices=[(code, r.label) for code, r in RULES.items()])
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    target_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(_("case"), max_length=200)
    task = models.ForeignKey(
        "viewflow.Task", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("task")
    )
    department = models.ForeignKey(
        "organizations.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("responsible body"),
    )
    queue_role = models.CharField(
        _("queue role"),
        max_length=20,
        default="staff",
        help_text=_("Members of the responsible body with this role are reminded while no one is assigned."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("assignee")
    )
    started_on = models.DateField(_("started on"))
    # The due date is computed from (anchor_on, anchor_amount) with the calendar, so it can be
    # recomputed when a year's official days are entered; a resume moves the anchor.
    anchor_on = models.DateField()
    anchor_amount = models.PositiveIntegerField()
    due_on = models.DateField(_("due on"), db_index=True)
    provisional = models.BooleanField(
        _("provisional"), default=False, help_text=_("Computed without the official calendar of a year.")
    )
    extended_by = models.PositiveIntegerField(_("extended by"), default=0)
    paused_on = models.DateField(_("paused on"), null=True, blank=True)
    state = FSMField(_("state"), default=State.RUNNING, choices=State.choices, protected=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="deadline_target_idx"),
            models.Index(fields=["state", "due_on"], name="deadline_state_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.label} · {self.target_label} · {self.due_on}"

    @property
    def rule(self):
        return RULES[self.rule_code]

    @property
    def rule_label(self):
        return self.rule.label

    @property
    def target(self):
        return self.target_type.get_object_for_this_type(pk=self.target_id)

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.RUNNING, self.State.PAUSED, self.State.OVERDUE)

    @transition(field=state, source=State.RUNNING, target=State.PAUSED)
    def pause(self) -> None:
        pass

    @transition(field=state, source=State.PAUSED, target=State.RUNNING)
    def resume(self) -> None:
        pass

    @transition(field=state, source=[State.RUNNING, State.OVERDUE], target=State.MET)
    def meet(self) -> None:
        pass

    @transition(field=state, source=State.RUNNING, target=State.OVERDUE)
    def become_overdue(self) -> None:
        pass

    @transition(field=state, source=State.OVERDUE, target=State.RUNNING)
    def reopen(self) -> None:
        """An extension moved the due date into the future again."""

    @transition(field=state, source=[State.RUNNING, State.PAUSED, State.OVERDUE], target=State.CANCELLED)
    def cancel(self) -> None:
        pass


class DeadlineAlert(models.Model):
    """A reminder or escalation that was sent: each at most once per deadline and due date."""

    deadline = models.ForeignKey(Deadline, models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=30)  # "reminder-3", "reminder-1", "escalation"
    due_on = models.DateField()  # a reminder is due again after an extension moves the date
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["deadline", "kind", "due_on"], name="one_alert_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.deadline_id}"
