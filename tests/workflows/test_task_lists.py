"""The staff inbox, queue and archive: their task filter names the flows' tasks without reading the table."""

import pytest
from django.test import Client
from django.utils import translation
from viewflow.workflow.models import Task

from accounts.models import User
from bench.seed_volume import Seeder, Volume
from workflows.declarations.flows import DeclarationFlow
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.task_lists import human_task_choices

pytestmark = pytest.mark.django_db

IN_PROCESS_CHECK = "workflows/declarations.flows.DeclarationFlow.in_process_check"


def test_the_choices_are_every_human_task_of_the_flows_by_its_title():
    with translation.override("en"):
        choices = dict(human_task_choices([DeclarationFlow, EnforcementCaseFlow]))

    assert choices[IN_PROCESS_CHECK] == "Self-declaration · In-process check"
    assert "workflows/enforcement.flows.EnforcementCaseFlow.decide" in choices
    assert not any(ref.endswith((".start", ".end", ".route_check")) for ref in choices)


def test_the_queue_filters_by_task_and_offers_tasks_not_in_the_list():
    Seeder(Volume(tasks=1_000), seed=3, focus_share=0.5, open_share=0.2).run()
    client = Client()
    client.force_login(User.objects.get(username="bench.staff"))
    mine = Task.objects.queue([DeclarationFlow, EnforcementCaseFlow], User.objects.get(username="bench.staff"))
    checks = [task for task in mine if task.flow_task == DeclarationFlow.in_process_check]
    others = [task for task in mine if task.flow_task != DeclarationFlow.in_process_check]
    assert checks and others

    page = client.get("/staff/workflow/queue/").content.decode()
    assert IN_PROCESS_CHECK in page and "事中核查" in page
    assert "workflows/applications.flows.ApplicationFlow.formal_examination" in page  # offered, none queued

    page = client.get(f"/staff/workflow/queue/?flow_task={IN_PROCESS_CHECK}").content.decode()
    assert f"#{checks[0].process_id}/{checks[0].pk}" in page
    assert f"#{others[0].process_id}/{others[0].pk}" not in page
