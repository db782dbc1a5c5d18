"""The two-year rule: a declaration under which the mark was not used for two years is checked
(CNIPA announcement No. 354; DOMAIN.md §3, §9; ADR 0055).

Use is any of: a usage report that reports marked sales or printed labels (counted at the end of
its year), marks issued by the bureau under the declaration (on the day issued). A declaration
never used counts from the day it was declared. Each last-use date opens at most one check
(NonUseReview is unique on it): run twice the same day, or every day after, nothing repeats; a
new use followed by two more silent years opens a new one.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from cases.models import Declaration, UsageReport
from workflows.supervision.actions import open_non_use_check

from .models import MarkIssue, NonUseReview

logger = logging.getLogger("terroir.worker")

YEARS_WITHOUT_USE = 2


def years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def last_use_on(
    declared_on: datetime.date, last_issue: datetime.date | None, last_report_year: int | None
) -> datetime.date:
    dates = [declared_on]
    if last_issue is not None:
        dates.append(last_issue)
    if last_report_year is not None:
        dates.append(datetime.date(last_report_year, 12, 31))
    return max(dates)


def unused_declarations(today: datetime.date) -> list[tuple[Declaration, datetime.date]]:
    """Published declarations unused for two years whose last use has not opened a check yet."""
    cutoff = years_later(today, -YEARS_WITHOUT_USE)
    used_reports = UsageReport.objects.filter(declaration=OuterRef("pk")).filter(
        Q(marked_quantity__gt=0) | Q(labels_printed__gt=0)
    )
    issues = MarkIssue.objects.filter(declaration=OuterRef("pk"))
    candidates = (
        Declaration.objects.filter(status=Declaration.Status.PUBLISHED, declared_at__date__lte=cutoff)
        .annotate(
            last_issue=Subquery(issues.order_by().values("declaration").annotate(m=Max("issued_on")).values("m")),
            last_report_year=Subquery(
                used_reports.order_by().values("declaration").annotate(m=Max("year")).values("m")
            ),
        )
        .order_by("pk")
    )
    found = []
    for declaration in candidates:
        last = last_use_on(
            timezone.localdate(declaration.declared_at), declaration.last_issue, declaration.last_report_year
        )
        if last <= cutoff:
            found.append((declaration, last))
    done = set(
        NonUseReview.objects.filter(declaration_id__in=[d.pk for d, _last in found]).values_list(
            "declaration_id", "last_use_on"
        )
    )
    return [(declaration, last) for declaration, last in found if (declaration.pk, last) not in done]


def open_non_use_checks(today: datetime.date | None = None) -> int:
    """Worker job, once a day: open a supervision check for each newly unused declaration."""
    today = today or timezone.localdate()
    opened = 0
    for declaration, last in unused_declarations(today):
        try:
            with transaction.atomic():
                check = open_non_use_check(declaration=declaration, last_use_on=last)
                NonUseReview.objects.create(declaration=declaration, last_use_on=last, supervision_check=check)
        except (ValidationError, TransitionNotAllowed, IntegrityError):
            # No two free inspectors, or the declaration changed meanwhile: tried again tomorrow.
            logger.exception("non-use check for declaration %s not opened; tried again next run", declaration.pk)
            continue
        opened += 1
    return opened
