"""Who acts next, on the case pages: the step's title, the people who may act (not those a rule
refuses), the due date, at a bounded cost."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from organizations.models import Role
from tests.factories import make_member
from tests.factories.enforcement import BUREAU
from tests.workflows.eligibility_scenarios import officer_does_not_review_own_case
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.next_step import MAX_CANDIDATES, next_steps, task_candidates

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    match = re.search(r'<section class="next-step[^"]*">(.*?)</section>', html, re.S)
    assert match, "no next-step panel"
    return match.group(1)


def _handlers(panel: str) -> list[str]:
    lists = re.findall(r'<ul class="next-step-handlers">(.*?)</ul>', panel, re.S)
    return [re.sub(r"\s+", " ", item).strip() for block in lists for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_the_case_page_names_the_step_who_may_take_it_and_the_due_date():
    scenario = officer_does_not_review_own_case()
    task = scenario.task
    client = Client()
    client.force_login(scenario.allowed)
    with translation.override("zh-hans"):
        title = str(EnforcementCaseFlow.review.task_title)
        panel = _panel(client.get(f"/enforcement/{task.process.artifact_object_id}/").content.decode())

    assert re.search(rf'class="next-step-task">{re.escape(title)}<', panel)
    assert "review" not in panel  # the node's code never shows
    handlers = _handlers(panel)
    assert any(scenario.allowed.get_full_name() in handler for handler in handlers)
    assert not any(scenario.refused.get_full_name() in handler for handler in handlers)  # the officer
    (step,) = next_steps(process=task.process)
    assert step.due_on is not None and step.due_on.isoformat() in panel


def test_an_assigned_task_names_its_handler_only():
    scenario = officer_does_not_review_own_case()
    from workflows.task_actions import task_assign

    task_assign(actor=scenario.allowed, task=scenario.task)
    (step,) = next_steps(process=scenario.task.process)
    assert step.assigned and [handler.user for handler in step.handlers] == [scenario.allowed]


def _panel_queries(process) -> int:
    with CaptureQueriesContext(connection) as queries:
        next_steps(process=process)
    return len(queries)


def test_the_panel_costs_a_bounded_number_of_queries():
    scenario = officer_does_not_review_own_case()
    process = scenario.task.process
    _panel_queries(process)  # content types and the like, once per process
    few = _panel_queries(process)
    for _ in range(MAX_CANDIDATES + 4):
        make_member(BUREAU, Role.STAFF)
    many = _panel_queries(process)
    people = task_candidates(scenario.task)
    assert len(people) == MAX_CANDIDATES + 1  # the panel names MAX_CANDIDATES and says there are more
    # Tasks, clocks, candidates and their bureaus: four queries; seeing the case is asked of each
    # named person (one query each), never of more than MAX_CANDIDATES + 1.
    assert few <= 4 + 2 and many <= 4 + MAX_CANDIDATES + 1, (few, many)


def test_a_correction_awaited_from_the_producer_names_the_enterprise_people(client):
    """Between a request for correction and the producer's answer the case is not stalled: the
    panel names the enterprise's accounts (who answer in the portal), on the staff page too."""
    from tests.workflows.test_declaration_flow import complete, publish
    from workflows.declarations.flows import DeclarationFlow

    producer, declaration = publish()
    staff = make_member("AMR-330106", Role.STAFF)
    (step,) = next_steps(declaration)
    complete(client, staff, step.task, {"outcome": "correction", "comment": "标签缺少专用标志编号"})

    (step,) = next_steps(declaration)
    assert step.task.flow_task == DeclarationFlow.await_correction and step.in_portal
    assert [handler.user for handler in step.handlers] == [producer]
    with translation.override("zh-hans"):
        panel = _panel(client.get(f"/staff/workflow/flows/declaration/{step.task.process_id}/").content.decode())
        assert str(DeclarationFlow.await_correction.task_title) in panel
    (handler,) = _handlers(panel)
    assert producer.get_full_name() in handler and declaration.enterprise.name in handler
