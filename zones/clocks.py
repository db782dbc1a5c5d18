"""The zones' two clocks, added to deadlines.rules by this app's ready() (the rules table is the
deadlines app's; the zone rules belong to this app, ADR 0050). The worker's check_deadlines
reminds and escalates them like every other clock."""

import datetime

from django.utils.translation import gettext_lazy as _

from deadlines.rules import RULES, DeadlineRule, PeriodKind

DRAFT_LIST = "zone.draft_list"
ANNUAL_REPORT = "zone.annual_report"
# The annual report's clock starts this many days before 31 December, so that it falls due on it.
ANNUAL_REPORT_DAYS = 30

ZONE_RULES = (
    DeadlineRule(
        DRAFT_LIST,
        PeriodKind.WORKING_DAYS,
        30,
        _("Draft list of demonstration zones published for 30 working days"),
        reminders=(),
    ),
    DeadlineRule(
        ANNUAL_REPORT,
        PeriodKind.CALENDAR_DAYS,
        ANNUAL_REPORT_DAYS,
        _("Annual report of a demonstration zone by 31 December"),
        reminders=(10, 3),
    ),
)


def register_rules() -> None:
    for zone_rule in ZONE_RULES:
        RULES.setdefault(zone_rule.code, zone_rule)


def annual_report_start(year: int) -> datetime.date:
    return datetime.date(year, 12, 31) - datetime.timedelta(days=ANNUAL_REPORT_DAYS)


def first_report_year(approved_on: datetime.date) -> int:
    """A zone approved in December reports first the next year: a month is too short for a report."""
    return approved_on.year + 1 if approved_on.month == 12 else approved_on.year
