"""The special-mark jobs the worker runs (added to workflows.jobs.JOBS by MarksConfig.ready)."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cases.models import Declaration, UsageReport

from .models import UsageReportDue
from .non_use import open_non_use_checks
from .notices import tell_usage_report_due

# *(design)* A year's usage report is due on 31 March of the next year; producers are reminded
# from REMINDER_DAYS calendar days before, once (ADR 0055).
DUE_MONTH, DUE_DAY = 3, 31
REMINDER_DAYS = 14


def usage_report_due_on(year: int) -> datetime.date:
    return datetime.date(year + 1, DUE_MONTH, DUE_DAY)


def create_usage_report_dues(today: datetime.date) -> int:
    """The last year's due for every declaration that authorised the mark during it; idempotent."""
    year = today.year - 1
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    declarations = (
        Declaration.objects.filter(declared_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start))
        .exclude(status=Declaration.Status.DRAFT)
        .exclude(Exists(UsageReportDue.objects.filter(declaration=OuterRef("pk"), year=year)))
        .values_list("pk", flat=True)
    )
    due_on = usage_report_due_on(year)
    created = UsageReportDue.objects.bulk_create(
        [UsageReportDue(declaration_id=pk, year=year, due_on=due_on) for pk in declarations.iterator()],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(created)


def remind_usage_reports(today: datetime.date | None = None, batch: int = 500) -> int:
    """Create the dues, then remind each producer whose report is due within REMINDER_DAYS, once."""
    today = today or timezone.localdate()
    create_usage_report_dues(today)
    filed = UsageReport.objects.filter(declaration_id=OuterRef("declaration_id"), year=OuterRef("year"))
    reminded = 0
    with transaction.atomic():
        dues = (
            UsageReportDue.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                reminded_at__isnull=True, due_on__gte=today, due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS)
            )
            .exclude(Exists(filed))
            .select_related("declaration__product")
            .order_by("due_on", "pk")[:batch]
        )
        for due in dues:
            tell_usage_report_due(due)
            due.reminded_at = timezone.now()
            due.save(update_fields=["reminded_at"])
            reminded += 1
    return reminded


__all__ = ["open_non_use_checks", "remind_usage_reports"]
