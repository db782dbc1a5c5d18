"""A second-batch name through the 国际司's flow: publication, the 2-month objection clock (frozen
dates), an objection, the decision; each change one audit event; only the right people act."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from agreement import actions
from agreement.flows import AgreementEntryFlow
from agreement.models import AgreementEntry, AgreementObjection
from audit.models import AuditEvent
from deadlines.models import Deadline
from tests.clock import BEIJING
from workflows.jobs import fire_workflow_timers
from workflows.task_actions import task_assign, task_decide

from .conftest import SECOND_BATCH

pytestmark = pytest.mark.django_db


def _open_task(node):
    return Task.objects.get(flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED])


def _complete(node, actor, decide):
    task = _open_task(node)
    if task.status == STATUS.NEW:
        task = task_assign(actor=actor, task=task)
    task_decide(actor=actor, task=task, decide=decide)


def _at(day: str):
    return time_machine.travel(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(10), BEIJING))


def _entry() -> AgreementEntry:
    return AgreementEntry.objects.get(name="金华火腿")


@pytest.mark.on_date("2026-06-10")
def test_a_name_is_published_objected_to_and_protected(gjs):
    (entry,) = actions.load_list(actor=gjs.staff, data=SECOND_BATCH.encode())
    with pytest.raises(PermissionDenied):
        actions.request_publication(actor=gjs.kjs_staff, entry=entry)
    actions.request_publication(actor=gjs.staff, entry=entry)
    task = _open_task(AgreementEntryFlow.approve_publication)
    assert not task.flow_task.can_assign(gjs.staff, task)  # the lead's task, not offered to staff
    assert not task.flow_task.can_assign(gjs.kjs_lead, task)  # nor to another body's lead
    _complete(
        AgreementEntryFlow.approve_publication,
        gjs.lead,
        lambda activation: actions.decide_publication(actor=gjs.lead, entry=_entry(), approve=True),
    )
    entry = _entry()
    # Published on Wednesday 10 June: 2 calendar months, the start day not counted, end on Monday 10 August.
    assert (entry.status, entry.window_opens, entry.window_closes) == (
        "published",
        datetime.date(2026, 6, 10),
        datetime.date(2026, 8, 10),
    )
    clock = Deadline.objects.get(rule_code="agreement.objection_window", target_id=entry.pk)
    assert (clock.due_on, clock.state) == (datetime.date(2026, 8, 10), "running")

    with _at("2026-08-10"):  # the last day: still received
        actions.file_objection(
            actor=None, entry=entry, objector_name="某火腿企业", contact="0579-00000000", grounds="名称已通用。"
        )
        assert fire_workflow_timers() == 0
    with _at("2026-08-11"):  # the day after: refused, and the timer closes the period
        with pytest.raises(ValidationError, match="not open"):
            actions.file_objection(actor=None, entry=entry, objector_name="迟到者", contact="x", grounds="迟了")
        assert fire_workflow_timers() >= 1
        entry = _entry()
        assert entry.status == "under_decision"
        assert Deadline.objects.get(pk=clock.pk).state == "met"

        with pytest.raises(ValidationError):  # an objection was received: the reasons must answer it
            _complete(
                AgreementEntryFlow.examine,
                gjs.staff,
                lambda activation: actions.propose_decision(
                    actor=gjs.staff, entry=_entry(), outcome="protect", decision_reference="GJS-2026-1", comment=""
                ),
            )
        _complete(
            AgreementEntryFlow.examine,
            gjs.staff,
            lambda activation: actions.propose_decision(
                actor=gjs.staff,
                entry=_entry(),
                outcome="protect",
                decision_reference="GJS-2026-1",
                comment="金华火腿为特定产地名称，未成为通用名称，异议不成立。",
            ),
        )
        task = _open_task(AgreementEntryFlow.approve_decision)
        assert not task.flow_task.can_assign(gjs.staff, task)
        _complete(
            AgreementEntryFlow.approve_decision,
            gjs.lead,
            lambda activation: actions.decide(actor=gjs.lead, entry=_entry(), approve=True),
        )
    entry = _entry()
    assert (entry.status, entry.protected_from, entry.decision_reference) == (
        "protected",
        datetime.date(2026, 8, 11),
        "GJS-2026-1",
    )
    assert list(AgreementObjection.objects.values_list("status", flat=True)) == ["dismissed"]
    assert entry.objections.get().decided_at is not None
    actions_recorded = list(
        AuditEvent.objects.filter(target_id=str(entry.pk), action__startswith="agreement.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions_recorded == [
        "agreement.load",
        "agreement.request_publication",
        "agreement.publish",
        "agreement.objection",
        "agreement.close_window",
        "agreement.propose_decision",
        "agreement.protect",
    ]
    assert not Task.objects.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED]).exists()


@pytest.mark.on_date("2026-06-10")
def test_a_returned_publication_goes_back_to_the_staff_and_a_refusal_upholds_objections(gjs):
    (entry,) = actions.load_list(actor=gjs.staff, data=SECOND_BATCH.encode())
    actions.request_publication(actor=gjs.staff, entry=entry)
    with pytest.raises(ValidationError):
        actions.decide_publication(actor=gjs.lead, entry=entry, approve=False, comment="")
    _complete(
        AgreementEntryFlow.approve_publication,
        gjs.lead,
        lambda activation: actions.decide_publication(
            actor=gjs.lead, entry=_entry(), approve=False, comment="补充说明"
        ),
    )
    assert _entry().status == "proposed"
    assert not Task.objects.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED]).exists()
    with pytest.raises(ValidationError):  # not published: no objection
        actions.file_objection(actor=None, entry=_entry(), objector_name="甲", contact="x", grounds="y")


def test_a_first_batch_name_cannot_be_put_forward_again(gjs):
    data = SECOND_BATCH.replace("V,金华火腿", "III,金华火腿")
    (entry,) = actions.load_list(actor=gjs.staff, data=data.encode())
    assert entry.status == "protected"
    with pytest.raises(ValidationError):
        actions.request_publication(actor=gjs.staff, entry=entry)
    with pytest.raises(PermissionDenied):
        actions.load_list(actor=gjs.kjs_staff, data=SECOND_BATCH.encode())
