"""Every rule of workflows.eligibility, both sides: the person it refuses is not offered the task in
any list and can neither take nor complete it; the person it allows sees it everywhere and
completes it. The rules come from the registry and their cases from eligibility_scenarios, so a
new rule is checked here without editing this file (and fails here until it has a scenario)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.workflows.eligibility_scenarios import SCENARIOS
from workflows.eligibility import RULES, rules_for
from workflows.next_step import task_candidates
from workflows.task_actions import task_assign, task_complete, tasks_of

pytestmark = pytest.mark.django_db

RULE_NAMES = [rule.name for rule in RULES]


def test_every_rule_has_a_scenario():
    assert set(RULE_NAMES) <= set(SCENARIOS), f"rules without a scenario: {set(RULE_NAMES) - set(SCENARIOS)}"


def _lists(user, task) -> dict[str, bool]:
    """Whether each list shows the task to the user (viewflow's own lists left the staff path: ADR 0037)."""
    client = Client()
    client.force_login(user)
    shown = {}
    api = client.get("/api/tasks/")
    assert api.status_code == 200
    shown["api"] = task.pk in [row["id"] for row in api.json()["results"]]
    shown["tasks_of"] = tasks_of(user).filter(pk=task.pk).exists()
    # 我的工作 checks its few candidates row by row (the rules' refused_tasks_row_by_row).
    my_work = client.get("/work/")
    assert my_work.status_code == 200
    shown["my work"] = task.pk in [row.task.pk for row in my_work.context["rows"]]
    return shown


def _fresh(task) -> Task:
    return Task.objects.select_related("process", "owner").get(pk=task.pk)


@pytest.mark.parametrize("name", RULE_NAMES)
def test_the_refused_person_is_not_offered_the_task(name):
    scenario = SCENARIOS[name]()
    (rule,) = [rule for rule in RULES if rule.name == name]
    task, refused = _fresh(scenario.task), scenario.refused
    assert rule in rules_for(task.flow_task)
    assert not rule.allows(refused, task), "the scenario's refused person passes the rule"

    assert not any(_lists(refused, task).values()), _lists(refused, task)
    assert not task.flow_task.can_assign(refused, task)
    assert refused not in task_candidates(task)
    with pytest.raises(PermissionDenied):
        task_assign(actor=refused, task=task)

    # Given the task anyway (as an administrator might), they still cannot complete it, and their
    # inbox does not offer it.
    Task.objects.filter(pk=task.pk).update(owner=refused, status=STATUS.ASSIGNED)
    task = _fresh(task)
    assert not task.flow_task.can_execute(refused, task)
    assert not _lists(refused, task)["my work"]
    with pytest.raises(PermissionDenied):
        task_complete(actor=refused, task=task, data=scenario.data)
    assert _fresh(task).status == STATUS.ASSIGNED


@pytest.mark.parametrize("name", RULE_NAMES)
def test_the_allowed_person_sees_and_completes_the_task(name):
    scenario = SCENARIOS[name]()
    task, allowed = _fresh(scenario.task), scenario.allowed
    assert task.flow_task.can_assign(allowed, task)
    assert allowed in task_candidates(task)
    shown = _lists(allowed, task)
    assert all(shown.values()), shown

    task_assign(actor=allowed, task=task)
    task = _fresh(task)
    assert task.flow_task.can_execute(allowed, task)
    assert _lists(allowed, task)["my work"]
    task_complete(actor=allowed, task=task, data=scenario.data)
    assert _fresh(task).status == STATUS.DONE
