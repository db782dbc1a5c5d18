"""The statistics report's tasks done through their pages: after each step the report's status
and the process's open task agree (the service tests call the services directly)."""

from functools import partial

import pytest

from reports.actions import submit_report
from reports.flows import StatisticsReportFlow
from reports.models import StatisticsReport
from reports.services import report_update
from tests import flows

from .conftest import ANSWERS

# Figures count the records of the year: a fixed day of 2026 (conftest.YEAR).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]

agree = partial(flows.agree, StatisticsReportFlow, process_status=None)  # a returned report starts a new process
complete = flows.complete


def test_lead_approves_and_the_kjs_returns_then_accepts_through_the_task_pages(client, province):
    report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    report = submit_report(actor=province.officer, report=province.report)
    task = agree(report, StatisticsReport.Status.AWAITING_APPROVAL, "approve")
    complete(client, province.lead, task, {"approve": "yes"})
    task = agree(report, StatisticsReport.Status.SUBMITTED, "review")
    # Returning needs a reason: the page says so and nothing moves.
    complete(client, province.kjs_staff, task, {"approve": "no", "comment": ""}, expect=200)
    task = agree(report, StatisticsReport.Status.SUBMITTED, "review")
    client.force_login(province.kjs_staff)
    response = client.post(
        task.flow_task.reverse("execute", args=[task.process_id, task.pk]), {"approve": "no", "comment": "扶贫数据缺失"}
    )
    assert response.status_code == 302
    agree(report, StatisticsReport.Status.RETURNED, None)

    report = report_update(actor=province.officer, report=report, answers={"poverty_effects": "带动增收"})
    report = submit_report(actor=province.officer, report=report)
    complete(
        client, province.lead, agree(report, StatisticsReport.Status.AWAITING_APPROVAL, "approve"), {"approve": "yes"}
    )
    complete(client, province.kjs_staff, agree(report, StatisticsReport.Status.SUBMITTED, "review"), {"approve": "yes"})
    agree(report, StatisticsReport.Status.ACCEPTED, None)
