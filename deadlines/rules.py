"""Every legal time limit in one table (docs/domain.md §2–§5). Flows refer to rules by code."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class PeriodKind:
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    CALENDAR_MONTHS = "calendar_months"

    choices = [
        (WORKING_DAYS, _("working days")),
        (CALENDAR_DAYS, _("calendar days")),
        (CALENDAR_MONTHS, _("calendar months")),
    ]


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    kind: str
    amount: int
    label: Promise  # shown to users, e.g. "初审 ≤ 30 个工作日"
    reminders: tuple[int, ...] = (3, 1)  # working days before the due date
    pausable: bool = False


RULES: dict[str, DeadlineRule] = {
    rule.code: rule
    for rule in [
        # Product protection applications (§2)
        DeadlineRule(
            "application.preliminary_examination",
            PeriodKind.WORKING_DAYS,
            30,
            _("Preliminary examination ≤ 30 working days"),
        ),
        DeadlineRule(
            "application.formal_examination",
            PeriodKind.WORKING_DAYS,
            30,
            _("Formal examination (defect notice) ≤ 30 working days"),
        ),
        DeadlineRule(
            "application.objection_window",
            PeriodKind.CALENDAR_MONTHS,
            2,
            _("Objection window: 2 months from the announcement"),
            reminders=(),
        ),
        DeadlineRule(
            "application.supplement",
            PeriodKind.WORKING_DAYS,
            30,
            _("Supplement (补正) by the applicant ≤ 30 working days"),
        ),
        # Self-declarations (§3), design choices
        DeadlineRule(
            "declaration.in_process_check",
            PeriodKind.WORKING_DAYS,
            20,
            _("In-process check of a new declaration ≤ 20 working days"),
        ),
        DeadlineRule("declaration.rectification", PeriodKind.CALENDAR_DAYS, 30, _("Rectification within 30 days")),
        DeadlineRule(
            "declaration.supervision_check", PeriodKind.WORKING_DAYS, 20, _("Supervision check ≤ 20 working days")
        ),
        # Enforcement cases (§4)
        DeadlineRule(
            "enforcement.verification",
            PeriodKind.WORKING_DAYS,
            15,
            _("Verification of a clue ≤ 15 working days (+15 with the lead's approval)"),
            pausable=True,
        ),
        DeadlineRule(
            "enforcement.evidence_follow_up",
            PeriodKind.WORKING_DAYS,
            7,
            _("Follow-up of evidence preservation ≤ 7 working days"),
        ),
        DeadlineRule("enforcement.seizure", PeriodKind.CALENDAR_DAYS, 30, _("Seizure ≤ 30 days (+30)")),
        DeadlineRule("enforcement.review", PeriodKind.WORKING_DAYS, 10, _("Case review ≤ 10 working days")),
        DeadlineRule(
            "enforcement.defence",
            PeriodKind.WORKING_DAYS,
            5,
            _("Statement of defence or hearing request ≤ 5 working days"),
            reminders=(1,),
        ),
        DeadlineRule("enforcement.service", PeriodKind.WORKING_DAYS, 7, _("Service of the decision ≤ 7 working days")),
        DeadlineRule("enforcement.payment", PeriodKind.CALENDAR_DAYS, 15, _("Payment of the fine within 15 days")),
        DeadlineRule(
            "enforcement.closure", PeriodKind.WORKING_DAYS, 15, _("Closure ≤ 15 working days after execution")
        ),
        DeadlineRule(
            "enforcement.case",
            PeriodKind.CALENDAR_DAYS,
            90,
            _("Case decided within 90 days of filing (+30 with the lead's approval)"),
            reminders=(10, 3),
            pausable=True,
        ),
        # EU–China agreement (§9, design): a second-batch name is published for objections for 2 months.
        DeadlineRule(
            "agreement.objection_window",
            PeriodKind.CALENDAR_MONTHS,
            2,
            _("Objections to an EU–China agreement name: 2 months from publication"),
            reminders=(),
        ),
        # Statistics form (§6): the clock is started so that it falls due on the period's date.
        DeadlineRule(
            "statistics.report",
            PeriodKind.CALENDAR_DAYS,
            30,
            _("Statistics report by 30 July, 30 September or 30 December"),
            reminders=(10, 3),
        ),
        # Rural revitalisation (§9): a published project is implemented within two years, then
        # closed by its final report (docs/adr/0053).
        DeadlineRule(
            "rural.implementation",
            PeriodKind.CALENDAR_MONTHS,
            24,
            _("Project implemented and reported within 2 years of publication"),
            reminders=(10, 3),
        ),
    ]
}


def rule(code: str) -> DeadlineRule:
    try:
        return RULES[code]
    except KeyError:
        raise KeyError(f"unknown deadline rule {code!r}; add it to deadlines/rules.py") from None
