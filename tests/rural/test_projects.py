"""A project through its task pages from application to completion, with its two-year clock;
each task offered only to those allowed to do it; the services refuse anyone else."""

import datetime
from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from deadlines.jobs import check_deadlines
from deadlines.models import Deadline, DeadlineAlert
from deadlines.selectors import deadlines_for
from notifications.models import Notification
from rural import actions
from rural.flows import RuralProjectFlow
from rural.models import Project
from tests import flows

from .conftest import apply

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]

agree = partial(flows.agree, RuralProjectFlow)
complete = flows.complete
Status = Project.Status


def test_a_project_from_application_to_completion_through_its_task_pages(client, cast):
    project = apply(cast, files=[SimpleUploadedFile("申请书.pdf", b"%PDF-1.4\n%%EOF\n")])
    assert project.reference.startswith("XCZX-2026-")
    assert project.materials.count() == 1
    task = agree(project, Status.APPLIED, "recommend")
    complete(client, cast.province_lead, task, {"recommend": "yes", "comment": "同意推荐"})
    task = agree(project, Status.RECOMMENDED, "evaluate")
    # An evaluation needs its reasons: the page says so and nothing moves.
    complete(client, cast.jcs_staff, task, {"approve": "yes", "comment": ""}, expect=200)
    task = agree(project, Status.RECOMMENDED, "evaluate")
    complete(client, cast.jcs_staff, task, {"approve": "yes", "comment": "评审通过"})
    task = agree(project, Status.EVALUATED, "publish")
    # The lead sends it back once, then publishes.
    complete(client, cast.jcs_lead, task, {"publish": "no", "comment": "补充预算说明"})
    task = agree(project, Status.RECOMMENDED, "evaluate")
    complete(client, cast.jcs_staff, task, {"approve": "yes", "comment": "已补充"})
    task = agree(project, Status.EVALUATED, "publish")
    complete(client, cast.jcs_lead, task, {"publish": "yes"})
    task = agree(project, Status.IMPLEMENTING, "final_report")
    clock = deadlines_for(project).get(rule_code="rural.implementation")
    assert clock.due_on == datetime.date(2028, 6, 15) and clock.department == cast.county

    complete(client, cast.county_staff, task, {"report": "已建成茶园三处，网店销售120万元。"})
    task = agree(project, Status.REPORTED, "review_final")
    assert Deadline.objects.get(pk=clock.pk).state == Deadline.State.MET
    complete(client, cast.jcs_staff, task, {"accept": "no", "comment": "缺少销售凭证"})
    task = agree(project, Status.IMPLEMENTING, "final_report")
    complete(client, cast.county_staff, task, {"report": "补充了销售凭证。"})
    task = agree(project, Status.REPORTED, "review_final")
    complete(client, cast.jcs_staff, task, {"accept": "yes"})
    agree(project, Status.COMPLETED, None)
    actions_done = list(AuditEvent.objects.filter(action__startswith="rural.").values_list("action", flat=True))
    assert actions_done.count("rural.evaluate") == 2 and "rural.complete" in actions_done
    page = client.get(reverse("rural:project", args=[project.pk]))
    assert page.status_code == 200 and "已建成茶园三处" not in page.content.decode()  # the latest report shows
    assert "补充了销售凭证" in page.content.decode()


def test_the_two_year_clock_reminds_the_county_then_escalates_to_its_lead(cast):
    project = apply(cast)
    actions.decide_recommendation(actor=cast.province_lead, project=project, recommend=True)
    actions.decide_evaluation(actor=cast.jcs_staff, project=project, approve=True, comment="通过")
    actions.decide_publication(actor=cast.jcs_lead, project=project, publish=True)
    clock = deadlines_for(project).get(rule_code="rural.implementation")
    check_deadlines(today=clock.due_on - datetime.timedelta(days=2))
    assert DeadlineAlert.objects.filter(deadline=clock, kind__startswith="reminder").exists()
    assert Notification.objects.filter(recipient=cast.county_staff, kind="deadline.reminder").exists()
    check_deadlines(today=clock.due_on + datetime.timedelta(days=1))
    assert Deadline.objects.get(pk=clock.pk).state == Deadline.State.OVERDUE
    assert Notification.objects.filter(recipient=cast.county_lead, kind="deadline.escalation").exists()


def test_a_declined_project_ends_and_the_county_is_told(cast):
    project = apply(cast)
    with pytest.raises(ValidationError):
        actions.decide_recommendation(actor=cast.province_lead, project=project, recommend=False, comment=" ")
    actions.decide_recommendation(actor=cast.province_lead, project=project, recommend=False, comment="不符合条件")
    assert Project.objects.get(pk=project.pk).status == Status.NOT_SELECTED
    assert Notification.objects.filter(recipient=cast.county_staff, kind="rural.not_selected").exists()


def test_each_step_belongs_to_its_body_only(cast):
    project = apply(cast)
    task = flows.open_task(RuralProjectFlow, project)
    # Offered to the province's lead, not to the county, the 计财司 or another province.
    assert task.flow_task.can_assign(cast.province_lead, task)
    for user in (cast.county_staff, cast.jcs_staff, cast.jcs_lead, cast.other_staff):
        assert not task.flow_task.can_assign(user, task)
    for user in (cast.county_staff, cast.jcs_lead, cast.other_staff):
        with pytest.raises(PermissionDenied):
            actions.decide_recommendation(actor=user, project=project, recommend=True)
    actions.decide_recommendation(actor=cast.province_lead, project=project, recommend=True)
    with pytest.raises(PermissionDenied):
        actions.decide_evaluation(actor=cast.province_lead, project=project, approve=True, comment="x")
    actions.decide_evaluation(actor=cast.jcs_staff, project=project, approve=True, comment="x")
    with pytest.raises(PermissionDenied):
        actions.decide_publication(actor=cast.jcs_staff, project=project, publish=True)


def test_another_province_cannot_apply_for_zhejiang_or_see_its_project(client, cast):
    with pytest.raises(PermissionDenied):
        actions.apply_for_project(
            actor=cast.other_staff, bureau=cast.county, title="x", region=cast.xihu, products=[], summary="x"
        )
    project = apply(cast)
    client.force_login(cast.other_staff)
    assert client.get(reverse("rural:project", args=[project.pk])).status_code == 404
    client.force_login(cast.jcs_staff)
    assert client.get(reverse("rural:project", args=[project.pk])).status_code == 200


def test_a_bureau_cannot_enter_for_a_region_outside_its_own(cast):
    with pytest.raises(ValidationError):
        actions.apply_for_project(
            actor=cast.county_staff, bureau=cast.county, title="x", region=cast.anxi, products=[], summary="x"
        )
    assert not Project.objects.exists()
