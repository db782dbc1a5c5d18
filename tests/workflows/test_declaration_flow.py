"""Walk every path of the declaration flow; after each step the entity and the process agree."""

from functools import partial

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS

from audit.verification import verify_audit_chain
from cases.models import Declaration
from deadlines.models import Deadline
from organizations.models import Role
from tests import flows
from tests.factories import make_member
from tests.factories.cases import draft_declaration
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db

assert_agree = partial(flows.agree, DeclarationFlow)
complete = flows.complete


@pytest.fixture
def bureau_staff():
    return make_member("AMR-330106", Role.STAFF)


@pytest.fixture
def bureau_lead():
    return make_member("AMR-330106", Role.LEAD)


def publish():
    producer, declaration = draft_declaration()
    DeclarationFlow.start.run(actor=producer, declaration=declaration, commitment_accepted=True)
    return producer, Declaration.objects.get(pk=declaration.pk)


def test_publish_opens_the_in_process_check_for_the_production_bureau(bureau_staff):
    _producer, declaration = publish()
    task = assert_agree(declaration, "published", "in_process_check")
    assert task.owner_permission == "organizations.work_as_staff"
    assert list(Task.objects.queue([DeclarationFlow], bureau_staff)) == [task]
    assert list(Task.objects.queue([DeclarationFlow], make_member("AMR-330102", Role.STAFF))) == []
    assert task.process.brief.startswith(declaration.reference)  # what the inbox and queue show
    clock = Deadline.objects.get(task=task)
    assert clock.rule_code == "declaration.in_process_check" and clock.department.code == "AMR-330106"


def test_nothing_to_correct_ends_the_flow(client, bureau_staff):
    _producer, declaration = publish()
    task = assert_agree(declaration, "published", "in_process_check")
    complete(client, bureau_staff, task, {"outcome": "ok", "comment": ""})
    assert_agree(declaration, "published", None, PROCESS.DONE)
    assert Deadline.objects.get(task=task).state == "met"
    assert verify_audit_chain().ok


def test_correction_loop_then_accepted(client, bureau_staff):
    producer, declaration = publish()
    task = assert_agree(declaration, "published", "in_process_check")
    complete(client, bureau_staff, task, {"outcome": "correction", "comment": "标签缺少专用标志编号"})
    waiting = assert_agree(declaration, "correction_requested", "await_correction")
    DeclarationFlow.await_correction.run(waiting, actor=producer, comment="已更正标签")
    task = assert_agree(declaration, "published", "in_process_check")
    complete(client, bureau_staff, task, {"outcome": "ok", "comment": ""})
    assert_agree(declaration, "published", None, PROCESS.DONE)


def test_proposed_suspension_approved_by_the_lead(client, bureau_staff, bureau_lead):
    _producer, declaration = publish()
    task = assert_agree(declaration, "published", "in_process_check")
    complete(client, bureau_staff, task, {"outcome": "propose_suspension", "comment": "生产地址不实"})
    decision = assert_agree(declaration, "published", "decide_suspension")
    # The switch routed on the declaration's own fact, not on the process data.
    assert Declaration.objects.get(pk=declaration.pk).suspension_proposed
    assert "suspension_proposed" not in (decision.process.data or {})
    assert list(Task.objects.queue([DeclarationFlow], bureau_staff)) == []
    complete(client, bureau_lead, decision, {"approve": "yes", "comment": "同意暂停"})
    assert_agree(declaration, "suspended", None, PROCESS.DONE)
    assert not Declaration.objects.get(pk=declaration.pk).suspension_proposed


def test_migration_0016_carries_an_open_process_proposal_onto_the_declaration():
    """Open processes' suspension_proposed moves onto the declaration; an ended process's stays behind."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cases.migrations.0016_declaration_routing_on_case")
    _producer, open_one = publish()
    _producer, ended_one = publish()
    processes = DeclarationFlow.process_class.objects.filter(flow_class=DeclarationFlow)
    processes.update(data={"reference": "x", "suspension_proposed": True})
    processes.filter(artifact_object_id=ended_one.pk).update(status=PROCESS.DONE)
    migration.carry_over_open_proposals(apps, None)
    assert Declaration.objects.get(pk=open_one.pk).suspension_proposed
    assert not Declaration.objects.get(pk=ended_one.pk).suspension_proposed


def test_proposed_suspension_rejected_by_the_lead(client, bureau_staff, bureau_lead):
    _producer, declaration = publish()
    complete(
        client,
        bureau_staff,
        assert_agree(declaration, "published", "in_process_check"),
        {"outcome": "propose_suspension", "comment": "存疑"},
    )
    complete(
        client,
        bureau_lead,
        assert_agree(declaration, "published", "decide_suspension"),
        {"approve": "no", "comment": "证据不足"},
    )
    assert_agree(declaration, "published", None, PROCESS.DONE)


def test_correction_without_a_comment_is_refused_and_the_task_stays_open(client, bureau_staff):
    _producer, declaration = publish()
    task = assert_agree(declaration, "published", "in_process_check")
    response = complete(client, bureau_staff, task, {"outcome": "correction"}, expect=200)
    assert response.context["form"].errors
    assert_agree(declaration, "published", "in_process_check")


def test_staff_of_another_bureau_cannot_take_the_task(client):
    _producer, declaration = publish()
    task = assert_agree(declaration, "published", "in_process_check")
    client.force_login(make_member("AMR-330102", Role.STAFF))
    response = client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code in (403, 404)
    assert Task.objects.get(pk=task.pk).owner is None
