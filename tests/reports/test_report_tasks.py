"""The statistics report's tasks done through their pages: after each step the report's status
and the process's open task agree (the service tests call the services directly)."""

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from reports.actions import submit_report
from reports.flows import StatisticsReportFlow
from reports.models import StatisticsReport
from reports.services import report_update

from .conftest import ANSWERS

# Figures count the records of the year: a fixed day of 2026 (conftest.YEAR).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]


def open_tasks(report):
    return list(
        Task.objects.filter(process__artifact_object_id=report.pk, process__flow_class=StatisticsReportFlow)
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .exclude(flow_task_type="END")
    )


def agree(report, status, task_name):
    report = StatisticsReport.objects.get(pk=report.pk)
    assert report.status == status
    tasks = open_tasks(report)
    assert [task.flow_task.name for task in tasks] == ([task_name] if task_name else [])
    return tasks[0] if tasks else None


def complete(client, user, task, data, expect=302):
    client.force_login(user)
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code == 302
    response = client.post(task.flow_task.reverse("execute", args=[task.process_id, task.pk]), data)
    assert response.status_code == expect, response.content.decode()[:2000]
    return response


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
