"""The door of the statistics report (docs/architecture.md): pages, task views, the API and the
demo change a report only through these functions; each runs in one transaction with the
service's audit event, and starts or advances the report's flow where the change calls for it."""

from django.db import transaction

from accounts.models import User

# The module, not the class: flows imports the task views, which import these actions.
from . import flows
from .models import StatisticsReport
from .services import report_lead_decide, report_national_decide, report_submit, report_update


def update_report(*, actor: User, report: StatisticsReport, answers: dict) -> StatisticsReport:
    """Save a draft's answers (the report stays with its officer; no flow yet)."""
    return report_update(actor=actor, report=report, answers=answers)


@transaction.atomic
def submit_report(*, actor: User, report: StatisticsReport) -> StatisticsReport:
    """Freeze the report and put it in the lead's inbox, in one transaction."""
    report = report_submit(actor=actor, report=report)
    flows.StatisticsReportFlow.start.run(report=report)
    return report


def decide_as_lead(*, actor: User, report: StatisticsReport, approve: bool, comment: str = "") -> StatisticsReport:
    return report_lead_decide(actor=actor, report=report, approve=approve, comment=comment)


def decide_as_national_reviewer(
    *, actor: User, report: StatisticsReport, accept: bool, comment: str = ""
) -> StatisticsReport:
    return report_national_decide(actor=actor, report=report, accept=accept, comment=comment)
