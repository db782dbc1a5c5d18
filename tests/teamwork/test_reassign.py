"""A lead hands a task to a named colleague (workflows/team): only a lead of the responsible body,
only to someone who may do the task, only while it is open and as the lead saw it; recorded on the
case and told to both people. Taking and releasing a task are recorded too, by every path."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent
from notifications.models import Notification
from organizations.models import Role
from teamwork.audit_actions import TeamAction
from tests.factories import make_member
from tests.factories.enforcement import BUREAU, received_case
from tests.flows import open_task
from tests.workflows.eligibility_scenarios import officer_does_not_review_own_case
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.task_actions import task_assign, task_complete, task_decide, task_unassign
from workflows.team.actions import task_reassign
from workflows.team.selectors import reassign_offer

pytestmark = pytest.mark.django_db

FLOW = EnforcementCaseFlow


@pytest.fixture(autouse=True)
def in_english():
    """The refusals are matched by their English source text (the office's language is Chinese)."""
    with translation.override("en"):
        yield


VERIFIED = {"findings": "现场核实属实", "proposal": "file"}


def verify_task(case) -> Task:
    return open_task(FLOW, case.pk, FLOW.verify)


def team_events(case, action=None):
    events = AuditEvent.objects.filter(target_type__model="enforcementcase", target_id=str(case.pk))
    events = events.filter(action__startswith="task.") if action is None else events.filter(action=action)
    return list(events.order_by("sequence"))


def team_notifications():
    return list(Notification.objects.filter(kind__startswith="team.").order_by("pk"))


def changed_nothing(case, task, events_before, notifications_before):
    fresh = Task.objects.get(pk=task.pk)
    assert (fresh.status, fresh.owner_id) == (task.status, task.owner_id)
    assert len(team_events(case)) == events_before
    assert len(team_notifications()) == notifications_before


# ------------------------------------------------------------------ allowed


def test_a_lead_gives_an_offered_task_to_a_named_inspector(bureau, case):
    inspector = bureau.inspectors[1]
    task_reassign(actor=bureau.lead, task=verify_task(case), to=inspector, expected_owner_id=None)

    task = verify_task(case)
    assert (task.status, task.owner_id) == (STATUS.ASSIGNED, inspector.pk)
    (event,) = team_events(case)
    assert (event.action, event.actor_id) == (TeamAction.TASK_REASSIGN, bureau.lead.pk)
    assert event.data == {"task": task.pk, "node": "verify", "previous": None, "to": inspector.pk}
    with translation.override("zh-hans"):
        assert str(FLOW.verify.task_title) in event.comment and str(inspector) in event.comment
    (told,) = team_notifications()
    assert (told.recipient, told.kind) == (inspector, "team.task_given")
    assert told.link == f"/enforcement/{case.pk}/"


def test_a_lead_hands_a_taken_task_from_one_inspector_to_another(bureau, case):
    first, second = bureau.inspectors[:2]
    task_assign(actor=first, task=verify_task(case))
    task_reassign(actor=bureau.lead, task=verify_task(case), to=second, expected_owner_id=first.pk)

    assert verify_task(case).owner_id == second.pk
    take, handover = team_events(case)
    assert (take.action, take.actor_id, take.data["to"]) == (TeamAction.TASK_TAKE, first.pk, first.pk)
    assert (handover.action, handover.actor_id) == (TeamAction.TASK_REASSIGN, bureau.lead.pk)
    assert (handover.data["previous"], handover.data["to"]) == (first.pk, second.pk)
    given, taken_away = team_notifications()
    assert (given.recipient, given.kind) == (second, "team.task_given")
    assert (taken_away.recipient, taken_away.kind) == (first, "team.task_taken_away")
    assert str(second) in taken_away.subject


def test_the_new_holder_completes_it_and_the_former_one_is_refused(bureau, case):
    first, second = bureau.inspectors[:2]
    task_assign(actor=first, task=verify_task(case))
    task_reassign(actor=bureau.lead, task=verify_task(case), to=second, expected_owner_id=first.pk)
    task = verify_task(case)

    with pytest.raises(PermissionDenied):
        task_complete(actor=first, task=task, data=VERIFIED)
    task_complete(actor=second, task=task, data=VERIFIED)
    assert Task.objects.get(pk=task.pk).status == STATUS.DONE


def test_the_former_holder_posting_the_task_page_gets_the_conflict_page(bureau, case):
    first, second = bureau.inspectors[:2]
    task_assign(actor=first, task=verify_task(case))
    task = verify_task(case)
    url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    client = Client()
    client.force_login(first)
    assert client.get(url).status_code == 200  # the form is open in a tab …
    task_reassign(actor=bureau.lead, task=task, to=second, expected_owner_id=first.pk)

    response = client.post(url, VERIFIED)  # … and submitted after the lead handed the task over
    assert response.status_code == 409
    assert verify_task(case).owner_id == second.pk


# ------------------------------------------------------------------ refused


def test_refused_to_someone_not_a_lead_of_the_responsible_body(bureau, case):
    task = verify_task(case)
    province_lead = make_member("AMR-330000", Role.LEAD)  # sees the case, leads another body
    for actor in (bureau.inspectors[0], bureau.reviewer, province_lead):
        with pytest.raises(PermissionDenied, match="lead"):
            task_reassign(actor=actor, task=task, to=bureau.inspectors[1], expected_owner_id=None)
    changed_nothing(case, task, 0, 0)


def test_refused_to_a_lead_who_may_not_see_the_case(bureau, case):
    task = verify_task(case)
    other_lead = make_member("AMR-350000", Role.LEAD)
    with pytest.raises(PermissionDenied):
        task_reassign(actor=other_lead, task=task, to=bureau.inspectors[1], expected_owner_id=None)
    changed_nothing(case, task, 0, 0)


def test_refused_for_someone_who_may_not_do_the_task(bureau, case):
    task = verify_task(case)
    elsewhere = make_member("AMR-330000", Role.INSPECTOR)  # an inspector, of another body
    gone = make_member(BUREAU, Role.INSPECTOR)
    gone.is_active = False
    gone.save()
    for person in (bureau.reviewer, bureau.lead, elsewhere, gone):  # not an inspector of the bureau, or left
        with pytest.raises(ValidationError, match="may not do this task"):
            task_reassign(actor=bureau.lead, task=task, to=person, expected_owner_id=None)
    changed_nothing(case, task, 0, 0)


def test_refused_for_a_person_an_eligibility_rule_keeps_out():
    scenario = officer_does_not_review_own_case()  # the case's own officer may not review it
    lead = make_member(BUREAU, Role.LEAD)
    offer = reassign_offer(lead, scenario.task)
    assert scenario.allowed in offer.candidates and scenario.refused not in offer.candidates
    with pytest.raises(ValidationError, match="may not do this task"):
        task_reassign(actor=lead, task=scenario.task, to=scenario.refused, expected_owner_id=None)
    task_reassign(actor=lead, task=scenario.task, to=scenario.allowed, expected_owner_id=None)
    assert Task.objects.get(pk=scenario.task.pk).owner_id == scenario.allowed.pk


def test_refused_once_the_task_is_done_or_cancelled(bureau, case):
    inspector = bureau.inspectors[0]
    task_assign(actor=inspector, task=verify_task(case))
    task = verify_task(case)
    task_complete(actor=inspector, task=task, data=VERIFIED)
    with pytest.raises(ValidationError, match="already done"):
        task_reassign(actor=bureau.lead, task=task, to=bureau.inspectors[1], expected_owner_id=inspector.pk)

    other = received_case(actor=inspector)
    cancelled = verify_task(other)
    FLOW.instance.cancel(cancelled.process)
    with pytest.raises(ValidationError, match="cancelled"):
        task_reassign(actor=bureau.lead, task=cancelled, to=bureau.inspectors[1], expected_owner_id=None)


def test_refused_when_the_holder_changed_since_the_lead_looked(bureau, case):
    first, second, third = bureau.inspectors
    task = verify_task(case)
    task_assign(actor=first, task=task)  # taken while the lead had the page open on the queue
    events = len(team_events(case))
    with pytest.raises(ValidationError, match="since you opened the page"):
        task_reassign(actor=bureau.lead, task=task, to=second, expected_owner_id=None)
    with pytest.raises(ValidationError, match="since you opened the page"):
        task_reassign(actor=bureau.lead, task=task, to=second, expected_owner_id=third.pk)
    with pytest.raises(ValidationError, match="already holds"):
        task_reassign(actor=bureau.lead, task=task, to=first, expected_owner_id=first.pk)
    changed_nothing(case, verify_task(case), events, 0)


# ------------------------------------------------------------------ taking and releasing, by every path


def test_taking_and_releasing_through_the_api_actions_are_recorded(bureau, case):
    inspector = bureau.inspectors[0]
    task_assign(actor=inspector, task=verify_task(case))
    task_unassign(actor=inspector, task=verify_task(case))
    task_assign(actor=inspector, task=verify_task(case))
    task_unassign(actor=bureau.lead, task=verify_task(case))  # a lead may put it back too

    actions = [(event.action, event.actor_id) for event in team_events(case)]
    assert actions == [
        (TeamAction.TASK_TAKE, inspector.pk),
        (TeamAction.TASK_RELEASE, inspector.pk),
        (TeamAction.TASK_TAKE, inspector.pk),
        (TeamAction.TASK_RELEASE, bureau.lead.pk),
    ]
    assert all(event.data["previous"] == inspector.pk for event in team_events(case, TeamAction.TASK_RELEASE))
    assert team_notifications() == []  # taking and releasing tell nobody


def test_taking_and_releasing_on_the_task_pages_are_recorded(bureau, case):
    inspector = bureau.inspectors[0]
    task = verify_task(case)
    client = Client()
    client.force_login(inspector)
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code == 302
    client.force_login(bureau.lead)  # viewflow lets a lead put someone's task back in the queue
    assert client.post(task.flow_task.reverse("unassign", args=[task.process_id, task.pk])).status_code == 302

    assert [(e.action, e.actor_id) for e in team_events(case)] == [
        (TeamAction.TASK_TAKE, inspector.pk),
        (TeamAction.TASK_RELEASE, bureau.lead.pk),
    ]


def test_the_old_bulk_buttons_addresses_take_and_release_nothing(bureau, case):
    """viewflow's inbox and queue posted their bulk 领取 and 放弃 there; they left (ADR 0037)."""
    first, second = bureau.inspectors[:2]
    mine = verify_task(case)
    task_assign(actor=first, task=mine)
    other_case = received_case(actor=second)
    theirs = verify_task(other_case)
    client = Client()
    client.force_login(first)
    response = client.post("/staff/workflow/inbox/unassign/", {"pk": [mine.pk], "_confirm": "1"})
    assert response["Location"] == "/work/?show=assigned"
    response = client.post("/staff/workflow/queue/assign/", {"pk": [theirs.pk], "_confirm": "1"})
    assert response["Location"] == "/work/?show=offered"

    assert Task.objects.get(pk=mine.pk).owner_id == first.pk
    assert Task.objects.get(pk=theirs.pk).owner_id is None
    assert team_events(case, TeamAction.TASK_RELEASE) == []
    assert team_events(other_case, TeamAction.TASK_TAKE) == []


def test_a_release_that_fails_leaves_no_record(bureau, case):
    inspector = bureau.inspectors[0]
    task_assign(actor=inspector, task=verify_task(case))
    with pytest.raises(PermissionDenied):
        task_unassign(actor=bureau.inspectors[1], task=verify_task(case))
    assert [e.action for e in team_events(case)] == [TeamAction.TASK_TAKE]


def test_a_decision_refused_for_the_former_holder_changes_nothing(bureau, case):
    first, second = bureau.inspectors[:2]
    task_assign(actor=first, task=verify_task(case))
    task_reassign(actor=bureau.lead, task=verify_task(case), to=second, expected_owner_id=first.pk)
    decided = []
    with pytest.raises(PermissionDenied):
        task_decide(actor=first, task=verify_task(case), decide=decided.append)
    assert decided == []
