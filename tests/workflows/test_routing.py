"""Guardian grants on Department objects route viewflow tasks to the right bureau."""

import pytest
from viewflow.workflow.models import Task

from organizations.models import Department, Role
from organizations.services import membership_revoke
from tests.factories import make_member
from tests.workflows.sample_flows import RoutedFlow

pytestmark = pytest.mark.django_db


def queue_of(user):
    return list(Task.objects.queue([RoutedFlow], user))


def test_task_is_offered_to_the_staff_of_the_responsible_bureau_only():
    xihu = Department.objects.get(code="AMR-330106")
    RoutedFlow.start.run(department=xihu)
    task = Task.objects.get(flow_task=RoutedFlow.review)
    assert task.owner_permission == "organizations.work_as_staff"

    xihu_staff = make_member("AMR-330106", Role.STAFF)
    other_bureau_staff = make_member("AMR-330102", Role.STAFF)
    xihu_lead_only = make_member("AMR-330106", Role.LEAD)

    assert queue_of(xihu_staff) == [task]
    assert queue_of(other_bureau_staff) == []
    assert queue_of(xihu_lead_only) == []
    assert RoutedFlow.review.can_assign(xihu_staff, task)
    assert not RoutedFlow.review.can_assign(other_bureau_staff, task)


def test_revoking_the_membership_removes_the_task_from_the_queue():
    RoutedFlow.start.run(department=Department.objects.get(code="AMR-330106"))
    staff = make_member("AMR-330106", Role.STAFF)
    assert len(queue_of(staff)) == 1
    membership_revoke(actor=None, membership=staff.memberships.get())
    staff = type(staff).objects.get(pk=staff.pk)
    assert queue_of(staff) == []
